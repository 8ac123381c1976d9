/**
 * Builds a report's facts from the record: diagnoses and plan, visits attended and missed, techniques and
 * minutes, pain before/after, outcome changes judged against their MCID, ROM, goal progress and home care.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  appointments,
  outcomeAdministrations,
  referrals,
  referringProviders,
  type treatmentPlans,
  users,
} from '../../db/schema/index.ts';
import { isSiteId, siteLabel } from '../../domain/catalog/body-regions.ts';
import { getTechnique, isTechniqueId } from '../../domain/catalog/techniques.ts';
import { classifyChange } from '../../domain/outcomes/change.ts';
import { getInstrument } from '../../domain/outcomes/instruments/index.ts';
import { getRomNorm, type JointMotion, romStatus } from '../../domain/outcomes/rom.ts';
import type { InstrumentId } from '../../domain/outcomes/types.ts';
import { signedAssessmentsOf, signedNotesOf } from '../clinical/amended.ts';
import { dailyFrequency } from '../home-care-log/frequency.ts';
import { computeAdherence, logsBetween } from '../home-care-log/service.ts';
import { dayText, localDate } from '../patients/dates.ts';
import { getAdvice, getExercise } from '../plans/home-care-library.ts';
import { type PlanContent, planEndDate, versionsOf } from '../plans/service.ts';
import { visitsAllowed } from '../referrals/status.ts';
import { visitsUsed } from '../referrals/visits.ts';
import { PAIN_MEDICATION_LABELS } from '../session-notes/schemas.ts';
import { documentParties } from './parties.ts';
import {
  type GOAL_STATUSES,
  type RECOMMENDATIONS,
  type ReportFacts,
  type reportText,
  romValueText,
} from './schemas.ts';

type PlanRow = typeof treatmentPlans.$inferSelect;
type Recommendation = (typeof RECOMMENDATIONS)[number];
type GoalStatus = (typeof GOAL_STATUSES)[number];

const round1 = (n: number) => Math.round(n * 10) / 10;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The change of an outcome measure in words, with the MCID it was judged against. */
export function outcomeMeaning(input: {
  name: string;
  baseline: number;
  latest: number;
  change: number;
  percentChange: number | null;
  classification: 'improved' | 'no-meaningful-change' | 'worse';
  mcid: { value: number; unit: 'points' | 'percent'; source: string } | null;
}): string {
  const sign = input.change > 0 ? '+' : input.change < 0 ? '−' : '±';
  const pct = input.percentChange === null ? '' : `, ${sign}${fmt(Math.abs(round1(input.percentChange)))} %`;
  const moved = `${input.name} ${fmt(round1(input.baseline))} → ${fmt(round1(input.latest))} (${sign}${fmt(Math.abs(round1(input.change)))} points${pct})`;
  if (!input.mcid) return `${moved}: no published minimal clinically important difference to judge it by.`;
  const threshold = `${fmt(input.mcid.value)} ${input.mcid.unit === 'points' ? 'points' : '%'}`;
  const source = input.mcid.source;
  if (input.classification === 'improved')
    return `${moved}: a clinically meaningful improvement (at least the MCID of ${threshold}; ${source}).`;
  if (input.classification === 'worse')
    return `${moved}: clinically meaningfully worse (at least the MCID of ${threshold}; ${source}).`;
  return `${moved}: no clinically meaningful change (less than the MCID of ${threshold}; ${source}).`;
}

const better = (direction: 'higher-is-better' | 'higher-is-worse', a: number, b: number) =>
  direction === 'higher-is-better' ? a > b : a < b;

function goalStatus(
  direction: 'higher-is-better' | 'higher-is-worse',
  baseline: number,
  target: number,
  current: number | null,
): GoalStatus {
  if (current === null) return 'not-assessed';
  if (current === target || better(direction, current, target)) return 'met';
  if (better(direction, current, baseline)) return 'progressing';
  if (current === baseline) return 'no-change';
  return 'regressed';
}

export interface GenerateInput {
  clinicId: string;
  patientId: string;
  referralId: string | null;
  plan: PlanRow | null;
  kind: 'progress_report' | 'discharge_summary';
  periodStart: string;
  periodEnd: string;
  authorId: string;
  timeZone: string;
}

