/**
 * zod schemas for validating screening input at the API boundary. They are STRICT about codes:
 * an unknown condition code or medication class is rejected here, whereas screen() itself accepts
 * any string and reports unknown codes as `review` issues (never silently ignored).
 */
import { z } from 'zod';
import { isSiteId } from '../catalog/body-regions.ts';
import { PRESSURE_DEPTHS, SAFETY_TAGS, TECHNIQUE_IDS } from '../catalog/techniques.ts';
import { CLEARANCE_ANSWERS } from './clearances.ts';
import { MEDICATION_CLASSES, normaliseConditionCode } from './codes.ts';

const isoDate = z.iso.date();
const siteId = z.string().refine(isSiteId, { message: 'unknown body region or group id' });
const conditionCode = z
  .string()
  .refine((code) => normaliseConditionCode(code) !== null, { message: 'unknown condition code' });

export const ConditionEntrySchema = z.strictObject({
  code: conditionCode,
  site: z.array(siteId).optional(),
  onset: isoDate.optional(),
  resolvedOn: isoDate.optional(),
  note: z.string().max(2000).optional(),
});

export const MedicationEntrySchema = z.strictObject({
  class: z.enum(MEDICATION_CLASSES),
  name: z.string().max(200).optional(),
  startedOn: isoDate.optional(),
  stoppedOn: isoDate.optional(),
});

export const SurgeryEntrySchema = z.strictObject({
  date: isoDate.optional(),
  site: z.array(siteId).optional(),
  description: z.string().max(500).optional(),
});

export const PregnancyEntrySchema = z.strictObject({
  weeks: z.number().min(0).max(45).optional(),
  weeksRecordedOn: isoDate.optional(),
  dueDate: isoDate.optional(),
  highRisk: z.boolean().optional(),
});

export const HealthProfileSchema = z.strictObject({
  birthDate: isoDate.optional(),
  conditions: z.array(ConditionEntrySchema).optional(),
  medications: z.array(MedicationEntrySchema).optional(),
  surgeries: z.array(SurgeryEntrySchema).optional(),
  pregnancy: PregnancyEntrySchema.nullable().optional(),
  allergies: z.array(z.string().max(200)).optional(),
});

export const ProposedTreatmentSchema = z.strictObject({
  techniques: z.array(z.enum([...TECHNIQUE_IDS, ...SAFETY_TAGS])).min(1),
  regions: z.array(siteId).min(1),
  pressure: z.enum(PRESSURE_DEPTHS).optional(),
});

export const ClearanceSchema = z
  .strictObject({
    ruleId: z.string().min(1).optional(),
    findingKey: z.string().min(1).optional(),
    date: isoDate,
    expiresOn: isoDate.optional(),
    scope: z
      .strictObject({
        regions: z.array(siteId).optional(),
        techniques: z.array(z.enum(SAFETY_TAGS)).optional(),
      })
      .optional(),
    clearedBy: z.string().max(200).optional(),
    note: z.string().max(2000).optional(),
    answer: z.enum(CLEARANCE_ANSWERS).optional(),
    limits: z.string().max(2000).optional(),
    recordedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((c) => c.ruleId !== undefined || c.findingKey !== undefined, {
    message: 'a clearance needs a ruleId or a findingKey',
  });
