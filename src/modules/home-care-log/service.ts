import { and, asc, between, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { homeCareLogs, treatmentPlans } from '../../db/schema/index.ts';
import { addDays, daysBetween } from '../patients/dates.ts';
import { getExercise } from '../plans/home-care-library.ts';
import { type PlanContent, versionsOf } from '../plans/service.ts';
import { dailyFrequency } from './frequency.ts';
import { type Adherence, LOG_DAYS } from './schemas.ts';

/** The patient's current plan and its home-care exercises (ids, names, dosage, times a day). */
export async function currentProgram(db: Executor, clinicId: string, patientId: string) {
  const [plan] = await db
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.patientId, patientId)))
    .orderBy(desc(treatmentPlans.id))
    .limit(1);
  if (!plan) return { plan: null, startDate: null, exercises: [] };
  const versions = await versionsOf(db, clinicId, plan.id);
  const content = versions.at(-1)!.content as unknown as PlanContent;
  const exercises = content.homeCare.exercises.flatMap((e) => {
    const lib = getExercise(e.id);
    if (!lib) return [];
    const dosage = e.dosage ?? lib.dosage;
    return [
      { id: lib.id, name: lib.name, dosage, instructions: lib.instructions, ...dailyFrequency(dosage) },
    ];
  });
  return { plan, startDate: versions[0]!.startDate, exercises };
}

export async function logsBetween(
  db: Executor,
  clinicId: string,
  patientId: string,
  from: string,
  to: string,
) {
  return db
    .select()
    .from(homeCareLogs)
    .where(
      and(
        eq(homeCareLogs.clinicId, clinicId),
        eq(homeCareLogs.patientId, patientId),
        between(homeCareLogs.performedOn, from, to),
      ),
    )
    .orderBy(asc(homeCareLogs.performedOn), asc(homeCareLogs.exerciseId), asc(homeCareLogs.occurrence));
}

/**
 * Why a day cannot be logged (or its log undone), or null: not in the future, not more than `LOG_DAYS` days
 * back counting today, not before the home care began.
 */
export function dayRefusal(day: string, today: string, startedOn: string | null): string | null {
  if (day > today) return 'In the future';
  if (day < addDays(today, -(LOG_DAYS - 1))) return `More than ${LOG_DAYS - 1} days ago`;
  if (startedOn && day < startedOn) return `Before the home care began (${startedOn})`;
  return null;
}

/** The first time of the day (1, 2, …) not yet taken. */
export function nextOccurrence(taken: readonly number[]): number {
  let n = 1;
  while (taken.includes(n)) n++;
  return n;
}

/**
 * Adherence over a window: times done ÷ times prescribed (each exercise's times a day × days), the program
 * being done daily. A day counts no more than the times prescribed ("once or twice a day" done twice counts
 * once, so the percentage never passes 100). The window starts no earlier than the plan; days logged count the
 * days with at least one exercise done.
 */
export function computeAdherence(
  exercises: readonly { id: string; timesPerDay: number }[],
  logs: readonly { exerciseId: string; performedOn: string; done: boolean }[],
  window: { from: string; to: string; planStart: string | null },
): Adherence {
  const from = window.planStart && window.planStart > window.from ? window.planStart : window.from;
  const days = from > window.to ? 0 : daysBetween(from, window.to) + 1;
  const perDay = new Map(exercises.map((e) => [e.id, e.timesPerDay]));
  const inWindow = logs.filter(
    (l) => l.done && perDay.has(l.exerciseId) && l.performedOn >= from && l.performedOn <= window.to,
  );
  const timesOnDay = new Map<string, number>();
  for (const l of inWindow) {
    const key = `${l.exerciseId} ${l.performedOn}`;
    timesOnDay.set(key, (timesOnDay.get(key) ?? 0) + 1);
  }
  let done = 0;
  for (const [key, times] of timesOnDay) done += Math.min(times, perDay.get(key.split(' ')[0]!)!);
  const expected = [...perDay.values()].reduce((sum, n) => sum + n, 0) * days;
  return {
    from,
    to: window.to,
    exercises: perDay.size,
    expected,
    done,
    percent: expected === 0 ? null : Math.round((done / expected) * 100),
    daysLogged: new Set(inWindow.map((l) => l.performedOn)).size,
  };
}

export const twoWeeksBefore = (to: string) => addDays(to, -13);
