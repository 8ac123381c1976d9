import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';

export const ATTACHMENT_KIND_VALUES = ['prescription', 'imaging_report', 'clearance', 'other'] as const;
export const ATTACHMENT_KIND_LABELS: Record<(typeof ATTACHMENT_KIND_VALUES)[number], string> = {
  prescription: 'Prescription (scanned referral)',
  imaging_report: 'Imaging report (MRI, X-ray)',
  clearance: 'Physician clearance',
  other: 'Other document',
};
export const ALLOWED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const uploadQuery = z.object({
  kind: z
    .enum(ATTACHMENT_KIND_VALUES)
    .default('other')
    .describe('prescription (scanned referral), imaging_report (MRI/X-ray)…'),
  referralId: z.uuid().optional().describe("Attach to one of the patient's referrals"),
});

/** Through a personal intake link: the patient's own document, to no referral in particular. */
export const linkUploadQuery = z.object({
  kind: z.enum(ATTACHMENT_KIND_VALUES).default('prescription'),
});

export const attachment = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  referralId: z.uuid().nullable(),
  kind: z.enum(ATTACHMENT_KIND_VALUES),
  fileName: z.string(),
  contentType: z.enum(ALLOWED_CONTENT_TYPES).describe('Detected from the file content, not its name'),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable().describe('Null when the patient sent it through their intake link'),
  uploadedByName: z.string().describe('Who added it'),
  uploadedByPatient: z.boolean().describe('Added by the patient, from their portal'),
  createdAt: isoDateTime,
});

export const fromPatientsQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(14).describe('How many days back'),
  therapistId: z
    .uuid()
    .optional()
    .describe("Only this therapist's patients: booked with them in the last 30 days or the coming 14"),
});

export const fromPatientsList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      patientId: z.uuid(),
      patientName: z.string(),
      referralId: z.uuid().nullable().describe('The referral it is filed with, once the desk has'),
      kind: z.enum(ATTACHMENT_KIND_VALUES),
      fileName: z.string(),
      createdAt: isoDateTime,
    }),
  ),
});

export const fileUnderReferralInput = z.strictObject({
  referralId: z.uuid().nullable().describe("One of the patient's referrals, or null to take it off"),
});
