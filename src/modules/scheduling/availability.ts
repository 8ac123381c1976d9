import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { type Audience, getAvailability, type Slot } from '../../domain/scheduling/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { asBookableBy, audienceOf, loadAvailabilityInput, padRange } from './engine-input.ts';
import { type AvailabilityQuery, availabilityQuery, availabilityResponse } from './schemas.ts';

export const MAX_AVAILABILITY_DAYS = 62;

/** Wraps a call into the pure engine: its RangeErrors (bad set-up data or input) become a 400, never a 500. */
export function engine<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('bad_request', error.message);
    throw error;
  }
}

/** Bookable slots for one service over local dates [from, to), for an audience (patients get the patient rules). */
export async function computeAvailability(
  db: Executor,
  input: { clinicId: string; timeZone: string; audience: Audience; query: AvailabilityQuery; now: Date },
): Promise<Slot[]> {
  const { query: q, audience } = input;
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (days <= 0 || days > MAX_AVAILABILITY_DAYS) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'querystring.to', message: `must be 1 to ${MAX_AVAILABILITY_DAYS} days after from` },
    ]);
  }
  const loaded = await loadAvailabilityInput(db, {
    clinicId: input.clinicId,
    timeZone: input.timeZone,
    serviceId: q.serviceId,
    therapistId: q.therapistId,
    ...padRange(q.from, q.to),
  });
  if (!loaded || (audience === 'patient' && !loaded.service.onlineBookable)) throw notFound('Service');
  return engine(() =>
    getAvailability(
      {
        serviceId: q.serviceId,
        fromDate: q.from,
        toDate: q.to,
        therapistId: q.therapistId,
        locationId: q.locationId,
        now: input.now.toISOString(),
        audience,
        firstAvailable: q.firstAvailable ?? false,
      },
      asBookableBy(loaded, audience).input,
    ),
  );
}

export default async function availabilityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    '/clinics/:clinicId/availability',
    {
      schema: {
        tags: ['Availability'],
        summary:
          'Bookable start times for a service over local dates [from, to): patients get the patient rules (minimum notice, days ahead, grid), staff the staff rules',
        params: z.object({ clinicId: z.uuid() }),
        querystring: availabilityQuery,
        response: { 200: availabilityResponse, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'schedule.read');
      const q = request.query;
      const audience = audienceOf(access.roles);
      const slots = await computeAvailability(db, {
        clinicId: access.clinicId,
        timeZone: access.clinic.timeZone,
        audience,
        query: q,
        now: app.deps.now(),
      });
      return { timeZone: access.clinic.timeZone, audience, slots };
    },
  );
}
