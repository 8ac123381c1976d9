import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { homeCareLogs } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical } from '../clinical/access.ts';
import { addDays, localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { getExercise } from '../plans/home-care-library.ts';
import { homeCareLogBody, homeCareLogEntry, homeCareLogQuery, homeCareLogView } from './schemas.ts';
import { computeAdherence, currentProgram, logsBetween, twoWeeksBefore } from './service.ts';

const tags = ['Home care'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema };

/** The patient's home-care log: the exercises they did, and adherence computed from it. */
export default async function homeCareLogRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  const entryView = (row: typeof homeCareLogs.$inferSelect, patientUserId: string | null) => ({
    id: row.id,
    exerciseId: row.exerciseId,
    exerciseName: getExercise(row.exerciseId)?.name ?? row.exerciseId,
    performedOn: row.performedOn,
    done: row.done,
    sets: row.sets,
    note: row.note,
    loggedBy: row.loggedBy === patientUserId ? ('patient' as const) : ('staff' as const),
  });

  app.get(
    '/clinics/:clinicId/patients/:patientId/home-care/log',
    {
      schema: {
        tags,
        summary:
          'The home-care log and adherence over a window (default: the last two weeks); the patient reads their own',
        params: patientParams,
        querystring: homeCareLogQuery,
        response: { 200: homeCareLogView, ...errors },
      },
    },
    async (request) => {
      const access = await authorizeClinical(request, {
        ...request.params,
        permission: 'clinical.read',
        action: 'home_care_log.read',
        allowSelf: true,
      });
      const to = request.query.to ?? localDate(now(), access.clinic.timeZone);
      const from = request.query.from ?? twoWeeksBefore(to);
      if (from > to)
        throw new AppError('validation_failed', '`from` must not be after `to`', [
          { path: 'querystring.from', message: 'After `to`' },
        ]);
      if (addDays(from, 366) < to)
        throw new AppError('validation_failed', 'Ask for at most a year at a time', [
          { path: 'querystring.from', message: 'More than a year before `to`' },
        ]);
      const program = await currentProgram(db, access.clinicId, access.patientId);
      const logs = await logsBetween(db, access.clinicId, access.patientId, from, to);
      const patientUserId = access.via === 'self' ? access.principal.userId : null;
      return {
        planId: program.plan?.id ?? null,
        exercises: program.exercises,
        entries: logs.map((l) => entryView(l, patientUserId)),
        adherence: computeAdherence(
          program.exercises.map((e) => e.id),
          logs,
          { from, to, planStart: program.startDate },
        ),
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/home-care/log',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Log an exercise of the home-care program on a day (one entry per exercise and day: logging again replaces it)',
        params: patientParams,
        body: homeCareLogBody,
        response: { 201: homeCareLogEntry, ...errors },
      },
    },
    async (request, reply) => {
      const access = await authorizePatient(request, {
        ...request.params,
        permission: 'home_care.log',
        action: 'home_care_log.write',
      });
      const today = localDate(now(), access.clinic.timeZone);
      const performedOn = request.body.performedOn ?? today;
      if (performedOn > today)
        throw new AppError('unprocessable', 'You can log only what you already did', [
          { path: 'body.performedOn', message: 'In the future' },
        ]);
      const program = await currentProgram(db, access.clinicId, access.patientId);
      if (!program.exercises.some((e) => e.id === request.body.exerciseId))
        throw new AppError('unprocessable', 'This exercise is not in the home-care program', [
          { path: 'body.exerciseId', message: 'Not an exercise of the current program' },
        ]);
      if (program.startDate && performedOn < addDays(program.startDate, -1))
        throw new AppError('unprocessable', 'The program had not started on that day', [
          { path: 'body.performedOn', message: `Before ${program.startDate}` },
        ]);
      const at = now();
      const values = {
        planId: program.plan?.id ?? null,
        done: request.body.done,
        sets: request.body.sets ?? null,
        note: request.body.note ?? null,
        loggedBy: access.principal.userId,
        updatedAt: at,
      };
      const [row] = await db
        .insert(homeCareLogs)
        .values({
          clinicId: access.clinicId,
          id: uuidv7(),
          patientId: access.patientId,
          exerciseId: request.body.exerciseId,
          performedOn,
          createdAt: at,
          ...values,
        })
        .onConflictDoUpdate({
          target: [
            homeCareLogs.clinicId,
            homeCareLogs.patientId,
            homeCareLogs.exerciseId,
            homeCareLogs.performedOn,
          ],
          set: values,
        })
        .returning();
      await request.audit({
        action: 'home_care_log.written',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'home_care_log',
        resourceId: row!.id,
        details: { via: access.via },
      });
      const [stored] = await db
        .select()
        .from(homeCareLogs)
        .where(and(eq(homeCareLogs.clinicId, access.clinicId), eq(homeCareLogs.id, row!.id)));
      return reply
        .status(201)
        .send(entryView(stored!, access.via === 'self' ? access.principal.userId : null));
    },
  );
}
