import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import {
  clearanceRequests,
  clinics,
  physicianPatientLinks,
  referringProviders,
} from '../../db/schema/index.ts';
import { safetyFlags } from './service.ts';

/**
 * The demo physician has been asked for clearance: the first of their linked patients with a flag still
 * waiting for one. Answers how many requests were seeded (0 or 1).
 */
export async function seedClearanceRequestDemo(
  db: Database,
  input: { clinicId: string; physicianUserId: string; requestedBy: string; now: Date },
): Promise<number> {
  const { clinicId, physicianUserId, now } = input;
  const [provider] = await db
    .select({ id: referringProviders.id })
    .from(referringProviders)
    .where(and(eq(referringProviders.clinicId, clinicId), eq(referringProviders.userId, physicianUserId)));
  const [clinic] = await db
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  if (!provider || !clinic) return 0;
  const today = DateTime.fromJSDate(now, { zone: clinic.timeZone }).toISODate()!;
  const linked = await db
    .select({ patientId: physicianPatientLinks.patientId })
    .from(physicianPatientLinks)
    .where(
      and(
        eq(physicianPatientLinks.clinicId, clinicId),
        eq(physicianPatientLinks.userId, physicianUserId),
        isNull(physicianPatientLinks.revokedAt),
      ),
    );
  for (const { patientId } of linked) {
    const { flags } = await safetyFlags(db, clinicId, patientId, today);
    const waiting = flags.find((f) => f.clearancePolicy !== 'not-overridable' && !f.acknowledged);
    if (!waiting) continue;
    await db.insert(clearanceRequests).values({
      clinicId,
      id: uuidv7(),
      patientId,
      ruleIds: [waiting.ruleId],
      providerId: provider.id,
      question: `${waiting.subject}: ${waiting.restriction}.\nI would like to begin medical massage for the low back. Is it safe for this patient, and are there areas, techniques or a pressure to avoid?`,
      requestedBy: input.requestedBy,
      createdAt: now,
    });
    return 1;
  }
  return 0;
}
