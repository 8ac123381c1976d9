import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, schedulingSettings, services } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  addPatient,
  buildWorld,
  local,
  ok,
  type SchedulingWorld,
  setNow,
  ZONE,
} from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

describe('scheduling set-up', () => {
  it('creates services with therapists, validates durations and refers only to this clinic', async () => {
    const list = await ok(await w.frontDesk.get(`/api/clinics/${w.clinicId}/services`));
    const svc = list.items.find((s: { id: string }) => s.id === w.serviceId);
    expect(svc).toMatchObject({
      durationMinutes: 60,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      kind: 'follow_up',
      onlineBookable: true,
      therapistIds: w.therapists.map((x) => x.userId),
    });

    const bad = await w.frontDesk.post(`/api/clinics/${w.clinicId}/services`, {
      name: 'Odd',
      durationMinutes: 62,
      priceCents: -1,
      kind: 'other',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.durationMinutes', 'body.priceCents', 'body.kind']));
    for (const durationMinutes of [10, 185]) {
      const r = await w.frontDesk.post(`/api/clinics/${w.clinicId}/services`, {
        name: 'x',
        durationMinutes,
        priceCents: 0,
        kind: 'follow_up',
      });
      expect(r.statusCode).toBe(400);
    }
    const ok75 = await w.frontDesk.post(`/api/clinics/${w.clinicId}/services`, {
      name: 'Seventy-five',
      durationMinutes: 75,
      priceCents: 0,
      kind: 'new_patient',
      onlineBookable: false,
    });
    expect(ok75.statusCode).toBe(201);

    const other = await createOtherClinic(t);
    const foreignTherapist = await addMember(t, other.clinicId, ['therapist']);
    const wrong = await w.frontDesk.post(`/api/clinics/${w.clinicId}/services`, {
      name: 'Foreign',
      durationMinutes: 30,
      priceCents: 0,
      kind: 'follow_up',
      therapistIds: [foreignTherapist.userId],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('body.therapistIds');
    const rows = await t.database.db.select().from(services).where(eq(services.name, 'Foreign'));
    expect(rows).toHaveLength(0);
  });

  it('lets only owner and front desk manage set-up, and audits it', async () => {
    const therapist = w.therapists[0]!.agent;
    const refused = await therapist.post(`/api/clinics/${w.clinicId}/rooms`, {
      locationId: w.locationId,
      name: 'Sneaky',
    });
    expect(refused.statusCode).toBe(403);
    expect((await therapist.get(`/api/clinics/${w.clinicId}/rooms`)).statusCode).toBe(200);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'room.create'));
    expect(audit.length).toBe(2);
    expect(audit.every((a) => a.clinicId === w.clinicId)).toBe(true);
  });

  it("lists the clinic's active therapists only: one removed from the team drops out", async () => {
    const leaving = await addMember(t, w.clinicId, ['therapist']);
    const ids = async () =>
      (await ok(await w.frontDesk.get(`/api/clinics/${w.clinicId}/therapists`))).items.map(
        (i: { therapistId: string }) => i.therapistId,
      );
    expect(await ids()).toEqual(
      expect.arrayContaining([...w.therapists.map((x) => x.userId), leaving.userId]),
    );
    await ok(await w.owner.post(`/api/clinics/${w.clinicId}/members/${leaving.userId}/disable`, {}));
    const after = await ids();
    expect(after).not.toContain(leaving.userId);
    expect(after).toEqual(expect.arrayContaining(w.therapists.map((x) => x.userId)));
  });

  it('validates weekly hours and exceptions', async () => {
    const th = w.therapists[0]!.userId;
    const bad = await w.frontDesk.put(`/api/clinics/${w.clinicId}/therapists/${th}/schedule`, {
      weeklyHours: [{ weekday: 8, start: '9:00', end: '25:00', locationId: w.locationId }],
      breaks: [],
      serviceIds: [],
    });
    expect(bad.statusCode).toBe(400);
    const timeOff = await w.frontDesk.post(`/api/clinics/${w.clinicId}/therapists/${th}/exceptions`, {
      kind: 'time_off',
      startDate: '2030-01-10',
      endDate: '2030-01-09',
    });
    expect(timeOff.statusCode).toBe(400);
    const holiday = await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/therapists/${th}/exceptions`, {
        kind: 'holiday',
        date: '2030-01-01',
      }),
      201,
    );
    const listed = await ok(
      await w.frontDesk.get(
        `/api/clinics/${w.clinicId}/therapists/${th}/exceptions?from=2029-12-01&to=2030-02-01`,
      ),
    );
    expect(listed.items.map((e: { id: string }) => e.id)).toEqual([holiday.id]);
    expect(
      (await w.frontDesk.delete(`/api/clinics/${w.clinicId}/therapists/${th}/exceptions/${holiday.id}`))
        .statusCode,
    ).toBe(200);
  });

  it('stores booking rules and validates them', async () => {
    const bad = await w.owner.patch(`/api/clinics/${w.clinicId}/scheduling/rules`, {
      slotGranularityMinutes: 7,
    });
    expect(bad.statusCode).toBe(400);
    const rules = await ok(
      await w.owner.patch(`/api/clinics/${w.clinicId}/scheduling/rules`, {
        minNoticeMinutes: 240,
        reminderOffsetsMinutes: [120, 2880, 120],
        selfCareTips: 'Drink water before and after.',
      }),
    );
    expect(rules).toMatchObject({
      minNoticeMinutes: 240,
      reminderOffsetsMinutes: [2880, 120],
      maxDaysAhead: 60,
    });
    const [row] = await t.database.db
      .select()
      .from(schedulingSettings)
      .where(eq(schedulingSettings.clinicId, w.clinicId));
    expect(row?.minNoticeMinutes).toBe(240);
  });
});

describe('availability', () => {
  it('gives staff every free slot and patients only what the patient rules allow', async () => {
    const now = DateTime.now().setZone(ZONE);
    const from = now.toISODate()!;
    const to = now.plus({ days: 2 }).toISODate()!;
    const staff = await ok(
      await w.frontDesk.get(
        `/api/clinics/${w.clinicId}/availability?serviceId=${w.serviceId}&from=${from}&to=${to}`,
      ),
    );
    expect(staff.audience).toBe('staff');
    const { agent: patient } = await addPatient(t, w.clinicId, { withAccount: true });
    const mine = await ok(
      await patient!.get(
        `/api/clinics/${w.clinicId}/availability?serviceId=${w.serviceId}&from=${from}&to=${to}&firstAvailable=true`,
      ),
    );
    expect(mine.audience).toBe('patient');
    const minStart = Date.now() + 240 * 60_000 - 60_000;
    expect(mine.slots.every((s: { start: string }) => Date.parse(s.start) >= minStart)).toBe(true);
    // firstAvailable: one slot per start time.
    const starts = mine.slots.map((s: { start: string }) => s.start);
    expect(new Set(starts).size).toBe(starts.length);
    // A treatment of 60 + 15 min turnover never runs into the 12:00 break.
    for (const s of staff.slots as { localTime: string }[]) {
      expect(s.localTime <= '10:45' || s.localTime >= '12:30').toBe(true);
    }
  });

  it('hides services that are not bookable online from patients and rejects bad ranges', async () => {
    const hidden = await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/services`, {
        name: 'Phone-only',
        durationMinutes: 30,
        priceCents: 0,
        kind: 'new_patient',
        onlineBookable: false,
        therapistIds: [w.therapists[0]!.userId],
      }),
      201,
    );
    const { agent: patient } = await addPatient(t, w.clinicId, { withAccount: true });
    const r = await patient!.get(
      `/api/clinics/${w.clinicId}/availability?serviceId=${hidden.id}&from=2030-01-01&to=2030-01-02`,
    );
    expect(r.statusCode).toBe(404);
    const services = await ok(await patient!.get(`/api/clinics/${w.clinicId}/services`));
    expect(services.items.some((s: { id: string }) => s.id === hidden.id)).toBe(false);
    expect(services.items[0]).not.toHaveProperty('roomIds');
    const range = await w.frontDesk.get(
      `/api/clinics/${w.clinicId}/availability?serviceId=${w.serviceId}&from=2030-01-10&to=2030-01-01`,
    );
    expect(range.statusCode).toBe(400);
    const malformed = await w.frontDesk.get(
      `/api/clinics/${w.clinicId}/availability?serviceId=${w.serviceId}&from=2030-02-30&to=2030-03-01`,
    );
    expect(malformed.statusCode).toBe(400);
  });

  it('respects equipment: lymphatic drainage only ever gets the hydraulic-table room', async () => {
    const day = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()!;
    const next = DateTime.fromISO(day).plus({ days: 1 }).toISODate()!;
    const r = await ok(
      await w.frontDesk.get(
        `/api/clinics/${w.clinicId}/availability?serviceId=${w.lymphId}&from=${day}&to=${next}`,
      ),
    );
    expect(r.slots.length).toBeGreaterThan(0);
    expect(new Set(r.slots.map((s: { roomId: string }) => s.roomId))).toEqual(new Set([w.rooms[1]!.id]));
  });
});

