import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/connection.ts';
import { appointments, patients, therapistExceptions } from '../../db/schema/index.ts';
import type { HolidayException, TimeOffException } from '../../domain/scheduling/index.ts';
import { overlapsAny, removedTime } from '../../domain/scheduling/index.ts';
import { type AuditEntry, listedPatients } from '../../platform/audit.ts';
import { auditEntryOf } from '../../platform/auth-plugin.ts';
import type { ClinicAccess } from '../../platform/clinic-access.ts';
import { rolesAllow } from '../../platform/permissions.ts';
import { displayNameOf } from '../patients/repository.ts';
import {
  type AppointmentInTimeOff,
  type AppointmentsInTimeOff,
  BOOKED_STATUSES,
  MAX_LISTED_IN_TIME_OFF,
} from './schemas.ts';

/** A booked appointment inside the time, with its patient's id (for the audit, never sent). */
export type BookedInTime = AppointmentInTimeOff & { patientId: string };

/**
 * Patient names go to callers who may read the clinic's appointments (and, for an API token, whose scopes say
 * so); anyone else managing the schedule sees when, not who.
 */
export function mayNamePatients(access: ClinicAccess): boolean {
  const token = access.principal.token;
  return (
    rolesAllow(access.roles, 'appointments.read') && (!token || token.scopes.includes('appointments.read'))
  );
}

/**
 * The therapist's appointments still to happen (booked, confirmed, checked in) that a time off or holiday being
 * saved would leave without them, by start. Cancelled, no-show and completed visits do not count; a holiday
 * spares the extra hours already planned on its date. Two round trips at most, both scoped to the clinic.
 */
export async function bookedInTime(
  db: Executor,
  input: {
    clinicId: string;
    therapistId: string;
    timeZone: string;
    exception: TimeOffException | HolidayException;
    withNames: boolean;
  },
): Promise<BookedInTime[]> {
  const { clinicId, therapistId, exception } = input;
  const extraHours =
    exception.kind === 'holiday'
      ? (
          await db
            .select({
              date: therapistExceptions.startDate,
              start: therapistExceptions.startTime,
              end: therapistExceptions.endTime,
              locationId: therapistExceptions.locationId,
            })
            .from(therapistExceptions)
            .where(
              and(
                eq(therapistExceptions.clinicId, clinicId),
                eq(therapistExceptions.therapistId, therapistId),
                eq(therapistExceptions.kind, 'extra_hours'),
                eq(therapistExceptions.startDate, exception.date),
              ),
            )
        ).map((e) => ({
          kind: 'extraHours' as const,
          date: e.date,
          start: e.start ?? '00:00',
          end: e.end ?? '24:00',
          locationId: e.locationId ?? '',
        }))
      : [];
  const spans = removedTime(exception, input.timeZone, extraHours);
  if (spans.length === 0) return [];
  const rows = await db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      startAt: appointments.startAt,
      endAt: appointments.endAt,
      status: appointments.status,
      preferredName: patients.preferredName,
      legalFirstName: patients.legalFirstName,
      legalLastName: patients.legalLastName,
    })
    .from(appointments)
    .innerJoin(
      patients,
      and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)),
    )
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.therapistId, therapistId),
        inArray(appointments.status, [...BOOKED_STATUSES]),
        lt(appointments.startAt, new Date(spans.at(-1)!.end)),
        gt(appointments.endAt, new Date(spans[0]!.start)),
      ),
    )
    .orderBy(asc(appointments.startAt), asc(appointments.id));
  return rows
    .map((r) => ({
      id: r.id,
      patientId: r.patientId,
      start: r.startAt.toISOString(),
      end: r.endAt.toISOString(),
      status: r.status as AppointmentInTimeOff['status'],
      patientName: input.withNames ? displayNameOf(r) : null,
    }))
    .filter((r) => overlapsAny(r.start, r.end, spans));
}

/** What is sent: the first appointments (without patient ids) and how many there are. */
export function listed(found: readonly BookedInTime[]): AppointmentsInTimeOff {
  return {
    total: found.length,
    appointments: found
      .slice(0, MAX_LISTED_IN_TIME_OFF)
      .map(({ id, start, end, status, patientName }) => ({ id, start, end, status, patientName })),
  };
}

/** The audit of showing them: a read across patients, ids only (as the calendar's). */
export function listedAuditEntry(
  request: FastifyRequest,
  access: ClinicAccess,
  therapistId: string,
  found: readonly BookedInTime[],
  outcome: { saved: boolean },
): AuditEntry {
  const shown = found.slice(0, MAX_LISTED_IN_TIME_OFF);
  return auditEntryOf(request, {
    action: 'appointment.time_off_overlap_read',
    clinicId: access.clinicId,
    actorUserId: access.principal.userId,
    actorRoles: access.roles,
    resourceType: 'appointment',
    ...listedPatients(
      shown.map((a) => a.patientId),
      {
        therapistId,
        count: found.length,
        appointmentIds: shown.map((a) => a.id),
        namesShown: shown.some((a) => a.patientName !== null),
        saved: outcome.saved,
      },
    ),
  });
}
