import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { clinics, locations, patients } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Who a printed document is from and about: the clinic with its first location (the letterhead) and the
 * patient. Shared by progress reports, the record export and superbills.
 */
export async function documentParties(db: Executor, clinicId: string, patientId: string) {
  const [patient] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  if (!patient) throw new AppError('not_found', 'Patient not found');
  const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
  const [location] = await db
    .select()
    .from(locations)
    .where(eq(locations.clinicId, clinicId))
    .orderBy(asc(locations.id))
    .limit(1);
  const address = location
    ? [
        location.addressLine1,
        location.addressLine2,
        `${location.city}, ${location.region} ${location.postalCode}`,
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  return { patient, clinic: clinic!, location: location ?? null, address };
}

/** The lines under the clinic's name on a letterhead: its address and phone, when known. */
export const letterheadLines = (address: string | null, phone: string | null | undefined): string[] => [
  ...(address ? [address] : []),
  ...(phone ? [`Phone ${phone}`] : []),
];
