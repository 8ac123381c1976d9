// Zod schemas for the API edge: answer submissions, PSFS activity lists, clinic-licensed text and the
// questionnaires begun in a draft.
import { z } from 'zod';
import { getInstrument, isInstrumentId } from './instruments/index.ts';
import { PSFS_SLOTS } from './instruments/psfs.ts';
import { INSTRUMENT_IDS } from './types.ts';
import { validateAnswers } from './validate.ts';

const itemId = z.string().min(1).max(64);

/** Item id → integer answer or null (unanswered). Range checks need the instrument: see answerSubmissionSchema. */
export const answersSchema = z.record(itemId, z.number().int().nullable());

/** { instrumentId, answers } with every item id and value checked against the instrument definition. */
export const answerSubmissionSchema = z
  .object({
    instrumentId: z.enum(INSTRUMENT_IDS),
    answers: answersSchema,
  })
  .superRefine((submission, ctx) => {
    for (const problem of validateAnswers(getInstrument(submission.instrumentId), submission.answers)) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: problem.itemId === undefined ? ['answers'] : ['answers', problem.itemId],
      });
    }
  });
export type AnswerSubmission = z.infer<typeof answerSubmissionSchema>;

export const psfsActivitySchema = z.object({
  slot: z.enum(PSFS_SLOTS),
  activity: z.string().trim().min(1).max(200),
  rating: z.number().int().min(0).max(10).nullable(),
});
export const psfsActivitiesSchema = z.array(psfsActivitySchema).min(3).max(5);

export const licensedItemTextSchema = z.record(
  itemId,
  z.object({
    text: z.string().trim().min(1).max(2000),
    answerLabels: z.record(z.string().regex(/^\d+$/), z.string().trim().min(1).max(500)).optional(),
  }),
);

/** A PSFS row begun in a draft: the activity may not be named yet, nor rated. */
export const psfsDraftActivitySchema = z.strictObject({
  slot: z.enum(PSFS_SLOTS),
  activity: z.string().trim().max(200),
  rating: z.number().int().min(0).max(10).nullable(),
});

/**
 * A questionnaire begun in a draft and not scored yet (see drafts.ts): the answers so far, each checked
 * against the instrument (a known item, one of its allowed values). Completeness is not asked: scoring asks it.
 */
export const questionnaireDraftSchema = z
  .strictObject({
    instrumentId: z.enum(INSTRUMENT_IDS),
    answers: answersSchema
      .optional()
      .describe('Item id → value so far (absent or null: not answered yet). Not for PSFS.'),
    activities: z
      .array(psfsDraftActivitySchema)
      .max(PSFS_SLOTS.length)
      .optional()
      .describe('PSFS only: the activities named or rated so far'),
  })
  .superRefine((draft, ctx) => {
    if (!isInstrumentId(draft.instrumentId)) return;
    if (draft.instrumentId === 'psfs') {
      if (draft.answers)
        ctx.addIssue({ code: 'custom', path: ['answers'], message: 'PSFS takes activities' });
      const slots = new Set<string>();
      (draft.activities ?? []).forEach((a, i) => {
        if (slots.has(a.slot))
          ctx.addIssue({ code: 'custom', path: ['activities', i, 'slot'], message: 'Slot given twice' });
        slots.add(a.slot);
      });
      return;
    }
    if (draft.activities) ctx.addIssue({ code: 'custom', path: ['activities'], message: 'Only for PSFS' });
    for (const problem of validateAnswers(getInstrument(draft.instrumentId), draft.answers ?? {})) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: problem.itemId === undefined ? ['answers'] : ['answers', problem.itemId],
      });
    }
  });

/** The questionnaires begun in a draft: at most one per instrument. */
export const questionnaireDraftsSchema = z
  .array(questionnaireDraftSchema)
  .max(INSTRUMENT_IDS.length)
  .superRefine((drafts, ctx) => {
    const seen = new Set<string>();
    drafts.forEach((d, i) => {
      if (seen.has(d.instrumentId))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'instrumentId'],
          message: 'One draft per instrument',
        });
      seen.add(d.instrumentId);
    });
  });
