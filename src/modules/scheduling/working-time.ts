import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { parseJson } from '../../db/json.ts';
import { memberships, therapistBreaks, therapistExceptions, therapistHours } from '../../db/schema/index.ts';
import { type Weekday, workingTime } from '../../domain/scheduling/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { engine, MAX_AVAILABILITY_DAYS } from './availability.ts';
import { type ExceptionJson, toEngineException } from './engine-input.ts';
import { type WorkingTimeDto, workingTimeQuery, workingTimeResponse } from './schemas.ts';

interface HoursJson {
  therapistId: string;
  weekday: Weekday;
  start: string;
  end: string;
  locationId: string;
}
type BreakJson = Omit<HoursJson, 'locationId'>;

/**
 * Every active therapist's working time over local dates [from, to): hours, breaks and the exceptions touching
 * the range are read in one query (json sub-selects), then laid out on the timeline by the engine's own rules.
 */
export async function loadWorkingTime(
  db: Executor,
  clinic: { clinicId: string; timeZone: string },
  range: { from: string; to: string },
): Promise<WorkingTimeDto> {
  const { clinicId } = clinic;
  const active = sql`select m.user_id from ${memberships} m
    where m.clinic_id = ${clinicId} and m.role = 'therapist' and m.disabled_at is null`;
  const result = await db.execute(sql`select
    (select json_agg(a.user_id order by a.user_id) from (${active}) a) as therapist_ids,
    (select json_agg(json_build_object('therapistId', x.therapist_id, 'weekday', x.weekday, 'start', x.start_time,
      'end', x.end_time, 'locationId', x.location_id))
      from ${therapistHours} x where x.clinic_id = ${clinicId} and x.therapist_id in (${active})) as hours,
    (select json_agg(json_build_object('therapistId', x.therapist_id, 'weekday', x.weekday, 'start', x.start_time,
      'end', x.end_time))
      from ${therapistBreaks} x where x.clinic_id = ${clinicId} and x.therapist_id in (${active})) as breaks,
    (select json_agg(json_build_object('therapistId', x.therapist_id, 'kind', x.kind, 'startDate', x.start_date,
      'endDate', x.end_date, 'startTime', x.start_time, 'endTime', x.end_time, 'locationId', x.location_id,
      'note', x.note))
      from ${therapistExceptions} x where x.clinic_id = ${clinicId} and x.therapist_id in (${active})
        and x.end_date >= ${range.from}::date - 1 and x.start_date < ${range.to}::date) as exceptions`);
  const [row] = rowsOf<Record<'therapist_ids' | 'hours' | 'breaks' | 'exceptions', unknown>>(result);
  const list = <T>(value: unknown) => parseJson<T[] | null>(value) ?? [];
  const hours = list<HoursJson>(row?.hours);
  const breaks = list<BreakJson>(row?.breaks);
  const exceptions = list<ExceptionJson>(row?.exceptions);
  return {
    timeZone: clinic.timeZone,
    therapists: list<string>(row?.therapist_ids).map((therapistId) => ({
      therapistId,
      ...engine(() =>
        workingTime(
          {
            id: therapistId,
            serviceIds: [],
            weeklyHours: hours
              .filter((h) => h.therapistId === therapistId)
              .map(({ weekday, start, end, locationId }) => ({ weekday, start, end, locationId })),
            breaks: breaks
              .filter((b) => b.therapistId === therapistId)
              .map(({ weekday, start, end }) => ({ weekday, start, end })),
            exceptions: exceptions.filter((e) => e.therapistId === therapistId).map(toEngineException),
          },
          { fromDate: range.from, toDate: range.to, timeZone: clinic.timeZone },
        ),
      ),
    })),
  };
}

export default async function workingTimeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.get(
    '/clinics/:clinicId/working-time',
    {
      schema: {
        tags: ['Availability'],
        summary:
          "Each therapist's working time over local dates [from, to), with the breaks, time off and holidays in it: what the staff calendar shades as not bookable",
        description:
          'For staff who manage appointments (patients see no working-hours set-up). No patient data, so not audited, like the rest of the set-up reads.',
        params: z.object({ clinicId: z.uuid() }),
        querystring: workingTimeQuery,
        response: { 200: workingTimeResponse, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'appointments.manage');
      const { from, to } = request.query;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days <= 0 || days > MAX_AVAILABILITY_DAYS) {
        throw new AppError('validation_failed', 'The request is not valid', [
          { path: 'querystring.to', message: `must be 1 to ${MAX_AVAILABILITY_DAYS} days after from` },
        ]);
      }
      return loadWorkingTime(
        db,
        { clinicId: access.clinicId, timeZone: access.clinic.timeZone },
        { from, to },
      );
    },
  );
}
