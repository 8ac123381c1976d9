import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicalReports, patients, reportDeliveries } from '../../db/schema/index.ts';
import { authorizeClinic, type ClinicAccess } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type PatientAccess, physicianPortalList } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical, clinicalRecordAccess, notAuthor, requireOwnName } from '../clinical/access.ts';
import { signBody } from '../clinical/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { localDate } from '../patients/dates.ts';
import { displayNameOf } from '../patients/repository.ts';
import { patientParams } from '../patients/routes.ts';
import { reportTitle } from './document.ts';
import {
  deliveryCreate,
  physicianReportItem,
  reportCreate,
  reportSummary,
  reportUpdate,
  reportView as reportViewSchema,
  sentOutsideCreate,
} from './schemas.ts';
import {
  createDraft,
  deliverReport,
  findReport,
  isLinkedPhysician,
  listReports,
  markSigned,
  notifyDeliveries,
  physicianMayRead,
  type ReportRow,
  recordOpening,
  recordSentOutside,
  referringPhysicians,
  renderReport,
  reportView,
  signedError,
  summaryOf,
  updateDraft,
} from './service.ts';

const tags = ['Reports'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const reportParams = patientParams.extend({ reportId: z.uuid() });
const signReportBody = signBody.extend({
  deliver: z
    .boolean()
    .default(true)
    .describe('Deliver to the referring physician(s) in their portal once signed (default yes)'),
});

/**
 * Progress reports and discharge summaries to the referring physician: generated from the record, edited and
 * signed by the therapist (then locked), rendered as HTML and PDF, delivered in the physician portal.
 */
export default async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now, mailer, config } = app.deps;

  const gate = (
    request: FastifyRequest,
    params: { clinicId: string; patientId: string },
    write: boolean,
    action: string,
    reportId?: string,
  ) =>
    authorizeClinical(request, {
      ...params,
      permission: write ? 'clinical.write' : 'clinical.read',
      action,
      resourceType: reportId ? 'clinical_report' : 'patient',
      resourceId: reportId ?? params.patientId,
    });

  /**
   * A report the caller may read: a physician only signed ones, and one without a referral (on a self-referred
   * plan) only when it was delivered to them; their opening is recorded.
   */
  async function readable(request: FastifyRequest, access: PatientAccess, reportId: string) {
    const row = await findReport(db, access.clinicId, reportId, access.patientId);
    if (access.via === 'physician') {
      if (row.status !== 'signed') throw notFound('Report');
      const deliveryId = await recordOpening(db, row, access.principal.userId, now());
      if (!row.referralId && !deliveryId) throw notFound('Report');
      await request.audit({
        action: 'report.opened',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'clinical_report',
        resourceId: row.id,
        details: { deliveryId },
      });
    }
    return row;
  }

  async function sendRendered(reply: FastifyReply, row: ReportRow, format: 'pdf' | 'html', timeZone: string) {
    const body = await renderReport(db, row, format, timeZone);
    const name = `${row.kind.replace('_', '-')}-${row.periodEnd}`;
    if (format === 'pdf')
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .header('cache-control', 'no-store')
        .send(body);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
  }

  const { audit, authorOnly } = clinicalRecordAccess('clinical_report', 'reportId');

  app.get(
    '/clinics/:clinicId/patients/:patientId/reports',
    {
      schema: {
        tags,
        summary:
          "The patient's reports (a linked physician sees the signed ones only; one on a self-referred plan only when delivered to them)",
        params: patientParams,
        response: { 200: z.object({ items: z.array(reportSummary) }), ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, false, 'report.list');
      const rows = await listReports(
        db,
        access.clinicId,
        access.patientId,
        access.via === 'physician' ? access.principal.userId : null,
      );
      const items = [];
      for (const row of rows) items.push(summaryOf(await reportView(db, row)));
      return { items };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/reports',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Generate a draft progress report or discharge summary from the record (period: since the last signed report on the referral, or the plan start). On a self-referred plan (no referral) the report is written for the record: signing delivers it to no physician.',
        params: patientParams,
        body: reportCreate,
        response: { 201: reportViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'report.create');
      const at = now();
      const today = localDate(at, access.clinic.timeZone);
      const periodEnd = request.body.periodEnd ?? today;
      if (periodEnd > today)
        throw new AppError('unprocessable', 'A report cannot cover days still to come', [
          { path: 'body.periodEnd', message: 'In the future' },
        ]);
      const row = await db.transaction((tx) =>
        createDraft(tx, {
          clinicId: access.clinicId,
          patientId: access.patientId,
          kind: request.body.kind,
          referralId: request.body.referralId,
          periodEnd,
          authorId: access.principal.userId,
          timeZone: access.clinic.timeZone,
          now: at,
        }),
      );
      await audit(request, access, 'report.created', row.id, { kind: row.kind });
      return reply.status(201).send(await reportView(db, row));
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/reports/:reportId',
    {
      schema: {
        tags,
        summary: 'One report (a physician opening it is recorded)',
        params: reportParams,
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const { reportId, ...params } = request.params;
      const access = await gate(request, params, false, 'report.read', reportId);
      return reportView(db, await readable(request, access, reportId));
    },
  );

  for (const format of ['pdf', 'html'] as const)
    app.get(
      `/clinics/:clinicId/patients/:patientId/reports/:reportId/${format}`,
      {
        schema: {
          tags,
          summary:
            format === 'pdf'
              ? 'The report as a print-quality PDF (letterhead, patient name and date of birth on every page, page numbers)'
              : 'The report as a printable HTML page',
          params: reportParams,
          produces: [format === 'pdf' ? 'application/pdf' : 'text/html'],
          response: { 200: z.any().describe(format === 'pdf' ? 'application/pdf' : 'text/html'), ...errors },
        },
      },
      async (request, reply) => {
        const { reportId, ...params } = request.params;
        const access = await gate(request, params, false, `report.${format}`, reportId);
        return sendRendered(reply, await readable(request, access, reportId), format, access.clinic.timeZone);
      },
    );

  app.put(
    '/clinics/:clinicId/patients/:patientId/reports/:reportId',
    {
      schema: {
        tags,
        summary: 'Edit the text and recommendation of a draft report (409 once signed)',
        params: reportParams,
        body: reportUpdate,
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const { reportId, ...params } = request.params;
      const access = await gate(request, params, true, 'report.update', reportId);
      const row = await findReport(db, access.clinicId, reportId, access.patientId);
      const updated = await updateDraft(db, row, request.body, now());
      await audit(request, access, 'report.updated', row.id, {
        fields: [
          ...Object.keys(request.body.text ?? {}),
          ...(request.body.recommendation ? ['recommendation'] : []),
        ],
      });
      return reportView(db, updated);
    },
  );

  app.delete(
    '/clinics/:clinicId/patients/:patientId/reports/:reportId',
    {
      schema: {
        tags,
        summary: 'Discard a draft report (author only). A signed report is never deleted: 409 record_signed.',
        params: reportParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { reportId, ...params } = request.params;
      const access = await gate(request, params, true, 'report.delete', reportId);
      await authorOnly(request, access, 'report.delete', reportId, async () => {
        const row = await findReport(db, access.clinicId, reportId, access.patientId);
        if (row.status === 'signed') throw signedError();
        if (row.authorId !== access.principal.userId) throw notAuthor('discards a draft report');
        // Only while still a draft (the database refuses deleting a signed report anyway).
        const deleted = await db
          .delete(clinicalReports)
          .where(
            and(
              eq(clinicalReports.clinicId, row.clinicId),
              eq(clinicalReports.id, row.id),
              eq(clinicalReports.status, 'draft'),
            ),
          )
          .returning({ id: clinicalReports.id });
        if (deleted.length === 0) throw signedError();
      });
      await audit(request, access, 'report.discarded', reportId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/reports/:reportId/sign',
    {
      schema: {
        tags,
        summary:
          'Sign (the author types their name); the report is then locked and, by default, delivered to the referring physician (portal + e-mail with a link only). A report without a referral (self-referred plan) has no referring physician: it is kept for the record.',
        params: reportParams,
        body: signReportBody,
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const { reportId, ...params } = request.params;
      const access = await gate(request, params, true, 'report.sign', reportId);
      const at = now();
      const { row, deliveries } = await authorOnly(request, access, 'report.sign', reportId, () =>
        db.transaction(async (tx) => {
          const [row] = await tx
            .select()
            .from(clinicalReports)
            .where(
              and(
                eq(clinicalReports.clinicId, access.clinicId),
                eq(clinicalReports.patientId, access.patientId),
                eq(clinicalReports.id, reportId),
              ),
            )
            .for('update');
          if (!row) throw notFound('Report');
          if (row.status === 'signed') throw signedError();
          if (row.authorId !== access.principal.userId) throw notAuthor('signs a report');
          requireOwnName(request.body.typedName, access.principal.displayName);
          const signed = await markSigned(tx, row, request.body.typedName, at);
          const deliveries = request.body.deliver
            ? await deliverReport(tx, signed, await referringPhysicians(tx, signed), {
                at,
                by: access.principal.userId,
                timeZone: access.clinic.timeZone,
              })
            : [];
          return { row: signed, deliveries };
        }),
      );
      await audit(request, access, 'report.signed', row.id, {
        deliveredTo: deliveries.map((d) => d.recipientUserId),
      });
      await notifyDeliveries(db, mailer, row, deliveries, config.publicUrl);
      return reportView(db, row);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/reports/:reportId/deliveries',
    {
      schema: {
        tags,
        summary:
          'Deliver a signed report to another physician linked to the patient (portal + e-mail with a link only); recorded as a disclosure',
        params: reportParams,
        body: deliveryCreate,
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const { reportId, ...params } = request.params;
      const access = await gate(request, params, true, 'report.deliver', reportId);
      const row = await findReport(db, access.clinicId, reportId, access.patientId);
      if (row.status !== 'signed')
        throw new AppError('unprocessable', 'Sign the report before it is delivered');
      const { physicianUserId } = request.body;
      if (!(await isLinkedPhysician(db, access.clinicId, access.patientId, physicianUserId)))
        throw new AppError('unprocessable', 'This physician is not linked to the patient', [
          { path: 'body.physicianUserId', message: 'Not a physician of this patient' },
        ]);
      const deliveries = await db.transaction((tx) =>
        deliverReport(tx, row, [physicianUserId], {
          at: now(),
          by: access.principal.userId,
          timeZone: access.clinic.timeZone,
        }),
      );
      if (deliveries.length === 0)
        throw new AppError('conflict', 'The report was already delivered to this physician');
      await audit(request, access, 'report.delivered', row.id, { to: physicianUserId });
      await notifyDeliveries(db, mailer, row, deliveries, config.publicUrl);
      return reportView(db, row);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/reports/:reportId/sent-outside',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Record that a signed report was faxed, posted or handed to a provider outside Palpa (by default the referral’s provider on file); recorded as a disclosure',
        params: reportParams,
        body: sentOutsideCreate,
        response: { 201: reportViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { reportId, ...params } = request.params;
      const access = await gate(request, params, true, 'report.sent_outside', reportId);
      const row = await findReport(db, access.clinicId, reportId, access.patientId);
      const at = now();
      const sentAt = request.body.sentAt ? new Date(request.body.sentAt) : at;
      if (sentAt > at)
        throw new AppError('unprocessable', 'The report cannot be sent in the future', [
          { path: 'body.sentAt', message: 'In the future' },
        ]);
      await recordSentOutside(db, row, {
        method: request.body.method,
        recipient: request.body.recipient,
        at: sentAt,
        by: access.principal.userId,
        timeZone: access.clinic.timeZone,
      });
      await audit(request, access, 'report.sent_outside', row.id, { method: request.body.method });
      return reply.status(201).send(await reportView(db, row));
    },
  );

  // The link in the physician's e-mail: the report by its id alone (the patient is looked up, then checked).
  app.get(
    '/clinics/:clinicId/reports/:reportId',
    {
      schema: {
        tags,
        summary: 'One report by its id (the link e-mailed to the physician; opening it is recorded)',
        params: clinicParams.extend({ reportId: z.uuid() }),
        response: { 200: reportViewSchema, ...errors },
      },
    },
    async (request) => {
      const { clinicId, reportId } = request.params;
      const [found] = await db
        .select({ patientId: clinicalReports.patientId })
        .from(clinicalReports)
        .where(and(eq(clinicalReports.clinicId, clinicId), eq(clinicalReports.id, reportId)));
      if (!found) {
        await authorizeClinic(request, clinicId, 'clinical.read');
        throw notFound('Report');
      }
      const access = await gate(
        request,
        { clinicId, patientId: found.patientId },
        false,
        'report.read',
        reportId,
      );
      return reportView(db, await readable(request, access, reportId));
    },
  );

  app.get(
    '/clinics/:clinicId/physician/reports',
    {
      schema: {
        tags,
        summary: "The physician portal: signed reports about the signed-in physician's linked patients",
        params: clinicParams,
        response: { 200: z.object({ items: z.array(physicianReportItem) }), 403: errorSchema },
      },
    },
    async (request) => ({
      items: await physicianPortalList(
        request,
        request.params.clinicId,
        {
          action: 'report.physician_list',
          resourceType: 'clinical_report',
          staffReadIn: 'reports in the chart',
        },
        physicianReports,
      ),
    }),
  );

  /** Signed reports about these patients, with this physician's delivery and opening of each. */
  async function physicianReports(access: ClinicAccess, patientIds: string[]) {
    const me = access.principal.userId;
    const rows = await db
      .select({ report: clinicalReports, patient: patients })
      .from(clinicalReports)
      .innerJoin(
        patients,
        and(eq(patients.clinicId, clinicalReports.clinicId), eq(patients.id, clinicalReports.patientId)),
      )
      .where(
        and(
          eq(clinicalReports.clinicId, access.clinicId),
          physicianMayRead(me),
          inArray(clinicalReports.patientId, patientIds),
        ),
      )
      .orderBy(desc(clinicalReports.signedAt));
    const deliveries = await db
      .select()
      .from(reportDeliveries)
      .where(and(eq(reportDeliveries.clinicId, access.clinicId), eq(reportDeliveries.recipientUserId, me)));
    const byReport = new Map(deliveries.map((d) => [d.reportId, d]));
    return rows.map(({ report, patient }) => {
      const d = byReport.get(report.id);
      return {
        id: report.id,
        patientId: report.patientId,
        patientName: displayNameOf(patient),
        kind: report.kind,
        title: reportTitle(report.kind, { period: { start: report.periodStart, end: report.periodEnd } }),
        signedAt: report.signedAt!.toISOString(),
        deliveredAt: d?.deliveredAt.toISOString() ?? null,
        openedAt: d?.openedAt?.toISOString() ?? null,
      };
    });
  }
}
