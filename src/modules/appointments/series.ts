import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { appointmentSeries } from '../../db/schema/index.ts';
import {
  type Appointment,
  type AvailabilityInput,
  checkBooking,
  nearestAlternatives,
  type Slot,
} from '../../domain/scheduling/index.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { engine } from '../scheduling/availability.ts';
import { loadAvailabilityInput } from '../scheduling/engine-input.ts';
import { enqueueJob } from '../scheduling/jobs.ts';
import { seriesConfirmationJob } from '../scheduling/reminders.ts';
import { auditAppointment } from './access.ts';
import { type AppointmentRow, insertAppointment, isSlotConflict, toDtos } from './booking.ts';
import {
  type ReferralAllowance,
  type ReferralWarning,
  referralAllowance,
  referralToAttach,
  referralWarnings,
} from './referral-allowance.ts';
import { seriesCreateBody, seriesCreated, seriesPreview, seriesPreviewBody } from './schemas.ts';

const tags = ['Appointments'];
const clinicParams = z.object({ clinicId: z.uuid() });
const DAY_MS = 86_400_000;

/** A planned occurrence blocks later ones in the same series (they are checked in order). */
function asAppointment(slot: Slot, input: AvailabilityInput, i: number): Appointment {
  const s = input.services[0]!;
  return {
    id: `planned-${i}`,
    therapistId: slot.therapistId,
    roomId: slot.roomId,
    start: slot.start,
    end: slot.end,
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    status: 'booked',
  };
}