describe('daylight-saving change days in America/Los_Angeles', () => {
  it('books 09:00 local on the March and November change days at the right UTC instants', async () => {
    setNow(t, '2026-03-01T12:00:00Z');
    try {
      const { patientId } = await addPatient(t, w.clinicId);
      for (const [day, expectedUtc] of [
        ['2026-03-08', '2026-03-08T16:00:00.000Z'], // PDT (UTC-7) from 03:00 that morning
        ['2026-11-01', '2026-11-01T17:00:00.000Z'], // PST (UTC-8) from 02:00 that morning
      ] as const) {
        const next = DateTime.fromISO(day).plus({ days: 1 }).toISODate()!;
        const avail = await ok(
          await w.frontDesk.get(
            `/api/clinics/${w.clinicId}/availability?serviceId=${w.serviceId}&from=${day}&to=${next}&therapistId=${w.therapists[0]!.userId}`,
          ),
        );
        // 09:00–17:00 wall-clock, break 12:00–12:30, 60 + 15 min, 15-min grid: the same starts on any day.
        expect(avail.slots[0].localStart).toBe(
          `${day}T09:00:00${day.startsWith('2026-03') ? '-07:00' : '-08:00'}`,
        );
        expect(avail.slots.at(-1).localTime).toBe('15:45');
        const booked = await ok(
          await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
            patientId,
            serviceId: w.serviceId,
            therapistId: w.therapists[0]!.userId,
            start: local(`${day}T09:00`),
          }),
          201,
        );
        expect(booked.start).toBe(expectedUtc);
        expect(booked.localStart).toBe(avail.slots[0].localStart);
        expect(booked.end).toBe(new Date(Date.parse(expectedUtc) + 3_600_000).toISOString());
        const [row] = await t.database.db
          .select()
          .from(appointments)
          .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.id, booked.id)));
        expect(row!.startAt.toISOString()).toBe(expectedUtc);
        expect(row!.blockedEnd.toISOString()).toBe(
          new Date(Date.parse(expectedUtc) + 75 * 60_000).toISOString(),
        );
      }
      // 02:30 does not exist on 2026-03-08: a staff booking there is refused (outside hours), never a 500.
      const gap = await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
        patientId: (await addPatient(t, w.clinicId)).patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        start: '2026-03-08T02:30:00-08:00',
      });
      expect(gap.statusCode).toBe(422);
      expect(gap.json().error.details.problems).toContain('outside-working-hours');
    } finally {
      setNow(t, new Date());
    }
  });
});

