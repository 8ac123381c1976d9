import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { homeCareLogs } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { authorizeClinical } from '../clinical/access.ts';
import { addDays, localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { getExercise } from '../plans/home-care-library.ts';
import { homeCareLogBody, homeCareLogEntry, homeCareLogQuery, homeCareLogView } from './schemas.ts';
import {
  computeAdherence,
  currentProgram,
  dayRefusal,
  logsBetween,
  nextOccurrence,
  twoWeeksBefore,
} from './service.ts';

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
    occurrence: row.occurrence,
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
      const today = localDate(now(), access.clinic.timeZone);
      const to = request.query.to ?? today;
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
        today,
        startedOn: program.startDate,
        exercises: program.exercises,
        entries: logs.map((l) => entryView(l, patientUserId)),
        adherence: computeAdherence(program.exercises, logs, { from, to, planStart: program.startDate }),
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
          "Log an exercise of the home-care program on today or one of the 6 days before: done adds one more time that day (up to the times a day prescribed); not done replaces the day's entries for it",
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
      const exercise = program.exercises.find((e) => e.id === request.body.exerciseId);
      if (!exercise)
        throw new AppError('unprocessable', 'This exercise is not in the home-care program', [
          { path: 'body.exerciseId', message: 'Not an exercise of the current program' },
        ]);
      const refusal = dayRefusal(performedOn, today, program.startDate);
      if (refusal)
        throw new AppError(
          'unprocessable',
          refusal.startsWith('Before')
            ? 'The home care had not started on that day'
            : 'You can log the last 7 days only, today included',
          [{ path: 'body.performedOn', message: refusal }],
        );
      const at = now();
      const row = await db.transaction(async (tx) => {
        const sameDay = and(
          eq(homeCareLogs.clinicId, access.clinicId),
          eq(homeCareLogs.patientId, access.patientId),
          eq(homeCareLogs.exerciseId, exercise.id),
          eq(homeCareLogs.performedOn, performedOn),
        );
        const existing = await tx.select().from(homeCareLogs).where(sameDay);
        const doneTimes = existing.filter((e) => e.done);
        if (request.body.done && doneTimes.length >= exercise.upTo)
          throw new AppError(
            'unprocessable',
            `“${exercise.name}” is already logged ${timesText(exercise.upTo)} on that day, as often as prescribed`,
            [{ path: 'body.done', message: `Already logged ${timesText(exercise.upTo)} that day` }],
          );
        // "Not done" stands for the whole day, so it replaces the day's entries; a time done replaces a
        // "not done".
        const replaced = request.body.done ? existing.filter((e) => !e.done) : existing;
        if (replaced.length > 0)
          await tx.delete(homeCareLogs).where(
            and(
              sameDay,
              inArray(
                homeCareLogs.id,
                replaced.map((e) => e.id),
              ),
            ),
          );
        const kept = request.body.done ? doneTimes : [];
        const [inserted] = await tx
          .insert(homeCareLogs)
          .values({
            clinicId: access.clinicId,
            id: uuidv7(),
            patientId: access.patientId,
            planId: program.plan?.id ?? null,
            exerciseId: exercise.id,
            performedOn,
            occurrence: nextOccurrence(kept.map((e) => e.occurrence)),
            done: request.body.done,
            sets: request.body.sets ?? null,
            note: request.body.note ?? null,
            loggedBy: access.principal.userId,
            createdAt: at,
            updatedAt: at,
          })
          .onConflictDoNothing()
          .returning();
        if (!inserted)
          throw new AppError('conflict', 'This was logged at the same moment from elsewhere. Try again.');
        return inserted;
      });
      // The audit entry is dated now (when it was logged); the day it was done is in the details.
      await request.audit({
        action: 'home_care_log.written',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'home_care_log',
        resourceId: row.id,
        details: { via: access.via, performedOn, done: row.done, occurrence: row.occurrence },
      });
      return reply.status(201).send(entryView(row, access.via === 'self' ? access.principal.userId : null));
    },
  );

  app.delete(
    '/clinics/:clinicId/patients/:patientId/home-care/log/:entryId',
    {
      schema: {
        tags,
        summary:
          'Undo a home-care log entry you logged yourself, on today or one of the 6 days before (a mistaken tap)',
        params: patientParams.extend({ entryId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { entryId, ...params } = request.params;
      const access = await authorizePatient(request, {
        ...params,
        permission: 'home_care.log',
        action: 'home_care_log.delete',
        resourceType: 'home_care_log',
        resourceId: entryId,
      });
      const [entry] = await db
        .select()
        .from(homeCareLogs)
        .where(
          and(
            eq(homeCareLogs.clinicId, access.clinicId),
            eq(homeCareLogs.patientId, access.patientId),
            eq(homeCareLogs.id, entryId),
          ),
        );
      if (!entry) throw notFound('Log entry');
      if (entry.loggedBy !== access.principal.userId)
        throw forbidden('You can undo only what you logged yourself');
      const today = localDate(now(), access.clinic.timeZone);
      const refusal = dayRefusal(entry.performedOn, today, null);
      if (refusal)
        throw new AppError('unprocessable', 'Entries older than the last 7 days can no longer be undone', [
          { path: 'params.entryId', message: refusal },
        ]);
      await db
        .delete(homeCareLogs)
        .where(and(eq(homeCareLogs.clinicId, access.clinicId), eq(homeCareLogs.id, entry.id)));
      await request.audit({
        action: 'home_care_log.deleted',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        patientId: access.patientId,
        resourceType: 'home_care_log',
        resourceId: entry.id,
        details: {
          via: access.via,
          exerciseId: entry.exerciseId,
          performedOn: entry.performedOn,
          done: entry.done,
        },
      });
      return reply.status(204).send(null);
    },
  );
}

const timesText = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
