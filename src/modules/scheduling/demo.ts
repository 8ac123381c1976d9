import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import {
  appointments,
  clinics,
  memberships,
  rooms,
  schedulingSettings,
  services,
  serviceTherapists,
  therapistBreaks,
  therapistHours,
  waitlistEntries,
} from '../../db/schema/index.ts';
import { type Appointment, getAvailability, type Slot, type Weekday } from '../../domain/scheduling/index.ts';
import type { DemoVisit } from '../session-notes/demo.ts';
import { loadAvailabilityInput } from './engine-input.ts';

/** Deterministic pseudo-random numbers, so the demo looks the same on every refresh. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  {
    key: 'eval',
    name: 'Initial evaluation and treatment',
    durationMinutes: 60,
    kind: 'new_patient',
    priceCents: 13500,
    bufferAfterMinutes: 15,
    equipment: [],
  },
  {
    key: 'f30',
    name: 'Medical massage follow-up, 30 min',
    durationMinutes: 30,
    kind: 'follow_up',
    priceCents: 6500,
    bufferAfterMinutes: 10,
    equipment: [],
  },
  {
    key: 'f45',
    name: 'Medical massage follow-up, 45 min',
    durationMinutes: 45,
    kind: 'follow_up',
    priceCents: 8500,
    bufferAfterMinutes: 15,
    equipment: [],
  },
  {
    key: 'f60',
    name: 'Medical massage follow-up, 60 min',
    durationMinutes: 60,
    kind: 'follow_up',
    priceCents: 11000,
    bufferAfterMinutes: 15,
    equipment: [],
  },
  {
    key: 'f90',
    name: 'Medical massage follow-up, 90 min',
    durationMinutes: 90,
    kind: 'follow_up',
    priceCents: 15500,
    bufferAfterMinutes: 15,
    equipment: [],
  },
  {
    key: 'lymph',
    name: 'Manual lymphatic drainage, 60 min',
    durationMinutes: 60,
    kind: 'follow_up',
    priceCents: 12000,
    bufferAfterMinutes: 15,
    equipment: ['hydraulic-table'],
  },
] as const;

const ROOMS = [
  { name: 'Room 1', equipment: ['table', 'hot-packs'] },
  { name: 'Room 2', equipment: ['table'] },
  { name: 'Room 3', equipment: ['table', 'hydraulic-table'] },
];

/**
 * Scheduling demo data for `palpa demo`: services, three rooms per location, weekly hours and breaks for the
 * therapists, and the coming two weeks about 70% booked (today's earlier visits completed or checked in, the
 * rest of today confirmed, a few cancellations) plus a waitlist entry. Call inside the demo's transaction or
 * on the database; it inserts rows directly (no e-mails, no reminder jobs).
 */
