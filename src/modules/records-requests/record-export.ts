/**
 * The patient's whole record (the designated record set Palpa holds: demographics, referrals, health history,
 * plans, assessments, session notes, outcome measures, signed reports, appointments, payments) as one PDF
 * document, and the FHIR Bundle produced by the FHIR module's Patient/$everything.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest, LightMyRequestResponse } from 'fastify';
import type { Executor } from '../../db/connection.ts';
import {
  appointments,
  clinicalReports,
  intakeResponses,
  outcomeAdministrations,
  referrals,
  treatmentPlans,
} from '../../db/schema/index.ts';
import { formatCents } from '../../domain/billing/money.ts';
import { AppError } from '../../platform/errors.ts';
import { ASSESSMENT_KIND_LABELS } from '../assessments/schemas.ts';
import { signedAssessmentsOf, signedNotesOf } from '../clinical/amended.ts';
import { signedRecordCopy } from '../fhir/model.ts';
import { dayText, localDate, localDateTimeText } from '../patients/dates.ts';
import { SEX_LABELS } from '../patients/schemas.ts';
import { PAYMENT_METHOD_LABELS } from '../payments/schemas.ts';
import { paymentsOf } from '../payments/service.ts';
import type { PlanContent } from '../plans/service.ts';
import { versionsOf } from '../plans/service.ts';
import type { DocSection, ReportDocument } from '../reports/document.ts';
import { documentParties } from '../reports/parties.ts';
import { renderReportPdf } from '../reports/pdf.ts';
import {
  assessmentLines,
  contactText,
  dateText,
  type GoalLike,
  goalName,
  goalText,
  homeCareLines,
  INDENT,
  instrumentName,
  intakeLines,
  languageName,
  lines,
  noteLines,
  siteName,
  techniqueName,
  words,
} from './record-text.ts';

export async function recordDocument(
  db: Executor,
  clinicId: string,
  patientId: string,
  generatedAt: Date,
  timeZone: string,
): Promise<ReportDocument> {
  const { patient, clinic, address } = await documentParties(db, clinicId, patientId);
  const sections: DocSection[] = [];
  const mine = <T extends { clinicId: unknown; patientId: unknown }>(t: T) =>
    and(eq(t.clinicId as never, clinicId), eq(t.patientId as never, patientId));

  /** The clinic's calendar day of an instant, as people read it. */
  const dayOf = (at: Date) => dayText(localDate(at, timeZone));
  const sex = patient.sexAssignedAtBirth;
  sections.push({
    heading: 'Patient',
    paragraphs: [
      ['Legal name', `${patient.legalFirstName} ${patient.legalLastName}`],
      ['Preferred name', patient.preferredName],
      ['Pronouns', patient.pronouns],
      ['Date of birth', dateText(patient.dateOfBirth)],
      ['Sex assigned at birth', sex ? (SEX_LABELS[sex as keyof typeof SEX_LABELS] ?? words(sex)) : null],
      ['Gender identity', patient.genderIdentity],
      ['Email', patient.email],
      ['Phone', patient.phone],
      ['Language', languageName(patient.language)],
      ['Emergency contact', contactText(patient.emergencyContact)],
      ['Parent or guardian', contactText(patient.guardian)],
    ].flatMap(([label, value]) => lines(value, '', label!)),
  });

  const refs = await db.select().from(referrals).where(mine(referrals)).orderBy(asc(referrals.id));
  sections.push({
    heading: 'Referrals',
    paragraphs:
      refs.length === 0
        ? ['None.']
        : refs.flatMap((r) => [
            `Referral of ${dateText(r.referralDate)} (${r.source}), valid ${dateText(r.validFrom)} to ${r.validUntil ? dateText(r.validUntil) : 'open'}`,
            ...r.diagnoses.map((d) => `${INDENT}${d.code} — ${d.description}`),
            `${INDENT}Techniques: ${r.techniques.map(techniqueName).join(', ') || '—'}; areas: ${r.bodyRegions.map(siteName).join(', ') || '—'}`,
            ...(r.precautions ? [`${INDENT}Precautions: ${r.precautions}`] : []),
          ]),
  });

  const intakes = await db
    .select()
    .from(intakeResponses)
    .where(and(mine(intakeResponses), eq(intakeResponses.status, 'submitted')))
    .orderBy(asc(intakeResponses.id));
  sections.push({
    heading: 'Health history (intake)',
    paragraphs:
      intakes.length === 0
        ? ['None.']
        : intakes.flatMap((i) => [
            `${i.kind === 'update' ? 'Health-history update' : 'Intake'} submitted${i.submittedAt ? ` ${dayOf(i.submittedAt)}` : ''}`,
            ...intakeLines(i.answers, i.questionnaireVersion),
          ]),
  });

  const plans = await db
    .select()
    .from(treatmentPlans)
    .where(mine(treatmentPlans))
    .orderBy(asc(treatmentPlans.id));
  const planLines: string[] = [];
  /** Each goal by its id, as the latest plan version states it (session notes record progress per goal). */
  const goalNames = new Map<string, string>();
  for (const p of plans)
    for (const v of await versionsOf(db, clinicId, p.id)) {
      const c = v.content as unknown as PlanContent;
      const goals = c.goals as (GoalLike & { id: string })[];
      for (const g of goals) goalNames.set(g.id, goalName(g));
      planLines.push(
        `Plan version ${v.version} from ${dateText(v.startDate)}: ${v.frequencyPerWeek}×/week for ${v.durationWeeks} weeks, ${v.sessionMinutes} min`,
        `${INDENT}Techniques: ${v.techniques.map(techniqueName).join(', ') || '—'}; areas: ${v.regions.map(siteName).join(', ') || '—'}`,
        ...c.problems.map((x) => `${INDENT}Problem: ${x}`),
        ...goals.map((g) => `${INDENT}Goal: ${goalText(g)}`),
        ...homeCareLines(c.homeCare),
      );
    }
  sections.push({ heading: 'Plans of care', paragraphs: planLines.length ? planLines : ['None.'] });

  const evalLines = (await signedAssessmentsOf(db, clinicId, patientId)).flatMap((a) => [
    `${ASSESSMENT_KIND_LABELS[a.kind as keyof typeof ASSESSMENT_KIND_LABELS] ?? words(a.kind)} of ${dateText(a.assessedOn)}`,
    ...assessmentLines(a.current),
  ]);
  sections.push({ heading: 'Assessments', paragraphs: evalLines.length ? evalLines : ['None.'] });

  const sessionLines = (await signedNotesOf(db, clinicId, patientId)).flatMap((n) => [
    `Session of ${dateText(n.visitDate)} (signed by ${n.signatureTypedName})`,
    ...noteLines(n.current, goalNames),
  ]);
  sections.push({ heading: 'Session notes', paragraphs: sessionLines.length ? sessionLines : ['None.'] });

  const admins = await db
    .select()
    .from(outcomeAdministrations)
    .where(mine(outcomeAdministrations))
    .orderBy(asc(outcomeAdministrations.administeredOn), asc(outcomeAdministrations.id));
  sections.push({
    heading: 'Outcome measures',
    paragraphs: admins.length === 0 ? ['None.'] : [],
    table:
      admins.length > 0
        ? {
            columns: ['Date', 'Measure', 'Score', 'Band'],
            rows: admins.map((a) => [
              dateText(a.administeredOn),
              instrumentName(a.instrumentId),
              String(Math.round(a.score * 10) / 10),
              a.band ?? '',
            ]),
          }
        : undefined,
  });

  const reports = await db
    .select()
    .from(clinicalReports)
    .where(and(mine(clinicalReports), eq(clinicalReports.status, 'signed')))
    .orderBy(asc(clinicalReports.periodEnd));
  sections.push({
    heading: 'Reports to the physician',
    paragraphs:
      reports.length === 0
        ? ['None.']
        : reports.flatMap((r) => {
            const text = (r.content as { text?: Record<string, string> }).text ?? {};
            return [
              `${r.kind === 'progress_report' ? 'Progress report' : 'Discharge summary'} ${dateText(r.periodStart)} to ${dateText(r.periodEnd)} (signed by ${r.signatureTypedName})`,
              ...Object.values(text).flatMap((t) => t.split(/\n+/).map((x) => `${INDENT}${x}`)),
            ];
          }),
  });

  const appts = await db
    .select()
    .from(appointments)
    .where(mine(appointments))
    .orderBy(asc(appointments.startAt));
  sections.push({
    heading: 'Appointments',
    paragraphs: appts.length === 0 ? ['None.'] : [],
    table:
      appts.length > 0
        ? {
            columns: ['Date', 'Status'],
            rows: appts.map((a) => [dayOf(a.startAt), words(a.status)]),
          }
        : undefined,
  });

  // Billing records are part of the designated record set: every payment and refund, voided ones marked.
  const paid = await paymentsOf(db, clinicId, patientId);
  const visitDate = new Map(appts.map((a) => [a.id, dayOf(a.startAt)]));
  sections.push({
    heading: 'Payments',
    paragraphs: paid.length === 0 ? ['None.'] : [],
    table:
      paid.length > 0
        ? {
            columns: ['Date', 'Amount', 'Method', 'For', 'Voided'],
            rows: paid.map((p) => [
              dayOf(new Date(p.receivedAt)),
              p.kind === 'refund' ? `Refund ${formatCents(p.amountCents)}` : formatCents(p.amountCents),
              PAYMENT_METHOD_LABELS[p.method],
              p.kind === 'refund'
                ? `Refunded: ${p.refundReason}`
                : p.appointmentId
                  ? `Visit ${visitDate.get(p.appointmentId) ?? ''}`.trim()
                  : 'On account',
              p.voided ? `${dayOf(new Date(p.voided.at))}: ${p.voided.reason}` : '—',
            ]),
          }
        : undefined,
  });

  return {
    title: 'Health record',
    letterhead: {
      name: clinic.name,
      lines: address ? [address] : [],
    },
    // The running header identifies the patient on every page as every Palpa PDF does (reports, superbills).
    patient: { name: `${patient.legalFirstName} ${patient.legalLastName}`, dateOfBirth: patient.dateOfBirth },
    meta: [`Copy of the record produced ${localDateTimeText(generatedAt, timeZone)}`],
    sections,
    signature: `Produced by Palpa for ${clinic.name} on ${dayOf(generatedAt)}.`,
  };
}

