import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { outcomeAdministrations, patients } from '../../db/schema/index.ts';
import { classifyChange } from '../../domain/outcomes/change.ts';
import { getInstrument } from '../../domain/outcomes/instruments/index.ts';
import { getRomNorm } from '../../domain/outcomes/rom.ts';
import type { InstrumentDefinition, InstrumentId } from '../../domain/outcomes/types.ts';
import { signedNotesOf } from '../clinical/amended.ts';
import { bodyChartHistory } from '../clinical/body-chart-history.ts';
import { computeAdherence, currentProgram, logsBetween, twoWeeksBefore } from '../home-care-log/service.ts';
import { dayText } from '../patients/dates.ts';
import { displayNameOf } from '../patients/repository.ts';
import { type PlanContent, versionsOf } from '../plans/service.ts';
import { generateFacts, outcomeMeaning } from '../reports/generate.ts';
import { isSelfReferredReport, type ReportFacts, romValueText } from '../reports/schemas.ts';
import { progressBodyCharts } from './body-chart.ts';
import type { ProgressView, portalProgress } from './schemas.ts';

const rangeOf = (def: InstrumentDefinition) =>
  def.primary.kind === 'sum-of-scales'
    ? def.primary.range
    : def.scales.find((s) => s.id === (def.primary as { scaleId: string }).scaleId)!.range;

/** A measure as a patient first reads it, what it is before its acronym: "Pain rating (NPRS, 0–10)". */
export function measureForPatients(def: InstrumentDefinition): string {
  const range = rangeOf(def);
  return `${capitalized(def.forPatients)} (${def.name}, ${range.min}–${range.max})`;
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * A plan goal in the patient's words: a measured goal the therapist did not describe is told with the measure
 * said plainly and the due date as people write it; otherwise the therapist's (or the patient's own) words.
 */
function goalForPatients(goal: PlanContent['goals'][number] | undefined, staffWords: string): string {
  if (!goal || goal.kind === 'functional' || goal.description) return staffWords;
  const by = dayText(goal.dueDate);
  if (goal.kind === 'instrument')
    return `${measureForPatients(getInstrument(goal.instrumentId))}: from ${r1(goal.baseline)} to ${r1(goal.target)} by ${by}`;
  const spec = getRomNorm(goal.jointMotion);
  return `${capitalized(spec.joint)} ${spec.motion}${goal.side ? ` (${goal.side})` : ''}: from ${romValueText(goal.baseline, spec.unit)} to ${romValueText(goal.target, spec.unit)} by ${by}`;
}

/**
 * Visits so far: those counted on the referral; on a self-referred plan — no referral counts visits, none are
 * authorised — the visits attended since the episode began.
 */
export function visitsSoFar(facts: Pick<ReportFacts, 'referral' | 'plan' | 'visits'>): number {
  return isSelfReferredReport(facts) ? facts.visits.attended : facts.visits.sinceStart;
}

