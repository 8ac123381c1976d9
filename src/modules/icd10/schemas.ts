import { z } from 'zod';

export const icd10Entry = z.object({
  code: z.string(),
  description: z.string(),
  billable: z.boolean(),
  laterality: z.enum(['left', 'right', 'bilateral', 'unspecified']).nullable(),
  family: z.string(),
});
export const icd10SearchQuery = z.object({
  q: z.string().trim().min(1).max(100).describe('Code prefix (m54.5, M545) or words (plantar fasc)'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  billableOnly: z.stringbool().optional().default(false),
});
export const icd10CodeResult = z.object({ entry: icd10Entry, codeSet: z.string() });
