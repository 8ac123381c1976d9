import type { Appointment } from '../../api/scheduling.ts';

/** What the front desk is told about a first visit: a plain mark, or a warning when it is booked as a follow-up. */
export interface FirstVisitNote {
  label: string;
  warning: boolean;
  /** Said to screen readers and on hover: why the mark is there. */
  description: string;
}

/**
 * The mark beside an appointment that is the patient's first visit at the clinic (no completed visit before it;
 * the calendar list says so, for staff). Only while the visit is still to happen or under way: a follow-up
 * booked for someone never seen is a warning, since the initial evaluation (and its price) is due instead.
 */
export function firstVisitNote(
  a: Pick<Appointment, 'firstVisit' | 'serviceKind' | 'status'>,
): FirstVisitNote | null {
  if (!a.firstVisit || !['booked', 'confirmed', 'checked_in'].includes(a.status)) return null;
  if (a.serviceKind === 'follow_up')
    return {
      label: 'First visit booked as a follow-up',
      warning: true,
      description:
        'This patient has no completed visit here yet: the initial evaluation may be the session to book',
    };
  return {
    label: 'First visit',
    warning: false,
    description: 'This patient has no completed visit here yet',
  };
}

/** Confirm is offered for a booked appointment that has not ended yet (a time already gone cannot be confirmed). */
export const offersConfirm = (a: Pick<Appointment, 'status' | 'end'>, now: number = Date.now()) =>
  a.status === 'booked' && Date.parse(a.end) > now;

/**
 * A `tel:` link for a phone number as written ("(619) 555-0199", "+1 619 555 0199"): its digits, with a leading
 * + kept; null when it holds too few digits to dial.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return null;
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}
