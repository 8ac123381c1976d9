import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import {
  appointments,
  auditLog,
  locations,
  patients,
  physicianPatientLinks,
  referrals,
  rooms,
  services,
  users,
} from '../../src/db/schema/index.ts';
import { type ConditionAnswer, checklistWith } from '../../src/modules/intake/schemas.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { addMember, appointmentRow, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';

/** A clinic with an owner, a therapist, a linked physician and helpers to make patients with a referral. */
export interface ClinicalWorld {
  t: TestApp;
  clinicId: string;
  owner: Agent;
  ownerId: string;
  therapist: { agent: Agent; userId: string; name: string; email: string };
  physician: { agent: Agent; userId: string; name: string; email: string };
  consent: { version: string; textHash: string };
}

export const ZONE = 'America/Los_Angeles';

export async function clinicalWorld(t: TestApp): Promise<ClinicalWorld> {
  const { owner, clinicId } = await setUpClinic(t);
  const [o] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'owner@harbor.test'));
  const therapist = await addMember(t, clinicId, ['therapist']);
  const physician = await addMember(t, clinicId, ['physician']);
  const q = (await t.agent().get('/api/intake/questionnaire')).json();
  return {
    t,
    clinicId,
    owner,
    ownerId: o!.id,
    therapist: { ...therapist, name: therapist.email.split('@')[0]! },
    physician: { ...physician, name: physician.email.split('@')[0]! },
    consent: { version: q.consent.version, textHash: q.consent.textHash },
  };
}

export const today = (t: TestApp) => DateTime.fromJSDate(t.clock.now(), { zone: ZONE }).toISODate()!;
export const plusDays = (t: TestApp, n: number) =>
  DateTime.fromJSDate(t.clock.now(), { zone: ZONE }).plus({ days: n }).toISODate()!;

export const base = (w: ClinicalWorld, patientId: string) =>
  `/api/clinics/${w.clinicId}/patients/${patientId}`;

/**
 * A patient (optionally with a portal account and a submitted intake holding `health`), linked to the
 * physician, with a paper referral for low back pain. Answers the ids.
 */
