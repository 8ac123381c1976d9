import { and, asc, desc, eq, exists, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  clinicalReports,
  clinics,
  disclosures,
  physicianPatientLinks,
  referrals,
  referringProviders,
  reportDeliveries,
  treatmentPlans,
  users,
} from '../../db/schema/index.ts';
import type { Mailer } from '../../platform/email.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordDisclosure } from '../disclosures/service.ts';
import { userNames } from '../intake/service.ts';
import { addDays, dayText, localDate } from '../patients/dates.ts';
import { versionsOf } from '../plans/service.ts';
import { providerDisplayName } from '../providers/routes.ts';
import { reportDocument, reportTitle } from './document.ts';
import { draftText, generateFacts, suggestRecommendation } from './generate.ts';
import { renderReportHtml } from './html.ts';
import { renderReportPdf } from './pdf.ts';
import {
  type RECOMMENDATIONS,
  REPORT_KIND_LABELS,
  type ReportFacts,
  type ReportView,
  type reportSummary,
  type reportText,
  type SENT_METHODS,
} from './schemas.ts';

export type ReportRow = typeof clinicalReports.$inferSelect;
type Kind = ReportRow['kind'];
interface StoredContent {
  facts: ReportFacts;
  text: z.infer<typeof reportText>;
  recommendation: (typeof RECOMMENDATIONS)[number];
}

const stored = (row: ReportRow) => row.content as unknown as StoredContent;

export async function findReport(db: Executor, clinicId: string, reportId: string, patientId?: string) {
  const [row] = await db
    .select()
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, clinicId),
        eq(clinicalReports.id, reportId),
        patientId ? eq(clinicalReports.patientId, patientId) : undefined,
      ),
    );
  if (!row) throw notFound('Report');
  return row;
}

export async function reportView(db: Executor, row: ReportRow): Promise<ReportView> {
  const content = stored(row);
  const deliveries = await db
    .select()
    .from(reportDeliveries)
    .where(and(eq(reportDeliveries.clinicId, row.clinicId), eq(reportDeliveries.reportId, row.id)))
    .orderBy(asc(reportDeliveries.id));
  const provider = await referralProvider(db, row);
  const recipients = row.status === 'draft' ? await referringPhysicians(db, row) : [];
  const outside = await db
    .select()
    .from(disclosures)
    .where(
      and(
        eq(disclosures.clinicId, row.clinicId),
        eq(disclosures.patientId, row.patientId),
        eq(disclosures.sourceType, 'manual'),
        eq(disclosures.sourceId, row.id),
      ),
    )
    .orderBy(asc(disclosures.disclosedAt));
  const names = await userNames(db, [
    row.authorId,
    ...deliveries.map((d) => d.recipientUserId),
    ...recipients,
  ]);
  return {
    id: row.id,
    patientId: row.patientId,
    referralId: row.referralId,
    planId: row.planId,
    kind: row.kind,
    title: reportTitle(row.kind, { period: { start: row.periodStart, end: row.periodEnd } }),
    status: row.status,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    facts: content.facts,
    text: content.text,
    recommendation: content.recommendation,
    author: { userId: row.authorId, name: names.get(row.authorId) ?? '' },
    signedAt: row.signedAt?.toISOString() ?? null,
    signatureTypedName: row.signatureTypedName,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      recipient: { userId: d.recipientUserId, name: names.get(d.recipientUserId) ?? '' },
      deliveredAt: d.deliveredAt.toISOString(),
      openedAt: d.openedAt?.toISOString() ?? null,
      openCount: d.openCount,
    })),
    referringProvider: provider
      ? { name: providerDisplayName(provider), fax: provider.fax, phone: provider.phone }
      : null,
    recipients: recipients.map((userId) => ({ userId, name: names.get(userId) ?? '' })),
    sentOutside: outside.map((d) => ({
      id: d.id,
      recipient: d.recipientName,
      description: d.description,
      sentAt: d.disclosedAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function summaryOf(view: ReportView): z.infer<typeof reportSummary> {
  const { id, patientId, referralId, kind, title, status, periodStart, periodEnd, recommendation } = view;
  return {
    id,
    patientId,
    referralId,
    kind,
    title,
    status,
    periodStart,
    periodEnd,
    recommendation,
    author: view.author,
    signedAt: view.signedAt,
    createdAt: view.createdAt,
  };
}

/**
 * The reports a physician may read: signed, and either on a referral or delivered to them. A report on a
 * self-referred plan (no referral) is for the record: no physician reads it unless staff delivered it to them.
 */
export function physicianMayRead(physicianUserId: string): SQL {
  return and(
    eq(clinicalReports.status, 'signed'),
    or(
      isNotNull(clinicalReports.referralId),
      exists(
        sql`(select 1 from ${reportDeliveries} d where d.clinic_id = ${clinicalReports.clinicId}
          and d.report_id = ${clinicalReports.id} and d.recipient_user_id = ${physicianUserId})`,
      ),
    ),
  )!;
}

/** A patient's reports, newest first; for a physician (`physicianUserId`) those they may read only. */
export async function listReports(
  db: Executor,
  clinicId: string,
  patientId: string,
  physicianUserId: string | null,
) {
  return db
    .select()
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, clinicId),
        eq(clinicalReports.patientId, patientId),
        physicianUserId ? physicianMayRead(physicianUserId) : undefined,
      ),
    )
    .orderBy(desc(clinicalReports.id));
}

