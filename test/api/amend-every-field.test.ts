import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { base, type ClinicalWorld, clinicalWorld, patientWithReferral } from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const BACK_ROW = { techniqueId: 'swedish-massage', region: 'low-back', minutes: 30, pressure: 'light' };

async function signedNote(patientId: string, content: Record<string, unknown>) {
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content });
  expect(created.statusCode, created.body).toBe(201);
  const url = `${base(w, patientId)}/notes/${created.json().id}`;
  const signed = await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });
  expect(signed.statusCode, signed.body).toBe(200);
  return url;
}

async function signedEvaluation(patientId: string, content: Record<string, unknown>) {
  const created = await w.therapist.agent.post(`${base(w, patientId)}/assessments`, {
    kind: 'initial',
    content,
  });
  expect(created.statusCode, created.body).toBe(201);
  const url = `${base(w, patientId)}/assessments/${created.json().id}`;
  const signed = await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });
  expect(signed.statusCode, signed.body).toBe(200);
  return url;
}

const amend = (url: string, changes: Record<string, unknown>) =>
  w.therapist.agent.post(`${url}/amendments`, { reason: 'Entered wrongly', changes });

/** A refusal in the one error shape, naming the field. */
function expectRefused(response: Awaited<ReturnType<typeof amend>>, path: string) {
  expect(response.statusCode, response.body).toBe(400);
  const { error } = response.json();
  expect(error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
  expect(JSON.stringify(error.details)).toContain(path);
}

describe('amending every field of a signed note', () => {
  it('corrects the choices, positions, body chart and range of motion, keeping the original', async () => {
    const { patientId } = await patientWithReferral(w);
    const url = await signedNote(patientId, {
      subjective: { complaint: 'Stiff low back', pressurePreference: 'light', changeSinceLastVisit: 'same' },
      objective: {
        bodyChart: [{ region: 'low-back', kind: 'pain', intensity: 6 }],
        rom: [{ jointMotion: 'lumbar.flexion', value: 40 }],
      },
      treatment: { rows: [BACK_ROW], position: ['prone'], hotCold: 'none', pressureFeedback: 'too-light' },
      plan: { nextVisit: 'In a week' },
    });
    const changes = {
      subjective: { pressurePreference: 'firm', changeSinceLastVisit: 'better', painMedication: 'less' },
      objective: {
        bodyChart: [
          { region: 'low-back', kind: 'pain', intensity: 4 },
          { region: 'upper-back', kind: 'tension' },
        ],
        rom: [{ jointMotion: 'lumbar.flexion', value: 50 }],
      },
      treatment: {
        position: ['prone', 'side-lying-left'],
        hotCold: 'heat',
        hotColdNote: 'Moist heat, 10 minutes',
      },
      plan: { nextVisit: 'In two weeks' },
    };
    const amended = await amend(url, changes);
    expect(amended.statusCode, amended.body).toBe(201);
    const note = amended.json();
    expect(note.current.subjective).toMatchObject(changes.subjective);
    expect(note.current.objective).toEqual({ ...changes.objective });
    expect(note.current.treatment).toMatchObject({ ...changes.treatment, rows: [BACK_ROW] });
    expect(note.current.plan.nextVisit).toBe('In two weeks');
    expect(note.content.treatment.position).toEqual(['prone']);
    expect(note.rom).toEqual([expect.objectContaining({ jointMotion: 'lumbar.flexion', value: 50 })]);
    expect(note.amendments[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'treatment.hotCold', before: 'none', after: 'heat' },
        { field: 'subjective.painMedication', before: null, after: 'less' },
        { field: 'treatment.position', before: ['prone'], after: ['prone', 'side-lying-left'] },
      ]),
    );

    // Read elsewhere: the body chart over time and progress show the corrected values.
    const history = (await w.therapist.agent.get(`${base(w, patientId)}/body-chart/history`)).json();
    const fromNote = history.items.find(
      (i: { source: { type: string } }) => i.source.type === 'session_note',
    );
    expect(fromNote.findings).toEqual(changes.objective.bodyChart);
    const progress = (await w.therapist.agent.get(`${base(w, patientId)}/progress`)).json();
    expect(progress.rom).toEqual([
      expect.objectContaining({ points: [expect.objectContaining({ value: 50 })] }),
    ]);
  });

  it('refuses a bad value or an unknown field, in the one error shape, and records nothing', async () => {
    const { patientId } = await patientWithReferral(w);
    const url = await signedNote(patientId, { treatment: { rows: [BACK_ROW], hotCold: 'none' } });
    expectRefused(await amend(url, { treatment: { hotCold: 'lava' } }), 'changes.treatment.hotCold');
    expectRefused(
      await amend(url, { treatment: { position: ['upside-down'] } }),
      'changes.treatment.position',
    );
    expectRefused(
      await amend(url, { subjective: { pressurePreference: 'very-deep' } }),
      'changes.subjective.pressurePreference',
    );
    expectRefused(
      await amend(url, { objective: { bodyChart: [{ region: 'low-back', kind: 'pain' }] } }),
      'changes.objective.bodyChart',
    );
    // A shoulder is measured per side.
    expectRefused(
      await amend(url, { objective: { rom: [{ jointMotion: 'shoulder.flexion', value: 120 }] } }),
      'changes.objective.rom',
    );
    expectRefused(await amend(url, { treatment: { mood: 'calm' } }), 'changes.treatment');
    expectRefused(await amend(url, { questionnaires: [] }), 'changes');
    const view = (await w.therapist.agent.get(url)).json();
    expect(view.amendments).toEqual([]);
  });

  it('screens the Hot / cold the note keeps over corrected treatment rows', async () => {
    // Numb left foot: no cold there; on the back it is fine.
    const { patientId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'impaired-sensation', site: ['foot-left'] }] },
    });
    const url = await signedNote(patientId, { treatment: { rows: [BACK_ROW], hotCold: 'cold' } });
    const refused = await amend(url, {
      treatment: { rows: [{ ...BACK_ROW, region: 'foot-left' }] },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.code).toBe('contraindicated');
    expect(refused.json().error.details.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ hotCold: 'blocked' })]),
    );
    // Taking the cold off in the same amendment is accepted.
    const accepted = await amend(url, {
      treatment: { rows: [{ ...BACK_ROW, region: 'foot-left' }], hotCold: 'none' },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });
});