export async function seedSchedulingDemo(
  db: Database,
  input: {
    clinicId: string;
    locationIds: string[];
    therapistUserIds: string[];
    patientIds: string[];
    /** Patients already in treatment with a therapist (their notes' author): booked with that therapist. */
    therapistOf?: ReadonlyMap<string, string>;
    /** Visits documented by signed notes: kept as completed appointments, so the history adds up. */
    pastVisits?: readonly DemoVisit[];
    now: Date;
  },
): Promise<{ services: number; rooms: number; appointments: number }> {
  const { clinicId, locationIds, therapistUserIds, patientIds, now } = input;
  const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) throw new Error('seedSchedulingDemo: unknown clinic');
  const [owner] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, 'owner')))
    .limit(1);
  const bookedBy = owner?.userId ?? therapistUserIds[0]!;
  const rand = prng(20260301);
  const zone = clinic.timeZone;

  await db
    .insert(schedulingSettings)
    .values({
      clinicId,
      whatToBring: 'Comfortable clothing, your referral or prescription, and a list of current medications.',
      selfCareTips:
        'Drink water before and after your session, and avoid strenuous exercise for the rest of the day.',
    })
    .onConflictDoNothing();

  const serviceIds = new Map<string, string>();
  for (const s of SERVICES) {
    const id = uuidv7();
    serviceIds.set(s.key, id);
    await db.insert(services).values({
      clinicId,
      id,
      name: s.name,
      durationMinutes: s.durationMinutes,
      bufferAfterMinutes: s.bufferAfterMinutes,
      priceCents: s.priceCents,
      kind: s.kind,
      onlineBookable: true,
      requiredEquipment: [...s.equipment],
    });
    if (therapistUserIds.length > 0) {
      await db
        .insert(serviceTherapists)
        .values(therapistUserIds.map((therapistId) => ({ clinicId, serviceId: id, therapistId })));
    }
  }
  let roomCount = 0;
  const roomsAt = new Map<string, string[]>();
  for (const locationId of locationIds) {
    for (const [i, r] of ROOMS.entries()) {
      const id = uuidv7();
      await db
        .insert(rooms)
        .values({ clinicId, id, locationId, name: r.name, equipment: r.equipment, sortOrder: i });
      roomsAt.set(locationId, [...(roomsAt.get(locationId) ?? []), id]);
      roomCount++;
    }
  }
  for (const [i, therapistId] of therapistUserIds.entries()) {
    const locationId = locationIds[i % Math.max(locationIds.length, 1)]!;
    const days: Weekday[] = i % 2 === 0 ? [1, 2, 3, 4, 5] : [2, 3, 4, 5, 6];
    const [start, end, breakStart, breakEnd] =
      i % 2 === 0 ? ['09:00', '17:00', '12:00', '12:30'] : ['10:00', '18:00', '13:30', '14:00'];
    await db.insert(therapistHours).values(
      days.map((weekday) => ({
        clinicId,
        id: uuidv7(),
        therapistId,
        locationId,
        weekday,
        startTime: start,
        endTime: end,
      })),
    );
    await db.insert(therapistBreaks).values(
      days.map((weekday) => ({
        clinicId,
        id: uuidv7(),
        therapistId,
        weekday,
        startTime: breakStart,
        endTime: breakEnd,
      })),
    );
  }

  // Fill the coming two weeks: walk each day's free slots (from the real engine, so every booking is valid)
  // and book about 70% of the time, one service picked per booking.
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const planned: (Appointment & { serviceKey: string; slot: Slot })[] = [];
  const weights = ['f60', 'f60', 'f60', 'f45', 'f45', 'f30', 'f90', 'eval', 'lymph'];
  const inputs = new Map<string, Awaited<ReturnType<typeof loadAvailabilityInput>>>();
  for (const key of new Set(weights)) {
    inputs.set(
      key,
      await loadAvailabilityInput(db, {
        clinicId,
        timeZone: zone,
        serviceId: serviceIds.get(key)!,
        from: today.minus({ days: 2 }).toJSDate(),
        to: today.plus({ days: 16 }).toJSDate(),
      }),
    );
  }
  for (let d = 0; d < 14 && patientIds.length > 0; d++) {
    const date = today.plus({ days: d }).toISODate()!;
    const next = today.plus({ days: d + 1 }).toISODate()!;
    for (const therapistId of therapistUserIds) {
      let time = 0;
      for (;;) {
        const key = weights[Math.floor(rand() * weights.length)]!;
        const loaded = inputs.get(key);
        if (!loaded) break;
        const others = planned.map(({ serviceKey: _k, slot: _s, ...a }) => a);
        const slots = getAvailability(
          {
            serviceId: serviceIds.get(key)!,
            fromDate: date,
            toDate: next,
            therapistId,
            now: today.toUTC().toISO()!,
            audience: 'staff',
          },
          { ...loaded.input, appointments: [...loaded.input.appointments, ...others] },
        ).filter((s) => Date.parse(s.start) >= time);
        const slot = slots[0];
        if (!slot) break;
        const svc = SERVICES.find((s) => s.key === key)!;
        time = Date.parse(slot.end) + svc.bufferAfterMinutes * 60_000;
        if (rand() > 0.7) continue; // left free (about 30%)
        planned.push({
          id: uuidv7(),
          therapistId,
          roomId: slot.roomId,
          start: slot.start,
          end: slot.end,
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: svc.bufferAfterMinutes,
          status: 'booked',
          serviceKey: key,
          slot,
        });
      }
    }
  }
  // Each patient sees one therapist, as in a real practice: their treating therapist, else one given in turn.
  const panels = new Map(therapistUserIds.map((t) => [t, [] as string[]]));
  for (const [i, patientId] of patientIds.entries()) {
    const mine = input.therapistOf?.get(patientId) ?? therapistUserIds[i % therapistUserIds.length]!;
    panels.get(mine)?.push(patientId);
  }
  const turns = new Map<string, number>();
  // The evaluation is booked once, for a patient not yet in treatment; everyone else comes for follow-ups.
  const evaluated = new Set(input.therapistOf?.keys() ?? []);
  const bookingFor = (therapistId: string, serviceKey: string) => {
    const panel = panels.get(therapistId)?.length ? panels.get(therapistId)! : patientIds;
    if (serviceKey === 'eval') {
      const newcomer = panel.find((patientId) => !evaluated.has(patientId));
      if (newcomer) {
        evaluated.add(newcomer);
        return { patientId: newcomer, serviceKey };
      }
    }
    const turn = turns.get(therapistId) ?? 0;
    turns.set(therapistId, turn + 1);
    // No newcomer left: the 60-minute follow-up, which takes the same time, buffer and room as the evaluation.
    return { patientId: panel[turn % panel.length]!, serviceKey: serviceKey === 'eval' ? 'f60' : serviceKey };
  };
  const nowMs = now.getTime();
  for (const [index, p] of planned.entries()) {
    const { patientId, serviceKey } = bookingFor(p.therapistId, p.serviceKey);
    const svc = SERVICES.find((s) => s.key === serviceKey)!;
    const startAt = new Date(p.start);
    const endAt = new Date(p.end);
    const isToday = p.slot.localDate === today.toISODate();
    const roll = rand();
    let status: (typeof appointments.$inferInsert)['status'] = 'booked';
    const extra: Partial<typeof appointments.$inferInsert> = {};
    if (isToday && endAt.getTime() <= nowMs) {
      status = 'completed';
      Object.assign(extra, { confirmedAt: startAt, checkedInAt: startAt, completedAt: endAt });
    } else if (isToday && startAt.getTime() <= nowMs) {
      status = 'checked_in';
      Object.assign(extra, { confirmedAt: startAt, checkedInAt: startAt });
    } else if (!isToday && index % 15 === 7) {
      status = 'cancelled';
      Object.assign(extra, {
        cancelledAt: now,
        cancelledBy: bookedBy,
        cancelledByRole: 'patient',
        cancellationReason: 'Schedule conflict',
        cancelledLate: startAt.getTime() - nowMs < 24 * 3_600_000,
      });
    } else if (isToday || (roll < 0.35 && startAt.getTime() - nowMs < 3 * 86_400_000)) {
      status = 'confirmed';
      extra.confirmedAt = now;
    }
    await db.insert(appointments).values({
      clinicId,
      id: p.id,
      patientId,
      serviceId: serviceIds.get(serviceKey)!,
      therapistId: p.therapistId,
      roomId: p.roomId,
      locationId: p.slot.locationId,
      startAt,
      endAt,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: svc.bufferAfterMinutes,
      blockedStart: startAt,
      blockedEnd: new Date(endAt.getTime() + svc.bufferAfterMinutes * 60_000),
      status,
      bookedBy,
      bookedVia: rand() < 0.4 ? 'patient' : 'staff',
      createdAt: now,
      updatedAt: now,
      ...extra,
    });
  }
  if (patientIds.length > 0) {
    await db.insert(waitlistEntries).values({
      clinicId,
      id: uuidv7(),
      patientId: patientIds[patientIds.length - 1]!,
      serviceId: serviceIds.get('f60')!,
      therapistId: therapistUserIds[0] ?? null,
      fromDate: today.toISODate()!,
      toDate: today.plus({ days: 7 }).toISODate()!,
      createdBy: bookedBy,
      createdAt: now,
    });
  }
  const history = await seedPastVisits(db, {
    clinicId,
    zone,
    visits: input.pastVisits ?? [],
    therapistUserIds,
    locationIds,
    roomsAt,
    serviceId: serviceIds.get('f60')!,
    bufferAfterMinutes: SERVICES.find((s) => s.key === 'f60')!.bufferAfterMinutes,
    bookedBy,
  });
  return { services: SERVICES.length, rooms: roomCount, appointments: planned.length + history };
}

