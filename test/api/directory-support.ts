import { uuidv7 } from 'uuidv7';
import { appointments } from '../../src/db/schema/index.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { ok } from './scheduling-support.ts';

/** Publishes the clinic and a therapist profile through the API; answers the profile. */
export async function publishClinic(owner: Agent, clinicId: string, extra: Record<string, unknown> = {}) {
  return ok(
    await owner.put(`/api/clinics/${clinicId}/directory/profile`, {
      published: true,
      tagline: 'Medical massage for pain and recovery',
      acceptsReferrals: true,
      acceptsInsurance: true,
      referralFax: '+1 619 555 0199',
      ...extra,
    }),
  );
}

export async function publishTherapist(
  agent: Agent,
  clinicId: string,
  therapistId: string,
  body: Record<string, unknown>,
) {
  return ok(
    await agent.put(`/api/clinics/${clinicId}/directory/therapists/${therapistId}`, {
      published: true,
      ...body,
    }),
  );
}

/** An appointment straight in the database (no buffers), e.g. a completed visit in the past. */
export async function insertAppointment(
  t: TestApp,
  input: {
    clinicId: string;
    patientId: string;
    therapistId: string;
    serviceId: string;
    roomId: string;
    locationId: string;
    start: Date;
    status?: 'booked' | 'completed' | 'cancelled';
    referralId?: string;
    bookedBy: string;
  },
): Promise<string> {
  const id = uuidv7();
  const end = new Date(input.start.getTime() + 60 * 60_000);
  const status = input.status ?? 'completed';
  await t.database.db.insert(appointments).values({
    clinicId: input.clinicId,
    id,
    patientId: input.patientId,
    serviceId: input.serviceId,
    therapistId: input.therapistId,
    roomId: input.roomId,
    locationId: input.locationId,
    startAt: input.start,
    endAt: end,
    blockedStart: input.start,
    blockedEnd: end,
    status,
    bookedBy: input.bookedBy,
    bookedVia: 'staff',
    referralId: input.referralId ?? null,
    completedAt: status === 'completed' ? end : null,
    cancelledAt: status === 'cancelled' ? end : null,
  });
  return id;
}

/** All `<script>` elements of a page, with their type attribute. */
export function scripts(html: string): { type: string | null; src: string | null; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    type: /\btype\s*=\s*"([^"]*)"/i.exec(m[1]!)?.[1] ?? null,
    src: /\bsrc\s*=/i.test(m[1]!) ? 'yes' : null,
    body: m[2]!,
  }));
}

export function jsonLdOf(html: string): Record<string, unknown> {
  const ld = scripts(html).find((s) => s.type === 'application/ld+json');
  if (!ld) throw new Error('no JSON-LD');
  return JSON.parse(ld.body);
}
