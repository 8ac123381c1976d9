// Questionnaires begun in a draft note or evaluation and not scored yet: the answers so far, kept with the
// draft (it autosaves) so a closed tab loses nothing. A draft questionnaire is never an administration and
// never counts in progress: only scoring it records one, and a record is not signed while one remains.
import { getInstrument, isInstrumentId } from './instruments/index.ts';
import type { PsfsSlot } from './instruments/psfs.ts';
import type { InstrumentId } from './types.ts';

export interface PsfsDraftActivity {
  readonly slot: PsfsSlot;
  /** The patient's words so far ('' while only a rating is given). */
  readonly activity: string;
  readonly rating: number | null;
}

export interface QuestionnaireDraft {
  readonly instrumentId: InstrumentId;
  /** Item id → value; an item not answered yet is left out. Not for PSFS. */
  readonly answers?: Readonly<Record<string, number | null>>;
  /** PSFS only: the activities named or rated so far. */
  readonly activities?: readonly PsfsDraftActivity[];
}

/**
 * The drafts as stored: unanswered items and empty PSFS rows dropped, a questionnaire with nothing answered
 * dropped, one entry per instrument (a later entry replaces an earlier one), in the order first given.
 */
export function normaliseQuestionnaireDrafts(
  drafts: readonly QuestionnaireDraft[] | null | undefined,
): QuestionnaireDraft[] {
  const byInstrument = new Map<InstrumentId, QuestionnaireDraft | null>();
  for (const draft of drafts ?? []) {
    let kept: QuestionnaireDraft | null = null;
    if (draft.instrumentId === 'psfs') {
      const activities = (draft.activities ?? [])
        .map((a) => ({ slot: a.slot, activity: a.activity.trim(), rating: a.rating }))
        .filter((a) => a.activity !== '' || a.rating !== null);
      if (activities.length > 0) kept = { instrumentId: 'psfs', activities };
    } else {
      const answers = Object.fromEntries(
        Object.entries(draft.answers ?? {}).filter(([, v]) => v !== null && v !== undefined),
      );
      if (Object.keys(answers).length > 0) kept = { instrumentId: draft.instrumentId, answers };
    }
    byInstrument.set(draft.instrumentId, kept);
  }
  return [...byInstrument.values()].filter((d): d is QuestionnaireDraft => d !== null);
}

/** How far a draft is: items answered of the instrument's items (PSFS: activities rated of those named). */
export function draftProgress(draft: QuestionnaireDraft): { answered: number; total: number } {
  if (draft.instrumentId === 'psfs') {
    const activities = draft.activities ?? [];
    return {
      answered: activities.filter((a) => a.rating !== null).length,
      total: activities.filter((a) => a.activity.trim() !== '').length,
    };
  }
  const items = isInstrumentId(draft.instrumentId) ? getInstrument(draft.instrumentId).items : [];
  return {
    answered: items.filter((item) => typeof draft.answers?.[item.id] === 'number').length,
    total: items.length,
  };
}

const nameOf = (id: InstrumentId) => (isInstrumentId(id) ? getInstrument(id).name : id);

/** "NDI", "NDI and ODI", "NDI, ODI and QuickDASH". */
function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Why a record cannot be signed while questionnaires are begun and not scored (naming each), or null. The
 * same words on the server's refusal and beside the sign button.
 */
export function unscoredQuestionnairesBlock(
  drafts: readonly QuestionnaireDraft[] | null | undefined,
): string | null {
  const started = normaliseQuestionnaireDrafts(drafts);
  if (started.length === 0) return null;
  const one = started.length === 1;
  return `${listOf(started.map((d) => nameOf(d.instrumentId)))} ${one ? 'is' : 'are'} started but not scored, so not recorded: score ${one ? 'it' : 'them'} or clear ${one ? 'its' : 'their'} answers before signing.`;
}
