import { z } from 'zod';

/** The accounting of disclosures (45 CFR 164.528): shared shapes. No server imports. */
export const disclosureView = z.object({
  id: z.string(),
  disclosedAt: z.string(),
  recipient: z.string(),
  description: z.string().describe('What was disclosed'),
  purpose: z.string().describe('Why'),
  sourceType: z.enum(['report_delivery', 'records_request', 'manual']),
  sourceId: z.string().nullable(),
});

export const disclosureList = z.object({
  patientId: z.string(),
  since: z.string().describe('Disclosures of the six years before today'),
  items: z.array(disclosureView),
});

export const disclosureCreate = z.strictObject({
  disclosedAt: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
  recipient: z.string().trim().min(1).max(300),
  description: z.string().trim().min(1).max(1000),
  purpose: z.string().trim().min(1).max(1000),
});
