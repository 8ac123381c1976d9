/**
 * Emergency red flags: health-history answers that need urgent medical care now, not a massage appointment.
 * Clinical reference §3 (herniated disc / acute radiculopathy): "refer on red flags (cauda equina symptoms,
 * progressive neurological deficit)" [R51]; the screening rule `red-flags-defer` says "no massage; refer to a
 * physician now". Only these are emergencies: the other "defer" conditions (fever, an infection, very low blood
 * counts, uncontrolled blood pressure) postpone treatment and go to the patient's physician in the usual way.
 *
 * A "yes" to one of these shows the patient an urgent message at once and on the confirmation page, and puts
 * an "Urgent" item on their therapists' to-do list until a signed note or evaluation follows the intake.
 */
import type { ConditionCode } from './codes.ts';

export const URGENT_CONDITIONS: readonly ConditionCode[] = ['radiculopathy-red-flags'];

export const isUrgentCondition = (code: string): boolean =>
  (URGENT_CONDITIONS as readonly string[]).includes(code);

/** What the patient reads next to the answer and on the confirmation page. */
export const URGENT_ADVICE = {
  title: 'Get urgent medical care now',
  text: 'Call 911 or go to the nearest emergency department now. Do not wait for your massage appointment: these symptoms need a doctor today.',
  /** Added on the confirmation page: the clinic is told, but not in a way the patient should wait for. */
  afterSubmit:
    'Your answer is flagged for your therapist, but they may not see it straight away: do not wait for them to contact you.',
} as const;

/** The red flag as the to-do list and the chart name it ("cauda equina signs or worsening weakness"). */
export const URGENT_SHORT_NAMES: Readonly<Record<string, string>> = {
  'radiculopathy-red-flags':
    'red-flag nerve symptoms (numbness around the bottom or genitals, bladder or bowel changes, or a weakening limb)',
};
