import { DateTime } from 'luxon';
import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { memberships, patients, type Role, users } from '../../src/db/schema/index.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import type { TestServer } from '../helpers/server.ts';
import { PASSWORD, setUpViaApi } from './support.ts';

/** Shared seed for the scheduling browser tests: one clinic in Los Angeles, built through the API and the database. */
export const ZONE = 'America/Los_Angeles';

export interface World {
  clinicId: string;
  locationId: string;
  therapist: { id: string; name: string; email: string };
  roomId: string;
  serviceId: string;
  serviceName: string;
  patient: { id: string; email: string; name: string };
  /** A second patient (no account), for bookings made by staff. */
  other: { id: string; name: string };
  /** Owner's API calls (the context's cookies, with the CSRF token). */
  call: (method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) => Promise<unknown>;
}

/** A signed-up member of the clinic with the e2e password. */
export async function person(server: TestServer, clinicId: string, role: Role, name: string) {
  const id = uuidv7();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@harbor.test`;
  await server.database.db
    .insert(users)
    .values({ id, email, displayName: name, passwordHash: await hashPassword(PASSWORD) });
  await server.database.db.insert(memberships).values({ clinicId, userId: id, role });
  return { id, email, name };
}

async function patientRecord(server: TestServer, clinicId: string, first: string, userId: string | null) {
  const id = uuidv7();
  await server.database.db.insert(patients).values({
    clinicId,
    id,
    userId,
    legalFirstName: first,
    legalLastName: 'Example',
    dateOfBirth: '1980-05-05',
    email: `${first.toLowerCase()}@example.test`,
  });
  return id;
}

export async function seedWorld(server: TestServer, owner: BrowserContext): Promise<World> {
  const clinicId = await setUpViaApi(owner, server.url);
  const request: APIRequestContext = owner.request;
  const me = (await (await request.get(`${server.url}/api/me`)).json()) as { csrfToken: string };
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) => {
    const response = await request.fetch(`${server.url}/api/clinics/${clinicId}${path}`, {
      method,
      data,
      headers: { 'x-csrf-token': me.csrfToken },
    });
    if (response.status() >= 300)
      throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  const locations = (await call('GET', '/locations')) as { items: { id: string }[] };
  const locationId = locations.items[0]!.id;
  const therapist = await person(server, clinicId, 'therapist', 'Theo Therapist');
  const account = await person(server, clinicId, 'patient', 'Paula Patient');
  const patientId = await patientRecord(server, clinicId, 'Paula', account.id);
  const otherId = await patientRecord(server, clinicId, 'Oscar', null);
  const room = (await call('POST', '/rooms', { locationId, name: 'Room 1', equipment: ['table'] })) as {
    id: string;
  };
  const serviceName = 'Medical massage 60';
  const service = (await call('POST', '/services', {
    name: serviceName,
    durationMinutes: 60,
    bufferAfterMinutes: 0,
    priceCents: 11000,
    kind: 'follow_up',
    onlineBookable: true,
    therapistIds: [therapist.id],
  })) as { id: string };
  await call('PUT', `/therapists/${therapist.id}/schedule`, {
    weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      start: '09:00',
      end: '17:00',
      locationId,
    })),
    breaks: [],
    serviceIds: [service.id],
  });
  return {
    clinicId,
    locationId,
    therapist,
    roomId: room.id,
    serviceId: service.id,
    serviceName,
    patient: { id: patientId, email: account.email, name: 'Paula Example' },
    other: { id: otherId, name: 'Oscar Example' },
    call,
  };
}

/** A local date `days` from today in the clinic zone, and a local time on it as an instant. */
export const localDay = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
export const localInstant = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO()!;
export const localTimeOf = (instant: Date) =>
  DateTime.fromJSDate(instant).setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm");
