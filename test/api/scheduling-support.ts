import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { patients } from '../../src/db/schema/index.ts';
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

/** A patient record (optionally with a signed-in patient account linked to it). */
export async function addPatient(
  t: TestApp,
  clinicId: string,
  options: { withAccount?: boolean; email?: string; first?: string } = {},
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
    email: options.email ?? `patient-${patientId.slice(-8)}@example.test`,
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
