import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id } from './columns.ts';
import { users } from './identity.ts';
import { intakeLinks } from './intake.ts';
import { patients } from './patients.ts';
import { referrals } from './referrals.ts';

export const ATTACHMENT_KINDS = ['prescription', 'imaging_report', 'clearance', 'other'] as const;
export const ATTACHMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * Files about a patient (a scanned prescription, an MRI or X-ray report), stored outside the web root at
 * `<attachmentsDir>/<clinic_id>/<id>`. The content type is the one detected from the file's bytes.
 */
export const attachments = pgTable(
  'attachments',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    referralId: uuid('referral_id'),
    kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type', { enum: ATTACHMENT_CONTENT_TYPES }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Who uploaded it, signed in; null when the patient sent it through their personal intake link. */
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    intakeLinkId: uuid('intake_link_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    foreignKey({
      columns: [t.clinicId, t.intakeLinkId],
      foreignColumns: [intakeLinks.clinicId, intakeLinks.id],
    }),
    // Exactly one way in: a signed-in uploader, or a patient's intake link.
    check('attachments_uploader', sql`(${t.uploadedBy} is null) <> (${t.intakeLinkId} is null)`),
    index('attachments_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('attachments_referral_idx').on(t.clinicId, t.referralId),
    check(
      'attachments_content_type',
      sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`,
    ),
  ],
);
