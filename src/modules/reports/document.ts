/**
 * A report as a printable document (letterhead, identity, sections of paragraphs and tables, signature):
 * the one model both renderers (HTML and PDF) draw, so they always say the same thing.
 */
import { injuryText } from '../../domain/catalog/injury.ts';
import { dayText, isCalendarDate, localDateTimeText } from '../patients/dates.ts';
import { PAIN_MEDICATION_LABELS } from '../session-notes/schemas.ts';
import { letterheadLines } from './parties.ts';
import {
  isSelfReferredReport,
  RECOMMENDATION_LABELS,
  REPORT_KIND_LABELS,
  type ReportFacts,
  type ReportView,
  romValueText,
} from './schemas.ts';

export interface DocTable {
  columns: string[];
  rows: string[][];
  /** Relative column widths (default equal). */
  widths?: number[];
}

export interface DocSection {
  heading: string;
  paragraphs: string[];
  table?: DocTable;
}

export interface ReportDocument {
  title: string;
  letterhead: { name: string; lines: string[] };
  patient: { name: string; dateOfBirth: string };
  meta: string[];
  sections: DocSection[];
  signature: string;
}

const GOAL_LABELS: Record<string, string> = {
  met: 'Met',
  progressing: 'Progressing',
  'no-change': 'No change',
  regressed: 'Regressed',
  'not-assessed': 'Not assessed',
};
const n = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(1);

/** A date of birth as people read it, "Mar 14, 1980" (as stored when it is not a calendar date). */
export const birthDayText = (dateOfBirth: string) =>
  isCalendarDate(dateOfBirth) ? dayText(dateOfBirth) : dateOfBirth;

/** "Progress report, Nov 12, 2026 to Nov 27, 2026": the dates as people read them. */
export function reportTitle(kind: keyof typeof REPORT_KIND_LABELS, facts: Pick<ReportFacts, 'period'>) {
  return `${REPORT_KIND_LABELS[kind]}, ${dayText(facts.period.start)} to ${dayText(facts.period.end)}`;
}

