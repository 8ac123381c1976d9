import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/connection.ts';
import { appointments } from '../../db/schema/index.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit.ts';
import { auditEntryOf } from '../../platform/auth-plugin.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient, type PatientAccess } from '../../platform/patient-access.ts';
import type { Permission } from '../../platform/permissions.ts';
import { audienceOf } from '../scheduling/engine-input.ts';
import type { AppointmentRow } from './booking.ts';

/**
 * The gate for one appointment: loads it, then `authorizePatient` on its patient (which audits the access
 * with the patient id). An unknown id answers 404 to staff and 403 to everyone else, so patients cannot
 * probe other people's appointment ids.
 */
export async function authorizeAppointment(
  request: FastifyRequest,
  input: { clinicId: string; appointmentId: string; permission: Permission; action: string },
): Promise<{ access: PatientAccess; row: AppointmentRow }> {
  const { db } = request.server.deps;
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, input.clinicId), eq(appointments.id, input.appointmentId)));
  if (!row) {
    const access = await authorizeClinic(request, input.clinicId, input.permission);
    if (audienceOf(access.roles) === 'staff') throw notFound('Appointment');
    throw new AppError('forbidden', 'You do not have access to this appointment');
  }
  const access = await authorizePatient(request, {
    clinicId: input.clinicId,
    patientId: row.patientId,
    permission: input.permission,
    action: input.action,
    resourceType: 'appointment',
    resourceId: row.id,
  });
  return { access, row };
}

/** What an appointment audit row is about: an appointment, or a patient's request on the waiting list. */
type AuditedResource = 'appointment' | 'waitlist_entry';

/** Audits a completed write on a patient's appointment in the transaction that made it. */
export function auditAppointment(
  tx: Executor,
  request: FastifyRequest,
  access: { clinicId: string; roles: string[]; principal: { userId: string } },
  action: string,
  row: { id: string; patientId: string },
  details?: Record<string, unknown>,
  resourceType: AuditedResource = 'appointment',
) {
  return recordAudit(tx, auditAppointmentEntry(request, access, action, row, details, resourceType));
}

export function auditAppointmentEntry(
  request: FastifyRequest,
  access: { clinicId: string; roles: string[]; principal: { userId: string } },
  action: string,
  row: { id: string; patientId: string },
  details?: Record<string, unknown>,
  resourceType: AuditedResource = 'appointment',
): AuditEntry {
  return auditEntryOf(request, {
    action,
    clinicId: access.clinicId,
    actorUserId: access.principal.userId,
    actorRoles: access.roles,
    patientId: row.patientId,
    resourceType,
    resourceId: row.id,
    details,
  });
}

/**
 * A step the caller may take but that is refused as asked (the appointment's status, a time that does not
 * suit): audited as refused, naming the patient and why (ids and reason codes only), then answered with `error`.
 */
export async function refuseAudited(
  request: FastifyRequest,
  access: PatientAccess,
  row: { id: string; patientId: string },
  action: string,
  why: Record<string, unknown>,
  error: AppError,
  resourceType: AuditedResource = 'appointment',
): Promise<never> {
  await recordAudit(request.server.deps.db, {
    ...auditAppointmentEntry(request, access, action, row, why, resourceType),
    outcome: 'refused',
  });
  throw error;
}
