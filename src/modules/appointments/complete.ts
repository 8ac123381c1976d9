import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/connection.ts';
import { type AppointmentStatusValue, appointments } from '../../db/schema/index.ts';
import { recordReferralVisit } from '../referrals/visits.ts';
import { auditAppointment } from './access.ts';

interface Completion {
  clinicId: string;
  appointmentId: string;
  /** Only from these statuses; otherwise nothing changes and undefined is answered. */
  from: readonly AppointmentStatusValue[];
  sessionNoteId?: string | null;
  /** The status it had, for the audit record. */
  fromStatus: AppointmentStatusValue;
  now: Date;
  timeZone: string;
  request: FastifyRequest;
  access: { clinicId: string; roles: string[]; principal: { userId: string } };
}

/**
 * Completes a visit, in the caller's transaction: the appointment becomes completed (checked in too, if it was
 * not), linked to its session note when one is given; the visit counts against its referral, and it is
 * audited. Used by the calendar's Complete and by signing the visit's note.
 */
export async function completeAppointment(tx: Executor, c: Completion) {
  const [changed] = await tx
    .update(appointments)
    .set({
      status: 'completed',
      completedAt: c.now,
      checkedInAt: sql`coalesce(${appointments.checkedInAt}, ${c.now.toISOString()}::timestamptz)`,
      ...(c.sessionNoteId ? { sessionNoteId: c.sessionNoteId } : {}),
      updatedAt: c.now,
    })
    .where(
      and(
        eq(appointments.clinicId, c.clinicId),
        eq(appointments.id, c.appointmentId),
        inArray(appointments.status, [...c.from]),
      ),
    )
    .returning();
  if (!changed) return undefined;
  if (changed.referralId) {
    await recordReferralVisit(tx, {
      clinicId: changed.clinicId,
      referralId: changed.referralId,
      visitDate: DateTime.fromJSDate(changed.startAt, { zone: c.timeZone }).toISODate()!,
      sourceType: 'appointment',
      sourceId: changed.id,
      recordedBy: c.access.principal.userId,
    });
  }
  await auditAppointment(tx, c.request, c.access, 'appointment.complete.done', changed, {
    from: c.fromStatus,
    sessionNoteId: changed.sessionNoteId,
  });
  return changed;
}