/**
 * Creates a draft report from the record. The period starts the day after the last signed report on the same
 * referral — or on the same plan for a self-referred plan (no referral) — (or at the plan's start) and ends on
 * `periodEnd`. A report on a self-referred plan is written for the record: it has no referring physician.
 */
export async function createDraft(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    kind: Kind;
    referralId?: string;
    periodEnd: string;
    authorId: string;
    timeZone: string;
    now: Date;
  },
): Promise<ReportRow> {
  const { clinicId, patientId } = input;
  let plan: typeof treatmentPlans.$inferSelect | undefined;
  if (input.referralId) {
    const [ref] = await db
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.clinicId, clinicId),
          eq(referrals.patientId, patientId),
          eq(referrals.id, input.referralId),
        ),
      );
    if (!ref)
      throw new AppError('unprocessable', 'No such referral for this patient', [
        { path: 'body.referralId', message: 'Not a referral of this patient' },
      ]);
    [plan] = await db
      .select()
      .from(treatmentPlans)
      .where(
        and(
          eq(treatmentPlans.clinicId, clinicId),
          eq(treatmentPlans.patientId, patientId),
          eq(treatmentPlans.referralId, input.referralId),
        ),
      )
      .orderBy(desc(treatmentPlans.id))
      .limit(1);
  } else {
    [plan] = await db
      .select()
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.patientId, patientId)))
      .orderBy(desc(treatmentPlans.id))
      .limit(1);
  }
  const referralId = input.referralId ?? plan?.referralId ?? null;
  if (!referralId && !plan)
    throw new AppError('unprocessable', 'The patient has no plan of care or referral to report on', [
      { path: 'body.referralId', message: 'Give a referral of this patient' },
    ]);
  const planStart = plan ? (await versionsOf(db, clinicId, plan.id))[0]!.startDate : null;
  const [last] = await db
    .select({ periodEnd: clinicalReports.periodEnd })
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, clinicId),
        eq(clinicalReports.patientId, patientId),
        eq(clinicalReports.status, 'signed'),
        referralId
          ? eq(clinicalReports.referralId, referralId)
          : plan
            ? eq(clinicalReports.planId, plan.id)
            : undefined,
      ),
    )
    .orderBy(desc(clinicalReports.periodEnd))
    .limit(1);
  let periodStart = last && input.kind === 'progress_report' ? addDays(last.periodEnd, 1) : null;
  if (!periodStart) {
    if (planStart) periodStart = planStart;
    else {
      const [ref] = await db
        .select({ validFrom: referrals.validFrom })
        .from(referrals)
        .where(and(eq(referrals.clinicId, clinicId), eq(referrals.id, referralId!)));
      periodStart = ref!.validFrom;
    }
  }
  if (periodStart > input.periodEnd) {
    const from = dayText(periodStart);
    throw new AppError(
      'unprocessable',
      last && input.kind === 'progress_report'
        ? `A signed report already covers up to ${dayText(last.periodEnd)}: the next one can start on ${from}`
        : `The period must end on or after ${from}, when the ${planStart ? 'plan of care' : 'referral'} starts`,
      [{ path: 'body.periodEnd', message: `Choose ${from} or later` }],
    );
  }
  const facts = await generateFacts(db, {
    clinicId,
    patientId,
    referralId,
    plan: plan ?? null,
    kind: input.kind,
    periodStart,
    periodEnd: input.periodEnd,
    authorId: input.authorId,
    timeZone: input.timeZone,
  });
  const recommendation = suggestRecommendation(input.kind, facts);
  const content: StoredContent = {
    facts,
    text: draftText(input.kind, facts, recommendation),
    recommendation,
  };
  const [row] = await db
    .insert(clinicalReports)
    .values({
      clinicId,
      id: uuidv7(),
      patientId,
      referralId,
      planId: plan?.id ?? null,
      kind: input.kind,
      periodStart,
      periodEnd: input.periodEnd,
      content: content as unknown as Record<string, unknown>,
      authorId: input.authorId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  return row!;
}

/** Edits the text and the recommendation of a draft (409 once signed). */
export async function updateDraft(
  db: Executor,
  row: ReportRow,
  patch: { text?: Partial<StoredContent['text']>; recommendation?: StoredContent['recommendation'] },
  at: Date,
): Promise<ReportRow> {
  if (row.status === 'signed') throw signedError();
  const content = stored(row);
  const next: StoredContent = {
    ...content,
    text: { ...content.text, ...patch.text },
    recommendation: patch.recommendation ?? content.recommendation,
  };
  const [updated] = await db
    .update(clinicalReports)
    .set({ content: next as unknown as Record<string, unknown>, updatedAt: at })
    .where(and(eq(clinicalReports.clinicId, row.clinicId), eq(clinicalReports.id, row.id)))
    .returning();
  return updated!;
}

export const signedError = () =>
  new AppError('record_signed', 'This report is signed and locked: it can no longer be changed');

/** Signs a draft (the author, typed name checked by the caller). */
export async function markSigned(db: Executor, row: ReportRow, typedName: string, at: Date) {
  const [signed] = await db
    .update(clinicalReports)
    .set({ status: 'signed', signedAt: at, signatureTypedName: typedName, updatedAt: at })
    .where(
      and(
        eq(clinicalReports.clinicId, row.clinicId),
        eq(clinicalReports.id, row.id),
        eq(clinicalReports.status, 'draft'),
      ),
    )
    .returning();
  if (!signed) throw signedError();
  return signed;
}

/** The provider on file of the report's referral (none without a referral, or a referral without one). */
async function referralProvider(db: Executor, row: ReportRow) {
  if (!row.referralId) return null;
  const [provider] = await db
    .select({
      firstName: referringProviders.firstName,
      lastName: referringProviders.lastName,
      credentials: referringProviders.credentials,
      fax: referringProviders.fax,
      phone: referringProviders.phone,
      userId: referringProviders.userId,
    })
    .from(referrals)
    .innerJoin(
      referringProviders,
      and(
        eq(referringProviders.clinicId, referrals.clinicId),
        eq(referringProviders.id, referrals.providerId),
      ),
    )
    .where(and(eq(referrals.clinicId, row.clinicId), eq(referrals.id, row.referralId)));
  return provider ?? null;
}

/**
 * The physicians a report goes to: those linked by referral, and the referral's provider when linked. A report
 * without a referral (on a self-referred plan) goes to no one: there is no referring physician.
 */
export async function referringPhysicians(db: Executor, row: ReportRow): Promise<string[]> {
  if (!row.referralId) return [];
  const links = await db
    .select({ userId: physicianPatientLinks.userId, reason: physicianPatientLinks.reason })
    .from(physicianPatientLinks)
    .where(
      and(
        eq(physicianPatientLinks.clinicId, row.clinicId),
        eq(physicianPatientLinks.patientId, row.patientId),
        isNull(physicianPatientLinks.revokedAt),
      ),
    );
  const out = new Set(links.filter((l) => l.reason === 'referral').map((l) => l.userId));
  const provider = await referralProvider(db, row);
  if (provider?.userId && links.some((l) => l.userId === provider.userId)) out.add(provider.userId);
  return [...out].sort();
}

export async function isLinkedPhysician(db: Executor, clinicId: string, patientId: string, userId: string) {
  const [link] = await db
    .select({ userId: physicianPatientLinks.userId })
    .from(physicianPatientLinks)
    .where(
      and(
        eq(physicianPatientLinks.clinicId, clinicId),
        eq(physicianPatientLinks.patientId, patientId),
        eq(physicianPatientLinks.userId, userId),
        isNull(physicianPatientLinks.revokedAt),
      ),
    )
    .limit(1);
  return Boolean(link);
}

/** What a disclosure of the report says was shared and why; read by the patient too, so dates as people write them. */
function disclosed(row: ReportRow, timeZone: string, how?: string) {
  const signed = `signed ${dayText(localDate(row.signedAt!, timeZone))}`;
  return {
    description: `${REPORT_KIND_LABELS[row.kind]} for ${dayText(row.periodStart)} to ${dayText(row.periodEnd)} (${how ? `${signed}, ${how}` : signed})`,
    purpose: row.referralId
      ? 'Treatment: report to the referring physician on the progress of the care they prescribed'
      : 'Treatment: report to a physician of the patient on the progress of their care (self-referred)',
  };
}

/**
 * Makes a signed report available to each physician in their portal and records the disclosure, in the caller's
 * transaction; answers the new deliveries (the e-mails are sent after commit with `notifyDeliveries`).
 */
export async function deliverReport(
  db: Executor,
  row: ReportRow,
  recipientUserIds: readonly string[],
  input: { at: Date; by: string | null; timeZone: string },
): Promise<{ id: string; recipientUserId: string }[]> {
  if (row.status !== 'signed') throw new AppError('unprocessable', 'Sign the report before it is delivered');
  const existing = await db
    .select({ userId: reportDeliveries.recipientUserId })
    .from(reportDeliveries)
    .where(and(eq(reportDeliveries.clinicId, row.clinicId), eq(reportDeliveries.reportId, row.id)));
  const already = new Set(existing.map((e) => e.userId));
  const wanted = recipientUserIds.filter((id) => !already.has(id));
  if (wanted.length === 0) return [];
  const names = await userNames(db, wanted);
  const out: { id: string; recipientUserId: string }[] = [];
  for (const userId of wanted) {
    const id = uuidv7();
    await db.insert(reportDeliveries).values({
      clinicId: row.clinicId,
      id,
      reportId: row.id,
      recipientUserId: userId,
      deliveredAt: input.at,
      deliveredBy: input.by,
    });
    await recordDisclosure(db, {
      clinicId: row.clinicId,
      patientId: row.patientId,
      disclosedAt: input.at,
      recipientName: names.get(userId) ?? 'Referring physician',
      recipientUserId: userId,
      ...disclosed(row, input.timeZone),
      sourceType: 'report_delivery',
      sourceId: row.id,
      recordedBy: input.by,
    });
    out.push({ id, recipientUserId: userId });
  }
  return out;
}

const SENT_BY = { fax: 'sent by fax', post: 'sent by post', hand: 'handed over' } as const;

/**
 * Records that a signed report was sent outside Palpa (faxed, posted, handed over): a disclosure in the
 * patient's accounting, tied to the report. Answers the recipient recorded.
 */
export async function recordSentOutside(
  db: Executor,
  row: ReportRow,
  input: {
    method: (typeof SENT_METHODS)[number];
    recipient?: string;
    at: Date;
    by: string;
    timeZone: string;
  },
): Promise<string> {
  if (row.status !== 'signed') throw new AppError('unprocessable', 'Sign the report before it is sent');
  const provider = await referralProvider(db, row);
  const recipient = input.recipient ?? (provider ? providerDisplayName(provider) : null);
  if (!recipient)
    throw new AppError('unprocessable', 'Say who the report was sent to', [
      { path: 'body.recipient', message: 'The referral has no provider on file: name the recipient' },
    ]);
  await recordDisclosure(db, {
    clinicId: row.clinicId,
    patientId: row.patientId,
    disclosedAt: input.at,
    recipientName: recipient,
    ...disclosed(row, input.timeZone, SENT_BY[input.method]),
    sourceType: 'manual',
    sourceId: row.id,
    recordedBy: input.by,
  });
  return recipient;
}

/** E-mails each recipient a link to the report: no patient name, no health data. */
export async function notifyDeliveries(
  db: Executor,
  mailer: Mailer,
  row: ReportRow,
  deliveries: readonly { id: string; recipientUserId: string }[],
  publicUrl: string,
) {
  if (deliveries.length === 0) return;
  const [clinic] = await db.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, row.clinicId));
  const people = await db
    .select({ id: users.id, email: users.email, name: users.displayName })
    .from(users)
    .where(
      inArray(
        users.id,
        deliveries.map((d) => d.recipientUserId),
      ),
    );
  for (const d of deliveries) {
    const person = people.find((p) => p.id === d.recipientUserId);
    if (!person) continue;
    const sent = await mailer.send({
      clinicId: row.clinicId,
      to: person.email,
      subject: 'A new report is ready in Palpa',
      text: [
        `Hello ${person.name},`,
        '',
        `${clinic?.name ?? 'A clinic'} has shared a report about one of your patients with you in Palpa.`,
        'Sign in to read it:',
        `${publicUrl}/physician/reports/${row.id}`,
        '',
        'For privacy, this e-mail holds no health information.',
      ].join('\n'),
    });
    await db
      .update(reportDeliveries)
      .set({ emailId: sent.id })
      .where(and(eq(reportDeliveries.clinicId, row.clinicId), eq(reportDeliveries.id, d.id)));
  }
}

/** Records that a physician opened a report delivered to them (the first opening is kept). */
export async function recordOpening(db: Executor, row: ReportRow, userId: string, at: Date) {
  const [updated] = await db
    .update(reportDeliveries)
    .set({
      openedAt: sql`coalesce(${reportDeliveries.openedAt}, ${at.toISOString()}::timestamptz)`,
      lastOpenedAt: at,
      openCount: sql`${reportDeliveries.openCount} + 1`,
    })
    .where(
      and(
        eq(reportDeliveries.clinicId, row.clinicId),
        eq(reportDeliveries.reportId, row.id),
        eq(reportDeliveries.recipientUserId, userId),
      ),
    )
    .returning({ id: reportDeliveries.id });
  return updated?.id ?? null;
}

export async function renderReport(db: Executor, row: ReportRow, format: 'pdf' | 'html', timeZone: string) {
  const doc = reportDocument(await reportView(db, row), timeZone);
  return format === 'pdf' ? renderReportPdf(doc) : renderReportHtml(doc);
}
