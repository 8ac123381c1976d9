import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, patients } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { buildWorld, ok, type SchedulingWorld, setNow, ZONE } from './scheduling-support.ts';

let t: TestApp;
let world: SchedulingWorld;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
  setNow(t, DateTime.fromISO('2026-12-01T08:00', { zone: ZONE }).toJSDate());
});
afterAll(() => t.close());

describe('online booking before signing in', () => {
  it('lists the clinic, its online-bookable services and free times without a session', async () => {
    const visitor = t.agent();
    const clinics = await ok(await visitor.get('/api/public/clinics'));
    expect(clinics.items.map((c: { id: string }) => c.id)).toContain(world.clinicId);
    const clinic = clinics.items.find((c: { id: string }) => c.id === world.clinicId);
    expect(clinic.locations).toEqual([
      expect.objectContaining({
        name: 'Harbor — Little Italy',
        address: '1650 India St, San Diego, CA 92101',
      }),
    ]);
    const services = await ok(await visitor.get(`/api/public/clinics/${world.clinicId}/services`));
    expect(services.timeZone).toBe(ZONE);
    expect(services.lateCancellationHours).toBe(24); // the default rule, shown before booking
    expect(services.items.map((s: { id: string }) => s.id)).toContain(world.serviceId);
    expect(services.items[0]).not.toHaveProperty('roomIds');
    expect(services.therapists).toHaveLength(2);
    const free = await ok(
      await visitor.get(
        `/api/public/clinics/${world.clinicId}/availability?serviceId=${world.serviceId}&from=2026-12-02&to=2026-12-03&firstAvailable=true`,
      ),
    );
    expect(free.audience).toBe('patient');
    expect(free.slots[0].localTime).toBe('09:00');
  });

  it('answers 404 for a clinic without online booking and 400 for a bad range', async () => {
    const visitor = t.agent();
    expect(
      (await visitor.get('/api/public/clinics/01a21793-0000-7000-8000-000000000000/services')).statusCode,
    ).toBe(404);
    const bad = await visitor.get(
      `/api/public/clinics/${world.clinicId}/availability?serviceId=${world.serviceId}&from=2026-12-03&to=2026-12-02`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('creates an adult patient account at the last step, signed in, and books for that record only', async () => {
    const visitor = t.agent();
    const created = await visitor.post(`/api/public/clinics/${world.clinicId}/patient-accounts`, {
      firstName: 'Rosa',
      lastName: 'Delgado',
      dateOfBirth: '1979-03-14',
      email: 'rosa.delgado@example.test',
      password: PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { patientId } = created.json();
    const me = await ok(await visitor.get('/api/me'));
    expect(me.clinics[0]).toMatchObject({ id: world.clinicId, roles: ['patient'], patientId });
    const start = DateTime.fromISO('2026-12-02T10:00', { zone: ZONE }).toUTC().toISO();
    const booked = await visitor.post(`/api/clinics/${world.clinicId}/appointments`, {
      patientId,
      serviceId: world.serviceId,
      start,
      note: 'I have a referral for sciatica',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().bookingNote).toBe('I have a referral for sciatica');
    // The patient is told which site to go to, on booking and in their list of appointments.
    const site = { name: 'Harbor — Little Italy', address: '1650 India St, San Diego, CA 92101' };
    expect(booked.json().location).toEqual(site);
    const mine = await ok(
      await visitor.get(`/api/clinics/${world.clinicId}/appointments?from=2026-12-01&to=2026-12-31`),
    );
    expect(mine.items.map((a: { location: unknown }) => a.location)).toEqual([site]);
    const [row] = await t.database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, world.clinicId), eq(appointments.patientId, patientId)));
    expect(row!.bookedVia).toBe('patient');
    const [record] = await t.database.db.select().from(patients).where(eq(patients.id, patientId));
    expect(record!.userId).toBe(me.user.id);

    const again = await t.agent().post(`/api/public/clinics/${world.clinicId}/patient-accounts`, {
      firstName: 'Rosa',
      lastName: 'Delgado',
      dateOfBirth: '1979-03-14',
      email: 'rosa.delgado@example.test',
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a minor and a weak password with field details', async () => {
    const minor = await t.agent().post(`/api/public/clinics/${world.clinicId}/patient-accounts`, {
      firstName: 'Kid',
      lastName: 'Example',
      dateOfBirth: '2015-01-01',
      email: 'kid@example.test',
      password: PASSWORD,
    });
    expect(minor.statusCode).toBe(422);
    expect(minor.json().error.details[0].path).toBe('body.dateOfBirth');
    // The date field's messages say what to do, not "Invalid ISO date".
    for (const [dateOfBirth, message] of [
      ['', 'Enter the date of birth'],
      ['1979-02-30', 'Enter a real date'],
    ]) {
      const bad = await t.agent().post(`/api/public/clinics/${world.clinicId}/patient-accounts`, {
        firstName: 'Dee',
        lastName: 'Example',
        dateOfBirth,
        email: 'dee@example.test',
        password: PASSWORD,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([{ path: 'body.dateOfBirth', message }]);
    }
    const weak = await t.agent().post(`/api/public/clinics/${world.clinicId}/patient-accounts`, {
      firstName: 'Weak',
      lastName: 'Password',
      dateOfBirth: '1980-01-01',
      email: 'weak@example.test',
      password: 'password1234',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('weak_password');
  });
});
