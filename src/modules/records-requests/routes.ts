import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { patients, recordsRequests } from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { recordDisclosure } from '../disclosures/service.ts';
import { addDays, daysBetween, dayText, localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { recordBundle, recordPdf } from './record-export.ts';
import {
  extensionBody,
  fulfilBody,
  recordsRequestCreate,
  recordsRequestListQuery,
  recordsRequestView,
} from './schemas.ts';

const tags = ['Right of access'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const requestParams = clinicParams.extend({ requestId: z.uuid() });
const FORMAT_LABELS = { pdf: 'PDF', fhir: 'FHIR Bundle', pdf_and_fhir: 'PDF and FHIR Bundle' } as const;

type Row = typeof recordsRequests.$inferSelect;

function view(row: Row, patientName: string, today: string): z.infer<typeof recordsRequestView> {
  const deadline = row.extendedDueOn ?? row.dueOn;
  const daysLeft = daysBetween(today, deadline);
  return {
    id: row.id,
    patientId: row.patientId,
    patientName,
    requestedOn: row.requestedOn,
    requesterName: row.requesterName,
    requesterRelationship: row.requesterRelationship,
    format: row.format,
    deliverTo: row.deliverTo,
    notes: row.notes,
    dueOn: row.dueOn,
    extendedDueOn: row.extendedDueOn,
    extensionReason: row.extensionReason,
    deadline,
    daysLeft,
    overdue: row.status === 'open' && daysLeft < 0,
    status: row.status,
    fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Right of access: the patient downloads their own record (PDF, FHIR Bundle); the owner logs requests, tracks the
 * 30-day deadline (one 30-day extension with a reason), produces the same export and logs the fulfilment as a
 * disclosure.
 */
export default async function recordsRequestsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  const patientName = async (clinicId: string, patientId: string) => {
    const [p] = await db
      .select({ first: patients.legalFirstName, last: patients.legalLastName })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
    return p ? `${p.first} ${p.last}` : '';
  };

  // The patient's own download (and the owner's, for the chart).
  const selfGate = (
    request: FastifyRequest,
    params: { clinicId: string; patientId: string },
    format: string,
  ) =>
    authorizePatient(request, {
      ...params,
      permission: 'records.export',
      action: `record.export.${format}`,
    });

  app.get(
    '/clinics/:clinicId/patients/:patientId/record.pdf',
    {
      schema: {
        tags,
        summary: 'The whole record as a PDF (the patient downloads their own)',
        params: patientParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const access = await selfGate(request, request.params, 'pdf');
      const pdf = await recordPdf(db, access.clinicId, access.patientId, now(), access.clinic.timeZone);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="health-record.pdf"')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/record.fhir.json',
    {
      schema: {
        tags,
        summary: "The whole record as a FHIR R4 Bundle (the FHIR module's Patient/$everything)",
        params: patientParams,
        produces: ['application/fhir+json'],
        response: { 200: z.any().describe('application/fhir+json Bundle'), ...errors },
      },
    },
    async (request, reply) => {
      const access = await selfGate(request, request.params, 'fhir');
      const bundle = await recordBundle(app, request, access.clinicId, access.patientId);
      return reply
        .type('application/fhir+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="health-record.fhir.json"')
        .header('cache-control', 'no-store')
        .send(JSON.stringify(bundle));
    },
  );

  app.post(
    '/clinics/:clinicId/records-requests',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Log a request for access to the record: due 30 days after it was received',
        params: clinicParams,
        body: recordsRequestCreate,
        response: { 201: recordsRequestView, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId } = request.params;
      await authorizeClinic(request, clinicId, 'records_requests.manage');
      const access = await authorizePatient(request, {
        clinicId,
        patientId: request.body.patientId,
        permission: 'records_requests.manage',
        action: 'records_request.create',
      });
      const today = localDate(now(), access.clinic.timeZone);
      if (request.body.requestedOn > today)
        throw new AppError('unprocessable', 'The request cannot be received in the future', [
          { path: 'body.requestedOn', message: 'In the future' },
        ]);
      const [row] = await db
        .insert(recordsRequests)
        .values({
          clinicId,
          id: uuidv7(),
          patientId: access.patientId,
          requestedOn: request.body.requestedOn,
          requesterName: request.body.requesterName,
          requesterRelationship: request.body.requesterRelationship,
          format: request.body.format,
          deliverTo: request.body.deliverTo ?? null,
          notes: request.body.notes ?? null,
          dueOn: addDays(request.body.requestedOn, 30),
          createdBy: access.principal.userId,
        })
        .returning();
      await request.audit({
        action: 'records_request.created',
        clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'records_request',
        resourceId: row!.id,
      });
      return reply.status(201).send(view(row!, await patientName(clinicId, access.patientId), today));
    },
  );

  app.get(
    '/clinics/:clinicId/records-requests',
    {
      schema: {
        tags,
        summary: 'Records requests by deadline, with days left (negative: overdue)',
        params: clinicParams,
        querystring: recordsRequestListQuery,
        response: {
          200: z.object({ items: z.array(recordsRequestView) }),
          403: errorSchema,
          400: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'records_requests.manage');
      const { status } = request.query;
      const rows = await db
        .select({ row: recordsRequests, first: patients.legalFirstName, last: patients.legalLastName })
        .from(recordsRequests)
        .innerJoin(
          patients,
          and(eq(patients.clinicId, recordsRequests.clinicId), eq(patients.id, recordsRequests.patientId)),
        )
        .where(
          and(
            eq(recordsRequests.clinicId, access.clinicId),
            status === 'all' ? undefined : eq(recordsRequests.status, status),
          ),
        )
        .orderBy(asc(recordsRequests.dueOn), asc(recordsRequests.id));
      const today = localDate(now(), access.clinic.timeZone);
      const items = rows
        .map((r) => view(r.row, `${r.first} ${r.last}`, today))
        .sort((a, b) => a.deadline.localeCompare(b.deadline));
      await request.audit({
        action: 'records_request.list',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'records_request',
        ...listedPatients(items.map((i) => i.patientId)),
      });
      return { items };
    },
  );

  /** The request, after checking the caller may handle requests and reach its patient (audited). */
  async function requestGate(request: FastifyRequest, clinicId: string, requestId: string, action: string) {
    await authorizeClinic(request, clinicId, 'records_requests.manage');
    const [row] = await db
      .select()
      .from(recordsRequests)
      .where(and(eq(recordsRequests.clinicId, clinicId), eq(recordsRequests.id, requestId)));
    if (!row) throw notFound('Records request');
    const access = await authorizePatient(request, {
      clinicId,
      patientId: row.patientId,
      permission: 'records_requests.manage',
      action,
      resourceType: 'records_request',
      resourceId: row.id,
    });
    return { row, access };
  }

  app.get(
    '/clinics/:clinicId/records-requests/:requestId',
    {
      schema: {
        tags,
        summary: 'One records request',
        params: requestParams,
        response: { 200: recordsRequestView, ...errors },
      },
    },
    async (request) => {
      const { clinicId, requestId } = request.params;
      const { row, access } = await requestGate(request, clinicId, requestId, 'records_request.read');
      return view(row, await patientName(clinicId, row.patientId), localDate(now(), access.clinic.timeZone));
    },
  );

  app.post(
    '/clinics/:clinicId/records-requests/:requestId/extension',
    {
      schema: {
        tags,
        summary: 'Extend the deadline once by 30 days, with the written reason given to the requester',
        params: requestParams,
        body: extensionBody,
        response: { 200: recordsRequestView, ...errors },
      },
    },
    async (request) => {
      const { clinicId, requestId } = request.params;
      const { row, access } = await requestGate(request, clinicId, requestId, 'records_request.extend');
      if (row.status !== 'open') throw new AppError('conflict', 'This request is already fulfilled');
      if (row.extendedDueOn) throw new AppError('conflict', 'The one 30-day extension was already used');
      const today = localDate(now(), access.clinic.timeZone);
      if (today > row.dueOn)
        throw new AppError('unprocessable', 'The extension must be given before the 30 days run out', [
          { path: 'body.reason', message: `The deadline was ${dayText(row.dueOn)}` },
        ]);
      const [updated] = await db
        .update(recordsRequests)
        .set({
          extendedDueOn: addDays(row.dueOn, 30),
          extensionReason: request.body.reason,
          extendedAt: now(),
        })
        .where(and(eq(recordsRequests.clinicId, clinicId), eq(recordsRequests.id, row.id)))
        .returning();
      await request.audit({
        action: 'records_request.extended',
        clinicId,
        actorRoles: access.roles,
        patientId: row.patientId,
        resourceType: 'records_request',
        resourceId: row.id,
      });
      return view(updated!, await patientName(clinicId, row.patientId), today);
    },
  );

  app.get(
    '/clinics/:clinicId/records-requests/:requestId/export.pdf',
    {
      schema: {
        tags,
        summary: 'Produce the copy of the record for this request, as PDF',
        params: requestParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, requestId } = request.params;
      const { row, access } = await requestGate(request, clinicId, requestId, 'record.export.pdf');
      const pdf = await recordPdf(db, clinicId, row.patientId, now(), access.clinic.timeZone);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="health-record-${row.requestedOn}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/clinics/:clinicId/records-requests/:requestId/export.fhir.json',
    {
      schema: {
        tags,
        summary: 'Produce the copy of the record for this request, as a FHIR R4 Bundle',
        params: requestParams,
        produces: ['application/fhir+json'],
        response: { 200: z.any().describe('application/fhir+json Bundle'), ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, requestId } = request.params;
      const { row } = await requestGate(request, clinicId, requestId, 'record.export.fhir');
      const bundle = await recordBundle(app, request, clinicId, row.patientId);
      return reply
        .type('application/fhir+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="health-record-${row.requestedOn}.fhir.json"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(bundle));
    },
  );

  app.post(
    '/clinics/:clinicId/records-requests/:requestId/fulfil',
    {
      schema: {
        tags,
        summary: 'Record that the copy was provided; logged in the accounting of disclosures',
        params: requestParams,
        body: fulfilBody,
        response: { 200: recordsRequestView, ...errors },
      },
    },
    async (request) => {
      const { clinicId, requestId } = request.params;
      const { row, access } = await requestGate(request, clinicId, requestId, 'records_request.fulfil');
      if (row.status !== 'open') throw new AppError('conflict', 'This request is already fulfilled');
      const at = now();
      const updated = await db.transaction(async (tx) => {
        const [u] = await tx
          .update(recordsRequests)
          .set({ status: 'fulfilled', fulfilledAt: at, fulfilledBy: access.principal.userId })
          .where(
            and(
              eq(recordsRequests.clinicId, clinicId),
              eq(recordsRequests.id, row.id),
              eq(recordsRequests.status, 'open'),
            ),
          )
          .returning();
        if (!u) throw new AppError('conflict', 'This request is already fulfilled');
        await recordDisclosure(tx, {
          clinicId,
          patientId: row.patientId,
          disclosedAt: at,
          recipientName: request.body.deliveredTo ?? row.deliverTo ?? row.requesterName,
          description: `Copy of the health record (${FORMAT_LABELS[row.format]}) for the request of ${dayText(row.requestedOn)}`,
          purpose: `Right of access (45 CFR 164.524), requested by ${row.requesterName} (${row.requesterRelationship.replaceAll('_', ' ')})`,
          sourceType: 'records_request',
          sourceId: row.id,
          recordedBy: access.principal.userId,
        });
        return u;
      });
      await request.audit({
        action: 'records_request.fulfilled',
        clinicId,
        actorRoles: access.roles,
        patientId: row.patientId,
        resourceType: 'records_request',
        resourceId: row.id,
      });
      return view(updated, await patientName(clinicId, row.patientId), localDate(at, access.clinic.timeZone));
    },
  );
}
