import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/connection.ts';
import {
  authFailures,
  clinicProfiles,
  clinics,
  installation,
  locations,
  memberships,
  patients,
  services,
  sessions,
  therapistProfiles,
  users,
} from '../db/schema/index.ts';
import { seedAttachmentsDemo } from '../modules/attachments/demo.ts';
import { seedDirectoryDemo } from '../modules/directory/demo.ts';
import { seedIntakeDemo } from '../modules/intake/demo.ts';
import { seedPatientsDemo } from '../modules/patients/demo.ts';
import { seedPaymentsDemo } from '../modules/payments/demo.ts';
import { seedReportsDemo } from '../modules/reports/demo.ts';
import { seedClearanceRequestDemo } from '../modules/safety/demo.ts';
import { seedSchedulingDemo } from '../modules/scheduling/demo.ts';
import { seedClinicalDemo } from '../modules/session-notes/demo.ts';
import { recordAudit } from '../platform/audit.ts';
import { hashPassword } from '../platform/crypto.ts';
import { DEMO_CLINIC, DEMO_LOCATIONS, DEMO_PEOPLE } from './accounts.ts';

export class DemoRefusal extends Error {}

export interface DemoResult {
  clinicId: string;
  refreshed: boolean;
  people: { email: string; roles: string[] }[];
  counts: Record<string, number>;
}

/**
 * Creates the demo clinic, or refreshes it: its clinic data is removed and seeded again, the demo accounts
 * get the demo password back. Refuses to touch a database that holds any clinic that is not the demo.
 */