export async function patientWithReferral(
  w: ClinicalWorld,
  options: { health?: Record<string, unknown>; userId?: string | null; linkPhysician?: boolean } = {},
): Promise<{ patientId: string; referralId: string }> {
  const { t, clinicId } = w;
  const patientId = uuidv7();
  await t.database.db.insert(patients).values({
    clinicId,
    id: patientId,
    userId: options.userId ?? null,
    legalFirstName: 'Ana',
    legalLastName: `Lopez-${patientId.slice(-4)}`,
    dateOfBirth: '1980-03-14',
  });
  if (options.linkPhysician !== false)
    await t.database.db
      .insert(physicianPatientLinks)
      .values({ clinicId, patientId, userId: w.physician.userId, reason: 'referral' });
  const referralId = uuidv7();
  await t.database.db.insert(referrals).values({
    clinicId,
    id: referralId,
    patientId,
    source: 'paper',
    referralDate: plusDays(t, -3),
    diagnoses: [
      { code: 'M54.50', description: 'Low back pain, unspecified', laterality: null },
      { code: 'M62.838', description: 'Other muscle spasm', laterality: null },
    ],
    techniques: ['myofascial-release', 'trigger-point-therapy'],
    bodyRegions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 6,
    sessionMinutes: 60,
    validFrom: plusDays(t, -3),
    validUntil: plusDays(t, 60),
    createdBy: w.ownerId,
  });
  if (options.health) {
    const intake = (await w.therapist.agent.post(`${base(w, patientId)}/intakes`, {})).json();
    const response = await w.therapist.agent.post(`${base(w, patientId)}/intakes/${intake.id}/submit`, {
      answers: {
        medications: [],
        allergies: [],
        surgeries: [],
        pregnancy: { pregnant: false },
        implants: [],
        pain: { level: 6, regions: ['low-back', 'gluteal-right'] },
        goals: 'Sit through work',
        pressurePreference: 'moderate',
        ...options.health,
        // Every checklist item answered, as submit requires: the conditions given "yes", the rest "no".
        conditions: checklistWith(options.health.conditions as ConditionAnswer[] | undefined),
        consent: {
          agreed: true,
          typedName: 'Ana Lopez',
          textVersion: w.consent.version,
          textHash: w.consent.textHash,
        },
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  return { patientId, referralId };
}

/** A valid plan body for the referral, with overrides. */
export const planBody = (w: ClinicalWorld, referralId: string, overrides: Record<string, unknown> = {}) => ({
  referralId,
  problems: ['Low back pain limits sitting to 20 minutes', 'Hypertonic lumbar paraspinals'],
  goals: [
    { kind: 'instrument', instrumentId: 'odi', baseline: 44, target: 24, dueDate: plusDays(w.t, 42) },
    { kind: 'rom', jointMotion: 'lumbar.flexion', baseline: 35, target: 55, dueDate: plusDays(w.t, 42) },
    { kind: 'functional', patientWords: 'Sit through a two-hour meeting', dueDate: plusDays(w.t, 42) },
  ],
  techniques: ['myofascial-release', 'trigger-point-therapy'],
  regions: ['low-back', 'gluteal-right'],
  frequencyPerWeek: 2,
  durationWeeks: 6,
  plannedVisits: 12,
  sessionMinutes: 60,
  homeCare: {
    exercises: [{ id: 'knee-to-chest' }, { id: 'pelvic-tilt', dosage: '15 repetitions, once a day' }],
    advice: ['hydration', 'posture-breaks'],
  },
  startDate: today(w.t),
  reEvaluationDate: plusDays(w.t, 30),
  ...overrides,
});

/** Audit rows of one patient (action:outcome), oldest first. */
export async function auditOf(w: ClinicalWorld, patientId: string, actorUserId?: string) {
  const rows = await w.t.database.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.patientId, patientId), actorUserId ? eq(auditLog.actorUserId, actorUserId) : undefined),
    );
  return rows.sort((a, b) => a.id.localeCompare(b.id)).map((r) => `${r.action}:${r.outcome}`);
}

/** The database's error message for a statement (undefined when it succeeds). */
export const dbRefusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

/** Signs the therapist and the physician in again (after the test clock moved past the session timeout). */
export async function signInAgain(w: ClinicalWorld) {
  for (const person of [w.therapist, w.physician]) {
    const response = await person.agent.signIn(person.email, PASSWORD);
    expect(response.statusCode, response.body).toBe(200);
  }
}

/** A 60-minute service and a room at the clinic's first location, straight in the database, to put appointments in. */
export async function serviceAndRoom(w: ClinicalWorld) {
  const db = w.t.database.db;
  const [location] = await db.select().from(locations).where(eq(locations.clinicId, w.clinicId));
  const serviceId = uuidv7();
  const roomId = uuidv7();
  await db.insert(services).values({
    clinicId: w.clinicId,
    id: serviceId,
    name: 'Medical massage',
    durationMinutes: 60,
    kind: 'follow_up',
  });
  await db.insert(rooms).values({ clinicId: w.clinicId, id: roomId, locationId: location!.id, name: 'Room' });
  return { locationId: location!.id, serviceId, roomId };
}

type AppointmentValues = typeof appointments.$inferInsert;

/**
 * An appointment with the world's therapist, straight in the database (no booking rules, no jobs), for tests
 * that need a schedule's history or future. Answers its id.
 */
export async function insertAppointment(
  w: ClinicalWorld,
  place: { locationId: string; serviceId: string; roomId: string },
  values: Pick<AppointmentValues, 'patientId' | 'startAt' | 'endAt' | 'status'> & Partial<AppointmentValues>,
): Promise<string> {
  const row = appointmentRow({
    clinicId: w.clinicId,
    therapistId: w.therapist.userId,
    ...place,
    bookedBy: w.ownerId,
    ...values,
  });
  await w.t.database.db.insert(appointments).values(row);
  return row.id!;
}
