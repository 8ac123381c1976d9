import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicalAmendments, intakeResponses } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  planBody,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const BACK_ROW = { techniqueId: 'myofascial-release', region: 'low-back', minutes: 30, pressure: 'moderate' };

/** A patient with a submitted health history and a plan of three goals; answers their ids. */
async function patientWithPlan() {
  const { patientId, referralId } = await patientWithReferral(w, { health: {} });
  const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
  expect(plan.statusCode, plan.body).toBe(201);
  const [intake] = await t.database.db
    .select({ id: intakeResponses.id })
    .from(intakeResponses)
    .where(and(eq(intakeResponses.patientId, patientId), eq(intakeResponses.status, 'submitted')));
  return {
    patientId,
    referralId,
    planId: plan.json().id as string,
    goalIds: (plan.json().current.goals as { id: string }[]).map((g) => g.id),
    versionId: intake!.id,
  };
}

/** A signed note on the plan rating its first goal, with health changes linked to the health history. */
async function signedNote(p: Awaited<ReturnType<typeof patientWithPlan>>) {
  const created = await w.therapist.agent.post(`${base(w, p.patientId)}/notes`, {
    planId: p.planId,
    content: {
      subjective: {
        complaint: 'Low back stiff',
        healthChanges: {
          changed: true,
          rescreen: true,
          healthHistoryVersionId: p.versionId,
          note: 'New meds',
        },
      },
      treatment: { rows: [BACK_ROW] },
      assessment: { goalProgress: [{ goalId: p.goalIds[0]!, progress: 'progressing' }] },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const url = `${base(w, p.patientId)}/notes/${created.json().id}`;
  const signed = await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });
  expect(signed.statusCode, signed.body).toBe(200);
  return { url, noteId: created.json().id as string };
}

const amend = (url: string, changes: Record<string, unknown>, agent = w.therapist.agent) =>
  agent.post(`${url}/amendments`, { reason: 'Rated from the wrong sheet', changes });

const amendmentCount = async (noteId: string) =>
  (await t.database.db.select().from(clinicalAmendments).where(eq(clinicalAmendments.sessionNoteId, noteId)))
    .length;

describe('amending progress per goal and health changes', () => {
  it('corrects both, keeps the original, and lists each field before → after', async () => {
    const p = await patientWithPlan();
    const { url } = await signedNote(p);
    const [g1, g2] = p.goalIds as [string, string];
    const goalProgress = [
      { goalId: g1, progress: 'met', note: 'Sat through a two-hour meeting' },
      { goalId: g2, progress: 'no-change' },
    ];
    const healthChanges = {
      changed: true,
      rescreen: true,
      healthHistoryVersionId: p.versionId,
      note: 'Started apixaban',
    };
    const amended = await amend(url, { subjective: { healthChanges }, assessment: { goalProgress } });
    expect(amended.statusCode, amended.body).toBe(201);
    const note = amended.json();
    expect(note.current.assessment.goalProgress).toEqual(goalProgress);
    expect(note.current.subjective.healthChanges).toEqual(healthChanges);
    expect(note.current.subjective.complaint).toBe('Low back stiff');
    expect(note.content.assessment.goalProgress).toEqual([{ goalId: g1, progress: 'progressing' }]);
    expect(note.content.subjective.healthChanges.note).toBe('New meds');
    expect(note.amendments).toHaveLength(1);
    expect(note.amendments[0].changes).toEqual(
      expect.arrayContaining([
        {
          field: 'assessment.goalProgress',
          before: [{ goalId: g1, progress: 'progressing' }],
          after: goalProgress,
        },
        {
          field: 'subjective.healthChanges',
          before: { changed: true, rescreen: true, healthHistoryVersionId: p.versionId, note: 'New meds' },
          after: healthChanges,
        },
      ]),
    );
    expect(note.amendments[0].changes).toHaveLength(2);
    // Read again, the note says the corrected progress.
    const read = (await w.therapist.agent.get(url)).json();
    expect(read.current.assessment.goalProgress).toEqual(goalProgress);
  });

  it('sees no change in health changes sent as stored, whatever the order of their parts', async () => {
    const p = await patientWithPlan();
    const { url, noteId } = await signedNote(p);
    const same = await amend(url, {
      subjective: {
        healthChanges: {
          note: 'New meds',
          healthHistoryVersionId: p.versionId,
          rescreen: true,
          changed: true,
        },
      },
    });
    expect(same.statusCode, same.body).toBe(422);
    expect(same.json().error.message).toBe('The amendment changes nothing');
    expect(await amendmentCount(noteId)).toBe(0);
  });

  it('refuses a goal not of the note’s plan and another patient’s health history, recording nothing', async () => {
    const p = await patientWithPlan();
    const other = await patientWithPlan();
    const { url, noteId } = await signedNote(p);
    const stranger = await amend(url, {
      assessment: { goalProgress: [{ goalId: other.goalIds[0]!, progress: 'met' }] },
    });
    expect(stranger.statusCode, stranger.body).toBe(422);
    expect(stranger.json().error.details).toEqual([
      { path: 'body.changes.assessment.goalProgress.0.goalId', message: 'Not a goal of the note’s plan' },
    ]);
    const theirs = await amend(url, {
      subjective: { healthChanges: { changed: true, healthHistoryVersionId: other.versionId } },
    });
    expect(theirs.statusCode, theirs.body).toBe(422);
    expect(JSON.stringify(theirs.json().error.details)).toContain(
      'body.changes.subjective.healthChanges.healthHistoryVersionId',
    );
    expect(await amendmentCount(noteId)).toBe(0);
  });

  it('keeps a goal the note rated after the plan dropped it', async () => {
    const p = await patientWithPlan();
    const { url } = await signedNote(p);
    const [g1, , g3] = p.goalIds as [string, string, string];
    const current = (await w.therapist.agent.get(`${base(w, p.patientId)}/plans/${p.planId}`)).json().current;
    const changed = await w.therapist.agent.put(
      `${base(w, p.patientId)}/plans/${p.planId}`,
      planBody(w, p.referralId, { goals: current.goals.filter((g: { id: string }) => g.id !== g1) }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const amended = await amend(url, {
      assessment: {
        goalProgress: [
          { goalId: g1, progress: 'met' },
          { goalId: g3, progress: 'progressing' },
        ],
      },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    // A goal neither in the plan nor rated before is still refused.
    const refused = await amend(url, {
      assessment: { goalProgress: [{ goalId: 'made-up-goal', progress: 'met' }] },
    });
    expect(refused.statusCode).toBe(422);
  });

  it('is refused to a physician, who reads the note but does not correct it', async () => {
    const p = await patientWithPlan();
    const { url, noteId } = await signedNote(p);
    const refused = await amend(
      url,
      { assessment: { goalProgress: [{ goalId: p.goalIds[0]!, progress: 'met' }] } },
      w.physician.agent,
    );
    expect(refused.statusCode).toBe(403);
    expect(await amendmentCount(noteId)).toBe(0);
  });
});
