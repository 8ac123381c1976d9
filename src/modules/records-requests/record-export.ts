/**
 * The patient's whole record (the designated record set Palpa holds: demographics, referrals, health history,
 * plans, assessments, session notes, outcome measures, signed reports, appointments, payments) as one PDF
 * document, and the FHIR Bundle produced by the FHIR module's Patient/$everything.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/connection.ts';
import {
  appointments,
  assessments,
  clinicalReports,
  intakeResponses,
  outcomeAdministrations,
  referrals,
  sessionNotes,
  treatmentPlans,
} from '../../db/schema/index.ts';
import { formatCents } from '../../domain/billing/money.ts';
import { getTechnique, isTechniqueId } from '../../domain/catalog/techniques.ts';
import { getInstrument } from '../../domain/outcomes/instruments/index.ts';
import type { InstrumentId } from '../../domain/outcomes/types.ts';
import { AppError } from '../../platform/errors.ts';
import { applyAmendments } from '../clinical/access.ts';
import { amendmentsOf } from '../clinical/records.ts';
import { localDate } from '../patients/dates.ts';
import { PAYMENT_METHOD_LABELS } from '../payments/schemas.ts';
import { paymentsOf } from '../payments/service.ts';
import type { PlanContent } from '../plans/service.ts';
import { versionsOf } from '../plans/service.ts';
import type { DocSection, ReportDocument } from '../reports/document.ts';
import { documentParties } from '../reports/parties.ts';
import { renderReportPdf } from '../reports/pdf.ts';
import { withAmendmentsApplied } from '../session-notes/service.ts';

/** Flattens a JSON value into "label: value" lines (for record sections stored as structured content). */
function lines(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    if (value.every((v) => typeof v !== 'object' || v === null))
      return [`${prefix}${value.map(String).join(', ')}`];
    return value.flatMap((v, i) => lines(v, `${prefix}${i + 1}. `));
  }
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null
        ? [`${prefix}${humanise(k)}:`, ...lines(v, `${prefix}  `)]
        : lines(v, `${prefix}${humanise(k)}: `),
    );
  return [`${prefix}${String(value)}`];
}
const humanise = (key: string) => key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

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

  sections.push({
    heading: 'Patient',
    paragraphs: lines({
      legalName: `${patient.legalFirstName} ${patient.legalLastName}`,
      preferredName: patient.preferredName,
      pronouns: patient.pronouns,
      dateOfBirth: patient.dateOfBirth,
      sexAssignedAtBirth: patient.sexAssignedAtBirth,
      genderIdentity: patient.genderIdentity,
      email: patient.email,
      phone: patient.phone,
      language: patient.language,
      emergencyContact: patient.emergencyContact,
      guardian: patient.guardian,
    }),
  });

  const refs = await db.select().from(referrals).where(mine(referrals)).orderBy(asc(referrals.id));
  sections.push({
    heading: 'Referrals',
    paragraphs:
      refs.length === 0
        ? ['None.']
        : refs.flatMap((r) => [
            `Referral of ${r.referralDate} (${r.source}), valid ${r.validFrom} to ${r.validUntil ?? 'open'}`,
            ...r.diagnoses.map((d) => `  ${d.code} — ${d.description}`),
            `  Techniques: ${r.techniques.join(', ') || '—'}; areas: ${r.bodyRegions.join(', ') || '—'}`,
            ...(r.precautions ? [`  Precautions: ${r.precautions}`] : []),
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
            `Submitted ${i.submittedAt ? localDate(i.submittedAt, timeZone) : ''} (${i.kind})`,
            ...lines(i.answers, '  '),
          ]),
  });

  const plans = await db
    .select()
    .from(treatmentPlans)
    .where(mine(treatmentPlans))
    .orderBy(asc(treatmentPlans.id));
  const planLines: string[] = [];
  for (const p of plans)
    for (const v of await versionsOf(db, clinicId, p.id)) {
      const c = v.content as unknown as PlanContent;
      planLines.push(
        `Plan version ${v.version} from ${v.startDate}: ${v.frequencyPerWeek}×/week for ${v.durationWeeks} weeks, ${v.sessionMinutes} min`,
        ...c.problems.map((x) => `  Problem: ${x}`),
        ...c.goals.map(
          (g) =>
            `  Goal: ${g.kind === 'functional' ? g.patientWords : g.kind === 'instrument' ? `${g.instrumentId} ${g.baseline} → ${g.target}` : `${g.jointMotion} ${g.baseline} → ${g.target}`} by ${g.dueDate}`,
        ),
      );
    }
  sections.push({ heading: 'Plans of care', paragraphs: planLines.length ? planLines : ['None.'] });

  const evals = await db
    .select()
    .from(assessments)
    .where(and(mine(assessments), eq(assessments.status, 'signed')))
    .orderBy(asc(assessments.assessedOn));
  const evalLines: string[] = [];
  for (const a of evals) {
    const content = applyAmendments(a.content, await amendmentsOf(db, clinicId, { assessmentId: a.id }));
    evalLines.push(`${a.kind.replace('_', ' ')} of ${a.assessedOn}`, ...lines(content, '  '));
  }
  sections.push({ heading: 'Assessments', paragraphs: evalLines.length ? evalLines : ['None.'] });

  const notes = await withAmendmentsApplied(
    db,
    clinicId,
    await db
      .select()
      .from(sessionNotes)
      .where(and(mine(sessionNotes), eq(sessionNotes.status, 'signed')))
      .orderBy(asc(sessionNotes.visitDate), asc(sessionNotes.id)),
  );
  const noteLines: string[] = [];
  for (const n of notes) {
    const c = n.current;
    const rows = (c.treatment?.rows ?? [])
      .map(
        (r) =>
          `${isTechniqueId(r.techniqueId) ? getTechnique(r.techniqueId).name : r.techniqueId} ${r.region} ${r.minutes} min`,
      )
      .join('; ');
    noteLines.push(
      `Session of ${n.visitDate} (signed by ${n.signatureTypedName})`,
      ...(c.pain ? [`  Pain before ${c.pain.before ?? '—'}, after ${c.pain.after ?? '—'}`] : []),
      ...(rows ? [`  Treatment: ${rows}`] : []),
      ...lines(
        {
          subjective: c.subjective,
          objective: c.objective?.findings,
          assessment: c.assessment?.interpretation,
          plan: c.plan,
        },
        '  ',
      ),
    );
  }
  sections.push({ heading: 'Session notes', paragraphs: noteLines.length ? noteLines : ['None.'] });

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
              a.administeredOn,
              getInstrument(a.instrumentId as InstrumentId).name,
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
              `${r.kind === 'progress_report' ? 'Progress report' : 'Discharge summary'} ${r.periodStart} to ${r.periodEnd} (signed by ${r.signatureTypedName})`,
              ...Object.values(text).flatMap((t) => t.split(/\n+/).map((x) => `  ${x}`)),
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
            rows: appts.map((a) => [localDate(a.startAt, timeZone), a.status.replace('_', ' ')]),
          }
        : undefined,
  });

  // Billing records are part of the designated record set: every payment and refund, voided ones marked.
  const paid = await paymentsOf(db, clinicId, patientId);
  const visitDate = new Map(appts.map((a) => [a.id, localDate(a.startAt, timeZone)]));
  sections.push({
    heading: 'Payments',
    paragraphs: paid.length === 0 ? ['None.'] : [],
    table:
      paid.length > 0
        ? {
            columns: ['Date', 'Amount', 'Method', 'For', 'Voided'],
            rows: paid.map((p) => [
              localDate(new Date(p.receivedAt), timeZone),
              p.kind === 'refund' ? `Refund ${formatCents(p.amountCents)}` : formatCents(p.amountCents),
              PAYMENT_METHOD_LABELS[p.method],
              p.kind === 'refund'
                ? `Refunded: ${p.refundReason}`
                : p.appointmentId
                  ? `Visit ${visitDate.get(p.appointmentId) ?? ''}`.trim()
                  : 'On account',
              p.voided ? `${localDate(new Date(p.voided.at), timeZone)}: ${p.voided.reason}` : '—',
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
    patient: { name: `${patient.legalFirstName} ${patient.legalLastName}`, dateOfBirth: patient.dateOfBirth },
    meta: [`Copy of the record produced ${generatedAt.toISOString()}`],
    sections,
    signature: `Produced by Palpa for ${clinic.name} on ${localDate(generatedAt, timeZone)}.`,
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
 * credentials (so its access rules and audit apply unchanged).
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
  const response = await app.inject({
    method: 'GET',
    url: `/fhir/R4/Patient/${patientId}/$everything`,
    headers,
  });
  if (response.statusCode !== 200)
    throw new AppError(
      response.statusCode === 403 ? 'forbidden' : 'not_found',
      'The FHIR record could not be produced for this patient',
    );
  return response.json();
}
