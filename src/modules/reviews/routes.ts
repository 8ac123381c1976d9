import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  appointments,
  clinics,
  patients,
  reviewModerationLog,
  reviewReplies,
  reviewReports,
  reviews,
  users,
} from '../../db/schema/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { findHealthDetails } from './health-filter.ts';
import {
  COURSE_WINDOW_DAYS,
  decisionInput,
  eligibility,
  moderationEntry,
  myReview,
  replyInput,
  report,
  reportInput,
  reviewInput,
  type StaffReview,
  staffReview,
} from './schemas.ts';

const tags = ['Reviews'];
const reviewParams = clinicParams.extend({ reviewId: z.uuid() });
const reportParams = clinicParams.extend({ reportId: z.uuid() });

function refuseHealthDetails(text: string, path: string) {
  const words = findHealthDetails(text);
  if (words.length === 0) return;
  const issue = {
    path,
    message: `Please leave out health details before publishing: ${words.join(', ')}`,
    words,
  };
  throw new AppError('unprocessable', 'The text contains health details', [issue]);
}

/**
 * Verified reviews. A patient reviews a therapist after a COMPLETED appointment with them, once per course of
 * care: the referral the appointment is linked to, or else a 180-day window (no second review of the same
 * therapist for an appointment within 180 days of an already reviewed one). Staff reply and report; the owner
 * keeps or hides a reported review, and every decision is logged. Nobody edits or deletes a patient's words
 * (a trigger refuses it).
 */
