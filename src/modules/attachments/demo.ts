import { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import { attachments, referrals, referringProviders } from '../../db/schema/index.ts';
import { storeUpload } from './storage.ts';

/**
 * The portal patient sent the clinic a copy of their doctor's prescription yesterday (the front desk's home lists
 * it under "Sent by patients"): a one-page PDF written from their referral. Answers how many were seeded.
 */
export async function seedAttachmentsDemo(
  db: Database,
  input: { clinicId: string; patientId: string; patientUserId: string; attachmentsDir: string; now: Date },
): Promise<number> {
  const { clinicId, patientId } = input;
  const [referral] = await db
    .select({ referral: referrals, provider: referringProviders })
    .from(referrals)
    .leftJoin(
      referringProviders,
      and(
        eq(referringProviders.clinicId, referrals.clinicId),
        eq(referringProviders.id, referrals.providerId),
      ),
    )
    .where(and(eq(referrals.clinicId, clinicId), eq(referrals.patientId, patientId)))
    .orderBy(asc(referrals.id))
    .limit(1);
  if (!referral) return 0;
  const { referral: r, provider } = referral;
  const doctor = provider
    ? `${provider.firstName} ${provider.lastName}${provider.credentials ? `, ${provider.credentials}` : ''}`
    : 'The referring physician';
  const pdf = await prescriptionPdf([
    doctor,
    '',
    'Prescription',
    '',
    `Date: ${r.validFrom}`,
    `Diagnosis: ${r.diagnoses.map((d) => `${d.description} (${d.code})`).join('; ')}`,
    `Medical massage therapy${r.frequencyPerWeek ? `, ${r.frequencyPerWeek}× per week` : ''}${
      r.durationWeeks ? ` for ${r.durationWeeks} weeks` : ''
    }.`,
    r.precautions ? `Precautions: ${r.precautions}` : '',
    '',
    `Signed: ${doctor}`,
  ]);
  const id = uuidv7();
  const stored = await storeUpload(Readable.from([pdf]), { dir: input.attachmentsDir, clinicId, id });
  await db.insert(attachments).values({
    clinicId,
    id,
    patientId,
    kind: 'prescription',
    fileName: 'prescription-photo.pdf',
    contentType: stored.contentType,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
    uploadedBy: input.patientUserId,
    createdAt: new Date(input.now.getTime() - 20 * 3_600_000),
  });
  return 1;
}

async function prescriptionPdf(lines: string[]): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'LETTER', margin: 72 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('Helvetica').fontSize(13);
  for (const line of lines) doc.text(line);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
