import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import { and, between, desc, eq, exists, gt, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { appointments, attachments, LIVE_STATUSES, patients, referrals } from '../../db/schema/index.ts';
import { listedPatients, recordAudit } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { page, pageQuery } from '../../platform/pagination.ts';
import { authorizePatient, checkPatientAccess, type PatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { authorizeIntakeLink } from '../intake/link.ts';
import { tokenParams } from '../intake/schemas.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import { displayNameOf } from '../patients/repository.ts';
import { patientParams } from '../patients/routes.ts';
import { listAttachments } from './repository.ts';
import {
  attachment,
  fileUnderReferralInput,
  fromPatientsList,
  fromPatientsQuery,
  linkUploadQuery,
  uploadQuery,
} from './schemas.ts';
import { attachmentPath, contentDisposition, safeFileName, storeUpload } from './storage.ts';

const tags = ['Attachments'];
const DAY_MS = 86_400_000;
type AttachmentRow = typeof attachments.$inferSelect;

/** Documents the patient sent: from their portal account, or through their personal intake link. */
const sentByPatient = or(isNotNull(attachments.intakeLinkId), eq(attachments.uploadedBy, patients.userId));

/** One document of the patient the caller was let in to (another patient's id finds nothing). */
const attachmentOf = (access: PatientAccess, attachmentId: string) =>
  and(
    eq(attachments.clinicId, access.clinicId),
    eq(attachments.patientId, access.patientId),
    eq(attachments.id, attachmentId),
  );

/** Who is uploading: a signed-in user (with their roles), or a patient through their intake link. */
interface Uploader {
  clinicId: string;
  patientId: string;
  userId: string | null;
  intakeLinkId: string | null;
  roles: string[] | null;
}

const signedIn = (access: PatientAccess): Uploader => ({
  clinicId: access.clinicId,
  patientId: access.patientId,
  userId: access.principal.userId,
  intakeLinkId: null,
  roles: access.roles,
});

const uploadSchema = <P extends z.ZodObject>(summary: string, params: P) => ({
  tags,
  summary,
  description:
    'Send `multipart/form-data` with one `file` part. PDF, JPEG or PNG only, recognised from the content (415 otherwise); larger than the limit (10 MB by default) → 413.',
  consumes: ['multipart/form-data'],
  params,
  querystring: uploadQuery,
  response: { 201: attachment, 403: errorSchema, 413: errorSchema, 415: errorSchema, 422: errorSchema },
});

export default async function attachmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config, now } = app.deps;
  await app.register(multipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10, parts: 11 },
  });

  registerChartSection({
    id: 'documents',
    title: 'Documents',
    order: 30,
    permission: 'patients.read',
    schema: z.array(attachment),
    load: ({ db, clinicId, patientId }) =>
      listAttachments(db, clinicId, eq(attachments.patientId, patientId), 50),
  });

  /** The document's patient is booked with the therapist (a live appointment) in the last 30 days or the next 14. */
  const bookedWith = (therapistId: string, at: Date) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(appointments)
        .where(
          and(
            eq(appointments.clinicId, attachments.clinicId),
            eq(appointments.patientId, attachments.patientId),
            eq(appointments.therapistId, therapistId),
            inArray(appointments.status, [...LIVE_STATUSES]),
            between(
              appointments.startAt,
              new Date(at.getTime() - 30 * DAY_MS),
              new Date(at.getTime() + 14 * DAY_MS),
            ),
          ),
        ),
    );

  /** A document is filed only with a referral of its own patient (422 naming `path` otherwise). */
  async function mustBeReferralOf(
    owner: { clinicId: string; patientId: string },
    referralId: string,
    path: string,
  ) {
    const [ref] = await db
      .select({ patientId: referrals.patientId })
      .from(referrals)
      .where(and(eq(referrals.clinicId, owner.clinicId), eq(referrals.id, referralId)));
    if (ref?.patientId !== owner.patientId) {
      throw new AppError('unprocessable', 'That referral is not one of this patient', [
        { path, message: 'Not a referral of this patient' },
      ]);
    }
  }

  async function upload(
    request: FastifyRequest,
    reply: FastifyReply,
    access: Uploader,
    query: { kind: AttachmentRow['kind']; referralId?: string },
  ) {
    if (query.referralId) await mustBeReferralOf(access, query.referralId, 'querystring.referralId');
    if (!request.isMultipart()) {
      throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
    }
    const part = await request.file();
    if (!part)
      throw new AppError('validation_failed', 'No file sent', [{ path: 'body.file', message: 'Required' }]);
    const id = uuidv7();
    const stored = await storeUpload(part.file, {
      dir: config.attachmentsDir,
      clinicId: access.clinicId,
      id,
    });
    try {
      await db.insert(attachments).values({
        clinicId: access.clinicId,
        id,
        patientId: access.patientId,
        referralId: query.referralId ?? null,
        kind: query.kind,
        fileName: safeFileName(part.filename),
        contentType: stored.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        uploadedBy: access.userId,
        intakeLinkId: access.intakeLinkId,
      });
      await request.audit({
        action: 'attachment.uploaded',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'attachment',
        resourceId: id,
        details: {
          kind: query.kind,
          contentType: stored.contentType,
          sizeBytes: stored.sizeBytes,
          referralId: query.referralId ?? null,
          intakeLinkId: access.intakeLinkId,
        },
      });
      const [created] = await listAttachments(db, access.clinicId, eq(attachments.id, id), 1);
      return reply.status(201).send(created!);
    } catch (error) {
      await rm(stored.path, { force: true });
      throw error;
    }
  }

  app.post(
    '/clinics/:clinicId/patients/:patientId/attachments',
    {
      config: { idempotent: true },
      schema: uploadSchema('Upload a document about a patient', patientParams),
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'attachments.write',
        action: 'attachment.upload',
        resourceType: 'attachment',
      });
      return upload(request, reply, signedIn(access), request.query);
    },
  );

  app.post(
    '/clinics/:clinicId/referrals/:referralId/attachments',
    {
      config: { idempotent: true },
      schema: uploadSchema(
        'Upload a document for a referral (the scanned prescription, an MRI or X-ray report)',
        clinicParams.extend({ referralId: z.uuid() }),
      ),
    },
    async (request, reply) => {
      const { clinicId, referralId } = request.params;
      const [ref] = await db
        .select({ patientId: referrals.patientId })
        .from(referrals)
        .where(and(eq(referrals.clinicId, clinicId), eq(referrals.id, referralId)));
      if (!ref) {
        await authorizeClinic(request, clinicId, 'attachments.write');
        throw notFound('Referral');
      }
      const access = await authorizePatient(request, {
        clinicId,
        patientId: ref.patientId,
        permission: 'attachments.write',
        action: 'attachment.upload',
        resourceType: 'attachment',
      });
      return upload(request, reply, signedIn(access), { kind: request.query.kind, referralId });
    },
  );

  const linkUpload = uploadSchema(
    "Send a document through a personal intake link (the doctor's prescription, an imaging report): to the link's patient only, while the link is open",
    tokenParams,
  );
  app.post(
    '/intake/:token/attachments',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        ...linkUpload,
        security: [],
        querystring: linkUploadQuery,
        response: { ...linkUpload.response, 404: errorSchema, 410: errorSchema },
      },
    },
    async (request, reply) => {
      const { link } = await authorizeIntakeLink(request, request.params.token, 'attachment.upload');
      return upload(
        request,
        reply,
        {
          clinicId: link.clinicId,
          patientId: link.patientId,
          userId: null,
          intakeLinkId: link.id,
          roles: null,
        },
        request.query,
      );
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/attachments',
    {
      schema: {
        tags,
        summary: "A patient's documents, newest first",
        params: patientParams,
        querystring: pageQuery,
        response: { 200: page(attachment), 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.read',
        action: 'attachment.list',
      });
      const { cursor, limit } = request.query;
      const rows = await listAttachments(
        db,
        access.clinicId,
        and(eq(attachments.patientId, patientId), cursor ? lt(attachments.id, cursor) : undefined),
        limit + 1,
      );
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/clinics/:clinicId/attachments/from-patients',
    {
      schema: {
        tags,
        summary:
          'Documents patients sent from their portal lately (a prescription to file with a referral, an imaging report), newest first',
        params: clinicParams,
        querystring: fromPatientsQuery,
        response: { 200: fromPatientsList, 403: errorSchema },
      },
    },
    async (request) => {
      // Staff who keep patient records file what patients send; physicians and patients never see this list.
      const access = await authorizeClinic(request, request.params.clinicId, 'patients.write');
      const { days, therapistId } = request.query;
      const since = new Date(now().getTime() - days * DAY_MS);
      const rows = await db
        .select({ row: attachments, patient: patients })
        .from(attachments)
        .innerJoin(
          patients,
          and(eq(patients.clinicId, attachments.clinicId), eq(patients.id, attachments.patientId)),
        )
        .where(
          and(
            eq(attachments.clinicId, access.clinicId),
            sentByPatient,
            gt(attachments.createdAt, since),
            therapistId ? bookedWith(therapistId, now()) : undefined,
          ),
        )
        .orderBy(desc(attachments.id))
        .limit(50);
      const items = rows.map(({ row, patient }) => ({
        id: row.id,
        patientId: row.patientId,
        patientName: displayNameOf(patient),
        referralId: row.referralId,
        kind: row.kind,
        fileName: row.fileName,
        createdAt: row.createdAt.toISOString(),
      }));
      await request.audit({
        action: 'attachments.from_patients.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'attachment',
        ...listedPatients(items.map((i) => i.patientId)),
      });
      return { items };
    },
  );

  app.put(
    '/clinics/:clinicId/patients/:patientId/attachments/:attachmentId/referral',
    {
      schema: {
        tags,
        summary:
          "File a document with one of the patient's referrals (the prescription a patient sent, once the desk has recorded it), or take it off (null). Staff; audited with the referral it was filed under before",
        params: patientParams.extend({ attachmentId: z.uuid() }),
        body: fileUnderReferralInput,
        response: { 200: attachment, 400: errorSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId, attachmentId } = request.params;
      const { referralId } = request.body;
      const { access, audit } = await checkPatientAccess(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'attachment.filed',
        resourceType: 'attachment',
        resourceId: attachmentId,
      });
      const [row] = await db
        .select({ referralId: attachments.referralId })
        .from(attachments)
        .where(attachmentOf(access, attachmentId));
      try {
        if (!row) throw notFound('Attachment');
        if (referralId) await mustBeReferralOf(access, referralId, 'body.referralId');
      } catch (error) {
        await recordAudit(db, { ...audit, outcome: 'failed' });
        throw error;
      }
      await db.transaction(async (tx) => {
        await tx
          .update(attachments)
          .set({ referralId })
          .where(and(eq(attachments.clinicId, access.clinicId), eq(attachments.id, attachmentId)));
        // What it was filed under before stays in the audit trail.
        await recordAudit(tx, {
          ...audit,
          details: { ...audit.details, referralId, previousReferralId: row.referralId },
        });
      });
      const [filed] = await listAttachments(db, access.clinicId, eq(attachments.id, attachmentId), 1);
      return filed!;
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/attachments/:attachmentId/download',
    {
      schema: {
        tags,
        summary:
          'Download a document (always as an attachment, with its detected type); every download is audited',
        params: patientParams.extend({ attachmentId: z.uuid() }),
        response: { 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId, attachmentId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.read',
        action: 'attachment.download',
        resourceType: 'attachment',
        resourceId: attachmentId,
      });
      const [row] = await db.select().from(attachments).where(attachmentOf(access, attachmentId));
      if (!row) throw notFound('Attachment');
      const path = attachmentPath(config.attachmentsDir, access.clinicId, row.id);
      const stream = createReadStream(path);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', () =>
          reject(new AppError('not_found', 'The file of this attachment is missing')),
        );
      });
      return reply
        .header('content-type', row.contentType)
        .header('content-length', String(row.sizeBytes))
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(stream as never);
    },
  );
}