export default async function reviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  /** The caller's own appointment (as a patient), or 403 — the same answer whether it exists or not. */
  async function ownAppointment(request: FastifyRequest, appointmentId: string, action: string) {
    const principal = requireUser(request);
    const clinicIds = principal.memberships.filter((m) => m.role === 'patient').map((m) => m.clinicId);
    const [row] = clinicIds.length
      ? await db
          .select({
            appointment: appointments,
            therapistName: users.displayName,
            clinicName: clinics.name,
            timeZone: clinics.timeZone,
          })
          .from(appointments)
          .innerJoin(users, eq(users.id, appointments.therapistId))
          .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
          .where(and(eq(appointments.id, appointmentId), inArray(appointments.clinicId, clinicIds)))
      : [];
    if (!row) {
      await request.audit({
        action,
        outcome: 'refused',
        resourceType: 'appointment',
        resourceId: appointmentId,
      });
      throw new AppError('forbidden', 'You can review only your own appointments');
    }
    const access = await authorizePatient(request, {
      clinicId: row.appointment.clinicId,
      patientId: row.appointment.patientId,
      permission: 'reviews.write',
      action,
      resourceType: 'appointment',
      resourceId: appointmentId,
    });
    if (access.via !== 'self') throw new AppError('forbidden', 'Only the patient can review their session');
    return row;
  }

  /** Why this appointment cannot be reviewed (null when it can). */
  async function refusal(appointment: typeof appointments.$inferSelect, executor = db) {
    if (appointment.status !== 'completed') {
      return {
        code: 'unprocessable' as const,
        message: 'You can review a therapist after a completed session',
      };
    }
    const previous = await executor
      .select({ referralId: reviews.referralId, startAt: appointments.startAt })
      .from(reviews)
      .innerJoin(
        appointments,
        and(eq(appointments.clinicId, reviews.clinicId), eq(appointments.id, reviews.appointmentId)),
      )
      .where(
        and(
          eq(reviews.clinicId, appointment.clinicId),
          eq(reviews.patientId, appointment.patientId),
          eq(reviews.therapistId, appointment.therapistId),
        ),
      );
    const windowMs = COURSE_WINDOW_DAYS * 86_400_000;
    const sameCourse = previous.some((p) =>
      appointment.referralId
        ? p.referralId === appointment.referralId
        : p.referralId === null && Math.abs(p.startAt.getTime() - appointment.startAt.getTime()) < windowMs,
    );
    if (sameCourse) {
      return {
        code: 'conflict' as const,
        message: 'You have already reviewed this therapist for this course of care',
      };
    }
    return null;
  }

  app.get(
    '/reviews/eligibility',
    {
      schema: {
        tags,
        summary: 'Can the signed-in patient review this appointment? (completed, once per course of care)',
        querystring: z.object({ appointmentId: z.uuid() }),
        response: { 200: eligibility, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const row = await ownAppointment(request, request.query.appointmentId, 'review.eligibility.read');
      const why = await refusal(row.appointment);
      return {
        appointmentId: row.appointment.id,
        clinicName: row.clinicName,
        therapistName: row.therapistName,
        date: DateTime.fromJSDate(row.appointment.startAt, { zone: row.timeZone }).toISODate()!,
        eligible: why === null,
        reason: why?.message ?? null,
      };
    },
  );

  app.post(
    '/reviews',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Publish a verified review (patient, completed appointment; 409 if already reviewed in this course of care; 422 with the words when it contains health details)',
        body: reviewInput,
        response: {
          201: myReview,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { appointmentId, rating, body } = request.body;
      const row = await ownAppointment(request, appointmentId, 'review.create');
      const a = row.appointment;
      const created = await db.transaction(async (tx) => {
        // Serialise reviews by the same patient: the course-of-care check and the insert are one step.
        await tx
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.clinicId, a.clinicId), eq(patients.id, a.patientId)))
          .for('update');
        const why = await refusal(a, tx as unknown as typeof db);
        if (why) throw new AppError(why.code, why.message);
        refuseHealthDetails(body, 'body.body');
        const id = uuidv7();
        const courseKey = a.referralId
          ? `referral:${a.referralId}`
          : `window:${DateTime.fromJSDate(a.startAt, { zone: row.timeZone }).toISODate()}`;
        const [inserted] = await tx
          .insert(reviews)
          .values({
            clinicId: a.clinicId,
            id,
            therapistId: a.therapistId,
            patientId: a.patientId,
            appointmentId: a.id,
            referralId: a.referralId,
            courseKey,
            rating,
            body,
            createdAt: now(),
          })
          .returning();
        return inserted!;
      });
      await request.audit({
        action: 'review.created',
        clinicId: a.clinicId,
        patientId: a.patientId,
        resourceType: 'review',
        resourceId: created.id,
        details: { therapistId: a.therapistId, rating },
      });
      return reply.status(201).send({
        id: created.id,
        rating: created.rating,
        body: created.body,
        status: created.status,
        createdAt: created.createdAt.toISOString(),
      });
    },
  );

  async function staffReviews(
    clinicId: string,
    where?: { id?: string; ids?: string[]; therapistId?: string },
  ) {
    if (where?.ids && where.ids.length === 0) return [];
    const rows = await db
      .select({
        r: reviews,
        therapistName: users.displayName,
        reply: reviewReplies.body,
        openReportId: reviewReports.id,
      })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.therapistId))
      .leftJoin(
        reviewReplies,
        and(eq(reviewReplies.clinicId, reviews.clinicId), eq(reviewReplies.reviewId, reviews.id)),
      )
      .leftJoin(
        reviewReports,
        and(
          eq(reviewReports.clinicId, reviews.clinicId),
          eq(reviewReports.reviewId, reviews.id),
          eq(reviewReports.status, 'open'),
        ),
      )
      .where(
        and(
          eq(reviews.clinicId, clinicId),
          where?.id ? eq(reviews.id, where.id) : undefined,
          where?.ids ? inArray(reviews.id, where.ids) : undefined,
          where?.therapistId ? eq(reviews.therapistId, where.therapistId) : undefined,
        ),
      )
      .orderBy(desc(reviews.createdAt))
      .limit(200);
    return rows.map(
      ({ r, therapistName, reply, openReportId }): StaffReview => ({
        id: r.id,
        therapistId: r.therapistId,
        therapistName,
        rating: r.rating,
        body: r.body,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        reply: reply ?? null,
        openReportId: openReportId ?? null,
      }),
    );
  }

  async function loadReview(clinicId: string, reviewId: string) {
    const [row] = await db
      .select()
      .from(reviews)
      .where(and(eq(reviews.clinicId, clinicId), eq(reviews.id, reviewId)));
    if (!row) throw notFound('Review');
    return row;
  }

  app.get(
    '/clinics/:clinicId/reviews',
    {
      schema: {
        tags,
        summary: "The clinic's reviews (newest first, at most 200), with replies and open reports",
        params: clinicParams,
        querystring: z.object({ therapistId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(staffReview) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'reviews.read');
      return { items: await staffReviews(access.clinicId, { therapistId: request.query.therapistId }) };
    },
  );

  app.put(
    '/clinics/:clinicId/reviews/:reviewId/reply',
    {
      schema: {
        tags,
        summary:
          "Write or change the clinic's public reply (a therapist only to their own reviews; no health details)",
        params: reviewParams,
        body: replyInput,
        response: {
          200: staffReview,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'reviews.respond');
      const review = await loadReview(access.clinicId, request.params.reviewId);
      const staff = access.roles.some((r) => r === 'owner' || r === 'front_desk');
      if (!staff && review.therapistId !== access.principal.userId) {
        throw new AppError('forbidden', 'You may reply only to reviews of your own sessions');
      }
      // A public reply must not confirm anything about the patient's health either.
      refuseHealthDetails(request.body.body, 'body.body');
      const at = now();
      await db
        .insert(reviewReplies)
        .values({
          clinicId: access.clinicId,
          reviewId: review.id,
          body: request.body.body,
          authorId: access.principal.userId,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoUpdate({
          target: [reviewReplies.clinicId, reviewReplies.reviewId],
          set: { body: request.body.body, authorId: access.principal.userId, updatedAt: at },
        });
      await request.audit({
        action: 'review.replied',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'review',
        resourceId: review.id,
      });
      return (await staffReviews(access.clinicId, { id: review.id }))[0]!;
    },
  );

  app.post(
    '/clinics/:clinicId/reviews/:reviewId/report',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: "Report a review to the owner's moderation queue (409 while a report is open)",
        params: reviewParams,
        body: reportInput,
        response: {
          201: z.object({ id: z.uuid(), reviewId: z.uuid(), status: z.literal('open') }),
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'reviews.respond');
      const review = await loadReview(access.clinicId, request.params.reviewId);
      const id = uuidv7();
      await db
        .insert(reviewReports)
        .values({
          clinicId: access.clinicId,
          id,
          reviewId: review.id,
          reason: request.body.reason,
          reportedBy: access.principal.userId,
          createdAt: now(),
        })
        .catch((error: unknown) => {
          const e = error as { code?: string; cause?: { code?: string } };
          if ((e.code ?? e.cause?.code) === '23505')
            throw new AppError('conflict', 'This review is already in the moderation queue');
          throw error;
        });
      await request.audit({
        action: 'review.reported',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'review',
        resourceId: review.id,
        details: { reportId: id },
      });
      return reply.status(201).send({ id, reviewId: review.id, status: 'open' as const });
    },
  );

  app.get(
    '/clinics/:clinicId/moderation',
    {
      schema: {
        tags,
        summary: 'The moderation queue: open reports with their review (owner)',
        params: clinicParams,
        response: { 200: z.object({ items: z.array(report) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'reviews.moderate');
      const rows = await db
        .select({ report: reviewReports, reportedByName: users.displayName })
        .from(reviewReports)
        .innerJoin(users, eq(users.id, reviewReports.reportedBy))
        .where(and(eq(reviewReports.clinicId, access.clinicId), eq(reviewReports.status, 'open')))
        .orderBy(reviewReports.createdAt);
      const byId = new Map(
        (await staffReviews(access.clinicId, { ids: rows.map((r) => r.report.reviewId) })).map((r) => [
          r.id,
          r,
        ]),
      );
      return {
        items: rows.map(({ report: r, reportedByName }) => ({
          id: r.id,
          reviewId: r.reviewId,
          reason: r.reason,
          reportedByName,
          createdAt: r.createdAt.toISOString(),
          review: byId.get(r.reviewId)!,
        })),
      };
    },
  );

  app.post(
    '/clinics/:clinicId/moderation/:reportId/decision',
    {
      schema: {
        tags,
        summary: 'Keep or hide a reported review, with a reason (owner); the decision is logged',
        params: reportParams,
        body: decisionInput,
        response: {
          200: moderationEntry,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'reviews.moderate');
      const { decision, reason } = request.body;
      const at = now();
      const entry = await db.transaction(async (tx) => {
        const [open] = await tx
          .select()
          .from(reviewReports)
          .where(
            and(eq(reviewReports.clinicId, access.clinicId), eq(reviewReports.id, request.params.reportId)),
          )
          .for('update');
        if (!open) throw notFound('Report');
        if (open.status !== 'open') throw new AppError('conflict', 'This report was already decided');
        const id = uuidv7();
        const [logged] = await tx
          .insert(reviewModerationLog)
          .values({
            clinicId: access.clinicId,
            id,
            reviewId: open.reviewId,
            reportId: open.id,
            decision,
            reason,
            decidedBy: access.principal.userId,
            decidedAt: at,
          })
          .returning();
        await tx
          .update(reviews)
          .set({ status: decision === 'hide' ? 'hidden' : 'published' })
          .where(and(eq(reviews.clinicId, access.clinicId), eq(reviews.id, open.reviewId)));
        await tx
          .update(reviewReports)
          .set({ status: 'resolved', resolvedAt: at })
          .where(and(eq(reviewReports.clinicId, access.clinicId), eq(reviewReports.id, open.id)));
        return logged!;
      });
      await request.audit({
        action: `review.moderation.${decision}`,
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'review',
        resourceId: entry.reviewId,
        details: { reportId: entry.reportId, moderationId: entry.id },
      });
      return {
        id: entry.id,
        reviewId: entry.reviewId,
        reportId: entry.reportId,
        decision: entry.decision,
        reason: entry.reason,
        decidedByName: access.principal.displayName,
        decidedAt: entry.decidedAt.toISOString(),
      };
    },
  );

  app.get(
    '/clinics/:clinicId/reviews/:reviewId/moderation-log',
    {
      schema: {
        tags,
        summary: "A review's moderation decisions (owner)",
        params: reviewParams,
        response: { 200: z.object({ items: z.array(moderationEntry) }), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'reviews.moderate');
      await loadReview(access.clinicId, request.params.reviewId);
      const rows = await db
        .select({ e: reviewModerationLog, name: users.displayName })
        .from(reviewModerationLog)
        .innerJoin(users, eq(users.id, reviewModerationLog.decidedBy))
        .where(
          and(
            eq(reviewModerationLog.clinicId, access.clinicId),
            eq(reviewModerationLog.reviewId, request.params.reviewId),
          ),
        )
        .orderBy(reviewModerationLog.decidedAt);
      return {
        items: rows.map(({ e, name }) => ({
          id: e.id,
          reviewId: e.reviewId,
          reportId: e.reportId,
          decision: e.decision,
          reason: e.reason,
          decidedByName: name,
          decidedAt: e.decidedAt.toISOString(),
        })),
      };
    },
  );
}
