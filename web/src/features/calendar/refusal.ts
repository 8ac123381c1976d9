import { ApiError, messageOf } from '../../api/client.ts';
import { type Alternatives, alternativesOf } from '../../api/scheduling.ts';

export interface Refusal {
  /** The refused move's dialog title: "That time is taken" only when it was (409 slot_taken). */
  title: string;
  /** The server's own reason ("That time is outside the therapist’s working hours"), as it said it. */
  message: string;
  /** The nearest free times the server offered instead, if any. */
  alternatives: Alternatives | null;
}

/** Why the server refused a booking or a move, in its own words, with what it offered instead. */
export function refusalOf(error: unknown): Refusal {
  const taken = error instanceof ApiError && error.code === 'slot_taken';
  return {
    title: taken ? 'That time is taken' : 'Not moved',
    message: messageOf(error),
    alternatives: alternativesOf(error),
  };
}
