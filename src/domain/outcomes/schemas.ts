// Zod schemas for the API edge: answer submissions, PSFS activity lists and clinic-licensed text.
import { z } from 'zod';
import { getInstrument } from './instruments/index.ts';
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