export default async function seriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  app.post(
    '/clinics/:clinicId/appointments/series/preview',
    {
      schema: {
        tags,
        summary:
          'Preview a series (e.g. twice a week for four weeks at preferred weekdays and times): each occurrence with its conflict and alternatives, and referral warnings. Books nothing',
        params: clinicParams,
        body: seriesPreviewBody,
        response: { 200: seriesPreview, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const body = request.body;
      const access = await authorizePatient(request, {
        clinicId: request.params.clinicId,
        patientId: body.patientId,
        permission: 'appointments.manage',
        action: 'appointment.series_preview',
        resourceType: 'appointment_series',
      });
      const zone = access.clinic.timeZone;
      const now = app.deps.now();
      const first = DateTime.fromISO(body.startDate, { zone });
      const wanted: { localDate: string; time: string; start: DateTime }[] = [];
      for (let week = 0; week < body.weeks; week++) {
        const weekStart = first.plus({ weeks: week });
        for (const t of body.times) {
          const date = weekStart.plus({ days: (t.weekday - weekStart.weekday + 7) % 7 });
          const [h, m] = t.time.split(':').map(Number);
          wanted.push({
            localDate: date.toISODate()!,
            time: t.time,
            start: date.set({ hour: h, minute: m }),
          });
        }
      }
      wanted.sort((a, b) => a.start.toMillis() - b.start.toMillis());
      const firstMs = wanted[0]!.start.toMillis();
      const lastMs = wanted.at(-1)!.start.toMillis();
      const loaded = await loadAvailabilityInput(db, {
        clinicId: access.clinicId,
        timeZone: zone,
        serviceId: body.serviceId,
        from: new Date(firstMs - 16 * DAY_MS),
        to: new Date(lastMs + 16 * DAY_MS),
      });
      if (!loaded) throw new AppError('not_found', 'Service not found');
      const allowance = await seriesAllowance(
        db,
        access.clinicId,
        body.patientId,
        body.referralId,
        wanted[0]!.localDate,
      );
      const input = { ...loaded.input, appointments: [...loaded.input.appointments] };
      const therapists = body.therapistId ? [body.therapistId] : input.therapists.map((t) => t.id);
      // "First available" finds a therapist for the first date, then keeps that one whenever free: a series
      // is one course of treatment, best with the same hands.
      let usual: string | undefined;
      let okCount = 0;
      const occurrences = wanted.map((w, index) => {
        const start = w.start.toUTC().toISO()!;
        let slot: Slot | null = null;
        let problems: string[] = ['therapist-not-eligible'];
        const order = usual ? [usual, ...therapists.filter((t) => t !== usual)] : therapists;
        for (const [i, therapistId] of order.entries()) {
          const check = engine(() =>
            checkBooking(
              { serviceId: body.serviceId, therapistId, start, now: now.toISOString(), audience: 'staff' },
              input,
            ),
          );
          if (check.ok && check.slot && (!body.locationId || check.slot.locationId === body.locationId)) {
            slot = check.slot;
            break;
          }
          if (i === 0) problems = check.problems.map((p) => p.code);
        }
        if (slot) {
          usual ??= slot.therapistId;
          input.appointments.push(asAppointment(slot, input, index));
          okCount++;
          return {
            index,
            localDate: w.localDate,
            localTime: w.time,
            start,
            ok: true,
            slot,
            problems: [],
            alternatives: null,
            warnings: referralWarnings(allowance, okCount, w.localDate),
          };
        }
        const alternatives = engine(() =>
          nearestAlternatives(
            {
              serviceId: body.serviceId,
              start,
              therapistId: body.therapistId,
              locationId: body.locationId,
              now: now.toISOString(),
              audience: 'staff',
              maxSearchDays: 7,
            },
            input,
            2,
          ),
        );
        return {
          index,
          localDate: w.localDate,
          localTime: w.time,
          start,
          ok: false,
          slot: null,
          problems,
          alternatives,
          warnings: referralWarnings(allowance, okCount + 1, w.localDate),
        };
      });
      const warnings = uniqueWarnings(occurrences.flatMap((o) => o.warnings));
      return {
        occurrences,
        warnings,
        referral: allowance
          ? {
              id: allowance.id,
              visitsAllowed: allowance.allowed,
              visitsUsedOrBooked: allowance.usedOrBooked,
              validFrom: allowance.validFrom,
              validUntil: allowance.validUntil,
            }
          : null,
      };
    },
  );

  app.post(
    '/clinics/:clinicId/appointments/series',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Book a series in one transaction (all or nothing). Beyond the referral (visits or expiry) it answers 422 with the warnings unless acknowledgeWarnings is true',
        params: clinicParams,
        body: seriesCreateBody,
        response: {
          201: seriesCreated,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const access = await authorizePatient(request, {
        clinicId: request.params.clinicId,
        patientId: body.patientId,
        permission: 'appointments.manage',
        action: 'appointment.series_book',
        resourceType: 'appointment_series',
      });
      const zone = access.clinic.timeZone;
      const now = app.deps.now();
      const starts = body.occurrences.map((o) => Date.parse(o.start));
      const loaded = await loadAvailabilityInput(db, {
        clinicId: access.clinicId,
        timeZone: zone,
        serviceId: body.serviceId,
        from: new Date(Math.min(...starts) - 2 * DAY_MS),
        to: new Date(Math.max(...starts) + 2 * DAY_MS),
      });
      if (!loaded) throw new AppError('not_found', 'Service not found');
      const firstDate = DateTime.fromMillis(Math.min(...starts), { zone }).toISODate()!;
      const allowance = await seriesAllowance(
        db,
        access.clinicId,
        body.patientId,
        body.referralId,
        firstDate,
      );
      const input = { ...loaded.input, appointments: [...loaded.input.appointments] };
      const ordered = body.occurrences
        .map((o, index) => ({ ...o, index }))
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      const failures: { index: number; problems: string[] }[] = [];
      const slots: Slot[] = [];
      const warnings: ReferralWarning[] = [];
      for (const o of ordered) {
        const check = engine(() =>
          checkBooking(
            {
              serviceId: body.serviceId,
              therapistId: o.therapistId,
              roomId: o.roomId,
              start: new Date(o.start).toISOString(),
              now: now.toISOString(),
              audience: 'staff',
            },
            input,
          ),
        );
        if (!check.ok || !check.slot) {
          failures.push({ index: o.index, problems: check.problems.map((p) => p.code) });
          continue;
        }
        slots.push(check.slot);
        input.appointments.push(asAppointment(check.slot, input, o.index));
        warnings.push(...referralWarnings(allowance, slots.length, check.slot.localDate));
      }
      if (failures.length > 0) {
        throw new AppError('slot_taken', 'Some times of the series are not free; nothing was booked', {
          occurrences: failures,
        });
      }
      const unique = uniqueWarnings(warnings);
      if (unique.length > 0 && !body.acknowledgeWarnings) {
        throw new AppError('unprocessable', 'The series goes beyond the referral: confirm to book anyway', {
          warnings: unique,
        });
      }
      const seriesId = uuidv7();
      let rows: AppointmentRow[];
      try {
        rows = await db.transaction(async (tx) => {
          await tx.insert(appointmentSeries).values({
            clinicId: access.clinicId,
            id: seriesId,
            patientId: body.patientId,
            serviceId: body.serviceId,
            referralId: allowance?.id ?? null,
            occurrences: slots.length,
            warningsAcknowledged: unique.length > 0 ? unique.map((w) => w.code) : null,
            createdBy: access.principal.userId,
            createdAt: now,
          });
          const created: AppointmentRow[] = [];
          for (const slot of slots) {
            const row = await insertAppointment(tx, {
              clinicId: access.clinicId,
              patientId: body.patientId,
              plan: { slot, service: loaded.service, settings: loaded.settings },
              bookedBy: access.principal.userId,
              bookedVia: 'series',
              seriesId,
              referralId: allowance?.id ?? null,
              // The patient gets one confirmation for the whole series (below); reminders stay per visit.
              withoutConfirmation: true,
              now,
            });
            created.push(row);
          }
          await enqueueJob(
            tx,
            seriesConfirmationJob(
              { clinicId: access.clinicId, id: seriesId, patientId: body.patientId },
              now,
            ),
          );
          await auditAppointment(
            tx,
            request,
            access,
            'appointment.series_book.done',
            { id: seriesId, patientId: body.patientId },
            {
              appointmentIds: created.map((r) => r.id),
              warnings: unique.map((w) => w.code),
            },
          );
          return created;
        });
      } catch (error) {
        if (isSlotConflict(error)) {
          throw new AppError('slot_taken', 'A time of the series was taken meanwhile; nothing was booked');
        }
        throw error;
      }
      return reply.status(201).send({
        seriesId,
        appointments: await toDtos(db, access.clinicId, zone, rows),
        warnings: unique,
      });
    },
  );
}

/**
 * The referral a series is checked against and booked with: the one chosen; when none was said (omitted), the
 * patient's current referral if the series' first date falls within its validity; null when staff chose none.
 */
async function seriesAllowance(
  db: Executor,
  clinicId: string,
  patientId: string,
  chosen: string | null | undefined,
  firstDate: string,
): Promise<ReferralAllowance | null> {
  const referralId =
    chosen === undefined ? await referralToAttach(db, clinicId, patientId, firstDate) : chosen;
  return referralId ? referralAllowance(db, clinicId, patientId, referralId) : null;
}

function uniqueWarnings(warnings: ReferralWarning[]): ReferralWarning[] {
  const seen = new Map<string, ReferralWarning>();
  for (const w of warnings) if (!seen.has(w.code)) seen.set(w.code, w);
  return [...seen.values()];
}