export async function seedDemo(
  db: Database,
  options: { password: string; now: Date; attachmentsDir: string },
): Promise<DemoResult> {
  const existing = await db
    .select({ id: clinics.id, isDemo: clinics.isDemo, name: clinics.name })
    .from(clinics);
  const real = existing.filter((c) => !c.isDemo);
  if (real.length > 0) {
    throw new DemoRefusal(
      `This database holds a real clinic (${real.map((c) => c.name).join(', ')}); the demo only runs on an empty or demo-only database.`,
    );
  }
  const previous = existing.filter((c) => c.isDemo && !c.name.includes('(replaced'));
  const passwordHash = await hashPassword(options.password);
  const userIds = new Map<string, string>();
  const locationIds: string[] = [];
  const clinicId = await db.transaction(async (tx) => {
    // Clinical records are never deleted, not even demo ones: a refresh retires the previous demo clinic
    // (renamed, nobody's member any more, out of public view) and seeds a fresh one, so dates are relative to
    // today again.
    for (const old of previous) await retireDemoClinic(tx as unknown as Database, old.id, options.now);
    const clinicId = uuidv7();
    await tx.insert(clinics).values({ id: clinicId, ...DEMO_CLINIC, isDemo: true });
    await tx.insert(installation).values({ id: 1 }).onConflictDoNothing();
    for (const location of DEMO_LOCATIONS) {
      const id = uuidv7();
      locationIds.push(id);
      await tx.insert(locations).values({ clinicId, id, ...location });
    }
    for (const person of DEMO_PEOPLE) {
      const [found] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${person.email}`);
      const userId = found?.id ?? uuidv7();
      if (found) {
        await tx
          .update(users)
          .set({
            passwordHash,
            displayName: person.displayName,
            disabledAt: null,
            totpSecret: null,
            totpEnabledAt: null,
          })
          .where(eq(users.id, userId));
        await tx.update(sessions).set({ revokedAt: options.now }).where(eq(sessions.userId, userId));
      } else {
        await tx
          .insert(users)
          .values({ id: userId, email: person.email, displayName: person.displayName, passwordHash });
      }
      await tx.insert(memberships).values(person.roles.map((role) => ({ clinicId, userId, role })));
      userIds.set(person.key, userId);
    }
    await tx.delete(authFailures).where(
      inArray(
        authFailures.key,
        DEMO_PEOPLE.map((p) => p.email),
      ),
    );
    await recordAudit(tx, { action: previous.length > 0 ? 'demo.refreshed' : 'demo.created', clinicId });
    return clinicId;
  });
  const counts = await seedCapabilities(db, {
    clinicId,
    userIds,
    locationIds,
    now: options.now,
    attachmentsDir: options.attachmentsDir,
  });
  return {
    clinicId,
    refreshed: previous.length > 0,
    people: DEMO_PEOPLE.map((p) => ({ email: p.email, roles: p.roles })),
    counts,
  };
}

/** Each capability seeds its own demo data; this is the order they build on one another. */
async function seedCapabilities(
  db: Database,
  input: {
    clinicId: string;
    userIds: Map<string, string>;
    locationIds: string[];
    now: Date;
    attachmentsDir: string;
  },
): Promise<Record<string, number>> {
  const { clinicId, userIds, locationIds, now } = input;
  const id = (key: string) => userIds.get(key)!;
  const therapistUserIds = DEMO_PEOPLE.filter((p) => p.roles.includes('therapist')).map((p) => id(p.key));
  const patients = await seedPatientsDemo(db, {
    clinicId,
    staffUserIds: [id('frontdesk'), ...therapistUserIds],
    physicianUserId: id('physician'),
    now,
  });
  const [portalPatient, ...others] = patients.patientIds;
  await linkPortalPatient(db, clinicId, portalPatient!, id('patient'));
  // The portal patient comes last, so the flagged histories (a clot, a pregnancy…) go to others, and is treated
  // first, so their portal shows a course of care with goals, progress and home exercises.
  const intake = await seedIntakeDemo(db, { clinicId, patientIds: [...others, portalPatient!], now });
  const documents = await seedAttachmentsDemo(db, {
    clinicId,
    patientId: portalPatient!,
    patientUserId: id('patient'),
    attachmentsDir: input.attachmentsDir,
    now,
  });
  const clearanceRequests = await seedClearanceRequestDemo(db, {
    clinicId,
    physicianUserId: id('physician'),
    requestedBy: therapistUserIds[0]!,
    now,
  });
  const clinical = await seedClinicalDemo(db, {
    clinicId,
    therapistUserIds,
    physicianUserId: id('physician'),
    now,
    treatFirst: portalPatient,
  });
  // Two patients in treatment (not the portal patient) have let their bookings lapse, so the front desk's To
  // rebook list has work.
  const lapsed = new Set(
    clinical.patientIds.filter((p) => p !== portalPatient).filter((_, i) => i === 1 || i === 4),
  );
  const schedule = await seedSchedulingDemo(db, {
    clinicId,
    locationIds,
    therapistUserIds,
    patientIds: patients.patientIds.filter((patientId) => !lapsed.has(patientId)),
    therapistOf: clinical.therapistOf,
    pastVisits: clinical.visits,
    now,
  });
  const payments = await seedPaymentsDemo(db, { clinicId, recordedBy: id('frontdesk') });
  const reports = await seedReportsDemo(db, {
    clinicId,
    therapistUserIds,
    physicianUserId: id('physician'),
    now,
  });
  const directory = await seedDirectoryDemo(db, { clinicId, therapistUserIds, now });
  return {
    patients: patients.patientIds.length,
    'referring providers': patients.providerIds.length,
    referrals: patients.referralIds.length,
    'submitted intakes': intake.submitted,
    'documents sent by patients': documents,
    'physician clearances': intake.clearances,
    'clearance requests': clearanceRequests,
    'treatment plans': clinical.planIds.length,
    'session notes': clinical.noteIds.length,
    'signed reports': reports.reportIds.length,
    services: schedule.services,
    rooms: schedule.rooms,
    appointments: schedule.appointments,
    payments,
    'public therapists': directory.therapists,
    'verified reviews': directory.reviews,
  };
}

/** The demo patient account opens the portal onto one real patient record. */
async function linkPortalPatient(db: Database, clinicId: string, patientId: string, userId: string) {
  const [record] = await db
    .update(patients)
    .set({ userId, email: 'patient@demo.palpa.test' })
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
    .returning();
  const name = `${record!.preferredName ?? record!.legalFirstName} ${record!.legalLastName}`;
  await db.update(users).set({ displayName: name }).where(eq(users.id, userId));
}

async function retireDemoClinic(db: Database, clinicId: string, now: Date): Promise<void> {
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ');
  await db
    .update(clinics)
    .set({ name: sql`${clinics.name} || ${` (replaced ${stamp} UTC)`}` })
    .where(eq(clinics.id, clinicId));
  await db.delete(memberships).where(eq(memberships.clinicId, clinicId));
  // Out of public view: no online booking, no directory page.
  await db
    .update(services)
    .set({ archivedAt: now })
    .where(and(eq(services.clinicId, clinicId), isNull(services.archivedAt)));
  await db.update(clinicProfiles).set({ published: false }).where(eq(clinicProfiles.clinicId, clinicId));
  await db
    .update(therapistProfiles)
    .set({ published: false })
    .where(eq(therapistProfiles.clinicId, clinicId));
}
