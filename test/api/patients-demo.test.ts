import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients, referrals, referringProviders, users } from '../../src/db/schema/index.ts';
import { isValidNpi } from '../../src/domain/codes/npi.ts';
import { localDate } from '../../src/modules/patients/dates.ts';
import { seedPatientsDemo } from '../../src/modules/patients/demo.ts';
import { referralViews } from '../../src/modules/referrals/repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let clinicId: string;
let physician: Awaited<ReturnType<typeof addMember>>;
let result: Awaited<ReturnType<typeof seedPatientsDemo>>;

beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await setUpClinic(t));
  physician = await addMember(t, clinicId, ['physician']);
  const [staff] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'owner@harbor.test'));
  result = await seedPatientsDemo(t.database.db, {
    clinicId,
    staffUserIds: [staff!.id],
    physicianUserId: physician.userId,
    now: t.clock.now(),
  });
});
afterAll(() => t.close());

describe('patients demo data', () => {
  it('adds about 40 patients, 4 providers with valid NPIs and 25 referrals in every status', async () => {
    expect(result.patientIds).toHaveLength(40);
    const providers = await t.database.db
      .select()
      .from(referringProviders)
      .where(eq(referringProviders.clinicId, clinicId));
    expect(providers).toHaveLength(4);
    expect(providers.every((p) => p.npi && isValidNpi(p.npi))).toBe(true);
    const rows = await t.database.db.select().from(referrals).where(eq(referrals.clinicId, clinicId));
    expect(rows).toHaveLength(25);
    const views = await referralViews(
      t.database.db,
      clinicId,
      rows,
      localDate(t.clock.now(), 'America/Los_Angeles'),
    );
    const statuses = new Set(views.map((v) => v.status));
    for (const status of [
      'active',
      'expiring_soon',
      'expired',
      'visits_exhausted',
      'superseded',
      'pending',
    ]) {
      expect(statuses, status).toContain(status);
    }
    expect(views.filter((v) => v.source === 'electronic').every((v) => v.signature?.valid)).toBe(true);
    const minors = await t.database.db.select().from(patients).where(eq(patients.clinicId, clinicId));
    expect(minors.filter((p) => p.guardian).length).toBeGreaterThanOrEqual(1);
  });

  it('lets the demo physician see only their patients', async () => {
    const seen = (await physician.agent.get(`/api/clinics/${clinicId}/patients?limit=200`)).json().items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(10);
    const other = result.patientIds.find((id) => !seen.some((p: { id: string }) => p.id === id))!;
    expect((await physician.agent.get(`/api/clinics/${clinicId}/patients/${other}`)).statusCode).toBe(403);
  });
});
