import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { appointments, patients, referrals } from '../../db/schema/index.ts';
import { isLateCancellation } from '../../domain/scheduling/index.ts';
import { auditInsert, listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { respondOnce } from '../../platform/idempotency.ts';
import { authorizePatient, checkPatientAccess, type PatientAccess } from '../../platform/patient-access.ts';
import { rolesAllow } from '../../platform/permissions.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { patientsWithIntake } from '../intake/service.ts';
import { feeWaiver } from '../payments/service.ts';
import { audienceOf, loadSettings } from '../scheduling/engine-input.ts';
import { buildCalendar } from '../scheduling/ics.ts';
import { enqueueJob } from '../scheduling/jobs.ts';
import { calendarIdentity, cancellationJob } from '../scheduling/reminders.ts';
import { auditAppointment, auditAppointmentEntry, authorizeAppointment, refuseAudited } from './access.ts';
import {
  type AppointmentRow,
  clinicSitesOf,
  insertAppointment,
  isSlotConflict,
  loadAround,
  newAppointment,
  type PlanRequest,
  patientNameOf,
  planBooking,
  slotTaken,
  toDto,
  toDtos,
} from './booking.ts';
import { registerAppointmentsChartSection } from './chart-section.ts';
import { completeAppointment } from './complete.ts';
import { deskDetails } from './desk-details.ts';
import rebookRoutes from './rebook.ts';
import { referralToAttachSql } from './referral-allowance.ts';
import referralStandingRoutes from './referral-standing.ts';
import {
  appointment,
  bookingBody,
  cancelBody,
  cancelResult,
  completeBody,
  listQuery,
  rescheduleBody,
} from './schemas.ts';
import seriesRoutes from './series.ts';
import { offerOpening } from './waitlist.ts';
import waitlistRoutes from './waitlist-routes.ts';

const tags = ['Appointments'];
const clinicParams = z.object({ clinicId: z.uuid() });
const appointmentParams = clinicParams.extend({ appointmentId: z.uuid() });
const conflictSchema = errorSchema.describe(
  '`slot_taken`: the time was taken; `details.alternatives` holds the nearest free starts before and after',
);

/** How long after a move an undo (`undoOf`) may put the appointment back as it was. */
const UNDO_MINUTES = 15;

export default async function appointmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  registerAppointmentsChartSection();

  app.post(
    '/clinics/:clinicId/appointments',
    {
      config: { idempotent: 'atomic' },
      schema: {
        tags,
        summary:
          'Book an appointment (staff for any patient, a patient for themselves). Never double-books: a taken slot answers 409 slot_taken with alternatives',
        params: clinicParams,
        body: bookingBody,
        response: {
          201: appointment.extend({
            warning: z
              .string()
              .optional()
              .describe(
                "Staff only: the therapist's licence had expired by the visit's date (booked all the same; they may not treat or bill it)",
              ),
          }),
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: conflictSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // A booking costs three round trips: the patient gate, the engine's input (with the patient's name), and
      // one statement writing the appointment, its jobs, both audit rows and the idempotency record.
      const { access, audit } = await checkPatientAccess(request, {
        clinicId: request.params.clinicId,
        patientId: body.patientId,
        permission: 'appointments.book',
        action: 'appointment.book',
        resourceType: 'appointment',
      });
      const audience = access.via === 'staff' ? 'staff' : 'patient';
      const planRequest = {
        clinicId: access.clinicId,
        timeZone: access.clinic.timeZone,
        serviceId: body.serviceId,
        therapistId: body.therapistId,
        roomId: body.roomId,
        start: new Date(body.start),
        audience,
        now: app.deps.now(),
      } as const;
      return respondOnce(
        request,
        reply,
        audit,
        async () => {
          const chosenReferral = await checkedReferral(access.clinicId, body.patientId, body.referralId);
          // None chosen: the patient's current referral when the visit falls within its validity (null: none).
          const localDay = DateTime.fromJSDate(planRequest.start, {
            zone: access.clinic.timeZone,
          }).toISODate()!;
          const loaded = await loadAround(db, { ...planRequest, therapistId: undefined }, 1, {
            patientName: patientNameOf(access.clinicId, body.patientId),
            sites: clinicSitesOf(access.clinicId),
            referralToAttach:
              body.referralId === undefined
                ? referralToAttachSql(access.clinicId, body.patientId, localDay)
                : sql<string | null>`(select null::uuid)`,
          });
          const referralId = chosenReferral ?? loaded.extra.referralToAttach ?? null;
          const plan = await planBooking(db, planRequest, loaded);
          const { row, effect } = newAppointment(db, {
            clinicId: access.clinicId,
            patientId: body.patientId,
            plan,
            bookedBy: access.principal.userId,
            bookedVia: audience === 'staff' ? 'staff' : 'patient',
            referralId,
            bookingNote: body.note,
            now: planRequest.now,
          });
          const booked = auditAppointmentEntry(request, access, 'appointment.booked', row, {
            start: row.startAt.toISOString(),
            therapistId: row.therapistId,
            roomId: row.roomId,
          });
          return {
            status: 201,
            body: {
              ...toDto(row, {
                timeZone: access.clinic.timeZone,
                serviceName: loaded.service.name,
                patientName: loaded.extra.patientName,
                location: loaded.extra.sites.get(row.locationId)!,
              }),
              ...(plan.warning ? { warning: plan.warning } : {}),
            },
            effect: [...effect, auditInsert(db, booked)],
          };
        },
        async (error) => (isSlotConflict(error) ? slotTaken(db, planRequest) : error),
      );
    },
  );

  async function checkedReferral(clinicId: string, patientId: string, referralId?: string | null) {
    if (!referralId) return null;
    const [ref] = await db
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.clinicId, clinicId),
          eq(referrals.id, referralId),
          eq(referrals.patientId, patientId),
        ),
      );
    if (!ref) {
      throw new AppError('validation_failed', 'The request is not valid', [
        { path: 'body.referralId', message: "not one of this patient's referrals" },
      ]);
    }
    return ref.id;
  }

  app.get(
    '/clinics/:clinicId/appointments',
    {
      schema: {
        tags,
        summary:
          "Calendar: appointments starting in local dates [from, to), for day and week views. Staff see the clinic's calendar; patients only their own; physicians only a linked patient's (patientId required)",
        params: clinicParams,
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(appointment), nextCursor: z.string().nullable() }),
          400: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const clinicId = request.params.clinicId;
      const access = await authorizeClinic(request, clinicId, 'appointments.read');
      const staff = audienceOf(access.roles) === 'staff';
      let patientIds: string[] | undefined;
      if (q.patientId) {
        await authorizePatient(request, {
          clinicId,
          patientId: q.patientId,
          permission: 'appointments.read',
          action: 'appointment.list',
          resourceType: 'appointment',
        });
        patientIds = [q.patientId];
      } else if (!staff) {
        if (!access.roles.includes('patient')) {
          throw new AppError(
            'forbidden',
            'Physicians see appointments of their linked patients only: pass patientId',
          );
        }
        const own = await db
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.clinicId, clinicId), eq(patients.userId, access.principal.userId)));
        patientIds = own.map((p) => p.id);
        if (patientIds.length === 0) return { items: [], nextCursor: null };
      }
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
      if (days <= 0 || days > 62) {
        throw new AppError('validation_failed', 'The request is not valid', [
          { path: 'querystring.to', message: 'must be 1 to 62 days after from' },
        ]);
      }
      const zone = access.clinic.timeZone;
      const from = DateTime.fromISO(q.from, { zone }).startOf('day').toJSDate();
      const to = DateTime.fromISO(q.to, { zone }).startOf('day').toJSDate();
      let after: { startAt: Date; id: string } | undefined;
      if (q.cursor) {
        const [c] = await db
          .select({ startAt: appointments.startAt, id: appointments.id })
          .from(appointments)
          .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, q.cursor)));
        after = c;
      }
      const rows = await db
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.clinicId, clinicId),
            gte(appointments.startAt, from),
            lt(appointments.startAt, to),
            q.therapistId ? eq(appointments.therapistId, q.therapistId) : undefined,
            q.roomId ? eq(appointments.roomId, q.roomId) : undefined,
            q.locationId ? eq(appointments.locationId, q.locationId) : undefined,
            q.status ? eq(appointments.status, q.status) : undefined,
            patientIds ? inArray(appointments.patientId, patientIds) : undefined,
            after
              ? or(
                  gt(appointments.startAt, after.startAt),
                  and(eq(appointments.startAt, after.startAt), gt(appointments.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(appointments.startAt), asc(appointments.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      if (!q.patientId && page.length > 0) {
        // A calendar read across patients: one audit row naming the patients shown (ids only).
        await request.audit({
          action: 'appointment.calendar_read',
          clinicId,
          actorRoles: access.roles,
          resourceType: 'appointment',
          details: {
            count: page.length,
            patientIds: [...new Set(page.map((r) => r.patientId))].slice(0, 500),
            ...(staff ? { withPhones: true } : {}),
          },
        });
      }
      const items = await toDtos(db, clinicId, zone, page);
      const nextCursor = rows.length > q.limit ? (page.at(-1)?.id ?? null) : null;
      if (!staff) return { items, nextCursor };
      // The front desk hands a tablet to whoever arrives without their intake done, phones whoever is late,
      // and sorts out a first visit's evaluation before it starts. Staff only: a patient or a physician never
      // gets these (another patient's phone least of all).
      const [withIntake, desk] = await Promise.all([
        patientsWithIntake(db, clinicId, [...new Set(page.map((r) => r.patientId))]),
        deskDetails(db, clinicId, page),
      ]);
      return {
        items: items.map((a) => ({
          ...a,
          intakeSubmitted: withIntake.has(a.patientId),
          ...desk.get(a.id),
        })),
        nextCursor,
      };
    },
  );

  app.get(
    '/clinics/:clinicId/appointments/:appointmentId',
    {
      schema: {
        tags,
        summary: 'One appointment (with its reschedule links)',
        params: appointmentParams,
        response: { 200: appointment, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { access, row } = await authorizeAppointment(request, {
        clinicId: request.params.clinicId,
        appointmentId: request.params.appointmentId,
        permission: 'appointments.read',
        action: 'appointment.read',
      });
      const [dto] = await toDtos(db, access.clinicId, access.clinic.timeZone, [row]);
      return dto!;
    },
  );

  app.get(
    '/clinics/:clinicId/appointments/:appointmentId/calendar.ics',
    {
      schema: {
        tags,
        summary:
          'The appointment as an iCalendar invitation (the same file the confirmation e-mail attaches)',
        params: appointmentParams,
        response: { 200: z.string(), 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { access, row } = await authorizeAppointment(request, {
        clinicId: request.params.clinicId,
        appointmentId: request.params.appointmentId,
        permission: 'appointments.read',
        action: 'appointment.ics',
      });
      const event = await calendarIdentity(db, row);
      const ics = buildCalendar({
        name: access.clinic.name,
        timeZone: access.clinic.timeZone,
        method: 'publish',
        now: app.deps.now(),
        events: [
          {
            id: event.uid,
            sequence: event.sequence,
            start: row.startAt,
            end: row.endAt,
            summary: `Appointment at ${access.clinic.name}`,
            cancelled: row.status === 'cancelled',
          },
        ],
      });
      return reply.type('text/calendar; charset=utf-8').send(ics);
    },
  );

  /** A refused step on a patient's appointment: audited as refused with why, then a 409 with the message. */
  const refuse = (
    request: FastifyRequest,
    access: PatientAccess,
    row: AppointmentRow,
    action: string,
    why: Record<string, unknown>,
    message: string,
  ) => refuseAudited(request, access, row, action, why, new AppError('conflict', message));
  /** A step not possible from the appointment's status (a cancelled visit cannot be checked in…). */
  const refuseStatus = (
    request: FastifyRequest,
    access: PatientAccess,
    row: AppointmentRow,
    action: string,
  ) =>
    refuse(
      request,
      access,
      row,
      action,
      { reason: 'status', status: row.status },
      `This appointment is ${row.status.replace('_', ' ')}`,
    );

  /** What only happens once a visit has started (a no-show, completing it) is refused before its start. */
  async function refuseBeforeStart(
    request: FastifyRequest,
    access: PatientAccess,
    row: AppointmentRow,
    action: string,
    now: Date,
    message: string,
  ) {
    if (now >= row.startAt) return;
    await refuse(
      request,
      access,
      row,
      action,
      { reason: 'not_started', start: row.startAt.toISOString() },
      message,
    );
  }
  /** A patient changes an appointment only before it starts; after that, the clinic does. */
  async function refuseStartedForPatient(
    request: FastifyRequest,
    access: PatientAccess,
    row: AppointmentRow,
    action: string,
    now: Date,
  ) {
    if (access.via === 'staff' || now < row.startAt) return;
    await refuse(
      request,
      access,
      row,
      action,
      { reason: 'started', start: row.startAt.toISOString() },
      'This appointment has started: please contact the clinic',
    );
  }

  /**
   * An undo of a move (`undoOf`): the appointment the move replaced, checked to be this one's before the move,
   * the move recent (UNDO_MINUTES) and the undo going back to its time and therapist. The undo then books it
   * as it was, `confirmed` again when the patient had confirmed that time (the move had made it `booked`).
   */
  async function undoneMove(
    row: AppointmentRow,
    body: { undoOf: string; start: string; therapistId?: string },
    now: Date,
  ): Promise<AppointmentRow> {
    const refused = (path: string, message: string) =>
      new AppError('unprocessable', message, [{ path, message }]);
    const [before] =
      row.rescheduledFrom === body.undoOf
        ? await db
            .select()
            .from(appointments)
            .where(and(eq(appointments.clinicId, row.clinicId), eq(appointments.id, body.undoOf)))
        : [];
    if (!before || before.rescheduledTo !== row.id)
      throw refused('body.undoOf', 'This appointment was not moved from that one');
    if (now.getTime() - row.createdAt.getTime() > UNDO_MINUTES * 60_000)
      throw refused(
        'body.undoOf',
        `The move is more than ${UNDO_MINUTES} minutes old: move the appointment instead`,
      );
    if (
      new Date(body.start).getTime() !== before.startAt.getTime() ||
      (body.therapistId ?? row.therapistId) !== before.therapistId
    )
      throw refused('body.start', 'An undo goes back to the time and therapist before the move');
    return before;
  }

  // ── Lifecycle ───────────────────────────────────────────────────────────────────────────────────
  type Transition = {
    path: string;
    summary: string;
    permission: 'appointments.book' | 'appointments.manage';
    from: AppointmentRow['status'][];
    /** The status it moves to, from the appointment as it was. */
    to: (row: AppointmentRow) => AppointmentRow['status'];
    set: (now: Date) => Partial<AppointmentRow>;
  };
  const transitions: Transition[] = [
    {
      path: 'confirm',
      summary: 'Confirm a booked appointment (staff, or the patient)',
      permission: 'appointments.book',
      from: ['booked'],
      to: () => 'confirmed',
      set: (now) => ({ confirmedAt: now }),
    },
    {
      path: 'check-in',
      summary: 'Check the patient in',
      permission: 'appointments.manage',
      from: ['booked', 'confirmed'],
      to: () => 'checked_in',
      set: (now) => ({ checkedInAt: now }),
    },
    {
      path: 'no-show',
      summary: 'Mark a no-show (frees the time)',
      permission: 'appointments.manage',
      from: ['booked', 'confirmed'],
      to: () => 'no_show',
      set: (now) => ({ noShowAt: now }),
    },
    {
      path: 'undo-check-in',
      summary: 'Undo a mistaken check-in: back to confirmed, or to booked if it was never confirmed',
      permission: 'appointments.manage',
      from: ['checked_in'],
      // Only confirming sets confirmedAt, so it tells which of the two the check-in came from.
      to: (row) => (row.confirmedAt ? 'confirmed' : 'booked'),
      set: () => ({ checkedInAt: null }),
    },
  ];

  for (const t of transitions) {
    app.post(
      `/clinics/:clinicId/appointments/:appointmentId/${t.path}`,
      {
        schema: {
          tags,
          summary: t.summary,
          params: appointmentParams,
          response: { 200: appointment, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const action = `appointment.${t.path.replaceAll('-', '_')}`;
        const { access, row } = await authorizeAppointment(request, {
          clinicId: request.params.clinicId,
          appointmentId: request.params.appointmentId,
          permission: t.permission,
          action,
        });
        const now = app.deps.now();
        const to = t.to(row);
        if (to === 'no_show') {
          await refuseBeforeStart(
            request,
            access,
            row,
            action,
            now,
            'A no-show can only be recorded once the appointment has started',
          );
        }
        // A no-show is charged the clinic's fee in force now (none when it is 0).
        const noShowFee = to === 'no_show' ? (await loadSettings(db, access.clinicId)).noShowFeeCents : 0;
        const updated = await db.transaction(async (tx) => {
          const [changed] = await tx
            .update(appointments)
            .set({
              ...t.set(now),
              status: to,
              updatedAt: now,
              ...(noShowFee > 0 ? { missedFeeCents: noShowFee } : {}),
            })
            .where(
              and(
                eq(appointments.clinicId, row.clinicId),
                eq(appointments.id, row.id),
                inArray(appointments.status, t.from),
              ),
            )
            .returning();
          if (!changed) return null;
          await auditAppointment(tx, request, access, `${action}.done`, changed, {
            from: row.status,
            to,
          });
          return changed;
        });
        if (!updated) return refuseStatus(request, access, row, action);
        if (to === 'no_show') await offerOpening(app, updated, now);
        const [dto] = await toDtos(db, access.clinicId, access.clinic.timeZone, [updated]);
        return dto!;
      },
    );
  }

  app.post(
    '/clinics/:clinicId/appointments/:appointmentId/complete',
    {
      schema: {
        tags,
        summary:
          'Complete the visit once it has started, optionally linking its session note; counts a visit against its referral',
        params: appointmentParams,
        body: completeBody,
        response: { 200: appointment, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const { access, row } = await authorizeAppointment(request, {
        clinicId: request.params.clinicId,
        appointmentId: request.params.appointmentId,
        permission: 'appointments.manage',
        action: 'appointment.complete',
      });
      const now = app.deps.now();
      // Completing charges the visit's fee and counts it against the referral: not for a visit still to come.
      await refuseBeforeStart(
        request,
        access,
        row,
        'appointment.complete',
        now,
        'This appointment can be completed once the session has started',
      );
      const updated = await db.transaction((tx) =>
        completeAppointment(tx, {
          clinicId: row.clinicId,
          appointmentId: row.id,
          from: ['booked', 'confirmed', 'checked_in'],
          fromStatus: row.status,
          sessionNoteId: request.body.sessionNoteId,
          now,
          timeZone: access.clinic.timeZone,
          request,
          access,
        }),
      );
      if (!updated) return refuseStatus(request, access, row, 'appointment.complete');
      const [dto] = await toDtos(db, access.clinicId, access.clinic.timeZone, [updated]);
      return dto!;
    },
  );

  app.post(
    '/clinics/:clinicId/appointments/:appointmentId/cancel',
    {
      schema: {
        tags,
        summary:
          "Cancel (staff, saying who cancelled; or the patient before the start). A patient's cancellation inside the clinic's late-cancellation window is late and charged its fee, which staff may waive at once; the clinic's never is. The freed time is offered to the waitlist, and staff are told to whom",
        params: appointmentParams,
        body: cancelBody,
        response: {
          200: cancelResult,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request) => {
      const { access, row } = await authorizeAppointment(request, {
        clinicId: request.params.clinicId,
        appointmentId: request.params.appointmentId,
        permission: 'appointments.book',
        action: 'appointment.cancel',
      });
      const now = app.deps.now();
      await refuseStartedForPatient(request, access, row, 'appointment.cancel', now);
      const { reason, waiveFee } = request.body;
      const byPatient = access.via === 'self';
      // A patient cancels for themselves, and waives nothing; staff say who cancelled.
      if (byPatient && (request.body.cancelledBy === 'clinic' || waiveFee))
        await refuseAudited(
          request,
          access,
          row,
          'appointment.cancel',
          { reason: waiveFee ? 'waive_fee' : 'cancelled_by_clinic' },
          new AppError('forbidden', 'Only the clinic can record a cancellation by the clinic or waive a fee'),
        );
      if (waiveFee && !rolesAllow(access.roles, 'billing.record'))
        await refuseAudited(
          request,
          access,
          row,
          'appointment.cancel',
          { reason: 'waive_fee' },
          new AppError('forbidden', 'You cannot waive fees'),
        );
      const cancelledBy = byPatient ? 'patient' : request.body.cancelledBy;
      if (!cancelledBy) {
        const message = 'Say who cancelled: the patient or the clinic';
        throw new AppError('validation_failed', message, [{ path: 'body.cancelledBy', message }]);
      }
      const settings = await loadSettings(db, access.clinicId);
      // The clinic cancelling (a therapist ill, the clinic closed) is never the patient's late cancellation.
      const late =
        cancelledBy === 'patient' && isLateCancellation(row.startAt, now, settings.lateCancellationHours);
      const feeCents =
        late && settings.lateCancellationFeeCents > 0 ? settings.lateCancellationFeeCents : null;
      // Waiving with no fee (not late after all) waives nothing.
      const waived = feeCents !== null && waiveFee;
      const updated = await db.transaction(async (tx) => {
        const [changed] = await tx
          .update(appointments)
          .set({
            status: 'cancelled',
            cancelledAt: now,
            // Who recorded it; the role says on whose side: the patient (asked, online or by phone) or the clinic.
            cancelledBy: access.principal.userId,
            cancelledByRole: cancelledBy === 'patient' ? 'patient' : 'staff',
            cancellationReason: reason,
            cancelledLate: late,
            missedFeeCents: feeCents,
            ...(waived ? feeWaiver(access.principal.userId, reason, now) : {}),
            updatedAt: now,
          })
          .where(
            and(
              eq(appointments.clinicId, row.clinicId),
              eq(appointments.id, row.id),
              inArray(appointments.status, ['booked', 'confirmed']),
            ),
          )
          .returning();
        if (!changed) return null;
        await auditAppointment(tx, request, access, 'appointment.cancel.done', changed, {
          late,
          from: row.status,
          cancelledBy,
          ...(feeCents !== null ? { feeCents } : {}),
        });
        // The waiver as the patient's payments record it: same columns, same audit action and reason.
        if (waived) await auditAppointment(tx, request, access, 'fee.waive', changed, { reason });
        // The patient hears of it, with a calendar update that removes the event, whoever cancelled.
        await enqueueJob(tx, cancellationJob(changed, now));
        return changed;
      });
      if (!updated) return refuseStatus(request, access, row, 'appointment.cancel');
      const opening = await offerOpening(app, updated, now);
      // Staff are told who the time went to (names and phone numbers of other patients: audited as read).
      if (!byPatient && opening.people.length > 0)
        await request.audit({
          action: 'waitlist.read',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          resourceType: 'waitlist_entry',
          ...listedPatients(
            opening.people.map((p) => p.patientId),
            { openingOf: updated.id },
          ),
        });
      const [dto] = await toDtos(db, access.clinicId, access.clinic.timeZone, [updated]);
      return {
        ...dto!,
        fee: feeCents !== null ? { cents: feeCents, waived } : null,
        opening: byPatient ? null : opening,
      };
    },
  );

  app.post(
    '/clinics/:clinicId/appointments/:appointmentId/reschedule',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Move an appointment: books the new time and cancels the old one as rescheduled (linked both ways), in one transaction',
        params: appointmentParams,
        body: rescheduleBody,
        response: {
          201: appointment,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: conflictSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { access, row } = await authorizeAppointment(request, {
        clinicId: request.params.clinicId,
        appointmentId: request.params.appointmentId,
        permission: 'appointments.book',
        action: 'appointment.reschedule',
      });
      if (row.status !== 'booked' && row.status !== 'confirmed')
        return refuseStatus(request, access, row, 'appointment.reschedule');
      const now = app.deps.now();
      const audience = access.via === 'staff' ? 'staff' : 'patient';
      await refuseStartedForPatient(request, access, row, 'appointment.reschedule', now);
      const { undoOf } = request.body;
      const before = undoOf ? await undoneMove(row, { ...request.body, undoOf }, now) : null;
      const planRequest: PlanRequest = {
        clinicId: access.clinicId,
        timeZone: access.clinic.timeZone,
        serviceId: row.serviceId,
        therapistId: request.body.therapistId ?? row.therapistId,
        roomId: request.body.roomId,
        start: new Date(request.body.start),
        audience,
        now,
        moving: row,
      };
      const plan = await planBooking(db, planRequest);
      const late = isLateCancellation(row.startAt, now, plan.settings.lateCancellationHours);
      let created: AppointmentRow;
      try {
        created = await db.transaction(async (tx) => {
          const newId = uuidv7();
          const [old] = await tx
            .update(appointments)
            .set({
              status: 'cancelled',
              cancelledAt: now,
              cancelledBy: access.principal.userId,
              cancelledByRole: access.via === 'self' ? 'patient' : 'staff',
              cancellationReason: request.body.reason ? `rescheduled: ${request.body.reason}` : 'rescheduled',
              cancelledLate: late,
              rescheduledTo: newId,
              updatedAt: now,
            })
            .where(
              and(
                eq(appointments.clinicId, row.clinicId),
                eq(appointments.id, row.id),
                inArray(appointments.status, ['booked', 'confirmed']),
              ),
            )
            .returning();
          if (!old) throw new AppError('conflict', 'This appointment changed meanwhile; reload it');
          const fresh = await insertAppointment(tx, {
            id: newId,
            clinicId: row.clinicId,
            patientId: row.patientId,
            plan,
            bookedBy: access.principal.userId,
            bookedVia: 'reschedule',
            seriesId: row.seriesId,
            referralId: row.referralId,
            rescheduledFrom: row.id,
            // An undo restores the patient's confirmation of the time it goes back to.
            confirmedAt: before?.confirmedAt ?? null,
            now,
          });
          await auditAppointment(tx, request, access, 'appointment.reschedule.done', fresh, {
            rescheduledFrom: row.id,
            start: fresh.startAt.toISOString(),
            late,
            ...(before ? { undoOf: before.id, status: fresh.status } : {}),
          });
          return fresh;
        });
      } catch (error) {
        if (isSlotConflict(error)) throw await slotTaken(db, planRequest);
        throw error;
      }
      const [old] = await db
        .select()
        .from(appointments)
        .where(and(eq(appointments.clinicId, row.clinicId), eq(appointments.id, row.id)));
      if (old) await offerOpening(app, old, now);
      const [dto] = await toDtos(db, access.clinicId, access.clinic.timeZone, [created]);
      return reply.status(201).send(dto!);
    },
  );

  await app.register(seriesRoutes);
  await app.register(waitlistRoutes);
  await app.register(rebookRoutes);
  await app.register(referralStandingRoutes);
}
