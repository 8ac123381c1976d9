import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember } from '../helpers/fixtures.ts';
import { base, type ClinicalWorld, clinicalWorld, today } from './clinical-support.ts';
import { type TreatedPatient, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let p: TreatedPatient;
let patientUser: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  patientUser = await addMember(t, w.clinicId, ['patient']);
  // Two signed notes: pain 6 → 3 and 5 → 2, lumbar flexion 40 then 50.
  p = await treatedPatient(w, { userId: patientUser.userId });
  const amend = async (noteId: string, reason: string, changes: Record<string, unknown>) => {
    const r = await w.therapist.agent.post(`${base(w, p.patientId)}/notes/${noteId}/amendments`, {
      reason,
      changes,
    });
    expect(r.statusCode, r.body).toBe(201);
  };
  await amend(p.noteIds[0]!, 'Pain after the session was entered wrongly', { pain: { after: 1 } });
  await amend(p.noteIds[1]!, 'Flexion was misread', {
    objective: { rom: [{ jointMotion: 'lumbar.flexion', value: 45 }] },
  });
});
afterAll(() => t.close());

describe('progress after a signed note was amended', () => {
  it('shows staff the corrected pain and ROM, not the values as first signed', async () => {
    const response = await w.therapist.agent.get(`${base(w, p.patientId)}/progress`);
    expect(response.statusCode, response.body).toBe(200);
    const v = response.json();
    expect(v.pain).toEqual([
      { date: today(t), before: 6, after: 1 },
      { date: today(t), before: 5, after: 2 },
    ]);
    expect(v.rom).toEqual([
      expect.objectContaining({ jointMotion: 'lumbar.flexion', points: [{ date: today(t), value: 45 }] }),
    ]);
  });

  it('shows the patient the corrected pain in the portal', async () => {
    const response = await patientUser.agent.get(`${base(w, p.patientId)}/portal/progress`);
    expect(response.statusCode, response.body).toBe(200);
    const v = response.json();
    expect(v.pain.map((x: { after: number }) => x.after)).toEqual([1, 2]);
    expect(v.painSummary).toBe('On average your pain was 5.5 out of 10 before a session and 1.5 after.');
  });

  it('reports the corrected range of motion of an amended evaluation', async () => {
    const url = `${base(w, p.patientId)}/assessments`;
    const evaluation = (
      await w.therapist.agent.post(url, {
        kind: 'initial',
        content: { rom: [{ jointMotion: 'cervical.rotation', side: 'left', value: 40 }] },
      })
    ).json();
    const signed = await w.therapist.agent.post(`${url}/${evaluation.id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const amended = await w.therapist.agent.post(`${url}/${evaluation.id}/amendments`, {
      reason: 'Rotation was read on the wrong side of the goniometer',
      changes: { rom: [{ jointMotion: 'cervical.rotation', side: 'left', value: 55 }] },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const report = await w.therapist.agent.post(`${base(w, p.patientId)}/reports`, {
      kind: 'progress_report',
    });
    expect(report.statusCode, report.body).toBe(201);
    const rotation = report
      .json()
      .facts.rom.find((r: { jointMotion: string }) => r.jointMotion === 'cervical.rotation');
    expect(rotation).toMatchObject({ first: expect.objectContaining({ value: 55 }) });
  });
});