/**
 * The appointments behind the demo's signed notes: completed, linked to their note and referral, in the
 * therapist's room at a time of day kept for each of their patients (so two never meet). A visit that would
 * still collide is left out (ON CONFLICT DO NOTHING also covers the exclusion constraints). Answers how many.
 */
async function seedPastVisits(
  db: Database,
  p: {
    clinicId: string;
    zone: string;
    visits: readonly DemoVisit[];
    therapistUserIds: string[];
    locationIds: string[];
    roomsAt: Map<string, string[]>;
    serviceId: string;
    bufferAfterMinutes: number;
    bookedBy: string;
  },
): Promise<number> {
  const patientsOf = new Map<string, string[]>();
  let inserted = 0;
  for (const visit of p.visits) {
    const mine = patientsOf.get(visit.therapistId) ?? [];
    if (!mine.includes(visit.patientId)) patientsOf.set(visit.therapistId, [...mine, visit.patientId]);
    const index = Math.max(p.therapistUserIds.indexOf(visit.therapistId), 0);
    const locationId = p.locationIds[index % p.locationIds.length]!;
    const roomsHere = p.roomsAt.get(locationId) ?? [];
    const hour = 9 + 2 * (patientsOf.get(visit.therapistId)!.indexOf(visit.patientId) % 4);
    const start = DateTime.fromISO(visit.visitDate, { zone: p.zone }).set({ hour });
    const startAt = start.toJSDate();
    const endAt = start.plus({ minutes: 60 }).toJSDate();
    const rows = await db
      .insert(appointments)
      .values({
        clinicId: p.clinicId,
        id: uuidv7(),
        patientId: visit.patientId,
        serviceId: p.serviceId,
        therapistId: visit.therapistId,
        roomId: roomsHere[index % roomsHere.length]!,
        locationId,
        startAt,
        endAt,
        bufferAfterMinutes: p.bufferAfterMinutes,
        blockedStart: startAt,
        blockedEnd: new Date(endAt.getTime() + p.bufferAfterMinutes * 60_000),
        status: 'completed',
        confirmedAt: startAt,
        checkedInAt: startAt,
        completedAt: endAt,
        sessionNoteId: visit.noteId,
        referralId: visit.referralId,
        bookedBy: p.bookedBy,
        bookedVia: 'staff',
        createdAt: start.minus({ days: 7 }).toJSDate(),
        updatedAt: endAt,
      })
      .onConflictDoNothing()
      .returning({ id: appointments.id });
    inserted += rows.length;
  }
  return inserted;
}