/** Everything the report says about the record, computed from the database. */
export async function generateFacts(db: Executor, input: GenerateInput): Promise<ReportFacts> {
  const { clinicId, patientId, periodStart, periodEnd } = input;
  const { patient, clinic, location, address } = await documentParties(db, clinicId, patientId);
  const [author] = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(eq(users.id, input.authorId));

  // Referral and the referring physician.
  let referral: ReportFacts['referral'] = null;
  let referralRow: typeof referrals.$inferSelect | undefined;
  if (input.referralId) {
    [referralRow] = await db
      .select()
      .from(referrals)
      .where(and(eq(referrals.clinicId, clinicId), eq(referrals.id, input.referralId)));
    if (referralRow) {
      let physicianName: string | null = null;
      if (referralRow.providerId) {
        const [provider] = await db
          .select()
          .from(referringProviders)
          .where(
            and(eq(referringProviders.clinicId, clinicId), eq(referringProviders.id, referralRow.providerId)),
          );
        if (provider)
          physicianName =
            [provider.firstName, provider.lastName].join(' ') +
            (provider.credentials ? `, ${provider.credentials}` : '');
      }
      referral = {
        id: referralRow.id,
        referralDate: referralRow.referralDate,
        physicianName,
        diagnoses: referralRow.diagnoses.map((d) => ({ code: d.code, description: d.description })),
        authorizedVisits: visitsAllowed(referralRow),
        injury:
          referralRow.injuryCause && referralRow.injuryDate
            ? {
                cause: referralRow.injuryCause,
                date: referralRow.injuryDate,
                state: referralRow.accidentState,
              }
            : null,
      };
    }
  }

  // Plan (its current version).
  let plan: ReportFacts['plan'] = null;
  let planContent: PlanContent | null = null;
  if (input.plan) {
    const versions = await versionsOf(db, clinicId, input.plan.id);
    const v = versions.at(-1)!;
    planContent = v.content as unknown as PlanContent;
    plan = {
      id: input.plan.id,
      version: v.version,
      problems: planContent.problems,
      techniques: v.techniques.map((t) => (isTechniqueId(t) ? getTechnique(t).name : t)),
      regions: v.regions.map((r) => (isSiteId(r) ? siteLabel(r) : r)),
      frequencyPerWeek: v.frequencyPerWeek,
      durationWeeks: v.durationWeeks,
      plannedVisits: v.plannedVisits,
      sessionMinutes: v.sessionMinutes,
      startDate: versions[0]!.startDate,
      endDate: planEndDate(v),
    };
  }

  // Signed notes up to the period's end (ROM reads them from the first), amendments applied; `notes`: the period's.
  const signedNotes = await signedNotesOf(db, clinicId, patientId, periodEnd);
  const notes = signedNotes.filter((n) => n.visitDate >= periodStart);

  // Visits: one per completed appointment. A signed note not linked to one is a visit of its own only on a day
  // without a completed appointment: otherwise it documents that appointment's session (as the chart counts).
  const appts = await db
    .select({
      id: appointments.id,
      status: appointments.status,
      startAt: appointments.startAt,
      cancelledLate: appointments.cancelledLate,
      rescheduledTo: appointments.rescheduledTo,
    })
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId)));
  const inPeriod = appts
    .map((a) => ({ ...a, day: localDate(a.startAt, input.timeZone) }))
    .filter((a) => a.day >= periodStart && a.day <= periodEnd);
  const completed = inPeriod.filter((a) => a.status === 'completed');
  const completedIds = new Set(appts.filter((a) => a.status === 'completed').map((a) => a.id));
  const completedDays = new Set(completed.map((a) => a.day));
  const notesOfOtherVisits = notes.filter(
    (n) => !(n.appointmentId && completedIds.has(n.appointmentId)) && !completedDays.has(n.visitDate),
  );
  const noShow = inPeriod.filter((a) => a.status === 'no_show').length;
  // A visit moved to another time was not missed, however late it moved (as the chart counts).
  const lateCancelled = inPeriod.filter(
    (a) => a.status === 'cancelled' && a.cancelledLate === true && a.rescheduledTo === null,
  ).length;
  const used = referralRow
    ? ((await visitsUsed(db, clinicId, [referralRow.id])).get(referralRow.id) ?? 0)
    : 0;

  // Techniques and minutes.
  const byTechnique = new Map<string, { minutes: number; sessions: Set<string> }>();
  let totalMinutes = 0;
  for (const n of notes) {
    for (const row of n.current.treatment?.rows ?? []) {
      const entry = byTechnique.get(row.techniqueId) ?? { minutes: 0, sessions: new Set<string>() };
      entry.minutes += row.minutes;
      entry.sessions.add(n.id);
      byTechnique.set(row.techniqueId, entry);
      totalMinutes += row.minutes;
    }
  }

  // Pain before and after each session, and the pain medication the patient reported.
  const painSessions = notes
    .filter(
      (n) =>
        n.current.pain?.before !== undefined ||
        n.current.pain?.after !== undefined ||
        n.current.subjective?.painMedication !== undefined,
    )
    .map((n) => ({
      date: n.visitDate,
      before: n.current.pain?.before ?? null,
      after: n.current.pain?.after ?? null,
      medication: n.current.subjective?.painMedication ?? null,
    }));
  const avg = (values: (number | null)[]) => {
    const xs = values.filter((v): v is number => v !== null);
    return xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length);
  };

  // Outcomes: baseline = first administration of the instrument; latest = last one up to the period's end.
  const admins = await db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(
        eq(outcomeAdministrations.clinicId, clinicId),
        eq(outcomeAdministrations.patientId, patientId),
        lte(outcomeAdministrations.administeredOn, periodEnd),
      ),
    )
    .orderBy(asc(outcomeAdministrations.administeredOn), asc(outcomeAdministrations.id));
  const byInstrument = new Map<string, typeof admins>();
  for (const a of admins) byInstrument.set(a.instrumentId, [...(byInstrument.get(a.instrumentId) ?? []), a]);
  const outcomes: ReportFacts['outcomes'] = [];
  const latestScore = new Map<string, number>();
  for (const [instrumentId, list] of byInstrument) {
    const def = getInstrument(instrumentId as InstrumentId);
    const baseline = list[0]!;
    const latest = list.at(-1)!;
    latestScore.set(instrumentId, latest.score);
    if (list.length < 2) continue;
    let classification: 'improved' | 'no-meaningful-change' | 'worse' = 'no-meaningful-change';
    let mcid: ReportFacts['outcomes'][number]['mcid'] = null;
    let percentChange: number | null =
      baseline.score === 0 ? null : ((latest.score - baseline.score) / Math.abs(baseline.score)) * 100;
    try {
      const c = classifyChange(def.id, baseline.score, latest.score);
      classification = c.classification;
      percentChange = c.percentChange;
      mcid = { value: c.mcidUsed.value, unit: c.mcidUsed.unit, source: c.mcidUsed.source };
    } catch {
      mcid = null;
    }
    const change = latest.score - baseline.score;
    outcomes.push({
      instrumentId,
      name: def.name,
      direction: def.direction,
      baseline: { value: baseline.score, date: baseline.administeredOn },
      latest: { value: latest.score, date: latest.administeredOn },
      change,
      percentChange,
      classification,
      mcid,
      meaning: outcomeMeaning({
        name: def.name,
        baseline: baseline.score,
        latest: latest.score,
        change,
        percentChange,
        classification,
        mcid,
      }),
    });
  }

  // ROM: signed assessments and notes, first and latest per motion and side.
  const evals = await signedAssessmentsOf(db, clinicId, patientId, periodEnd);
  const measures: { jointMotion: string; side: 'left' | 'right' | null; value: number; date: string }[] = [];
  for (const a of evals)
    for (const m of a.current.rom ?? [])
      measures.push({ jointMotion: m.jointMotion, side: m.side ?? null, value: m.value, date: a.assessedOn });
  for (const n of signedNotes)
    for (const m of n.current.objective?.rom ?? [])
      measures.push({ jointMotion: m.jointMotion, side: m.side ?? null, value: m.value, date: n.visitDate });
  measures.sort((a, b) => a.date.localeCompare(b.date));
  const romKeys = new Map<string, typeof measures>();
  for (const m of measures) {
    const key = `${m.jointMotion}|${m.side ?? ''}`;
    romKeys.set(key, [...(romKeys.get(key) ?? []), m]);
  }
  const rom: ReportFacts['rom'] = [...romKeys.values()].map((list) => {
    const first = list[0]!;
    const latest = list.at(-1)!;
    const jm = first.jointMotion as JointMotion;
    const spec = getRomNorm(jm);
    const status = romStatus(jm, latest.value);
    return {
      jointMotion: jm,
      label: `${spec.joint} ${spec.motion}`,
      side: first.side,
      unit: spec.unit,
      normal: status.normalUsed.normal,
      first: { value: first.value, date: first.date },
      latest: { value: latest.value, date: latest.date },
      percentOfNormal: status.percentOfNormal === null ? null : Math.round(status.percentOfNormal),
      status: status.status,
    };
  });

  // Goals: measured goals from the latest score / ROM; functional goals from the latest note's assessment.
  const lastProgress = new Map<string, { progress: string; note: string | null }>();
  for (const n of notes)
    for (const p of n.current.assessment?.goalProgress ?? [])
      lastProgress.set(p.goalId, { progress: p.progress, note: p.note ?? null });
  const goals: ReportFacts['goals'] = (planContent?.goals ?? []).map((g) => {
    const noted = lastProgress.get(g.id);
    const fromNote = (noted?.progress as GoalStatus | undefined) ?? 'not-assessed';
    if (g.kind === 'instrument') {
      const def = getInstrument(g.instrumentId);
      const current = latestScore.get(g.instrumentId) ?? null;
      return {
        id: g.id,
        kind: g.kind,
        description:
          g.description ?? `${def.name} from ${fmt(g.baseline)} to ${fmt(g.target)} by ${dayText(g.dueDate)}`,
        baseline: g.baseline,
        target: g.target,
        current,
        status: current === null ? fromNote : goalStatus(def.direction, g.baseline, g.target, current),
        note: noted?.note ?? null,
      };
    }
    if (g.kind === 'rom') {
      const list = romKeys.get(`${g.jointMotion}|${g.side ?? ''}`);
      const current = list?.at(-1)?.value ?? null;
      const spec = getRomNorm(g.jointMotion);
      return {
        id: g.id,
        kind: g.kind,
        description:
          g.description ??
          `${spec.joint} ${spec.motion}${g.side ? ` (${g.side})` : ''} from ${romValueText(g.baseline, spec.unit)} to ${romValueText(g.target, spec.unit)} by ${dayText(g.dueDate)}`,
        baseline: g.baseline,
        target: g.target,
        current,
        status: current === null ? fromNote : goalStatus('higher-is-better', g.baseline, g.target, current),
        note: noted?.note ?? null,
      };
    }
    return {
      id: g.id,
      kind: g.kind,
      description: g.patientWords,
      baseline: null,
      target: null,
      current: null,
      status: fromNote,
      note: noted?.note ?? null,
    };
  });

  // Home care and adherence over the period.
  const exercises = (planContent?.homeCare.exercises ?? []).flatMap((e) => {
    const lib = getExercise(e.id);
    if (!lib) return [];
    const dosage = e.dosage ?? lib.dosage;
    return [{ id: lib.id, name: lib.name, dosage, ...dailyFrequency(dosage) }];
  });
  const logs = await logsBetween(db, clinicId, patientId, periodStart, periodEnd);
  const adherence = computeAdherence(exercises, logs, {
    from: periodStart,
    to: periodEnd,
    planStart: plan?.startDate ?? null,
  });

  return {
    patient: {
      name: `${patient!.legalFirstName} ${patient!.legalLastName}`,
      dateOfBirth: patient!.dateOfBirth,
    },
    clinic: {
      name: clinic!.name,
      address,
      phone: location?.phone ?? null,
    },
    therapist: { userId: input.authorId, name: author?.name ?? '' },
    referral,
    plan,
    period: { start: periodStart, end: periodEnd },
    visits: {
      attended: completed.length + notesOfOtherVisits.length,
      noShow,
      lateCancelled,
      missed: noShow + lateCancelled,
      sinceStart: used,
      authorized: referral?.authorizedVisits ?? null,
    },
    treatment: {
      sessions: notes.length,
      totalMinutes,
      byTechnique: [...byTechnique]
        .map(([techniqueId, e]) => {
          const t = isTechniqueId(techniqueId) ? getTechnique(techniqueId) : null;
          return {
            techniqueId,
            name: t?.name ?? techniqueId,
            cpt: t?.cpt ?? '',
            minutes: e.minutes,
            sessions: e.sessions.size,
          };
        })
        .sort((a, b) => b.minutes - a.minutes),
    },
    pain: {
      sessions: painSessions,
      averageBefore: avg(painSessions.map((p) => p.before)),
      averageAfter: avg(painSessions.map((p) => p.after)),
    },
    outcomes,
    rom,
    goals,
    homeCare: {
      exercises: exercises.map(({ id, name, dosage }) => ({ id, name, dosage })),
      advice: (planContent?.homeCare.advice ?? []).flatMap((id) => {
        const a = getAdvice(id);
        return a ? [a.title] : [];
      }),
      adherencePercent: adherence.percent,
      daysLogged: adherence.daysLogged,
    },
  };
}

