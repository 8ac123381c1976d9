import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/connection.ts';
import {
  appointments,
  locations,
  memberships,
  outcomeAdministrations,
  patients,
  referrals,
  rooms,
  services,
  sessionNotes,
  treatmentPlans,
  treatmentPlanVersions,
  users,
} from '../src/db/schema/index.ts';
import { createMailer } from '../src/platform/email.ts';
import { SESSION_COOKIE } from '../src/platform/sessions.ts';
import { buildApp } from '../src/server.ts';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export interface BenchClinic {
  db: Database;
  /** Which database the figures come from, for the report's title. */
  databaseName: 'PGlite' | 'PostgreSQL';
  app: FastifyInstance;
  clinicId: string;
  /** The owner's session cookie, for requests through the app. */
  cookie: string;
  ownerId: string;
  close(): Promise<void>;
}

/**
 * The real app set up with one clinic and its signed-in owner: on a fresh PGlite (in memory, or in `dataDir`
 * on disk as a server keeps it), or on the PostgreSQL database named by `BENCH_DATABASE_URL` (an empty one:
 * the bench migrates and fills it).
 */
export async function startBenchClinic(options: { dataDir?: string } = {}): Promise<BenchClinic> {
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(
    url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: options.dataDir },
  );
  await database.migrate();
  const db = database.db;
  const config = { ...loadConfig({}), publicUrl: 'http://palpa.bench' };
  const mailer = createMailer(db, { from: config.mailFrom });
  const app = await buildApp({ db, dbKind: database.kind, config, mailer, now: () => new Date() });
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      clinic: { name: 'Bench Clinic', timeZone: 'America/Los_Angeles' },
      location: {
        name: 'Main',
        addressLine1: '1 Bench St',
        city: 'San Diego',
        region: 'CA',
        postalCode: '92101',
      },
      owner: { displayName: 'Bench Owner', email: 'bench@palpa.test', password: 'Harbor-massage-9!' },
    },
  });
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.body}`);
  const [owner] = await db.select().from(users).where(eq(users.email, 'bench@palpa.test'));
  return {
    db,
    databaseName: url ? 'PostgreSQL' : 'PGlite',
    app,
    clinicId: setup.json().clinicId as string,
    cookie: `${SESSION_COOKIE}=${setup.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`,
    ownerId: owner!.id,
    async close() {
      await app.close();
      mailer.close();
      await database.close();
    },
  };
}

export const SESSIONS = 30;

export interface TreatedPatient {
  therapistId: string;
  locationId: string;
  patientId: string;
  referralId: string;
  planId: string;
  /** The plan's goals: ODI target, lumbar-flexion ROM target, a functional goal. */
  goalIds: string[];
  noteIds: string[];
  /** The referral date and plan start, (SESSIONS × 3 + 10) days ago. */
  first: Date;
}

/** A UTC date, `YYYY-MM-DD`. */
export const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One patient with a realistic record, treated by a new therapist: a referral with two diagnoses, a plan with three
 * goals and home care, `SESSIONS` completed appointments every three days, each with a signed SOAP note (three
 * treatment rows, pain before/after improving, ROM, goal progress), and an NDI administration every third session.
 */
export async function seedTreatedPatient(clinic: BenchClinic): Promise<TreatedPatient> {
  const { db, clinicId, ownerId } = clinic;
  const [location] = await db.select().from(locations).where(eq(locations.clinicId, clinicId));
  const locationId = location!.id;
  const therapistId = uuidv7();
  await db
    .insert(users)
    .values({ id: therapistId, email: 'therapist@palpa.test', displayName: 'Theo Therapist' });
  await db.insert(memberships).values({ clinicId, userId: therapistId, role: 'therapist' });

  const first = new Date(Date.now() - (SESSIONS * 3 + 10) * 86_400_000);
  const patientId = uuidv7();
  await db.insert(patients).values({
    clinicId,
    id: patientId,
    legalFirstName: 'Ana',
    legalLastName: 'López',
    dateOfBirth: '1980-03-14',
    email: 'ana@example.test',
  });
  const referralId = uuidv7();
  const diagnoses = [
    { code: 'M54.50', description: 'Low back pain, unspecified', laterality: null },
    { code: 'M62.838', description: 'Other muscle spasm', laterality: null },
  ];
  await db.insert(referrals).values({
    clinicId,
    id: referralId,
    patientId,
    source: 'paper',
    referralDate: day(first),
    diagnoses,
    techniques: ['myofascial-release', 'swedish-massage'],
    bodyRegions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 16,
    sessionMinutes: 60,
    validFrom: day(first),
    createdBy: ownerId,
  });
  const planId = uuidv7();
  const goalIds = [uuidv7(), uuidv7(), uuidv7()];
  await db
    .insert(treatmentPlans)
    .values({ clinicId, id: planId, patientId, referralId, createdBy: therapistId });
  await db.insert(treatmentPlanVersions).values({
    clinicId,
    planId,
    version: 1,
    content: {
      diagnoses,
      problems: ['Sitting limited to 20 minutes', 'Hypertonic lumbar paraspinals'],
      goals: [
        {
          id: goalIds[0],
          kind: 'instrument',
          instrumentId: 'odi',
          baseline: 44,
          target: 24,
          dueDate: day(new Date()),
        },
        {
          id: goalIds[1],
          kind: 'rom',
          jointMotion: 'lumbar.flexion',
          baseline: 35,
          target: 55,
          dueDate: day(new Date()),
        },
        {
          id: goalIds[2],
          kind: 'functional',
          patientWords: 'Sit through a meeting',
          dueDate: day(new Date()),
        },
      ],
      homeCare: { exercises: [{ id: 'knee-to-chest' }, { id: 'pelvic-tilt' }], advice: ['hydration'] },
    },
    techniques: ['myofascial-release', 'swedish-massage'],
    regions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 16,
    plannedVisits: 32,
    sessionMinutes: 60,
    startDate: day(first),
    reEvaluationDate: day(new Date(first.getTime() + 30 * 86_400_000)),
    screening: { onDate: day(first), status: 'clear', findingKeys: [], clearanceIds: [] },
    precautionsAcknowledged: [],
    createdBy: therapistId,
  });

  const serviceId = uuidv7();
  const roomId = uuidv7();
  await db
    .insert(services)
    .values({ clinicId, id: serviceId, name: 'Medical massage 60', durationMinutes: 60, kind: 'follow_up' });
  await db.insert(rooms).values({ clinicId, id: roomId, locationId, name: 'Room 1' });
  const noteIds: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const startAt = new Date(first.getTime() + (i * 3 + 5) * 86_400_000);
    const endAt = new Date(startAt.getTime() + 3_600_000);
    const pain = Math.max(1, 7 - Math.floor(i / 5));
    const appointmentId = uuidv7();
    await db.insert(appointments).values({
      clinicId,
      id: appointmentId,
      patientId,
      serviceId,
      therapistId,
      roomId,
      locationId,
      startAt,
      endAt,
      blockedStart: startAt,
      blockedEnd: endAt,
      status: 'completed',
      completedAt: endAt,
      bookedBy: ownerId,
      bookedVia: 'staff',
      referralId,
    });
    const noteId = uuidv7();
    noteIds.push(noteId);
    await db.insert(sessionNotes).values({
      clinicId,
      id: noteId,
      patientId,
      planId,
      appointmentId,
      authorId: therapistId,
      status: 'signed',
      visitDate: day(startAt),
      content: {
        subjective: { painToday: pain, complaint: 'Low back pain when sitting' },
        objective: {
          findings: 'Hypertonic paraspinals',
          rom: [{ jointMotion: 'lumbar.flexion', value: 35 + i }],
        },
        treatment: {
          rows: [
            { techniqueId: 'myofascial-release', region: 'low-back', minutes: 25, pressure: 'moderate' },
            { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 20, pressure: 'moderate' },
            { techniqueId: 'hot-therapy', region: 'low-back', minutes: 10 },
          ],
        },
        assessment: {
          goalProgress: [{ goalId: goalIds[2], progress: 'progressing' }],
          interpretation: 'Improving',
        },
        plan: { nextFocus: 'Gluteals' },
        pain: { before: pain, after: Math.max(0, 4 - Math.floor(i / 6)) },
      },
      totalMinutes: 55,
      timedMinutesByCpt: { '97140': 25, '97124': 20 },
      billing: { totalUnits: 3 },
      signedAt: endAt,
      signatureTypedName: 'Theo Therapist',
    });
    if (i % 3 === 0) {
      const item = Math.max(1, 3 - Math.floor(i / 10));
      await db.insert(outcomeAdministrations).values({
        clinicId,
        id: uuidv7(),
        patientId,
        instrumentId: 'ndi',
        instrumentVersion: '1',
        answers: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`q${k + 1}`, item])),
        score: item * 10,
        missingItems: [],
        method: 'sum',
        administeredOn: day(startAt),
        administeredBy: therapistId,
        sessionNoteId: noteId,
      });
    }
  }
  return { therapistId, locationId, patientId, referralId, planId, goalIds, noteIds, first };
}
