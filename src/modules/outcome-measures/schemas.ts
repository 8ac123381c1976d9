import { z } from 'zod';
import { INSTRUMENTS } from '../../domain/outcomes/instruments/index.ts';
import {
  answersSchema,
  licensedItemTextSchema,
  psfsActivitiesSchema,
} from '../../domain/outcomes/schemas.ts';
import { INSTRUMENT_IDS, type InstrumentId } from '../../domain/outcomes/types.ts';

export const instrumentIdSchema = z.enum(INSTRUMENT_IDS);

/** Each instrument's name as the catalog writes it ("QuickDASH", "HIT-6"), for choosers and goal texts. */
export const INSTRUMENT_NAMES = Object.fromEntries(
  INSTRUMENT_IDS.map((id) => [id, INSTRUMENTS[id].name]),
) as Readonly<Record<InstrumentId, string>>;

const mcid = z.object({
  id: z.string(),
  thresholds: z.array(z.object({ value: z.number(), unit: z.enum(['points', 'percent']) })),
  source: z.string(),
  citation: z.string(),
  kind: z.string(),
  isDefault: z.boolean(),
  population: z.string(),
  note: z.string().optional(),
});

export const instrumentDefinition = z.object({
  id: instrumentIdSchema,
  name: z.string(),
  fullName: z.string(),
  version: z.string(),
  form: z.string(),
  measures: z.string(),
  recall: z.string().optional(),
  direction: z.enum(['higher-is-worse', 'higher-is-better']),
  items: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      domain: z.string(),
      text: z.string().optional().describe('Absent for licensed instruments until the clinic loads its text'),
      options: z.array(
        z.object({ value: z.number(), key: z.string().optional(), label: z.string().optional() }),
      ),
    }),
  ),
  scales: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      itemIds: z.array(z.string()),
      range: z.object({ min: z.number(), max: z.number() }),
      optional: z.boolean(),
      missingPolicy: z.object({ basis: z.enum(['reference', 'palpa-choice']), note: z.string() }),
      mcids: z.array(mcid),
      bands: z
        .array(z.object({ id: z.string(), label: z.string(), min: z.number(), max: z.number() }))
        .optional(),
    }),
  ),
  primaryScoreId: z.string(),
  licensing: z.object({
    itemTextShipped: z.boolean(),
    licence: z.string(),
    note: z.string(),
    clinicTextLoaded: z.boolean(),
  }),
  sources: z.array(z.string()),
});
export type InstrumentDefinitionView = z.infer<typeof instrumentDefinition>;

export const instrumentList = z.object({ items: z.array(instrumentDefinition) });

export const licensedTextBody = z.strictObject({
  licence: z.string().trim().min(1).max(500).describe('What the clinic holds: licence number, holder, terms'),
  items: licensedItemTextSchema.describe('Item id → { text, answerLabels }'),
});

export const licensedTextView = z.object({
  instrumentId: instrumentIdSchema,
  licence: z.string(),
  itemCount: z.number(),
  loadedBy: z.string(),
  loadedAt: z.string(),
  instrument: instrumentDefinition,
});

export const administrationBody = z
  .strictObject({
    instrumentId: instrumentIdSchema,
    answers: answersSchema.optional().describe('Item id → value (null = unanswered). Not for PSFS.'),
    activities: psfsActivitiesSchema.optional().describe('PSFS only: the activities in the patient’s words'),
    administeredOn: z.iso.date().optional().describe("Default: today in the clinic's time zone"),
    assessmentId: z.uuid().optional(),
    sessionNoteId: z.uuid().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.instrumentId === 'psfs') {
      if (!b.activities)
        ctx.addIssue({ code: 'custom', path: ['activities'], message: 'PSFS needs activities' });
      if (b.answers) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'PSFS takes activities' });
    } else {
      if (!b.answers) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'Required' });
      if (b.activities) ctx.addIssue({ code: 'custom', path: ['activities'], message: 'Only for PSFS' });
    }
  });

export const CHANGE_LABELS = {
  improved: 'improved',
  'no-meaningful-change': 'no meaningful change',
  worse: 'worse',
} as const;

export const changeFromBaseline = z.object({
  baselineId: z.string(),
  baselineScore: z.number(),
  baselineOn: z.string(),
  change: z.number(),
  percentChange: z.number().nullable(),
  classification: z.enum(['improved', 'no-meaningful-change', 'worse']),
  label: z.enum(['improved', 'no meaningful change', 'worse']),
  mcidUsed: z.object({
    id: z.string(),
    value: z.number(),
    unit: z.enum(['points', 'percent']),
    source: z.string().describe('Citation, e.g. "Ostelo 2008 (low-back-pain consensus)"'),
  }),
});

export const administration = z.object({
  id: z.string(),
  patientId: z.string(),
  instrumentId: instrumentIdSchema,
  instrumentName: z.string(),
  instrumentVersion: z.string(),
  direction: z.enum(['higher-is-worse', 'higher-is-better']),
  administeredOn: z.string(),
  administeredBy: z.object({ userId: z.string(), name: z.string() }),
  answers: z.record(z.string(), z.number().nullable()),
  activities: z
    .array(z.object({ slot: z.string(), activity: z.string(), rating: z.number().nullable() }))
    .nullable(),
  score: z.number(),
  subscores: z.record(z.string(), z.number()).nullable(),
  band: z.string().nullable(),
  missingItems: z.array(z.string()),
  method: z.string(),
  assessmentId: z.string().nullable(),
  sessionNoteId: z.string().nullable(),
  isBaseline: z.boolean(),
  change: changeFromBaseline.nullable().describe('Null for the baseline itself'),
  createdAt: z.string(),
});
export type AdministrationView = z.infer<typeof administration>;

export const administrationListQuery = z.object({
  instrumentId: instrumentIdSchema.optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
