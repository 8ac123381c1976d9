import type { Appointment } from '../../api/scheduling.ts';
import type { ScheduleRefs } from './refs.ts';
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

/** Where Undo puts a moved appointment (its time, therapist and room before the move), and what it says it does. */
export interface MoveBack {
  start: string;
  therapistId: string;
  roomId: string;
  /**
   * "Undo puts Camila de la Cruz back at Mon 9:00 AM and e-mails them again. Both moves stay in the history." —
   * naming the therapist or room it goes back to when the move changed them.
   */
  hint: string;
}

export function moveBack(
  before: Pick<Appointment, 'start' | 'therapistId' | 'roomId' | 'patientName'>,
  after: Pick<Appointment, 'therapistId' | 'roomId'>,
  names: Pick<ScheduleRefs, 'therapistName' | 'roomName'>,
  zone: string,
): MoveBack {
  const therapist = before.therapistId !== after.therapistId ? names.therapistName(before.therapistId) : '';
  const room = before.roomId !== after.roomId ? names.roomName(before.roomId) : '';
  const withWhom = therapist ? ` with ${therapist}` : '';
  const where = room ? ` in ${room}` : '';
  return {
    start: before.start,
    therapistId: before.therapistId,
    roomId: before.roomId,
    hint: `Undo puts ${before.patientName ?? 'the patient'} back at ${weekTime(before.start, zone)}${withWhom}${where} and e-mails them again. Both moves stay in the history.`,
  };
}
