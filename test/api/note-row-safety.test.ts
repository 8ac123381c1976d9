import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionNotes } from '../../src/db/schema/index.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember } from '../helpers/fixtures.ts';
import {
  auditOf,
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

// On a blood thinner (light pressure only, no heat: no clearance lifts either) with a clot in the left calf
// (nothing on the left leg until a physician clears it).
const health = () => ({
  medications: [{ class: 'anticoagulant', name: 'Apixaban' }],
  conditions: checklistWith([{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }]),
});
const ROWS = [
  { techniqueId: 'swedish-massage', region: 'low-back', minutes: 20, pressure: 'light' },
  { techniqueId: 'swedish-massage', region: 'calf-left', minutes: 5, pressure: 'light' },
  { techniqueId: 'hot-therapy', region: 'low-back', minutes: 10 },
];

type Finding = { ruleId: string; rows: unknown[]; clearancePolicy: string; reason: string };
const byRule = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.ruleId, f]));

describe('the treatment rows a screening finding touches', () => {
  it('names each row a finding rules out or asks care for, with its reason and whether a clearance can lift it', async () => {
    const { patientId } = await patientWithReferral(w, { health: health() });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: { treatment: { rows: ROWS } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const findings = byRule(created.json().screening.findings);
    // Light pressure is all the blood thinner asks: rows given light (and a hot pack, with no pressure) already
    // meet it, so it marks none of them. The clot rules out the left calf, the blood thinner the heat.
    expect(findings['bleeding-light-pressure']).toMatchObject({
      clearancePolicy: 'not-overridable',
      blocking: false,
      reason: 'blood that clots slowly bruises and bleeds into the tissue under firm pressure',
      rows: [],
    });
    expect(findings['dvt-limb']).toMatchObject({
      clearancePolicy: 'may-override',
      blocking: true,
      declined: null,
      rows: [{ techniqueId: 'swedish-massage', region: 'calf-left', pressure: 'light', blocked: true }],
    });
    expect(findings['bleeding-heat']).toMatchObject({
      clearancePolicy: 'not-overridable',
      blocking: true,
      rows: [{ techniqueId: 'hot-therapy', region: 'low-back', pressure: null, blocked: true }],
    });
    // The response is the allow-list: the finding's message and sources stay on the server.
    expect(Object.keys(findings['dvt-limb']!)).not.toContain('message');

    // Stored with the note, as the API answers it.
    const [row] = await t.database.db
      .select()
      .from(sessionNotes)
      .where(and(eq(sessionNotes.clinicId, w.clinicId), eq(sessionNotes.id, created.json().id)));
    expect(byRule((row!.screening as { findings: Finding[] }).findings)['dvt-limb']!.rows).toHaveLength(1);

    // Signing refuses, and says what a clearance can and cannot lift.
    const refused = await w.therapist.agent.post(`${base(w, patientId)}/notes/${created.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe(
      'The treatment given includes a technique or region the patient’s health rules out, with no clearance on file. Change the treatment. A physician clearance can lift only the restrictions marked so: ask for it and record it, and change the treatment for the others. If this treatment was really given, record it with a written reason why (it is then marked “Given despite a contraindication”).',
    );
    expect(refused.json().error.details).toMatchObject({ overridable: true });

    // Without the heat and the clot's leg, nothing is ruled out: the blood thinner is still a finding of the
    // note, but asks nothing of the row already given light.
    const saved = await w.therapist.agent.put(`${base(w, patientId)}/notes/${created.json().id}`, {
      content: { treatment: { rows: [ROWS[0]] } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().screening).toMatchObject({ blocked: false });
    expect(saved.json().screening.findings).toEqual([
      expect.objectContaining({
        ruleId: 'bleeding-light-pressure',
        rows: [],
      }),
    ]);
    expect(await auditOf(w, patientId, w.therapist.userId)).toEqual(
      expect.arrayContaining(['session_note.create:allowed', 'session_note.update:allowed']),
    );
  });

  it('screens a draft again as it is opened: health facts recorded since it was saved show on its rows', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: { treatment: { rows: ROWS } },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().screening.findings).toEqual([]);
    // The patient reports a clot and a blood thinner in a health-history update.
    const update = (await w.therapist.agent.post(`${base(w, patientId)}/intakes`, {})).json();
    const submitted = await w.therapist.agent.post(`${base(w, patientId)}/intakes/${update.id}/submit`, {
      answers: { ...update.answers, ...health() },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const read = await w.therapist.agent.get(`${base(w, patientId)}/notes/${created.json().id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(byRule(read.json().screening.findings)['dvt-limb']).toMatchObject({
      blocking: true,
      rows: [{ techniqueId: 'swedish-massage', region: 'calf-left', pressure: 'light', blocked: true }],
    });
  });

  it('answers a note screened before rows were named with its rules’ reasons and clearance policies', async () => {
    const { patientId } = await patientWithReferral(w, { health: health() });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: { treatment: { rows: [ROWS[1]] } },
    });
    const noteId = created.json().id as string;
    const legacy = {
      onDate: plusDays(t, 0),
      status: 'blocked',
      blocked: true,
      findings: [
        {
          key: 'dvt-limb:dvt@calf-left',
          ruleId: 'dvt-limb',
          subject: 'Blood clot (DVT) in the left calf',
          severity: 'avoid-area',
          restriction: 'no massage of the left leg until a physician confirms the clot has resolved',
          blocking: true,
          acknowledged: false,
        },
      ],
    };
    // Signed then (a draft is screened afresh when opened).
    await t.database.db
      .update(sessionNotes)
      .set({
        screening: legacy,
        status: 'signed',
        signedAt: new Date(),
        signatureTypedName: w.therapist.name,
      })
      .where(and(eq(sessionNotes.clinicId, w.clinicId), eq(sessionNotes.id, noteId)));
    const read = await w.therapist.agent.get(`${base(w, patientId)}/notes/${noteId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().screening.findings).toEqual([
      {
        ...legacy.findings[0],
        reason: 'pressing on the limb could dislodge the clot and cause a pulmonary embolism',
        clearancePolicy: 'may-override',
        declined: null,
        rows: [],
      },
    ]);
    // A physician not linked to the patient reads nothing of it, and the refusal is audited.
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.get(`${base(w, patientId)}/notes/${noteId}`)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['session_note.read:refused']);
  });
});

describe('a plan the patient’s health rules out', () => {
  it('says a clearance cannot lift what no physician can clear', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: health() });
    // Trigger point work on the low back: ruled out by the blood thinner, whatever a physician writes.
    const refused = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'contraindicated',
      message:
        'The plan includes a technique or region the patient’s health rules out. Change the plan: a physician clearance cannot lift this restriction.',
    });
  });
});
