import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { INSTRUMENTS } from '../../domain/outcomes/instruments/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { page, toPage } from '../../platform/pagination.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical } from '../clinical/access.ts';
import { clinicParams } from '../clinics/routes.ts';
import { localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import {
  administration,
  administrationBody,
  administrationListQuery,
  instrumentIdSchema,
  instrumentList,
  licensedTextBody,
  licensedTextView,
} from './schemas.ts';
import {
  administer,
  administrationViews,
  clinicInstruments,
  definitionView,
  listAdministrations,
  loadLicensedText,
} from './service.ts';

const tags = ['Outcome measures'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export default async function outcomeMeasureRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/outcome-instruments',
    {
      schema: {
        tags,
        summary:
          'Instrument definitions as shipped: items, answer scales, scoring, ranges, direction, MCIDs with sources, licensing. Licensed instruments carry no item text (`itemTextShipped: false`).',
        response: { 200: instrumentList, 401: errorSchema },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: Object.values(INSTRUMENTS).map(definitionView) };
    },
  );

  app.get(
    '/clinics/:clinicId/outcome-instruments',
    {
      schema: {
        tags,
        summary:
          "The clinic's instruments: shipped definitions with the licensed item text the clinic loaded",
        params: clinicParams,
        response: { 200: instrumentList, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinical.read');
      return { items: (await clinicInstruments(db, access.clinicId)).map(definitionView) };
    },
  );

  app.put(
    '/clinics/:clinicId/outcome-instruments/:instrumentId/licensed-text',
    {
      schema: {
        tags,
        summary:
          'Load the item text of a licensed instrument the clinic holds a licence for (owner). Item ids and answer values must match the instrument exactly (422 otherwise).',
        params: clinicParams.extend({ instrumentId: instrumentIdSchema }),
        body: licensedTextBody,
        response: { 200: licensedTextView, ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.manage');
      const { instrumentId } = request.params;
      const { row, instrument } = await loadLicensedText(db, {
        clinicId: access.clinicId,
        instrumentId,
        licence: request.body.licence,
        items: request.body.items,
        userId: access.principal.userId,
        now: now(),
      });
      await request.audit({
        action: 'outcome_instrument.licensed_text.loaded',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'outcome_instrument',
        resourceId: instrumentId,
        details: { instrumentId, itemIds: Object.keys(request.body.items) },
      });
      return {
        instrumentId,
        licence: row.licence,
        itemCount: Object.keys(request.body.items).length,
        loadedBy: row.loadedBy,
        loadedAt: row.loadedAt.toISOString(),
        instrument: definitionView(instrument),
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/outcomes',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Administer an instrument: raw answers (PSFS: activities) are stored with the instrument version and scored by the server. A PSFS follow-up must re-rate the baseline activities (422 psfs_activities_mismatch). Linked to a draft note or evaluation, it takes that instrument off the draft’s `questionnaires` (answers so far).',
        params: patientParams,
        body: administrationBody,
        response: { 201: administration, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizeClinical(request, {
        clinicId,
        patientId,
        permission: 'clinical.write',
        action: 'outcome.administer',
      });
      const body = request.body;
      // One transaction: the administration, and the draft it came from losing its answers so far.
      const row = await db.transaction((tx) =>
        administer(tx, {
          clinicId,
          patientId,
          instrumentId: body.instrumentId,
          answers: body.answers,
          activities: body.activities,
          administeredOn: body.administeredOn ?? localDate(now(), access.clinic.timeZone),
          administeredBy: access.principal.userId,
          assessmentId: body.assessmentId,
          sessionNoteId: body.sessionNoteId,
        }),
      );
      await request.audit({
        action: 'outcome.administered',
        clinicId,
        actorRoles: access.roles,
        patientId,
        resourceType: 'outcome_administration',
        resourceId: row.id,
        details: { instrumentId: row.instrumentId },
      });
      const [view] = await administrationViews(db, clinicId, [row]);
      return reply.status(201).send(view!);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/outcomes',
    {
      schema: {
        tags,
        summary:
          "A patient's outcome-measure administrations, newest first, each with its change from the baseline classified (improved / no meaningful change / worse) and the MCID used with its source",
        params: patientParams,
        querystring: administrationListQuery,
        response: { 200: page(administration), ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      await authorizeClinical(request, {
        clinicId,
        patientId,
        permission: 'clinical.read',
        action: 'outcome.list',
        allowSelf: true,
      });
      const rows = await listAdministrations(db, { clinicId, patientId, ...request.query });
      const paged = toPage(rows, request.query.limit);
      return { items: await administrationViews(db, clinicId, paged.items), nextCursor: paged.nextCursor };
    },
  );
}
