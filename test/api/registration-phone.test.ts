import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, PASSWORD } from '../helpers/fixtures.ts';
import { buildWorld, ok, type SchedulingWorld, setNow, ZONE } from './scheduling-support.ts';

/** A phone given at online sign-up is checked as one the front desk enters, and found by its digits. */
let t: TestApp;
let w: SchedulingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  setNow(t, DateTime.fromISO('2026-12-01T08:00', { zone: ZONE }).toJSDate());
});
afterAll(() => t.close());

const register = (phone: string | undefined, email: string) =>
  t.agent().post(`/api/public/clinics/${w.clinicId}/patient-accounts`, {
    firstName: 'Nadia',
    lastName: 'Haddad',
    dateOfBirth: '1985-07-21',
    email,
    ...(phone === undefined ? {} : { phone }),
    password: PASSWORD,
  });
const phoneOf = async (patientId: string) =>
  (await t.database.db.select({ phone: patients.phone }).from(patients).where(eq(patients.id, patientId)))[0]
    ?.phone;

describe('the phone given when registering online', () => {
  it('is kept as written, like a staff-entered phone, and staff find it by its last digits or in any format', async () => {
    const created = await register('  619 555 0199 ', 'nadia.haddad@example.test');
    expect(created.statusCode, created.body).toBe(201);
    const { patientId } = created.json();
    expect(await phoneOf(patientId)).toBe('619 555 0199');
    const desk = (await addMember(t, w.clinicId, ['front_desk'])).agent;
    for (const q of ['0199', '5550199', '(619) 555-0199', '+1 619-555-0199']) {
      const found = await ok(
        await desk.get(`/api/clinics/${w.clinicId}/patients?q=${encodeURIComponent(q)}`),
      );
      expect(
        found.items.map((p: { id: string }) => p.id),
        q,
      ).toContain(patientId);
    }
  });

  it('refuses what is not a phone number, with the message staff get, and creates no account', async () => {
    for (const phone of ['call me', '555-01', '619 555 0199 ext. 4']) {
      const refused = await register(phone, `not-a-phone-${phone.length}@example.test`);
      expect(refused.statusCode, phone).toBe(400);
      expect(JSON.stringify(refused.json().error.details)).toMatch(/phone/i);
    }
    const rows = await t.database.db.select().from(patients).where(eq(patients.legalLastName, 'Haddad'));
    expect(rows).toHaveLength(1);
  });

  it('may be left out or blank', async () => {
    const none = await register(undefined, 'no-phone@example.test');
    expect(none.statusCode, none.body).toBe(201);
    expect(await phoneOf(none.json().patientId)).toBeNull();
    const blank = await register('', 'blank-phone@example.test');
    expect(blank.statusCode, blank.body).toBe(201);
    expect(await phoneOf(blank.json().patientId)).toBeNull();
  });
});
