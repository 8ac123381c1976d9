import type { IntakeSummary } from '../patients/api.ts';

/**
 * Where a patient's own intake questionnaire stands, from their list of questionnaires (the chart's words):
 * any submitted version means the clinic has their health history, even while an update is in draft.
 */
export function intakeStanding(items: Pick<IntakeSummary, 'status'>[]): 'none' | 'draft' | 'submitted' {
  if (items.some((i) => i.status === 'submitted')) return 'submitted';
  return items.length > 0 ? 'draft' : 'none';
}
