import {
  normaliseQuestionnaireDrafts,
  type QuestionnaireDraft,
  unscoredQuestionnairesBlock,
} from '../../domain/outcomes/drafts.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Outcome questionnaires begun in a draft note or evaluation (`content.questionnaires`): the answers so far
 * autosave with the draft; scoring one records the administration and takes it off the draft
 * (outcome-measures); signing is refused while any remains.
 */
type WithDrafts = { questionnaires?: QuestionnaireDraft[] };

/** The content as a draft stores it: only what is answered is kept (nothing left: the field goes). */
export function withQuestionnaireDrafts<C extends WithDrafts>(content: C): C {
  if (content.questionnaires === undefined) return content;
  const { questionnaires, ...rest } = content;
  const kept = normaliseQuestionnaireDrafts(questionnaires);
  return (kept.length > 0 ? { ...rest, questionnaires: kept } : rest) as C;
}

/**
 * Refuses to sign while a questionnaire begun in the record is not scored (422 unscored_questionnaire, the
 * message naming each): answers so far are never recorded as an outcome, and never silently dropped.
 */
export function assertQuestionnairesScored(content: WithDrafts) {
  const message = unscoredQuestionnairesBlock(content.questionnaires);
  if (message)
    throw new AppError('unscored_questionnaire', message, {
      instruments: normaliseQuestionnaireDrafts(content.questionnaires).map((q) => q.instrumentId),
    });
}
