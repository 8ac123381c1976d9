import { and, asc, between, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { homeCareLogs, treatmentPlans } from '../../db/schema/index.ts';
import { addDays, daysBetween } from '../patients/dates.ts';
import { getExercise } from '../plans/home-care-library.ts';
import { type PlanContent, versionsOf } from '../plans/service.ts';
import type { Adherence } from './schemas.ts';

/** The patient's current plan and its home-care exercises (ids, names, dosage). */
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
    return lib
      ? [{ id: lib.id, name: lib.name, dosage: e.dosage ?? lib.dosage, instructions: lib.instructions }]
      : [];
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
    .orderBy(asc(homeCareLogs.performedOn), asc(homeCareLogs.exerciseId));
}

/**
 * Adherence over a window: exercises done ÷ (exercises in the program × days), the program being done daily.
 * The window starts no earlier than the plan; days logged count the days with at least one exercise done.
 */
export function computeAdherence(
  exerciseIds: readonly string[],
  logs: readonly { exerciseId: string; performedOn: string; done: boolean }[],
  window: { from: string; to: string; planStart: string | null },
): Adherence {
  const from = window.planStart && window.planStart > window.from ? window.planStart : window.from;
  const days = from > window.to ? 0 : daysBetween(from, window.to) + 1;
  const wanted = new Set(exerciseIds);
  const inWindow = logs.filter(
    (l) => l.done && wanted.has(l.exerciseId) && l.performedOn >= from && l.performedOn <= window.to,
  );
  const expected = wanted.size * days;
  return {
    from,
    to: window.to,
    exercises: wanted.size,
    expected,
    done: inWindow.length,
    percent: expected === 0 ? null : Math.round((inWindow.length / expected) * 100),
    daysLogged: new Set(inWindow.map((l) => l.performedOn)).size,
  };
}

export const twoWeeksBefore = (to: string) => addDays(to, -13);
