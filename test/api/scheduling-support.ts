import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { patients, waitlistOffers } from '../../src/db/schema/index.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { addMember, setUpClinic } from '../helpers/fixtures.ts';

export const ZONE = 'America/Los_Angeles';

export interface SchedulingWorld {
  owner: Agent;
  clinicId: string;
  locationId: string;
  frontDesk: Agent;
  therapists: { agent: Agent; userId: string }[];
  rooms: { id: string; name: string; equipment: string[] }[];
  serviceId: string;
  lymphId: string;
}

/** Moves the test clock so that `now()` answers `at`. */
export function setNow(t: TestApp, at: Date | string) {
  const target = typeof at === 'string' ? Date.parse(at) : at.getTime();
  t.clock.advance(target - t.clock.now().getTime());
}

/** A local wall-clock time in the clinic zone as a UTC ISO instant. */
export const local = (isoLocal: string, zone = ZONE) => DateTime.fromISO(isoLocal, { zone }).toUTC().toISO()!;

/** A patient record (optionally with a signed-in patient account linked to it); `email: null` for none on file. */
export async function addPatient(
  t: TestApp,
  clinicId: string,
  options: { withAccount?: boolean; email?: string | null; first?: string } = {},
): Promise<{ patientId: string; agent?: Agent; userId?: string }> {
  const patientId = uuidv7();
  let agent: Agent | undefined;
  let userId: string | undefined;
  if (options.withAccount) {
    const member = await addMember(t, clinicId, ['patient']);
    agent = member.agent;
    userId = member.userId;
  }
  await t.database.db.insert(patients).values({
    clinicId,
    id: patientId,
    userId: userId ?? null,
    legalFirstName: options.first ?? `Pat${patientId.slice(-4)}`,
    legalLastName: 'Example',
    dateOfBirth: '1980-05-05',
    email: options.email === undefined ? `patient-${patientId.slice(-8)}@example.test` : options.email,
  });
  return { patientId, agent, userId };
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are read as loose JSON
export async function ok<T = any>(
  // biome-ignore lint/suspicious/noExplicitAny: as above
  response: { statusCode: number; body: string; json(): any },
  status = 200,
): Promise<T> {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  return response.json() as T;
}

/**
 * A clinic in Los Angeles with front desk, two therapists working every day 09:00–17:00 (break 12:00–12:30),
 * two rooms (one with a hydraulic table), a 60-minute follow-up (15 min turnover after) and a 60-minute
 * lymphatic drainage that needs the hydraulic table.
 */
export async function buildWorld(t: TestApp): Promise<SchedulingWorld> {
  const { owner, clinicId } = await setUpClinic(t);
  const locations = await ok(await owner.get(`/api/clinics/${clinicId}/locations`));
  const locationId = locations.items[0].id as string;
  const frontDesk = (await addMember(t, clinicId, ['front_desk'])).agent;
  const therapists = [
    await addMember(t, clinicId, ['therapist']),
    await addMember(t, clinicId, ['therapist']),
  ].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const rooms = [];
  for (const [name, equipment] of [
    ['Room 1', ['table']],
    ['Room 2', ['table', 'hydraulic-table']],
  ] as const) {
    rooms.push(
      await ok(
        await frontDesk.post(`/api/clinics/${clinicId}/rooms`, {
          locationId,
          name,
          equipment,
          sortOrder: rooms.length,
        }),
        201,
      ),
    );
  }
  const service = await ok(
    await frontDesk.post(`/api/clinics/${clinicId}/services`, {
      name: 'Medical massage follow-up 60',
      durationMinutes: 60,
      bufferAfterMinutes: 15,
      priceCents: 11000,
      kind: 'follow_up',
      therapistIds: therapists.map((x) => x.userId),
    }),
    201,
  );
  const lymph = await ok(
    await frontDesk.post(`/api/clinics/${clinicId}/services`, {
      name: 'Lymphatic drainage 60',
      durationMinutes: 60,
      priceCents: 12000,
      kind: 'follow_up',
      requiredEquipment: ['hydraulic-table'],
      therapistIds: therapists.map((x) => x.userId),
    }),
    201,
  );
  for (const th of therapists) {
    await ok(
      await frontDesk.put(`/api/clinics/${clinicId}/therapists/${th.userId}/schedule`, {
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          start: '09:00',
          end: '17:00',
          locationId,
        })),
        breaks: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '12:00', end: '12:30' })),
        serviceIds: [service.id, lymph.id],
      }),
    );
  }
  return {
    owner,
    clinicId,
    locationId,
    frontDesk,
    therapists,
    rooms,
    serviceId: service.id,
    lymphId: lymph.id,
  };
}

/** A patient's request on the waiting list: by default for the opening's day only, added by the front desk. */
export interface WaitlistRequest {
  patientId: string;
  /** Who adds it: the front desk unless the patient joins from their own account. */
  by?: Agent;
  fromDate?: string;
  toDate?: string;
  therapistId?: string;
}

/**
 * A time that opens for the waiting list: another patient holds `start` with the therapist, the `requests` join
 * the list, then the holder cancels, which offers the freed time to each request it suits. Answers the
 * holder's booking (as booked, before it was cancelled), the entries (in the order given) and the offers the
 * opening made to them.
 */
export async function openSlotFor(
  t: TestApp,
  w: SchedulingWorld,
  slot: { start: string; therapistId: string },
  requests: WaitlistRequest[],
) {
  const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
  const holder = await addPatient(t, w.clinicId);
  const booked = await ok(
    await w.frontDesk.post(url('/appointments'), {
      patientId: holder.patientId,
      serviceId: w.serviceId,
      therapistId: slot.therapistId,
      start: slot.start,
    }),
    201,
  );
  const day = DateTime.fromISO(slot.start, { zone: ZONE }).toISODate()!;
  const entries = [];
  for (const { by = w.frontDesk, fromDate = day, toDate = day, ...rest } of requests) {
    entries.push(
      await ok(await by.post(url('/waitlist'), { serviceId: w.serviceId, fromDate, toDate, ...rest }), 201),
    );
  }
  await ok(
    await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
      reason: 'Moved away',
      cancelledBy: 'patient',
    }),
  );
  const offers = await offersOf(t, w.clinicId, ...entries.map((e) => e.id as string));
  return { booked, entries, offers };
}

/** The offers made to these waiting-list entries, as the database holds them now. */
export const offersOf = (t: TestApp, clinicId: string, ...entryIds: string[]) =>
  t.database.db
    .select()
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.clinicId, clinicId), inArray(waitlistOffers.entryId, entryIds)));
