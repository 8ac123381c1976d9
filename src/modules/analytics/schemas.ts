import { z } from 'zod';

/** Clinic outcomes for owners. Shared shapes, no server imports. */
export const analyticsQuery = z.object({
  from: z.iso
    .date()
    .optional()
    .describe('Episodes (plans) starting on or after this date; default: a year before `to`'),
  to: z.iso.date().optional().describe('…and on or before this date; default: today'),
});

export const outcomeRow = z.object({
  key: z.string(),
  label: z.string(),
  episodes: z.number().describe('Plans of care started in the window'),
  measured: z.number().describe('Episodes with an outcome measure given at least twice'),
  reachedMcid: z.number().describe('Measured episodes where a measure improved by at least its MCID'),
  share: z.number().nullable().describe('reachedMcid ÷ measured (0–1); null when nothing was measured'),
  medianVisitsToMcid: z.number().nullable().describe('Signed visits up to the first meaningful improvement'),
  droppedOut: z.number().describe('No visit in the last 30 days and no discharge summary'),
});
export type OutcomeRow = z.infer<typeof outcomeRow>;

export const clinicOutcomes = z.object({
  from: z.string(),
  to: z.string(),
  total: outcomeRow,
  byCondition: z.array(outcomeRow),
  byTechnique: z.array(outcomeRow),
  byTherapist: z.array(outcomeRow),
  minEpisodesToCompare: z
    .number()
    .describe('Rows with fewer measured episodes than this are too few to compare with each other'),
  /** How the numbers are counted, in plain words, in reading order. */
  definitions: z.array(z.object({ term: z.string(), meaning: z.string() })),
});
