import type { BookingProblem } from '../../../../src/domain/scheduling/index.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { type Alternatives, alternativesOf } from '../../api/scheduling.ts';

export interface Refusal {
  /** The refused move's dialog title: "That time is taken" only when it was (409 slot_taken). */
  title: string;
  /**
   * Why: for the desk, the server's own reason as it said it ("That time is outside the therapist’s working
   * hours"); for a patient, the same reason in plain words.
   */
  message: string;
  /** The nearest free times the server offered instead, if any. */
  alternatives: Alternatives | null;
}

/** Who reads the refusal: the desk, or a patient booking or moving their own appointment online. */
export type RefusalReader = 'staff' | 'patient';

const TAKEN = 'Sorry, someone just booked that time.';
const NO_ROOM = 'No treatment room is free at that time.';

/** The engine's problems (422 `details.problems`), as a patient reads them. Every code has words. */
const PROBLEM_WORDS: Record<BookingProblem['code'], string> = {
  'in-past': 'That time has already passed.',
  'too-soon': 'That time is too soon to book online.',
  'too-far-ahead': 'That time is further ahead than the clinic takes online bookings.',
  'outside-working-hours': 'The therapist is no longer working at that time.',
  'off-grid': 'Online bookings start only at the times the clinic lists.',
  'therapist-not-eligible': 'That therapist does not give this session.',
  'unknown-service': 'This session can no longer be booked online.',
  'therapist-busy': TAKEN,
  'room-busy': NO_ROOM,
  'no-room-free': NO_ROOM,
  'unknown-room': NO_ROOM,
  'room-unsuitable': NO_ROOM,
  'room-wrong-location': NO_ROOM,
};

const CALL = 'Please call the clinic.';
const OUR_SIDE = 'Something went wrong on our side. Please try again in a moment, or call the clinic.';

/** The other refusals a patient's booking or move can meet, by the server's error code. */
const CODE_WORDS: Record<string, string> = {
  slot_taken: TAKEN,
  // A patient books only online-bookable sessions: any other is "not found" to them.
  not_found: `This session can’t be booked or changed online. ${CALL}`,
  forbidden: `Your account can’t book or change this online. ${CALL}`,
  too_many_requests: 'There were too many tries in a short time. Please wait a minute, then try again.',
  request_in_progress: 'We are still working on your earlier request. Please wait a moment, then try again.',
  idempotency_key_reused: 'Your choices changed while we were booking. Please try again.',
  internal_error: OUR_SIDE,
  not_ready: OUR_SIDE,
};

/** A patient's words for a refusal: by its stable codes, else the server's message (already plain). */
function patientReason(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (error.code === 'unprocessable' && Array.isArray(problems)) {
    const words = problems.map((code) => PROBLEM_WORDS[code as BookingProblem['code']]).filter(Boolean);
    if (words.length > 0) return [...new Set(words)].join(' ');
  }
  if (error.code === 'validation_failed') {
    const fields = error.fieldIssues.map((issue) => issue.path);
    if (fields.includes('referralId'))
      return `The referral on this booking does not match your record. ${CALL}`;
    if (fields.includes('note')) return 'The note about your referral is too long. Please shorten it.';
    return 'Something in this booking was not accepted. Please choose the time again.';
  }
  return CODE_WORDS[error.code] ?? (error.status >= 500 ? OUR_SIDE : error.message);
}

/**
 * Why the server refused a booking or a move, with what it offered instead: for the desk in the server's own
 * words, for a patient in plain ones (a taken time only when it was).
 */
export function refusalOf(error: unknown, reader: RefusalReader = 'staff'): Refusal {
  const taken = error instanceof ApiError && error.code === 'slot_taken';
  return {
    title: taken ? 'That time is taken' : 'Not moved',
    message: reader === 'patient' ? patientReason(error) : messageOf(error),
    alternatives: alternativesOf(error),
  };
}
