import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { clinics, locations } from '../../db/schema/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { notFound } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { createClinic } from './create-clinic.ts';
import { clinicInput, clinicSettings, clinicSettingsPatch, location, locationInput } from './schemas.ts';

const tags = ['Clinics'];
export const clinicParams = z.object({ clinicId: z.uuid() });

const settingsOf = (row: typeof clinics.$inferSelect) => ({
  id: row.id,
  name: row.name,
  timeZone: row.timeZone,
  idleTimeoutMinutes: row.idleTimeoutMinutes,
  require2faForStaff: row.require2faForStaff,
  taxId: row.taxId,
  npi: row.npi,
});

export default async function clinicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.post(
    '/clinics',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Create another clinic; the caller becomes its owner',
        body: z.object({ clinic: clinicInput, location: locationInput }),
        response: { 201: clinicSettings, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const { clinicId } = await db.transaction((tx) =>
        createClinic(tx, { ...request.body, ownerUserId: principal.userId }),
      );
      await request.audit({
        action: 'clinic.create',
        clinicId,
        resourceType: 'clinic',
        resourceId: clinicId,
      });
      const [row] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
      return reply.status(201).send(settingsOf(row!));
    },
  );

  app.get(
    '/clinics/:clinicId',
    {
      schema: {
        tags,
        summary: 'Clinic settings',
        params: clinicParams,
        response: { 200: clinicSettings, 403: errorSchema },
      },
    },
    async (request) => {
      await authorizeClinic(request, request.params.clinicId, 'clinic.read');
      const [row] = await db.select().from(clinics).where(eq(clinics.id, request.params.clinicId));
      if (!row) throw notFound('Clinic');
      return settingsOf(row);
    },
  );

  app.patch(
    '/clinics/:clinicId',
    {
      schema: {
        tags,
        summary:
          'Change clinic settings (name, time zone, session timeout, two-factor policy, tax ID and NPI for superbills)',
        params: clinicParams,
        body: clinicSettingsPatch,
        response: { 200: clinicSettings, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.manage');
      const [row] = await db
        .update(clinics)
        .set(request.body)
        .where(eq(clinics.id, access.clinicId))
        .returning();
      await request.audit({
        action: 'clinic.settings_changed',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'clinic',
        resourceId: access.clinicId,
        details: { changed: request.body },
      });
      return settingsOf(row!);
    },
  );

  app.get(
    '/clinics/:clinicId/locations',
    {
      schema: {
        tags,
        summary: 'Locations of the clinic',
        params: clinicParams,
        response: { 200: z.object({ items: z.array(location) }) },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.read');
      const items = await db
        .select()
        .from(locations)
        .where(eq(locations.clinicId, access.clinicId))
        .orderBy(locations.name);
      return { items };
    },
  );

  app.post(
    '/clinics/:clinicId/locations',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add a location',
        params: clinicParams,
        body: locationInput,
        response: { 201: location },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.manage');
      const [row] = await db
        .insert(locations)
        .values({
          clinicId: access.clinicId,
          id: uuidv7(),
          ...request.body,
          timeZone: request.body.timeZone ?? access.clinic.timeZone,
        })
        .returning();
      await request.audit({
        action: 'location.create',
        clinicId: access.clinicId,
        resourceType: 'location',
        resourceId: row!.id,
      });
      return reply.status(201).send(row!);
    },
  );

  app.put(
    '/clinics/:clinicId/locations/:locationId',
    {
      schema: {
        tags,
        summary: 'Update a location',
        params: clinicParams.extend({ locationId: z.uuid() }),
        body: locationInput,
        response: { 200: location, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinic.manage');
      const [row] = await db
        .update(locations)
        .set({
          addressLine2: null,
          phone: null,
          ...request.body,
          timeZone: request.body.timeZone ?? access.clinic.timeZone,
        })
        .where(and(eq(locations.clinicId, access.clinicId), eq(locations.id, request.params.locationId)))
        .returning();
      if (!row) throw notFound('Location');
      await request.audit({
        action: 'location.update',
        clinicId: access.clinicId,
        resourceType: 'location',
        resourceId: row.id,
      });
      return row;
    },
  );
}