/** The report as a document; dates as people read them, the signature's time in the clinic's `timeZone`. */
export function reportDocument(report: ReportView, timeZone: string): ReportDocument {
  const f = report.facts;
  const sections: DocSection[] = [];
  const r = f.referral;
  const selfReferred = isSelfReferredReport(f);
  sections.push({
    heading: 'Diagnoses and referral',
    paragraphs: r
      ? [
          `Referred ${dayText(r.referralDate)}${r.physicianName ? ` by ${r.physicianName}` : ''}.`,
          ...(r.injury ? [`Related to: ${injuryText(r.injury, dayText)}.`] : []),
          ...r.diagnoses.map((d) => `${d.code} — ${d.description}`),
        ]
      : selfReferred
        ? [
            'Self-referred: the client came without a physician referral. No diagnosis is given (a massage therapist does not diagnose); the problems are those of the plan of care.',
          ]
        : ['No referral is linked to this report.'],
  });
  if (f.plan)
    sections.push({
      heading: 'Plan of care',
      paragraphs: [
        `${f.plan.frequencyPerWeek}× per week for ${f.plan.durationWeeks} weeks (${f.plan.plannedVisits} visits planned), ${f.plan.sessionMinutes}-minute sessions, ${dayText(f.plan.startDate)} to ${dayText(f.plan.endDate)} (version ${f.plan.version}).`,
        `Techniques: ${f.plan.techniques.join(', ')}. Areas: ${f.plan.regions.join(', ')}.`,
        ...f.plan.problems.map((p) => `Problem: ${p}`),
      ],
    });
  const v = f.visits;
  sections.push({
    heading: 'Visits',
    paragraphs: [
      // Two spans, each named: this report's period, and the referral since it began (what the payer counts).
      `In this period: attended ${v.attended}; missed ${v.missed} (no-show ${v.noShow}, late cancellation ${v.lateCancelled}).` +
        (!r
          ? ''
          : v.authorized !== null
            ? ` Since the referral began: ${v.sinceStart} of ${v.authorized} authorised visits used.`
            : ` Since the referral began: ${v.sinceStart} visits used.`),
    ],
  });
  sections.push({
    heading: 'Treatment given',
    paragraphs: [
      `${f.treatment.sessions} documented sessions, ${f.treatment.totalMinutes} minutes in total.`,
    ],
    table:
      f.treatment.byTechnique.length > 0
        ? {
            columns: ['Technique', 'CPT', 'Sessions', 'Minutes'],
            rows: f.treatment.byTechnique.map((t) => [t.name, t.cpt, String(t.sessions), String(t.minutes)]),
            widths: [3, 1, 1, 1],
          }
        : undefined,
  });
  sections.push({
    heading: 'Outcome measures',
    paragraphs:
      f.outcomes.length > 0
        ? f.outcomes.map((o) => o.meaning)
        : ['No outcome measure was repeated in this period.'],
    table:
      f.outcomes.length > 0
        ? {
            columns: ['Measure', 'Baseline', 'Latest', 'Change', 'Meaning'],
            rows: f.outcomes.map((o) => [
              o.name,
              `${n(o.baseline.value)} (${dayText(o.baseline.date)})`,
              `${n(o.latest.value)} (${dayText(o.latest.date)})`,
              n(o.change),
              o.classification === 'improved'
                ? 'Meaningful improvement'
                : o.classification === 'worse'
                  ? 'Meaningfully worse'
                  : 'No meaningful change',
            ]),
            widths: [1.2, 1.6, 1.6, 0.8, 2],
          }
        : undefined,
  });
  if (f.pain.sessions.length > 0) {
    const medication = f.pain.sessions.some((p) => p.medication);
    sections.push({
      heading: 'Pain (0–10) before and after sessions',
      paragraphs: [`Average ${n(f.pain.averageBefore)} before, ${n(f.pain.averageAfter)} after.`],
      table: {
        columns: ['Date', 'Before', 'After', ...(medication ? ['Pain medication since the last visit'] : [])],
        rows: f.pain.sessions.map((p) => [
          dayText(p.date),
          n(p.before),
          n(p.after),
          ...(medication ? [p.medication ? PAIN_MEDICATION_LABELS[p.medication] : '—'] : []),
        ]),
      },
    });
  }
  if (f.rom.length > 0)
    sections.push({
      heading: 'Range of motion',
      paragraphs: [],
      table: {
        columns: ['Motion', 'First', 'Latest', 'Normal', '% of normal'],
        rows: f.rom.map((m) => [
          `${m.label}${m.side ? ` (${m.side})` : ''}`,
          romValueText(m.first.value, m.unit),
          romValueText(m.latest.value, m.unit),
          romValueText(m.normal, m.unit),
          m.percentOfNormal === null ? '—' : `${m.percentOfNormal} %`,
        ]),
        widths: [2.2, 1, 1, 1, 1],
      },
    });
  if (f.goals.length > 0)
    sections.push({
      heading: 'Goals',
      paragraphs: [],
      table: {
        columns: ['Goal', 'Baseline', 'Target', 'Now', 'Status'],
        rows: f.goals.map((g) => [
          g.description,
          n(g.baseline),
          n(g.target),
          n(g.current),
          GOAL_LABELS[g.status] ?? g.status,
        ]),
        widths: [3, 0.8, 0.8, 0.8, 1.1],
      },
    });
  sections.push({
    heading: 'Home care',
    paragraphs: [
      f.homeCare.exercises.length > 0
        ? f.homeCare.exercises.map((e) => `${e.name} (${e.dosage})`).join('; ')
        : 'No home exercises prescribed.',
      ...(f.homeCare.advice.length > 0 ? [`Advice: ${f.homeCare.advice.join(', ')}.`] : []),
      f.homeCare.adherencePercent === null
        ? 'Adherence: not logged.'
        : `Adherence in this period (${dayText(f.period.start)} to ${dayText(f.period.end)}): ${f.homeCare.adherencePercent} % of the daily program logged as done (${f.homeCare.daysLogged} days with exercises).`,
    ],
  });
  const split = (text: string) => text.split(/\n+/).filter((p) => p.trim().length > 0);
  sections.push({ heading: 'Summary', paragraphs: split(report.text.summary) });
  sections.push({ heading: 'Assessment', paragraphs: split(report.text.assessment) });
  sections.push({ heading: 'Plan', paragraphs: split(report.text.plan) });
  sections.push({
    heading: 'Recommendation',
    paragraphs: [RECOMMENDATION_LABELS[report.recommendation], ...split(report.text.recommendationNote)],
  });
  return {
    title: report.title,
    letterhead: {
      name: f.clinic.name,
      lines: letterheadLines(f.clinic.address, f.clinic.phone),
    },
    patient: { name: f.patient.name, dateOfBirth: f.patient.dateOfBirth },
    meta: [
      `Therapist: ${f.therapist.name}`,
      ...(f.referral?.physicianName ? [`To: ${f.referral.physicianName}`] : []),
      ...(selfReferred
        ? [`For the record of ${f.patient.name} (self-referred: no referring physician)`]
        : []),
      `Period: ${dayText(f.period.start)} to ${dayText(f.period.end)}`,
    ],
    sections,
    signature:
      report.status === 'signed'
        ? `Electronically signed by ${report.signatureTypedName} on ${localDateTimeText(new Date(report.signedAt!), timeZone)}`
        : 'DRAFT — not signed',
  };
}
