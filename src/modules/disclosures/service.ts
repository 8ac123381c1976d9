import { and, desc, eq, gte } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { disclosures } from '../../db/schema/index.ts';
import type { disclosureView } from './schemas.ts';

export interface DisclosureInput {
  clinicId: string;
  patientId: string;
  disclosedAt: Date;
  recipientName: string;
  recipientUserId?: string | null;
  description: string;
  purpose: string;
  sourceType: 'report_delivery' | 'records_request' | 'manual';
  sourceId?: string | null;
  recordedBy?: string | null;
}

/** Adds a disclosure to the patient's accounting (in the caller's transaction). */
export async function recordDisclosure(db: Executor, input: DisclosureInput): Promise<string> {
  const id = uuidv7();
  await db.insert(disclosures).values({
    clinicId: input.clinicId,
    id,
    patientId: input.patientId,
    disclosedAt: input.disclosedAt,
    recipientName: input.recipientName,
    recipientUserId: input.recipientUserId ?? null,
    description: input.description,
    purpose: input.purpose,
    sourceType: input.sourceType,
    sourceId: input.sourceId ?? null,
    recordedBy: input.recordedBy ?? null,
  });
  return id;
}

export async function disclosuresOf(
  db: Executor,
  clinicId: string,
  patientId: string,
  since: Date,
): Promise<z.infer<typeof disclosureView>[]> {
  const rows = await db
    .select()
    .from(disclosures)
    .where(
      and(
        eq(disclosures.clinicId, clinicId),
        eq(disclosures.patientId, patientId),
        gte(disclosures.disclosedAt, since),
      ),
    )
    .orderBy(desc(disclosures.disclosedAt), desc(disclosures.id));
  return rows.map((r) => ({
    id: r.id,
    disclosedAt: r.disclosedAt.toISOString(),
    recipient: r.recipientName,
    description: r.description,
    purpose: r.purpose,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
  }));
}
