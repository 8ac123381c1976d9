// Public API of the outcomes domain: instrument definitions, scoring, change classification, PSFS
// activity checks, clinic-licensed item text and range-of-motion norms. Pure functions only.
export { classifyChange, defaultMcid, primaryScoreId } from './change.ts';
export {
  draftProgress,
  normaliseQuestionnaireDrafts,
  type PsfsDraftActivity,
  type QuestionnaireDraft,
  unscoredQuestionnairesBlock,
} from './drafts.ts';
export { HIT6_WEIGHTS, type Hit6Response } from './instruments/hit6.ts';
export { getInstrument, INSTRUMENTS, isInstrumentId } from './instruments/index.ts';
export { PSFS_SINGLE_ACTIVITY_MDC, PSFS_SLOTS, type PsfsSlot } from './instruments/psfs.ts';
export {
  type LicensedItem,
  type LicensedItemText,
  type LicensedTextProblem,
  type MergeResult,
  mergeLicensedText,
  withLicensedText,
} from './licensing.ts';
export {
  normaliseActivity,
  type PsfsActivity,
  type PsfsCheck,
  type PsfsFollowUpScore,
  type PsfsProblem,
  psfsAnswers,
  scorePsfsFollowUp,
  validatePsfsActivities,
  validatePsfsFollowUp,
} from './psfs-activities.ts';
export {
  getRomNorm,
  JOINT_MOTIONS,
  type JointMotion,
  percentOfNormal,
  ROM_NORMS,
  type RomAssessment,
  type RomNormSpec,
  type RomOptions,
  type RomStatus,
  type RomUnit,
  type RomValue,
  romStatus,
} from './rom.ts';
export {
  type AnswerSubmission,
  answerSubmissionSchema,
  answersSchema,
  licensedItemTextSchema,
  psfsActivitiesSchema,
  psfsActivitySchema,
  psfsDraftActivitySchema,
  questionnaireDraftSchema,
  questionnaireDraftsSchema,
} from './schemas.ts';
export { bandFor, score, scoreDefinition } from './score.ts';
export { cite, SOURCES } from './sources.ts';
export * from './types.ts';
export { validateAnswers } from './validate.ts';