export async function recordPdf(
  db: Executor,
  clinicId: string,
  patientId: string,
  at: Date,
  timeZone: string,
) {
  return renderReportPdf(await recordDocument(db, clinicId, patientId, at, timeZone));
}

/**
 * The FHIR Bundle of the whole record: the FHIR module's Patient/$everything, called with the caller's own
 * credentials (so its access rules and audit apply unchanged), inside `signedRecordCopy` so that, like the PDF,
 * it holds signed notes and evaluations only (a draft is the clinician's work in progress, not the record).
 */
export async function recordBundle(
  app: FastifyInstance,
  request: FastifyRequest,
  clinicId: string,
  patientId: string,
): Promise<unknown> {
  const headers: Record<string, string> = { 'x-palpa-clinic': clinicId, accept: 'application/fhir+json' };
  if (request.headers.cookie) headers.cookie = request.headers.cookie;
  if (request.headers.authorization) headers.authorization = request.headers.authorization;
  // The callback form dispatches at once, inside the store (the promise form starts later, outside it).
  const response = await new Promise<LightMyRequestResponse>((resolve, reject) =>
    signedRecordCopy.run({ signedOnly: true }, () =>
      app.inject(
        { method: 'GET', url: `/fhir/R4/Patient/${patientId}/$everything`, headers },
        (error, res) => (error || !res ? reject(error) : resolve(res)),
      ),
    ),
  );
  if (response.statusCode !== 200)
    throw new AppError(
      response.statusCode === 403 ? 'forbidden' : 'not_found',
      'The FHIR record could not be produced for this patient',
    );
  return response.json();
}
