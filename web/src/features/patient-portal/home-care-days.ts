import { LOG_DAYS } from '../../../../src/modules/home-care-log/schemas.ts';
import { plusDays } from '../../components/format.ts';
import type { HomeCareLog, HomeCareLogEntry } from '../reports/api.ts';

/** The home-care part of the patient portal: the days a patient may log, and what they logged on a day. */

export interface LogDay {
  date: string;
  /** On the day's button: "Today", "Yesterday", "Mon 2". */
  short: string;
  /** Said after `short` to a screen reader only: "Wednesday, March 4" (today), "March 2". */
  more: string;
  /** Starting a line: "Today", "Yesterday", "Monday". */
  title: string;
  /** Inside a sentence: "today", "yesterday", "on Monday". */
  inSentence: string;
}

const format = (date: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/**
 * The days a patient can log, today first (`today` is the clinic's, from the server): today and the days
 * before it, `LOG_DAYS` in all, none before the home care began. Empty when it begins after today.
 */
export function daysToLog(today: string, startedOn: string | null): LogDay[] {
  const days: LogDay[] = [];
  for (let back = 0; back < LOG_DAYS; back++) {
    const date = plusDays(today, -back);
    if (startedOn && date < startedOn) break;
    const weekday = format(date, { weekday: 'long' });
    const monthDay = format(date, { month: 'long', day: 'numeric' });
    const title = back === 0 ? 'Today' : back === 1 ? 'Yesterday' : weekday;
    days.push({
      date,
      short: back < 2 ? title : `${format(date, { weekday: 'short' })} ${format(date, { day: 'numeric' })}`,
      more: back < 2 ? `${weekday}, ${monthDay}` : monthDay,
      title,
      inSentence: back < 2 ? title.toLowerCase() : `on ${weekday}`,
    });
  }
  return days;
}

export interface ExerciseDay {
  /** Times done that day. */
  times: number;
  /** Logged as not done that day. */
  notDone: boolean;
  /** As often as it may be logged that day: no more "I did it". */
  full: boolean;
  /** "done 1 of 2 times", "not logged yet", … */
  status: string;
  /** The latest entry of that day the patient logged themselves: what "Undo" takes back. */
  undoable: HomeCareLogEntry | null;
}

type Exercise = HomeCareLog['exercises'][number];

/** What the patient logged of one exercise on one day. */
export function exerciseOnDay(
  exercise: Exercise,
  entries: readonly HomeCareLogEntry[],
  date: string,
): ExerciseDay {
  const ofDay = entries.filter((e) => e.exerciseId === exercise.id && e.performedOn === date);
  const times = ofDay.filter((e) => e.done).length;
  const notDone = times === 0 && ofDay.some((e) => !e.done);
  const own = ofDay.filter((e) => e.loggedBy === 'patient').sort((a, b) => b.occurrence - a.occurrence);
  return {
    times,
    notDone,
    full: times >= exercise.upTo,
    status: statusText(exercise, times, notDone),
    undoable: own[0] ?? null,
  };
}

function statusText(exercise: Exercise, times: number, notDone: boolean): string {
  if (times === 0) return notDone ? 'not done' : 'not logged yet';
  const tick = times >= exercise.timesPerDay ? ' ✓' : '';
  if (exercise.upTo === 1) return `done${tick}`;
  if (exercise.timesPerDay === exercise.upTo) return `done ${times} of ${exercise.upTo} times${tick}`;
  return `done ${timesText(times)} (${timesText(exercise.timesPerDay)} or ${timesText(exercise.upTo)} a day)${tick}`;
}

/** "once", "twice", "3 times". */
export const timesText = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** How often the app counts it: "Twice a day", "Once or twice a day". */
export function howOften(exercise: Pick<Exercise, 'timesPerDay' | 'upTo'>): string {
  const text =
    exercise.timesPerDay === exercise.upTo
      ? `${timesText(exercise.timesPerDay)} a day`
      : `${timesText(exercise.timesPerDay)} or ${timesText(exercise.upTo)} a day`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The adherence sentence: "In the last two weeks you did 6 of the 42 times prescribed (14 %)." */
export function adherenceText(adherence: HomeCareLog['adherence']): string {
  const percent = adherence.percent === null ? '' : ` (${adherence.percent} %)`;
  return `In the last two weeks you did ${adherence.done} of the ${adherence.expected} times prescribed${percent}.`;
}

/** Said after a tap: "Well done: Chin tucks logged for today (1 of 3)." `times`: the day's times, this one in. */
export function loggedMessage(exercise: Exercise, day: LogDay, times: number): string {
  const count = exercise.upTo > 1 ? ` (${times} of ${exercise.upTo})` : '';
  return `Well done: ${exercise.name} logged for ${forDay(day)}${count}.`;
}

/** Said after an undo: "Undone: one Chin tucks taken off Monday." */
export function undoneMessage(exercise: Exercise, day: LogDay): string {
  return `Undone: one “${exercise.name}” taken off ${forDay(day)}.`;
}

const forDay = (day: LogDay) => day.inSentence.replace(/^on /, '');
