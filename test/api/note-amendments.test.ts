import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicalAmendments } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  planBody,
  plusDays,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const UPPER_BACK = {
  techniqueId: 'myofascial-release',
  region: 'upper-back',
  minutes: 15,
  pressure: 'moderate',
};
const CALF_DEEP = { techniqueId: 'deep-tissue-massage', region: 'calf-left', minutes: 10, pressure: 'deep' };

/** A signed note for a patient with a DVT in the left calf; the treatment given is away from it. */
async function signedNote() {
  const { patientId, referralId } = await patientWithReferral(w, {
    health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
  });
  expect(
    (await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId))).statusCode,
  ).toBe(201);
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    content: { subjective: { painToday: 6 }, treatment: { rows: [UPPER_BACK] } },
  });
  expect(created.statusCode, created.body).toBe(201);
  const url = `${base(w, patientId)}/notes/${created.json().id}`;
  const signed = await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });
  expect(signed.statusCode, signed.body).toBe(200);
  return { patientId, url, noteId: created.json().id as string };
}

const amendmentCount = async (noteId: string) =>
  (await t.database.db.select().from(clinicalAmendments).where(eq(clinicalAmendments.sessionNoteId, noteId)))
    .length;

describe('amending a signed note', () => {
  it('refuses an empty number, naming the field, and records nothing', async () => {
    const { url, noteId } = await signedNote();
    for (const painToday of [null, '']) {
      const refused = await w.therapist.agent.post(`${url}/amendments`, {
        reason: 'Pain was not asked',
        changes: { subjective: { painToday } },
      });
      expect(refused.statusCode, JSON.stringify(painToday)).toBe(400);
      expect(JSON.stringify(refused.json().error.details)).toContain('changes.subjective.painToday');
    }
    expect(await amendmentCount(noteId)).toBe(0);
    const view = (await w.therapist.agent.get(url)).json();
    expect(view.current.subjective.painToday).toBe(6);
  });

  it('corrects the minutes of the treatment rows, and the billing follows', async () => {
    const { url } = await signedNote();
    const amended = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Myofascial release lasted 23 minutes, not 15',
      changes: { treatment: { rows: [{ ...UPPER_BACK, minutes: 23 }] } },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const view = amended.json();
    expect(view.content.treatment.rows).toEqual([UPPER_BACK]);
    expect(view.current.treatment.rows).toEqual([{ ...UPPER_BACK, minutes: 23 }]);
    expect(view.billing).toMatchObject({
      totalMinutes: 23,
      timedMinutesByCpt: { '97140': 23 },
      totalUnits: 2,
    });
    expect(view.amendments[0].changes).toEqual([
      { field: 'treatment.rows', before: [UPPER_BACK], after: [{ ...UPPER_BACK, minutes: 23 }] },
    ]);

    // The same row rules as a draft: 0 minutes is not a treatment row.
    const invalid = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Typo',
      changes: { treatment: { rows: [{ ...UPPER_BACK, minutes: 0 }] } },
    });
    expect(invalid.statusCode).toBe(400);
  });

  it('screens corrected rows: a contraindicated treatment is refused until a clearance is recorded', async () => {
    const { patientId, url, noteId } = await signedNote();
    const refused = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'The calf was treated too',
      changes: { treatment: { rows: [UPPER_BACK, CALF_DEEP] } },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.code).toBe('contraindicated');
    expect(refused.json().error.details.findings[0]).toMatchObject({ ruleId: 'dvt-limb', blocking: true });
    expect(await amendmentCount(noteId)).toBe(0);

    const clearance = await w.therapist.agent.post(`${base(w, patientId)}/safety/clearances`, {
      ruleIds: ['dvt-limb'],
      physicianName: 'Dr. Park',
      clearedOn: plusDays(t, -1),
    });
    expect(clearance.statusCode, clearance.body).toBe(201);
    const accepted = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'The calf was treated too',
      changes: { treatment: { rows: [UPPER_BACK, CALF_DEEP] } },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(await amendmentCount(noteId)).toBe(1);
  });
});
