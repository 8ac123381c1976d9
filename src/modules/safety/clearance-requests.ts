import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  clearanceRequests,
  clinics,
  patients,
  referringProviders,
  safetyClearances,
  sessionNotes,
  users,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient, physicianPortalList } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { dayText, localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { providerDisplayName } from '../providers/routes.ts';
import { documentParties, letterheadLines } from '../reports/parties.ts';
import { renderReportPdf } from '../reports/pdf.ts';
import { type ClearanceRequest, clearanceRequestBody, clearanceRequestView } from './schemas.ts';
import { safetyFlags } from './service.ts';

const tags = ['Safety'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const requestParams = patientParams.extend({ requestId: z.uuid() });

const requestList = z.object({ items: z.array(clearanceRequestView) });
const patientRequestList = requestList.extend({
  visitsSoFar: z
    .number()
    .describe(
      'Signed session notes of the patient: above 0, the letter asks to continue treatment, not begin',
    ),
});

/**
 * Requests for clearance, newest first, each with when and how it was answered: the first physician's answer
 * (not revoked; a clearance or "not cleared") recorded after it on one of its flags. One query, whatever the
 * number of patients.
 */
async function requestsOf(
  db: Executor,
  clinicId: string,
  scope: { patientIds: string[]; providerUserId?: string; requestId?: string },
): Promise<ClearanceRequest[]> {
  if (scope.patientIds.length === 0) return [];
  const rows = await db
    .select({
      r: clearanceRequests,
      provider: referringProviders,
      requestedBy: users.displayName,
      first: patients.legalFirstName,
      last: patients.legalLastName,
      answered: sql<{ at: string; answer: NonNullable<ClearanceRequest['answer']> } | null>`(
        select json_build_object('at', c.created_at, 'answer', c.answer) from ${safetyClearances} c
        where c.clinic_id = ${clearanceRequests.clinicId} and c.patient_id = ${clearanceRequests.patientId}
          and c.revoked_at is null and c.created_at >= ${clearanceRequests.createdAt}
          and c.rule_ids && ${clearanceRequests.ruleIds}
        order by c.created_at, c.id limit 1)`,
    })
    .from(clearanceRequests)
    .innerJoin(
      patients,
      and(eq(patients.clinicId, clearanceRequests.clinicId), eq(patients.id, clearanceRequests.patientId)),
    )
    .innerJoin(
      referringProviders,
      and(
        eq(referringProviders.clinicId, clearanceRequests.clinicId),
        eq(referringProviders.id, clearanceRequests.providerId),
      ),
    )
    .innerJoin(users, eq(users.id, clearanceRequests.requestedBy))
    .where(
      and(
        eq(clearanceRequests.clinicId, clinicId),
        inArray(clearanceRequests.patientId, scope.patientIds),
        scope.providerUserId ? eq(referringProviders.userId, scope.providerUserId) : undefined,
        scope.requestId ? eq(clearanceRequests.id, scope.requestId) : undefined,
      ),
    )
    .orderBy(desc(clearanceRequests.id));
  return rows.map(({ r, provider, requestedBy, first, last, answered }) => ({
    id: r.id,
    patientId: r.patientId,
    patientName: `${first} ${last}`,
    ruleIds: r.ruleIds,
    provider: {
      id: provider.id,
      name: providerDisplayName(provider),
      fax: provider.fax,
      onPalpa: provider.userId !== null,
    },
    question: r.question,
    requestedBy,
    requestedAt: r.createdAt.toISOString(),
    answeredAt: answered === null ? null : new Date(answered.at).toISOString(),
    answer: answered?.answer ?? null,
  }));
}

/**
 * Asking a provider for clearance of the flags that need it: the therapist writes what they plan and ask; the
 * provider finds the request on their home page (when they use Palpa) or gets the letter (PDF, to fax), with
 * a form to answer. Recording the clearance answers the request.
 */
export default async function clearanceRequestRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now, mailer, config } = app.deps;

  /** E-mails a physician on Palpa that a request waits on their home page: no patient name, no health data. */
  async function noticeToPhysician(clinicId: string, userId: string) {
    const [row] = await db
      .select({ email: users.email, name: users.displayName, clinic: clinics.name })
      .from(users)
      .innerJoin(clinics, eq(clinics.id, clinicId))
      .where(and(eq(users.id, userId), isNull(users.disabledAt)));
    if (!row) return;
    await mailer.send({
      clinicId,
      to: row.email,
      subject: 'A clinic asks for your clearance in Palpa',
      text: [
        `Hello ${row.name},`,
        '',
        `${row.clinic} asks for your clearance before treating one of your patients.`,
        'Sign in to answer; the request is on your home page:',
        `${config.publicUrl}/`,
        '',
        'For privacy, this e-mail holds no health information.',
      ].join('\n'),
    });
  }

  app.post(
    '/clinics/:clinicId/patients/:patientId/safety/clearance-requests',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Ask a referring provider for clearance of flags that need it (send an Idempotency-Key: a retry never asks twice)',
        params: patientParams,
        body: clearanceRequestBody,
        response: { 201: clearanceRequestView, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const body = request.body;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clearances.request',
        action: 'safety.clearance_request.create',
      });
      const today = localDate(now(), access.clinic.timeZone);
      const { flags } = await safetyFlags(db, clinicId, patientId, today);
      const clearable = new Set(
        flags.filter((f) => f.clearancePolicy !== 'not-overridable').map((f) => f.ruleId),
      );
      const unknown = body.ruleIds.filter((id) => !clearable.has(id));
      if (unknown.length > 0) {
        throw new AppError(
          'unprocessable',
          'Only current flags that a physician may clear can be asked about',
          [
            {
              path: 'body.ruleIds',
              message: `Not a current flag a physician may clear: ${unknown.join(', ')}`,
            },
          ],
        );
      }
      const [provider] = await db
        .select({ id: referringProviders.id, userId: referringProviders.userId })
        .from(referringProviders)
        .where(and(eq(referringProviders.clinicId, clinicId), eq(referringProviders.id, body.providerId)));
      if (!provider) {
        throw new AppError('unprocessable', 'That provider is not on file', [
          { path: 'body.providerId', message: 'Choose a referring provider of this clinic' },
        ]);
      }
      const id = uuidv7();
      const ruleIds = [...new Set(body.ruleIds)];
      await db.transaction(async (tx) => {
        // One request at a time per patient, so two sent at once cannot both pass the check below.
        await tx
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
          .for('update');
        const waiting = (await requestsOf(tx, clinicId, { patientIds: [patientId] })).find(
          (r) =>
            r.answeredAt === null &&
            r.provider.id === body.providerId &&
            r.ruleIds.some((ruleId) => ruleIds.includes(ruleId)),
        );
        if (waiting)
          throw new AppError(
            'conflict',
            `${waiting.provider.name} was already asked about this on ${dayText(localDate(new Date(waiting.requestedAt), access.clinic.timeZone))} and has not answered yet: print or fax that request's letter again instead of asking twice`,
          );
        await tx.insert(clearanceRequests).values({
          clinicId,
          id,
          patientId,
          ruleIds,
          providerId: body.providerId,
          question: body.question,
          requestedBy: access.principal.userId,
          createdAt: now(),
        });
      });
      await request.audit({
        action: 'safety.clearance_request.created',
        clinicId,
        patientId,
        resourceType: 'clearance_request',
        resourceId: id,
        details: { ruleIds: body.ruleIds, providerId: body.providerId },
      });
      if (provider.userId) await noticeToPhysician(clinicId, provider.userId);
      const [view] = await requestsOf(db, clinicId, { patientIds: [patientId], requestId: id });
      return reply.status(201).send(view!);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/safety/clearance-requests',
    {
      schema: {
        tags,
        summary:
          'Requests for clearance of the patient, newest first, each with when it was answered; and how many visits were documented so far',
        params: patientParams,
        response: { 200: patientRequestList, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clearances.request',
        action: 'safety.clearance_requests.read',
      });
      const [visits] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(sessionNotes)
        .where(
          and(
            eq(sessionNotes.clinicId, clinicId),
            eq(sessionNotes.patientId, patientId),
            eq(sessionNotes.status, 'signed'),
          ),
        );
      return {
        items: await requestsOf(db, clinicId, { patientIds: [patientId] }),
        visitsSoFar: Number(visits?.n ?? 0),
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/safety/clearance-requests/:requestId/letter.pdf',
    {
      schema: {
        tags,
        summary: 'The request as a letter to the provider (PDF, to print or fax), with a form to answer it',
        params: requestParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId, requestId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clearances.request',
        action: 'safety.clearance_request.letter',
        resourceType: 'clearance_request',
        resourceId: requestId,
      });
      const [sent] = await requestsOf(db, clinicId, { patientIds: [patientId], requestId });
      if (!sent) throw notFound('Clearance request');
      const { patient, clinic, location, address } = await documentParties(db, clinicId, patientId);
      const { flags } = await safetyFlags(db, clinicId, patientId, localDate(now(), access.clinic.timeZone));
      const asked = flags.filter((f) => sent.ruleIds.includes(f.ruleId));
      const replyTo = location?.phone ? ` or call ${location.phone}` : '';
      const pdf = await renderReportPdf({
        title: 'Request for medical clearance for massage therapy',
        letterhead: {
          name: clinic.name,
          lines: letterheadLines(address, location?.phone),
        },
        patient: {
          name: `${patient.legalFirstName} ${patient.legalLastName}`,
          dateOfBirth: patient.dateOfBirth,
        },
        meta: [
          `To: ${sent.provider.name}${sent.provider.fax ? `, fax ${sent.provider.fax}` : ''}`,
          `From: ${sent.requestedBy}, ${localDate(new Date(sent.requestedAt), access.clinic.timeZone)}`,
        ],
        sections: [
          { heading: 'What we ask', paragraphs: sent.question.split(/\n+/) },
          {
            heading: 'What the health history shows',
            paragraphs: asked.length
              ? asked.map((f) => `${f.subject}: ${f.restriction}. ${f.reason}`)
              : ['These findings no longer show in the patient’s current health history.'],
          },
          {
            heading: 'Your answer',
            paragraphs: [
              '[ ]  Massage therapy may proceed as planned.',
              '[ ]  It may proceed with these limits (areas, techniques, pressure): ______________________________',
              '[ ]  Not at this time. Review again on: ______________',
              'Name: ______________________________   Signature: ______________________________   Date: ____________',
              `Please return this page to ${clinic.name}${replyTo}.`,
            ],
          },
        ],
        signature: `Requested by ${sent.requestedBy}, ${clinic.name}`,
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="clearance-request-${sent.requestedAt.slice(0, 10)}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/clinics/:clinicId/physician/clearance-requests',
    {
      schema: {
        tags,
        summary:
          'The physician portal: requests for clearance addressed to the signed-in physician, for their linked patients, still waiting',
        params: clinicParams,
        response: { 200: requestList, 403: errorSchema },
      },
    },
    async (request) => ({
      items: await physicianPortalList(
        request,
        request.params.clinicId,
        {
          action: 'safety.clearance_requests.physician_list',
          resourceType: 'clearance_request',
          staffReadIn: 'each patient’s chart',
        },
        async (access, patientIds) =>
          (
            await requestsOf(db, access.clinicId, { patientIds, providerUserId: access.principal.userId })
          ).filter((r) => r.answeredAt === null),
      ),
    }),
  );
}
