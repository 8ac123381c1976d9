import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeCareLogs, recordsRequests, reportDeliveries, users } from '../../src/db/schema/index.ts';
import { seedPatientsDemo } from '../../src/modules/patients/demo.ts';
import { seedReportsDemo } from '../../src/modules/reports/demo.ts';
import { seedClinicalDemo } from '../../src/modules/session-notes/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let clinicId: string;
let physician: Awaited<ReturnType<typeof addMember>>;
let result: Awaited<ReturnType<typeof seedReportsDemo>>;

beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await setUpClinic(t));
  physician = await addMember(t, clinicId, ['physician']);
  const therapist = await addMember(t, clinicId, ['therapist']);
  const [owner] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'owner@harbor.test'));
  await seedPatientsDemo(t.database.db, {
    clinicId,
    staffUserIds: [owner!.id],
    physicianUserId: physician.userId,
    now: t.clock.now(),
  });
  const input = {
    clinicId,
    therapistUserIds: [therapist.userId],
    physicianUserId: physician.userId,
    now: t.clock.now(),
  };
  await seedClinicalDemo(t.database.db, input);
  result = await seedReportsDemo(t.database.db, input);
}, 120_000);
afterAll(() => t.close());

describe('reports demo data', () => {
  it('holds signed reports and a discharge summary the demo physician can open, home-care logs and a request', async () => {
    expect(result.reportIds).toHaveLength(3);
    expect(result.dischargeSummaryId).not.toBeNull();
    const list = await physician.agent.get(`/api/clinics/${clinicId}/physician/reports`);
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([...result.reportIds, result.dischargeSummaryId].sort());
    const opened = await physician.agent.get(`/api/clinics/${clinicId}/reports/${result.reportIds[0]}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().facts.treatment.sessions).toBeGreaterThan(0);
    // The home program logged before the reports were written shows in them (it used to read 0 %).
    const reports = await Promise.all(
      result.reportIds.map(async (id) =>
        (await physician.agent.get(`/api/clinics/${clinicId}/reports/${id}`)).json(),
      ),
    );
    expect(reports.some((r) => (r.facts.homeCare.adherencePercent ?? 0) > 0)).toBe(true);
    const [delivery] = await t.database.db
      .select()
      .from(reportDeliveries)
      .where(eq(reportDeliveries.reportId, result.reportIds[0]!));
    expect(delivery!.openedAt).not.toBeNull();
    const pdf = await physician.agent.get(
      `/api/clinics/${clinicId}/patients/${opened.json().patientId}/reports/${result.reportIds[0]}/pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(result.homeCareLogs).toBeGreaterThan(0);
    expect(
      await t.database.db.select().from(homeCareLogs).where(eq(homeCareLogs.clinicId, clinicId)),
    ).toHaveLength(result.homeCareLogs);
    const requests = await t.database.db
      .select()
      .from(recordsRequests)
      .where(eq(recordsRequests.clinicId, clinicId));
    expect(requests.map((r) => r.status)).toEqual(['open']);
  });
});
