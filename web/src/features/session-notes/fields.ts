import { POSITION_LABELS as POSITION_LABELS_BY_VALUE } from '../../../../src/modules/session-notes/schemas.ts';

export const NOTE_LABELS: Record<string, string> = {
  'subjective.complaint': 'S: complaint',
  'subjective.painToday': 'S: pain today, as the patient reports it (0–10)',
  'subjective.changeSinceLastVisit': 'S: change since last visit',
  'subjective.changeNote': 'S: about the change',
  'subjective.healthChanges': 'S: health changes',
  'subjective.pressurePreference': 'S: pressure preference',
  'subjective.painMedication': 'S: pain medication since the last visit',
  'objective.findings': 'O: findings',
  'objective.bodyChart': 'O: body chart',
  'objective.rom': 'O: range of motion',
  'treatment.rows': 'Treatment given',
  'treatment.position': 'Position',
  'treatment.hotCold': 'Hot / cold',
  'treatment.hotColdNote': 'Hot / cold note',
  'treatment.pressureFeedback': 'Feedback on pressure',
  'treatment.response': 'Response to treatment',
  'assessment.goalProgress': 'A: progress per goal',
  'assessment.interpretation': 'A: interpretation',
  'plan.nextFocus': 'P: next focus',
  'plan.homeCareChanges': 'P: home-care changes',
  'plan.referral': 'P: referral',
  'plan.nextVisit': 'P: next visit',
  'pain.before': 'Pain just before treatment (0–10)',
  'pain.after': 'Pain just after treatment (0–10)',
};

export const POSITION_LABELS: Readonly<Record<string, string>> = POSITION_LABELS_BY_VALUE;

export const GOAL_PROGRESS_LABELS: Record<string, string> = {
  met: 'Met',
  progressing: 'Progressing',
  'no-change': 'No change',
  regressed: 'Regressed',
};