describe('demo data', () => {
  it('fills the coming two weeks with a valid, mostly booked schedule', async () => {
    const { seedSchedulingDemo } = await import('../../src/modules/scheduling/demo.ts');
    const other = await createOtherClinic(t);
    const locations = await ok(await other.owner.get(`/api/clinics/${other.clinicId}/locations`));
    const therapistUserIds = [
      (await addMember(t, other.clinicId, ['therapist'])).userId,
      (await addMember(t, other.clinicId, ['therapist'])).userId,
    ];
    const patientIds = [];
    for (let i = 0; i < 12; i++) patientIds.push((await addPatient(t, other.clinicId)).patientId);
    // The first patient is in treatment with the second therapist (who wrote their notes).
    const therapistOf = new Map([[patientIds[0]!, therapistUserIds[1]!]]);
    const result = await seedSchedulingDemo(t.database.db, {
      clinicId: other.clinicId,
      locationIds: locations.items.map((l: { id: string }) => l.id),
      therapistUserIds,
      patientIds,
      therapistOf,
      now: new Date(),
    });
    expect(result.services).toBe(6);
    expect(result.rooms).toBe(3);
    expect(result.appointments).toBeGreaterThan(30);
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.clinicId, other.clinicId));
    expect(rows).toHaveLength(result.appointments);
    expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
    // As in a real practice, each patient sees one therapist; a patient in treatment sees theirs.
    const seenBy = new Map<string, Set<string>>();
    for (const r of rows) seenBy.set(r.patientId, (seenBy.get(r.patientId) ?? new Set()).add(r.therapistId));
    expect(seenBy.size).toBeGreaterThan(6);
    for (const therapists of seenBy.values()) expect(therapists.size).toBe(1);
    expect([...seenBy.get(patientIds[0]!)!]).toEqual([therapistUserIds[1]]);
    // The new-patient evaluation is booked once per patient, and never for a patient already in treatment.
    const [evaluation] = await t.database.db
      .select()
      .from(services)
      .where(and(eq(services.clinicId, other.clinicId), eq(services.kind, 'new_patient')));
    const evaluated = rows.filter((r) => r.serviceId === evaluation!.id).map((r) => r.patientId);
    expect(evaluated.length).toBeGreaterThan(0);
    expect(new Set(evaluated).size).toBe(evaluated.length);
    expect(evaluated).not.toContain(patientIds[0]);
  });
});