/** The patient's progress over the episode: series for charts, goals, visits, home care, body charts. */
export async function buildProgress(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    today: string;
    timeZone: string;
    userId: string;
  },
): Promise<ProgressView> {
  const { clinicId, patientId, today } = input;
  const [patient] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  const program = await currentProgram(db, clinicId, patientId);
  const admins = await db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(eq(outcomeAdministrations.clinicId, clinicId), eq(outcomeAdministrations.patientId, patientId)),
    )
    .orderBy(asc(outcomeAdministrations.administeredOn), asc(outcomeAdministrations.id));
  const notes = await signedNotesOf(db, clinicId, patientId);
  const firstDates = [program.startDate, admins[0]?.administeredOn, notes[0]?.visitDate].filter(
    (d): d is string => Boolean(d),
  );
  const since = firstDates.sort()[0] ?? today;
  const facts = await generateFacts(db, {
    clinicId,
    patientId,
    referralId: program.plan?.referralId ?? null,
    plan: program.plan,
    kind: 'progress_report',
    periodStart: [since, today].sort()[0]!,
    periodEnd: today,
    authorId: input.userId,
    timeZone: input.timeZone,
  });
  const planGoals = program.plan
    ? ((await versionsOf(db, clinicId, program.plan.id)).at(-1)!.content as unknown as PlanContent).goals
    : [];

  const byInstrument = new Map<string, typeof admins>();
  for (const a of admins) byInstrument.set(a.instrumentId, [...(byInstrument.get(a.instrumentId) ?? []), a]);
  const outcomes: ProgressView['outcomes'] = [...byInstrument].map(([instrumentId, list]) => {
    const def = getInstrument(instrumentId as InstrumentId);
    const range = rangeOf(def);
    const baseline = list[0]!;
    const classify = (score: number) => {
      try {
        return classifyChange(def.id, baseline.score, score);
      } catch {
        return null;
      }
    };
    const probe = list.length > 1 ? classify(list.at(-1)!.score) : classify(baseline.score);
    const mcid = probe
      ? { value: probe.mcidUsed.value, unit: probe.mcidUsed.unit, source: probe.mcidUsed.source }
      : null;
    const delta = mcid
      ? mcid.unit === 'points'
        ? mcid.value
        : (Math.abs(baseline.score) * mcid.value) / 100
      : null;
    const clip = (x: number) => Math.max(range.min, Math.min(range.max, x));
    const last = list.at(-1)!;
    const lastChange = list.length > 1 ? classify(last.score) : null;
    return {
      instrumentId,
      name: def.name,
      direction: def.direction,
      range: { min: range.min, max: range.max },
      baseline: { score: baseline.score, date: baseline.administeredOn },
      mcid,
      band: delta === null ? null : { low: clip(baseline.score - delta), high: clip(baseline.score + delta) },
      points: list.map((a, i) => ({
        date: a.administeredOn,
        score: a.score,
        classification: i === 0 ? null : (classify(a.score)?.classification ?? null),
      })),
      meaning: lastChange
        ? outcomeMeaning({
            name: def.name,
            baseline: baseline.score,
            latest: last.score,
            change: lastChange.change,
            percentChange: lastChange.percentChange,
            classification: lastChange.classification,
            mcid,
          })
        : null,
    };
  });

  const pain = notes
    .map((n) => ({
      date: n.visitDate,
      before: n.current.pain?.before ?? null,
      after: n.current.pain?.after ?? null,
    }))
    .filter((p) => p.before !== null || p.after !== null);

  const romSeries = new Map<string, { date: string; value: number }[]>();
  // generateFacts gives first/latest; the full series comes from the same sources.
  for (const n of notes)
    for (const m of n.current.objective?.rom ?? []) {
      const key = `${m.jointMotion}|${m.side ?? ''}`;
      romSeries.set(key, [...(romSeries.get(key) ?? []), { date: n.visitDate, value: m.value }]);
    }
  const rom: ProgressView['rom'] = facts.rom.map((r) => {
    const key = `${r.jointMotion}|${r.side ?? ''}`;
    const points = new Map<string, number>();
    points.set(r.first.date, r.first.value);
    for (const p of romSeries.get(key) ?? []) points.set(p.date, p.value);
    points.set(r.latest.date, r.latest.value);
    return {
      jointMotion: r.jointMotion,
      label: r.label,
      side: r.side,
      unit: r.unit,
      normal: r.normal,
      points: [...points]
        .map(([date, value]) => ({ date, value }))
        .sort((a, b) => a.date.localeCompare(b.date)),
      percentOfNormal: r.percentOfNormal,
      status: r.status,
    };
  });

  const logs = await logsBetween(db, clinicId, patientId, twoWeeksBefore(today), today);
  const adherence = computeAdherence(program.exercises, logs, {
    from: twoWeeksBefore(today),
    to: today,
    planStart: program.startDate,
  });
  const bodyCharts = await bodyChartHistory(db, clinicId, patientId, input.timeZone);
  return {
    patient: { name: displayNameOf(patient!), dateOfBirth: patient!.dateOfBirth },
    planId: program.plan?.id ?? null,
    since,
    today,
    outcomes,
    pain,
    rom,
    goals: facts.goals.map((g) => ({
      ...g,
      forPatients: goalForPatients(
        planGoals.find((p) => p.id === g.id),
        g.description,
      ),
    })),
    visits: {
      used: visitsSoFar(facts),
      authorized: facts.visits.authorized,
      planned: facts.plan?.plannedVisits ?? null,
      attended: facts.visits.attended,
      missed: facts.visits.missed,
    },
    homeCare: {
      exercises: program.exercises.map(({ id, name, dosage, timesPerDay }) => ({
        id,
        name,
        dosage,
        timesPerDay,
      })),
      adherence,
    },
    bodyChart: progressBodyCharts(bodyCharts),
  };
}