/** The latest reported pain medication, with the first for comparison when it differs. */
function medicationText(sessions: ReportFacts['pain']['sessions']): string | null {
  const reported = sessions.filter((p) => p.medication);
  const latest = reported.at(-1);
  if (!latest?.medication) return null;
  const label = (p: (typeof reported)[number]) => PAIN_MEDICATION_LABELS[p.medication!].toLowerCase();
  const first = reported[0]!;
  return `Pain medication (patient-reported) at the latest visit, ${dayText(latest.date)}: ${label(latest)}${
    first !== latest && first.medication !== latest.medication
      ? ` (${dayText(first.date)}: ${label(first)})`
      : ''
  }.`;
}

/** The recommendation the facts suggest (the therapist may change it). */
export function suggestRecommendation(kind: GenerateInput['kind'], facts: ReportFacts): Recommendation {
  if (kind === 'discharge_summary') return 'discharge';
  if (facts.outcomes.some((o) => o.classification === 'worse')) return 'refer_back';
  if (facts.goals.length > 0 && facts.goals.every((g) => g.status === 'met')) return 'discharge';
  if (facts.goals.some((g) => g.status === 'regressed' || g.status === 'no-change')) return 'modify';
  return 'continue';
}

/** Prefilled text the therapist edits before signing. */
export function draftText(
  kind: GenerateInput['kind'],
  facts: ReportFacts,
  recommendation: Recommendation,
): z.infer<typeof reportText> {
  const v = facts.visits;
  const visits = `${v.attended} visit${v.attended === 1 ? '' : 's'} attended, ${v.missed} missed (${v.noShow} no-show, ${v.lateCancelled} late cancellation)`;
  const minutes = facts.treatment.byTechnique.map((t) => `${t.name} ${t.minutes} min`).join(', ');
  const summary = [
    `${kind === 'discharge_summary' ? 'Discharge summary' : 'Progress report'} for ${dayText(facts.period.start)} to ${dayText(facts.period.end)}: ${visits}.`,
    facts.treatment.sessions > 0
      ? `${facts.treatment.sessions} documented session${facts.treatment.sessions === 1 ? '' : 's'}, ${facts.treatment.totalMinutes} minutes of treatment (${minutes}).`
      : 'No session was documented in this period.',
  ].join(' ');
  const met = facts.goals.filter((g) => g.status === 'met').length;
  const assessment = [
    ...facts.outcomes.map((o) => o.meaning),
    facts.pain.averageBefore !== null && facts.pain.averageAfter !== null
      ? `Average pain ${fmt(facts.pain.averageBefore)}/10 before and ${fmt(facts.pain.averageAfter)}/10 after sessions.`
      : null,
    medicationText(facts.pain.sessions),
    facts.goals.length > 0 ? `${met} of ${facts.goals.length} goals met.` : null,
  ]
    .filter(Boolean)
    .join('\n');
  const plan =
    kind === 'discharge_summary'
      ? 'Treatment ends. The patient continues the home program on their own.'
      : facts.plan
        ? `Continue ${facts.plan.frequencyPerWeek}× per week, ${facts.plan.sessionMinutes}-minute sessions, with the home program.`
        : 'Plan to be agreed.';
  const recommendationNote = {
    // Why, under the recommendation's own label (RECOMMENDATION_LABELS), which the report prints first.
    continue: 'No goal has stalled and no outcome measure is meaningfully worse.',
    modify: 'Progress toward some goals has stalled.',
    discharge: 'Goals met or care complete.',
    refer_back: 'An outcome measure is meaningfully worse.',
  }[recommendation];
  return { summary, assessment, plan, recommendationNote };
}
