import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, patients } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Awaited<ReturnType<typeof setUpClinic>>['owner'];
let clinicId: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
});
afterAll(() => t.close());

async function createPatient(email?: string) {
  const response = await owner.post(`/api/clinics/${clinicId}/patients`, {
    legalFirstName: 'Ana',
    legalLastName: `Ruiz ${Math.random().toString(36).slice(2, 7)}`,
    dateOfBirth: '1988-04-12',
    ...(email ? { email } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe('patient portal invitation', () => {
  it('links the accepted account to that patient record, which the patient then reads', async () => {
    const patientId = await createPatient('ana.ruiz@example.test');
    const sent = await owner.post(`/api/clinics/${clinicId}/patients/${patientId}/portal-invitation`);
    expect(sent.statusCode).toBe(201);
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'ana.ruiz@example.test'));
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1]!;
    const ana = t.agent();
    const accepted = await ana.post(`/api/invitations/${token}/accept`, {
      displayName: 'Ana Ruiz',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);
    const [record] = await t.database.db.select().from(patients).where(eq(patients.id, patientId));
    const me = (await ana.refreshMe()).json();
    expect(record!.userId).toBe(me.user.id);
    expect(me.clinics[0].patientId).toBe(patientId);
    expect((await ana.get(`/api/clinics/${clinicId}/patients/${patientId}`)).statusCode).toBe(200);
    const other = await createPatient();
    expect((await ana.get(`/api/clinics/${clinicId}/patients/${other}`)).statusCode).toBe(403);
    const again = await owner.post(`/api/clinics/${clinicId}/patients/${patientId}/portal-invitation`);
    expect(again.statusCode).toBe(409);
  });

  it('needs an e-mail on the record and a staff member to send it', async () => {
    const patientId = await createPatient();
    const response = await owner.post(`/api/clinics/${clinicId}/patients/${patientId}/portal-invitation`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe('patient.email');
    const physician = await addMember(t, clinicId, ['physician']);
    expect(
      (await physician.agent.post(`/api/clinics/${clinicId}/patients/${patientId}/portal-invitation`))
        .statusCode,
    ).toBe(403);
  });
});