describe('amending every field of a signed evaluation', () => {
  it('corrects palpation choices, trigger points, the body chart and range of motion', async () => {
    const { patientId } = await patientWithReferral(w);
    const url = await signedEvaluation(patientId, {
      chiefComplaint: 'Neck pain',
      palpation: { tone: 'normal', temperature: 'normal' },
      bodyChart: [{ region: 'neck-posterior', kind: 'pain', intensity: 5 }],
      rom: [{ jointMotion: 'cervical.rotation', side: 'left', value: 40 }],
    });
    const changes = {
      palpation: {
        tone: 'hypertonic',
        temperature: 'warm',
        notes: 'Ropy bands',
        triggerPoints: [
          { region: 'upper-back', muscle: 'Upper trapezius', referralPattern: 'Temple', active: true },
        ],
      },
      bodyChart: [{ region: 'neck-posterior', kind: 'pain', intensity: 7 }],
      rom: [{ jointMotion: 'cervical.rotation', side: 'left', value: 55 }],
    };
    const amended = await amend(url, changes);
    expect(amended.statusCode, amended.body).toBe(201);
    const evaluation = amended.json();
    expect(evaluation.current).toMatchObject({ chiefComplaint: 'Neck pain', ...changes });
    expect(evaluation.content.palpation).toEqual({ tone: 'normal', temperature: 'normal' });
    expect(evaluation.rom).toEqual([
      expect.objectContaining({ jointMotion: 'cervical.rotation', value: 55 }),
    ]);
    expect(evaluation.amendments[0].changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'bodyChart',
      'palpation.notes',
      'palpation.temperature',
      'palpation.tone',
      'palpation.triggerPoints',
      'rom',
    ]);
  });

  it('refuses a bad value or an unknown field, in the one error shape', async () => {
    const { patientId } = await patientWithReferral(w);
    const url = await signedEvaluation(patientId, { chiefComplaint: 'Neck pain' });
    expectRefused(await amend(url, { palpation: { tone: 'floppy' } }), 'changes.palpation.tone');
    expectRefused(
      await amend(url, { palpation: { triggerPoints: [{ region: 'nowhere', referralPattern: '' }] } }),
      'changes.palpation.triggerPoints',
    );
    expectRefused(
      await amend(url, { bodyChart: [{ region: 'neck-posterior', kind: 'bruise' }] }),
      'changes.bodyChart',
    );
    expectRefused(await amend(url, { mood: 'calm' }), 'changes');
    expect((await w.therapist.agent.get(url)).json().amendments).toEqual([]);
  });
});
