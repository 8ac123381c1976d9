import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { clinics, locations, memberships } from '../../db/schema/index.ts';
import type { clinicInput, locationInput } from './schemas.ts';

/** A clinic with its first location and its owner, in the caller's transaction. */
export async function createClinic(
  tx: Executor,
  input: {
    clinic: z.infer<typeof clinicInput>;
    location: z.infer<typeof locationInput>;
    ownerUserId: string;
    isDemo?: boolean;
    clinicId?: string;
  },
): Promise<{ clinicId: string; locationId: string }> {
  const clinicId = input.clinicId ?? uuidv7();
  const locationId = uuidv7();
  await tx.insert(clinics).values({ id: clinicId, ...input.clinic, isDemo: input.isDemo ?? false });
  await tx.insert(locations).values({
    clinicId,
    id: locationId,
    ...input.location,
    timeZone: input.location.timeZone ?? input.clinic.timeZone,
  });
  await tx.insert(memberships).values({ clinicId, userId: input.ownerUserId, role: 'owner' });
  return { clinicId, locationId };
}
