import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayText } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { base, type ClinicalWorld, clinicalWorld, plusDays, today } from './clinical-support.ts';
import { treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

describe('the period of a progress report', () => {
  it('says up to when a signed report already covers, and when the next one can start', async () => {
    const p = await treatedPatient(w, { sessions: 1 });
    const reports = `${base(w, p.patientId)}/reports`;
    const first = await w.therapist.agent.post(reports, { kind: 'progress_report' });
    expect(first.statusCode, first.body).toBe(201);
    const signed = await w.therapist.agent.post(`${reports}/${first.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);

    const refused = await w.therapist.agent.post(reports, { kind: 'progress_report' });
    expect(refused.statusCode).toBe(422);
    const next = dayText(plusDays(t, 1));
    expect(refused.json().error).toMatchObject({
      message: `A signed report already covers up to ${dayText(today(t))}: the next one can start on ${next}`,
      details: [{ path: 'body.periodEnd', message: `Choose ${next} or later` }],
    });
  });

  it('says when the plan of care starts, for a period ending before it', async () => {
    const p = await treatedPatient(w, { sessions: 1 });
    const refused = await w.therapist.agent.post(`${base(w, p.patientId)}/reports`, {
      kind: 'progress_report',
      periodEnd: plusDays(t, -10),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.message).toMatch(
      /^The period must end on or after .+, when the plan of care starts$/,
    );
  });
});
