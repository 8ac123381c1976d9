/**
 * The health-history checklist stores each "No" explicitly: an item never answered stays unanswered (after a
 * reload too), submit refuses the list until every item is answered, and only a "yes" reaches the safety
 * screening. An answer stored before (the list of "yes" items only) still reads as it was. An emergency red
 * flag puts an "Urgent" item on the patient's therapist's to-do list until a signed note or evaluation of a visit
 * on or after the day of the report follows (an older visit's record signed late does not clear it).
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeResponses, patients } from '../../src/db/schema/index.ts';
import { checklistCodes } from '../../src/modules/intake/questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from '../../src/modules/intake/questionnaires.ts';
import { type ConditionAnswer, checklistWith } from '../../src/modules/intake/schemas.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  patientWithReferral,
  plusDays,
  serviceAndRoom,
  signInAgain,
  ZONE,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t?.close());

const CODES = checklistCodes(questionnaire(CURRENT_QUESTIONNAIRE_VERSION));

const REST = {
  goals: 'Less back pain',
  medications: [],
  allergies: [],
  surgeries: [],
  pregnancy: { pregnant: false },
  implants: [],
  pain: { level: 3, regions: ['low-back'] },
  pressurePreference: 'moderate',
};
const signature = () => ({
  agreed: true,
  typedName: 'Ana Lopez',
  textVersion: w.consent.version,
  textHash: w.consent.textHash,
});

async function draftFor(patientId: string) {
  const draft = await w.therapist.agent.post(`${base(w, patientId)}/intakes`, {});
  expect([200, 201]).toContain(draft.statusCode);
  return draft.json() as { id: string };
}

const submit = (patientId: string, intakeId: string, answers: Record<string, unknown>) =>
  w.therapist.agent.post(`${base(w, patientId)}/intakes/${intakeId}/submit`, { answers });

const flagsOf = async (patientId: string) => {
  const response = await w.therapist.agent.get(`${base(w, patientId)}/safety`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { flags: { ruleId: string }[]; basedOn: unknown };
};

describe('the health-history checklist', () => {
  it('refuses a partly answered checklist at submit, naming the question and what is unanswered, and keeps the draft', async () => {
    const { patientId } = await patientWithReferral(w);
    const draft = await draftFor(patientId);
    // One "yes", one "no", and nothing else: the other items are unanswered, not "no".
    const partial = await submit(patientId, draft.id, {
      ...REST,
      conditions: [
        { code: 'bruise', answer: 'yes', site: ['thigh-anterior-left'] },
        { code: 'fever', answer: 'no' },
      ],
      consent: signature(),
    });
    expect(partial.statusCode, partial.body).toBe(422);
    const details = partial.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(['answers.conditions']);
    expect(details[0]!.message).toContain(`${CODES.length - 2} not answered`);
    expect(details[0]!.message).toContain('Blood clot (DVT)');

    // Nothing answered at all is refused too (an empty list is no longer "none of these").
    const empty = await submit(patientId, draft.id, { conditions: [] });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details.map((d: { path: string }) => d.path)).toEqual(['answers.conditions']);

    // An item answered twice is refused.
    const twice = await submit(patientId, draft.id, {
      conditions: [...checklistWith(), { code: 'fever', answer: 'yes' }],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details[0].message).toMatch(/Fever is answered twice/);

    const read = await w.therapist.agent.get(`${base(w, patientId)}/intakes/${draft.id}`);
    expect(read.json()).toMatchObject({ status: 'draft' });
  });

  it('keeps explicit "No" answers and unanswered items apart across an autosave and a reload', async () => {
    const { patientId } = await patientWithReferral(w);
    const draft = await draftFor(patientId);
    const conditions: ConditionAnswer[] = [
      { code: 'dvt', answer: 'no' },
      { code: 'recent-sprain', answer: 'yes', site: ['ankle-left'] },
    ];
    const saved = await w.therapist.agent.put(`${base(w, patientId)}/intakes/${draft.id}/answers`, {
      answers: { conditions },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const reopened = (await w.therapist.agent.get(`${base(w, patientId)}/intakes/${draft.id}`)).json();
    expect(reopened.answers.conditions).toEqual(conditions);
  });

  it('accepts a fully answered checklist; only the "yes" answers reach the safety screening', async () => {
    const { patientId } = await patientWithReferral(w);
    const draft = await draftFor(patientId);
    const conditions = checklistWith([{ code: 'raynauds', site: ['hand-left'] }]);
    expect(conditions).toHaveLength(CODES.length);
    expect(conditions.find((c) => c.code === 'dvt')).toEqual({ code: 'dvt', answer: 'no' });
    const submitted = await submit(patientId, draft.id, { ...REST, conditions, consent: signature() });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const ruleIds = (await flagsOf(patientId)).flags.map((f) => f.ruleId);
    expect(ruleIds).toContain('cold-intolerance');
    expect(ruleIds).not.toContain('dvt-limb');
    expect(ruleIds).not.toContain('systemic-illness-defer');
  });

  it('still reads a health history stored in the old format (the "yes" items only), as it was', async () => {
    const { patientId } = await patientWithReferral(w);
    const id = uuidv7();
    await t.database.db.insert(intakeResponses).values({
      clinicId: w.clinicId,
      id,
      patientId,
      questionnaireVersion: 2,
      kind: 'intake',
      status: 'submitted',
      answers: { ...REST, conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -20) }] },
      version: 1,
      savedAt: t.clock.now(),
      submittedAt: t.clock.now(),
      submittedVia: 'staff',
    });
    const read = await w.therapist.agent.get(`${base(w, patientId)}/intakes/${id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().answers.conditions).toEqual([
      { code: 'dvt', site: ['calf-left'], onset: plusDays(t, -20) },
    ]);
    // The listed item is a "yes"; the others are absent, as the old format meant.
    const ruleIds = (await flagsOf(patientId)).flags.map((f) => f.ruleId);
    expect(ruleIds).toContain('dvt-limb');

    // An update starts from it: the "yes" carries over, the rest must now be answered before submit.
    const update = await draftFor(patientId);
    const refused = await submit(patientId, update.id, { consent: signature() });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toContain('answers.conditions');
  });
});

describe('an emergency red flag on the intake', () => {
  const RED_FLAG = 'radiculopathy-red-flags';
  const todo = async (agent = w.therapist.agent, clinicId = w.clinicId) => {
    const response = await agent.get(`/api/clinics/${clinicId}/todo`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as {
      kind: string;
      patientId: string;
      message: string;
      href: string;
      resourceType: string;
    }[];
  };
  const urgentOf = (items: Awaited<ReturnType<typeof todo>>, patientId: string) =>
    items.filter((i) => i.kind === 'urgent_red_flag' && i.patientId === patientId);

  it("puts an urgent item on the patient's therapist's to-do list, not on another therapist's or clinic's, until a signed note follows", async () => {
    const { patientId } = await patientWithReferral(w, { health: { conditions: [{ code: RED_FLAG }] } });
    const [patient] = await t.database.db.select().from(patients).where(eq(patients.id, patientId));
    const place = await serviceAndRoom(w);
    const startAt = new Date(t.clock.now().getTime() + 2 * 86_400_000);
    await insertAppointment(w, place, {
      patientId,
      startAt,
      endAt: new Date(startAt.getTime() + 3_600_000),
      status: 'booked',
    });

    const mine = urgentOf(await todo(), patientId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ resourceType: 'intake', href: `/patients/${patientId}` });
    expect(mine[0]!.message).toMatch(
      new RegExp(`^${patient!.legalFirstName} ${patient!.legalLastName} reported red-flag nerve symptoms`),
    );
    expect(mine[0]!.message).toMatch(/on their intake of .*refer to a physician now/);
    // Listed first: it is the most pressing thing on the list.
    expect((await todo())[0]!.kind).toBe('urgent_red_flag');

    // Another therapist of the clinic, with no link to this patient (who has a therapist), does not see it.
    const other = await addMember(t, w.clinicId, ['therapist']);
    expect(urgentOf(await todo(other.agent), patientId)).toEqual([]);
    // Nor does another clinic's owner, on their own list.
    const elsewhere = await createOtherClinic(t);
    expect(urgentOf(await todo(elsewhere.owner, elsewhere.clinicId), patientId)).toEqual([]);
    // The front desk has no to-do list of clinical work.
    const desk = await addMember(t, w.clinicId, ['front_desk']);
    expect((await desk.agent.get(`/api/clinics/${w.clinicId}/todo`)).statusCode).toBe(403);

    // A signed note after the intake: the therapist has seen the patient about it.
    t.clock.advance(60_000);
    const note = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: {
        subjective: { complaint: 'Saddle numbness since yesterday; sent to the emergency department.' },
      },
    });
    expect(note.statusCode, note.body).toBe(201);
    const signed = await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(urgentOf(await todo(), patientId)).toEqual([]);
  });

  it('reaches every therapist when no therapist is linked to the patient yet; a "No" or a later "No" raises nothing', async () => {
    const { patientId } = await patientWithReferral(w, { health: { conditions: [{ code: RED_FLAG }] } });
    const other = await addMember(t, w.clinicId, ['therapist']);
    expect(urgentOf(await todo(), patientId)).toHaveLength(1);
    expect(urgentOf(await todo(other.agent), patientId)).toHaveLength(1);

    // A health-history update answering "No" ends it.
    t.clock.advance(60_000);
    const update = await draftFor(patientId);
    const conditions = checklistWith();
    expect(conditions.find((c) => c.code === RED_FLAG)).toEqual({ code: RED_FLAG, answer: 'no' });
    const submitted = await submit(patientId, update.id, { conditions });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(urgentOf(await todo(), patientId)).toEqual([]);

    const { patientId: fine } = await patientWithReferral(w, { health: {} });
    expect(urgentOf(await todo(), fine)).toEqual([]);
  });

  it("stays through a late-signed record of an earlier visit; a note of a visit on or after the report's day (clinic time) clears it", async () => {
    // The report at 11:30 PM in the clinic (Los Angeles): already the next day in UTC.
    const now = DateTime.fromJSDate(t.clock.now(), { zone: ZONE });
    let lateEvening = now.set({ hour: 23, minute: 30, second: 0, millisecond: 0 });
    if (lateEvening <= now) lateEvening = lateEvening.plus({ days: 1 });
    t.clock.advance(lateEvening.toMillis() - now.toMillis());
    await signInAgain(w);
    const reportDay = plusDays(t, 0);
    expect(DateTime.fromJSDate(t.clock.now(), { zone: 'UTC' }).toISODate()).not.toBe(reportDay);

    const { patientId } = await patientWithReferral(w, { health: { conditions: [{ code: RED_FLAG }] } });
    const place = await serviceAndRoom(w);
    const visitAt = lateEvening.minus({ days: 2 }).set({ hour: 10 }).toJSDate();
    await insertAppointment(w, place, {
      patientId,
      startAt: visitAt,
      endAt: new Date(visitAt.getTime() + 3_600_000),
      status: 'completed',
    });
    expect(urgentOf(await todo(), patientId)).toHaveLength(1);

    const signedNote = async (visitDate: string) => {
      const note = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
        visitDate,
        content: { subjective: { complaint: 'Low back ache, no new symptoms.' } },
      });
      expect(note.statusCode, note.body).toBe(201);
      expect(note.json().visitDate).toBe(visitDate);
      const signed = await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
        typedName: w.therapist.name,
      });
      expect(signed.statusCode, signed.body).toBe(200);
    };

    // The note of the visit two days before the report, signed after it: no one has seen the patient since.
    t.clock.advance(60_000);
    await signedNote(plusDays(t, -2));
    expect(urgentOf(await todo(), patientId)).toHaveLength(1);
    // Nor does an evaluation dated the day before the report, signed after it.
    const url = `${base(w, patientId)}/assessments`;
    const evaluation = await w.therapist.agent.post(url, {
      kind: 'initial',
      assessedOn: plusDays(t, -1),
      content: { posture: 'Level shoulders' },
    });
    expect(evaluation.statusCode, evaluation.body).toBe(201);
    const evaluationSigned = await w.therapist.agent.post(`${url}/${evaluation.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(evaluationSigned.statusCode, evaluationSigned.body).toBe(200);
    expect(urgentOf(await todo(), patientId)).toHaveLength(1);

    // A note of a visit on the day of the report, in the clinic's time zone, clears it.
    await signedNote(reportDay);
    expect(urgentOf(await todo(), patientId)).toEqual([]);
  });

  it('is cleared by a signed evaluation dated on or after the day of the report', async () => {
    const { patientId } = await patientWithReferral(w, { health: { conditions: [{ code: RED_FLAG }] } });
    expect(urgentOf(await todo(), patientId)).toHaveLength(1);
    t.clock.advance(60_000);
    const url = `${base(w, patientId)}/assessments`;
    const evaluation = await w.therapist.agent.post(url, {
      kind: 'initial',
      content: { posture: 'Level shoulders' },
    });
    expect(evaluation.statusCode, evaluation.body).toBe(201);
    expect(evaluation.json().assessedOn).toBe(plusDays(t, 0));
    const signed = await w.therapist.agent.post(`${url}/${evaluation.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(urgentOf(await todo(), patientId)).toEqual([]);
  });
});