const GOAL_PLAIN = {
  met: 'You reached this goal.',
  progressing: 'You are getting closer to this goal.',
  'no-change': 'No change yet.',
  regressed: 'This has gone back a little; your therapist will talk it through with you.',
  'not-assessed': 'Not checked yet.',
} as const;

const r1 = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The same progress in plain words, for the patient portal. */
export function portalView(progress: ProgressView, firstName: string): z.infer<typeof portalProgress> {
  const measures = progress.outcomes
    .filter((o) => o.points.length > 0)
    .map((o) => {
      const def = getInstrument(o.instrumentId as InstrumentId);
      const first = o.points[0]!;
      const latest = o.points.at(-1)!;
      const betterWhen = o.direction === 'higher-is-better' ? ('higher' as const) : ('lower' as const);
      const cls = latest.classification;
      const verdict =
        o.points.length < 2
          ? 'This is your starting point; we will measure it again to see how you are doing.'
          : cls === 'improved'
            ? 'That is a real, noticeable improvement.'
            : cls === 'worse'
              ? 'That is worse than at the start; your therapist will talk about it with you.'
              : 'That is about the same as at the start so far.';
      const betterText = betterWhen === 'lower' ? 'Lower is better.' : 'Higher is better.';
      return {
        name: o.name,
        what: measureForPatients(def),
        betterWhen,
        range: o.range,
        first: { score: first.score, date: first.date },
        latest: { score: latest.score, date: latest.date },
        points: o.points.map((p) => ({ date: p.date, score: p.score })),
        // Said under `what`, which names the measure: "your score" needs no acronym.
        plain:
          o.points.length < 2
            ? `Your score was ${r1(first.score)} on ${dayText(first.date)}. ${betterText} ${verdict}`
            : `Your score went from ${r1(first.score)} to ${r1(latest.score)}. ${betterText} ${verdict}`,
      };
    });
  const before = progress.pain.map((p) => p.before).filter((x): x is number => x !== null);
  const after = progress.pain.map((p) => p.after).filter((x): x is number => x !== null);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = progress.visits;
  const planned = v.planned ?? v.authorized;
  return {
    firstName,
    measures,
    pain: progress.pain,
    painSummary:
      before.length > 0 && after.length > 0
        ? `On average your pain was ${r1(Math.round(avg(before) * 10) / 10)} out of 10 before a session and ${r1(Math.round(avg(after) * 10) / 10)} after.`
        : null,
    goals: progress.goals.map((g) => ({
      description: g.forPatients,
      status: g.status,
      plain: GOAL_PLAIN[g.status],
    })),
    visits: {
      used: v.used,
      planned,
      plain: visitsInWords(v.used, planned),
    },
  };
}

/** The patient's visits as the portal says them. */
export function visitsInWords(used: number, planned: number | null): string {
  if (planned !== null) return `You have had ${used} of ${planned} visits.`;
  if (used === 0) return 'You have not had a visit yet.';
  return used === 1 ? 'You have had 1 visit.' : `You have had ${used} visits.`;
}
