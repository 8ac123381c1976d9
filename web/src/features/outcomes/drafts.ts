import {
  normaliseQuestionnaireDrafts,
  type QuestionnaireDraft,
} from '../../../../src/domain/outcomes/drafts.ts';
import { PSFS_SLOTS } from '../../../../src/domain/outcomes/instruments/psfs.ts';
import type { InstrumentId } from '../../../../src/domain/outcomes/types.ts';

export type { QuestionnaireDraft };

/** One PSFS row as the form holds it ('' = not named or not rated yet). */
export type PsfsRowValue = { activity: string; rating: string };

/** What the outcome form holds: each instrument's answers (item id → value, '' = not answered) and PSFS rows. */
export interface FormValues {
  answers: Record<string, Record<string, string>>;
  psfs: Record<string, PsfsRowValue>;
}

/** The form's values for questionnaires begun in a draft, to continue where the therapist stopped. */
export function formValuesOf(drafts: readonly QuestionnaireDraft[] | undefined): FormValues {
  const values: FormValues = { answers: {}, psfs: {} };
  for (const draft of drafts ?? []) {
    if (draft.instrumentId === 'psfs') {
      for (const a of draft.activities ?? [])
        values.psfs[a.slot] = { activity: a.activity, rating: a.rating === null ? '' : String(a.rating) };
    } else
      values.answers[draft.instrumentId] = Object.fromEntries(
        Object.entries(draft.answers ?? {})
          .filter(([, v]) => v !== null)
          .map(([item, v]) => [item, String(v)]),
      );
  }
  return values;
}

/** The questionnaires begun, from the form's values, as the draft stores them (nothing answered: none). */
export function draftsOf(values: FormValues): QuestionnaireDraft[] {
  return normaliseQuestionnaireDrafts([
    ...Object.entries(values.answers).map(([instrumentId, answers]) => ({
      instrumentId: instrumentId as InstrumentId,
      answers: Object.fromEntries(
        Object.entries(answers).map(([item, v]) => [item, v === '' ? null : Number(v)]),
      ),
    })),
    {
      instrumentId: 'psfs' as const,
      activities: PSFS_SLOTS.flatMap((slot) => {
        const row = values.psfs[slot];
        return row
          ? [{ slot, activity: row.activity, rating: row.rating === '' ? null : Number(row.rating) }]
          : [];
      }),
    },
  ]);
}

/** The form's values with one instrument's answers gone (scored, or cleared by the therapist). */
export function withoutInstrument(values: FormValues, instrumentId: string): FormValues {
  if (instrumentId === 'psfs') return { ...values, psfs: {} };
  const { [instrumentId]: _gone, ...answers } = values.answers;
  return { ...values, answers };
}
