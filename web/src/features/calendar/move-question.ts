import { inZone } from './time.ts';

/** "Mon 9:15 AM": a time in the week the calendar shows. */
const weekTime = (iso: string, zone: string) => inZone(iso, zone).toFormat('ccc h:mm a');

/**
 * What a drop asks before it moves anyone (the patient is e-mailed the new time):
 * "Move Camila de la Cruz from Mon 9:00 AM to Mon 9:15 AM? They will be e-mailed." — naming the new therapist
 * or room when the drop changes them.
 */
export function moveQuestion(
  move: { who: string; from: string; to: string; therapist?: string; room?: string },
  zone: string,
): string {
  const withWhom = move.therapist ? ` with ${move.therapist}` : '';
  const where = move.room ? ` in ${move.room}` : '';
  return `Move ${move.who} from ${weekTime(move.from, zone)} to ${weekTime(move.to, zone)}${withWhom}${where}? They will be e-mailed.`;
}
