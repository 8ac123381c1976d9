import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember } from '../helpers/fixtures.ts';
import { addPatient, buildWorld, local, ok, type SchedulingWorld, ZONE } from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

/** A local date `days` from today in the clinic zone. */
const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
const cmt = (therapistId: string, expiresOn: string | null) =>
  w.owner.post(url('/credentials'), {
    therapistId,
    kind: 'camtc',
    title: 'Certified Massage Therapist (CMT)',
    issuer: 'California Massage Therapy Council',
    number: '87654',
    certifiedName: 'Someone',
    ...(expiresOn ? { expiresOn } : {}),
  });
type SlotJson = { therapistId: string; localDate: string; start: string };
const datesOf = (slots: SlotJson[], therapistId: string) =>
  [...new Set(slots.filter((s) => s.therapistId === therapistId).map((s) => s.localDate))].sort();

describe('a therapist whose licence has expired', () => {
  it('is not offered to or bookable by patients after the expiry date, and the desk is warned', async () => {
    const [lapsed, valid] = w.therapists as [
      SchedulingWorld['therapists'][0],
      SchedulingWorld['therapists'][0],
    ];
    // Expires in 5 days (still licensed that day); the other therapist's licence runs another year.
    await ok(await cmt(lapsed.userId, day(5)), 201);
    await ok(await cmt(valid.userId, day(400)), 201);
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    const range = `serviceId=${w.serviceId}&from=${day(3)}&to=${day(9)}`;

    // Online: before and on the expiry date, not after; the licensed therapist on every day.
    const forPatient = await ok(await me.agent!.get(url(`/availability?${range}`)));
    expect(forPatient.audience).toBe('patient');
    expect(datesOf(forPatient.slots, lapsed.userId)).toEqual([day(3), day(4), day(5)]);
    expect(datesOf(forPatient.slots, valid.userId)).toEqual([day(3), day(4), day(5), day(6), day(7), day(8)]);
    // The desk still sees them after it (it may need to rebook).
    const forStaff = await ok(await w.frontDesk.get(url(`/availability?${range}`)));
    expect(datesOf(forStaff.slots, lapsed.userId)).toContain(day(7));

    // A patient's direct booking with them after the expiry: refused in words the booking page knows.
    const refused = await me.agent!.post(url('/appointments'), {
      patientId: me.patientId,
      serviceId: w.serviceId,
      therapistId: lapsed.userId,
      start: local(`${day(7)}T10:00`),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.details.problems).toEqual(['outside-working-hours']);
    expect(refused.json().error.message).toMatch(/cannot be booked online on that day/);
    const offered = refused.json().error.details.alternatives;
    expect([...offered.before, ...offered.after].length).toBeGreaterThan(0);
    for (const slot of [...offered.before, ...offered.after] as SlotJson[]) {
      expect(slot.therapistId === lapsed.userId && slot.localDate > day(5)).toBe(false);
    }
    // "First available" after the expiry never lands on them.
    const first = await ok(
      await me.agent!.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        start: local(`${day(8)}T14:00`),
      }),
      201,
    );
    expect(first.therapistId).toBe(valid.userId);
    // On the expiry day itself they are still licensed.
    const onTheDay = await ok(
      await me.agent!.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        therapistId: lapsed.userId,
        start: local(`${day(5)}T10:00`),
      }),
      201,
    );
    expect(onTheDay.warning).toBeUndefined();
    // The licensed therapist is unaffected after that date.
    const licensed = await ok(
      await me.agent!.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        therapistId: valid.userId,
        start: local(`${day(7)}T10:00`),
      }),
      201,
    );
    expect(licensed.warning).toBeUndefined();

    // The desk may book them after the expiry, and is told why they should not treat that visit.
    const other = await addPatient(t, w.clinicId);
    const byDesk = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: other.patientId,
        serviceId: w.serviceId,
        therapistId: lapsed.userId,
        start: local(`${day(7)}T10:00`),
      }),
      201,
    );
    expect(byDesk.therapistId).toBe(lapsed.userId);
    expect(byDesk.warning).toMatch(/'s licence expired on .+: they may not treat or bill this visit$/);
  });

  it('does not block a therapist with no licence on file, nor one whose licence never expires', async () => {
    const bare = await addMember(t, w.clinicId, ['therapist']);
    const lifelong = await addMember(t, w.clinicId, ['therapist']);
    await ok(await cmt(lifelong.userId, null), 201);
    // Also an expired certificate: a licence without expiry lasts longest.
    await ok(await cmt(lifelong.userId, day(-30)), 201);
    for (const th of [bare, lifelong]) {
      await ok(
        await w.frontDesk.put(url(`/therapists/${th.userId}/schedule`), {
          weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
            weekday,
            start: '09:00',
            end: '17:00',
            locationId: w.locationId,
          })),
          breaks: [],
          serviceIds: [w.serviceId],
        }),
      );
    }
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    const slots = (
      await ok(
        await me.agent!.get(url(`/availability?serviceId=${w.serviceId}&from=${day(20)}&to=${day(21)}`)),
      )
    ).slots as SlotJson[];
    expect(datesOf(slots, bare.userId)).toEqual([day(20)]);
    expect(datesOf(slots, lifelong.userId)).toEqual([day(20)]);
  });
});
