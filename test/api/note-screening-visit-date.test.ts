import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConditionAnswer, checklistWith } from '../../src/modules/intake/schemas.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  plusDays,
  signInAgain,
  today,
} from './clinical-support.ts';

/**
 * A session note is screened against the health history in force on its visit date, not today's: a clot
 * reported after the visit does not refuse the note (nor label it "given despite a contraindication"), and a
 * clot on file on the day still counts after a later history leaves it out.
 */

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;
/** Three days on (signed in again: the sessions have timed out). */
async function later3Days() {
  t.clock.advance(3 * DAY);
  await signInAgain(w);
}
const CLOT = (): ConditionAnswer[] => [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }];
const BACK = { techniqueId: 'swedish-massage', region: 'low-back', minutes: 20, pressure: 'light' };
const CALF = { techniqueId: 'swedish-massage', region: 'calf-left', minutes: 5, pressure: 'light' };

/** A new health-history version (the patient's answers as of now), submitted by the therapist. */
async function submitHistory(patientId: string, conditions: ConditionAnswer[]) {
  const intake = await w.therapist.agent.post(`${base(w, patientId)}/intakes`, {});
  expect(intake.statusCode, intake.body).toBeLessThan(300);
  const response = await w.therapist.agent.post(`${base(w, patientId)}/intakes/${intake.json().id}/submit`, {
    answers: {
      medications: [],
      allergies: [],
      surgeries: [],
      pregnancy: { pregnant: false },
      implants: [],
      pain: { level: 6, regions: ['low-back'] },
      goals: 'Sit through work',
      pressurePreference: 'moderate',
      conditions: checklistWith(conditions),
      consent: {
        agreed: true,
        typedName: 'Ana Lopez',
        textVersion: w.consent.version,
        textHash: w.consent.textHash,
      },
    },
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** A draft note for `visitDate` with `rows` given; its URL and the screening it was saved with. */
async function draft(patientId: string, visitDate: string, rows: unknown[]) {
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    visitDate,
    content: { subjective: { painToday: 5 }, treatment: { rows } },
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.json().visitDate).toBe(visitDate);
  return { url: `${base(w, patientId)}/notes/${created.json().id}`, screening: created.json().screening };
}

const sign = (url: string) => w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });

describe('screening a session note against the health history of its visit date', () => {
  it('a clot reported after the visit: the earlier visit signs and is amended without an override; a visit on the day of the report is refused', async () => {
    // Day 0: a history with no clot. Day 3: the patient reports a clot in the left calf.
    const { patientId } = await patientWithReferral(w, { health: {} });
    await later3Days();
    await submitHistory(patientId, CLOT());
    const before = plusDays(t, -2);

    // The note of the earlier visit, written (and signed) after the report.
    const earlier = await draft(patientId, before, [BACK, CALF]);
    expect(earlier.screening).toMatchObject({ blocked: false });
    expect(earlier.screening.findings).toEqual([]);
    const opened = await w.therapist.agent.get(earlier.url);
    expect(opened.json().screening).toMatchObject({ blocked: false, findings: [] });
    const signed = await sign(earlier.url);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', contraindicationOverride: null });

    // Correcting the earlier visit's treatment later is screened against that day's history too.
    const amended = await w.therapist.agent.post(`${earlier.url}/amendments`, {
      reason: 'The left calf was treated a little longer',
      changes: { treatment: { rows: [BACK, { ...CALF, minutes: 10 }] } },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json().amendments[0].contraindicationOverride).toBeNull();

    // A visit on the day of the report (after it): the calf is ruled out, and only an override signs it.
    const later = await draft(patientId, today(t), [BACK, CALF]);
    expect(later.screening).toMatchObject({ blocked: true });
    const refused = await sign(later.url);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'contraindicated',
      details: { findings: [expect.objectContaining({ ruleId: 'dvt-limb', blocking: true })] },
    });

    // Moving the draft to the earlier date screens it against that day's history.
    const moved = await w.therapist.agent.patch(later.url, { visitDate: before });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().screening).toMatchObject({ blocked: false });
  });

  it('a clot on file on the visit date still refuses the note after a later history leaves it out', async () => {
    const { patientId } = await patientWithReferral(w, { health: { conditions: CLOT() } });
    await later3Days();
    await submitHistory(patientId, []);

    const earlier = await draft(patientId, plusDays(t, -2), [BACK, CALF]);
    expect(earlier.screening).toMatchObject({ blocked: true });
    const refused = await sign(earlier.url);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('contraindicated');

    const later = await draft(patientId, today(t), [BACK, CALF]);
    expect(later.screening).toMatchObject({ blocked: false });
    expect((await sign(later.url)).statusCode).toBe(200);
  });

  it('a visit before the first health history is screened against the one on file', async () => {
    // No version existed on the visit date: the current history is the only statement of health there is.
    const { patientId } = await patientWithReferral(w, { health: { conditions: CLOT() } });
    const earlier = await draft(patientId, plusDays(t, -1), [BACK, CALF]);
    expect(earlier.screening).toMatchObject({ blocked: true });
  });
});
