import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// On a blood thinner: light pressure only, and no hot packs (no clearance lifts either).
const bloodThinner = { medications: [{ class: 'anticoagulant', name: 'Apixaban' }] };
const LIGHT_ROW = { techniqueId: 'swedish-massage', region: 'low-back', minutes: 30, pressure: 'light' };
type Finding = { ruleId: string; blocking: boolean; hotCold?: string; rows: unknown[] };
const rule = (findings: Finding[], ruleId: string) => findings.find((f) => f.ruleId === ruleId);

async function note(patientId: string, treatment: Record<string, unknown>) {
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    content: { subjective: { complaint: 'Stiff low back' }, treatment },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}
const sign = (patientId: string, noteId: string) =>
  w.therapist.agent.post(`${base(w, patientId)}/notes/${noteId}/sign`, { typedName: w.therapist.name });

describe('a session note’s Hot / cold', () => {
  it('is screened like a hot-pack row: heat is ruled out, the note is not signed until it is taken off', async () => {
    const { patientId } = await patientWithReferral(w, { health: bloodThinner });
    const draft = await note(patientId, { rows: [LIGHT_ROW], hotCold: 'heat' });
    expect(rule(draft.screening.findings, 'bleeding-heat')).toMatchObject({
      blocking: true,
      hotCold: 'blocked',
      rows: [],
    });
    // Light pressure already meets the blood thinner's limit: neither the row nor Hot / cold is marked for it.
    expect(rule(draft.screening.findings, 'bleeding-light-pressure')).toMatchObject({
      blocking: false,
      rows: [],
    });
    expect(rule(draft.screening.findings, 'bleeding-light-pressure')?.hotCold).toBeUndefined();

    const refused = await sign(patientId, draft.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('contraindicated');

    // Contrast is heat too; cold alone the blood thinner does not rule out.
    const url = `${base(w, patientId)}/notes/${draft.id}`;
    const contrast = await w.therapist.agent.patch(url, { content: { treatment: { hotCold: 'contrast' } } });
    expect(contrast.json().screening.blocked).toBe(true);
    const cold = await w.therapist.agent.patch(url, { content: { treatment: { hotCold: 'cold' } } });
    expect(cold.statusCode, cold.body).toBe(200);
    expect(cold.json().screening.blocked).toBe(false);
    expect((await sign(patientId, draft.id)).statusCode).toBe(200);

    // An amendment cannot add the heat afterwards.
    const amended = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Heat was given',
      changes: { treatment: { hotCold: 'heat' } },
    });
    expect(amended.statusCode).toBe(422);
    expect(amended.json().error.code).toBe('contraindicated');
  });

  it('screens cold where the treatment was given, and the whole body when no row says where', async () => {
    // Numb left foot: no heat or cold there; elsewhere both are fine.
    const { patientId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'impaired-sensation', site: ['foot-left'] }] },
    });
    const onBack = await note(patientId, { rows: [LIGHT_ROW], hotCold: 'cold' });
    expect(onBack.screening.blocked).toBe(false);
    const nowhere = await note(patientId, { hotCold: 'cold' });
    expect(nowhere.screening.blocked).toBe(true);
  });

  it('is not pre-filled by a template', async () => {
    const { patientId } = await patientWithReferral(w, { health: bloodThinner });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes?from=template`, {
      templateId: 'low-back-pain',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().content.treatment.hotCold).toBeUndefined();
  });
});

describe('a plan of care’s home-care heat and cold', () => {
  it('refuses warmth at home when the patient’s health rules out heat, in the shared words', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: bloodThinner });
    const body = planBody(w, referralId, {
      techniques: ['swedish-massage'],
      regions: ['low-back'],
      homeCare: { exercises: [], advice: ['hydration', 'heat-at-home'] },
    });
    const refused = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'contraindicated',
      message:
        'The plan includes home care (Warmth for stiffness) the patient’s health rules out. Change the plan: a physician clearance cannot lift this restriction.',
    });
    expect(refused.json().error.details.findings).toEqual([
      expect.objectContaining({
        ruleId: 'bleeding-heat',
        conflicts: [],
        homeCare: [{ id: 'heat-at-home', title: 'Warmth for stiffness' }],
      }),
    ]);
    expect(refused.body).not.toMatch(/Source|R\d\d/);

    // Cold at home is fine; the plan page reads how each heat or cold item stands today.
    const acknowledged = ['bleeding-light-pressure:anticoagulant@*'];
    const saved = await w.therapist.agent.post(`${base(w, patientId)}/plans`, {
      ...body,
      homeCare: { exercises: [], advice: ['cold-at-home'] },
      acknowledgedPrecautions: acknowledged,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const screening = await w.therapist.agent.get(`${base(w, patientId)}/plans/${saved.json().id}/screening`);
    expect(screening.statusCode, screening.body).toBe(200);
    expect(screening.json().homeCare).toEqual([
      expect.objectContaining({ id: 'cold-at-home', title: 'Cold for soreness', blocked: false }),
    ]);
  });
});

describe('a plan and a note agree on “light pressure only”', () => {
  it('saves myofascial release for a patient on a blood thinner as a precaution the note then keeps', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: bloodThinner });
    const body = planBody(w, referralId, { techniques: ['myofascial-release'], regions: ['low-back'] });
    // Before: refused as too deep at its usual (moderate) pressure. Now: care to acknowledge.
    const asked = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    expect(asked.statusCode).toBe(422);
    expect(asked.json().error.code).toBe('precautions_unacknowledged');
    const keys = asked.json().error.details.findings.map((f: { key: string }) => f.key);
    expect(keys).toEqual(['bleeding-light-pressure:anticoagulant@*']);
    const saved = await w.therapist.agent.post(`${base(w, patientId)}/plans`, {
      ...body,
      acknowledgedPrecautions: keys,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const screening = (
      await w.therapist.agent.get(`${base(w, patientId)}/plans/${saved.json().id}/screening`)
    ).json();
    expect(screening.blocked).toBe(false);

    // The note given light signs; given moderate it is ruled out, as the plan's precaution says.
    const light = await note(patientId, { rows: [{ ...LIGHT_ROW, techniqueId: 'myofascial-release' }] });
    expect(light.screening.blocked).toBe(false);
    const firm = await note(patientId, {
      rows: [{ ...LIGHT_ROW, techniqueId: 'myofascial-release', pressure: 'moderate' }],
    });
    expect(firm.screening.blocked).toBe(true);
  });
});
