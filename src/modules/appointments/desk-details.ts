import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { appointments, patients } from '../../db/schema/index.ts';
import type { AppointmentRow } from './booking.ts';

export interface DeskDetails {
  patientPhone: string | null;
  firstVisit: boolean;
}

/**
 * What the front desk sees beside a calendar page's appointments, for staff only: the patient's phone, and
 * whether the appointment is the patient's first visit (no completed visit at the clinic before it). One query
 * for the page: each patient's phone with the start of their earliest completed visit (their appointments read
 * on the appointments_patient_idx index), never a query per appointment.
 */
export async function deskDetails(
  db: Executor,
  clinicId: string,
  rows: AppointmentRow[],
): Promise<Map<string, DeskDetails>> {
  const byAppointment = new Map<string, DeskDetails>();
  if (rows.length === 0) return byAppointment;
  const patientIds = [...new Set(rows.map((r) => r.patientId))];
  const found = await db
    .select({
      id: patients.id,
      phone: patients.phone,
      firstCompleted: sql`min(${appointments.startAt})`.mapWith(appointments.startAt),
    })
    .from(patients)
    .leftJoin(
      appointments,
      and(
        eq(appointments.clinicId, patients.clinicId),
        eq(appointments.patientId, patients.id),
        eq(appointments.status, 'completed'),
      ),
    )
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds)))
    .groupBy(patients.id, patients.phone);
  const byPatient = new Map(found.map((p) => [p.id, p]));
  for (const r of rows) {
    const p = byPatient.get(r.patientId);
    const first = p?.firstCompleted as Date | null | undefined;
    byAppointment.set(r.id, {
      patientPhone: p?.phone ?? null,
      firstVisit: !first || first.getTime() >= r.startAt.getTime(),
    });
  }
  return byAppointment;
}
