import { and, eq, inArray, sql } from 'drizzle-orm';
import { serviceOfAppointment } from '../../../db/joins.ts';
import {
  appointments,
  assessments,
  patients,
  rooms,
  services,
  sessionNotes,
  treatmentPlans,
  treatmentPlanVersions,
} from '../../../db/schema/index.ts';
import type { AssessmentContent } from '../../assessments/schemas.ts';
import { type AmendmentTrail, withAmendments } from '../../clinical/amended.ts';
import type { NoteContent } from '../../session-notes/schemas.ts';
import { type LoadQuery, memoised } from '../model.ts';

export type NoteRow = typeof sessionNotes.$inferSelect & {
  current: NoteContent;
  amendments: AmendmentTrail[];
};
export type AssessmentRow = typeof assessments.$inferSelect & { current: AssessmentContent };
export type PlanVersionRow = typeof treatmentPlanVersions.$inferSelect;
export type PlanRow = typeof treatmentPlans.$inferSelect & { current: PlanVersionRow };
export type AppointmentRow = typeof appointments.$inferSelect & {
  serviceName: string | null;
  durationMinutes: number | null;
  roomName: string | null;
};

/**
 * A reader who is not clinic staff (a linked physician, the patient) sees signed notes and evaluations only: a
 * draft is the clinician's work in progress, as in the notes and evaluations API. So does a copy of the record
 * sent out (`q.signedOnly`, records requests), whoever produces it.
 */
const signedOnlyForOutsiders = (q: LoadQuery, table: typeof sessionNotes | typeof assessments) =>
  q.signedOnly || (q.viewer && !q.viewer.staff) ? eq(table.status, 'signed') : undefined;

/** Session notes, each with `current`: its content as it reads now (amendments applied). */
export function loadNotes(q: LoadQuery): Promise<NoteRow[]> {
  return memoised(q, 'notes', () => readNotes(q));
}

async function readNotes(q: LoadQuery): Promise<NoteRow[]> {
  const rows = await q.db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, q.clinicId),
        q.patientIds ? inArray(sessionNotes.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(sessionNotes.id, q.rowId) : undefined,
        signedOnlyForOutsiders(q, sessionNotes),
      ),
    );
  return withAmendments<NoteContent, (typeof rows)[number]>(q.db, q.clinicId, 'sessionNoteId', rows);
}

export async function loadAssessments(q: LoadQuery): Promise<AssessmentRow[]> {
  const rows = await q.db
    .select()
    .from(assessments)
    .where(
      and(
        eq(assessments.clinicId, q.clinicId),
        q.patientIds ? inArray(assessments.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(assessments.id, q.rowId) : undefined,
        signedOnlyForOutsiders(q, assessments),
      ),
    );
  return withAmendments<AssessmentContent, typeof assessments.$inferSelect>(
    q.db,
    q.clinicId,
    'assessmentId',
    rows,
  );
}

/**
 * Plans with their current (latest) version. `goalId` finds the plan whose current version holds that goal
 * (a Goal read). A caller who is not staff (a linked physician) is not shown a self-referred plan (no referral)
 * unless it is of their own record, as in the plans API.
 */
export async function loadPlans(q: LoadQuery, options: { goalId?: string } = {}): Promise<PlanRow[]> {
  const plans = await q.db
    .select()
    .from(treatmentPlans)
    .where(
      and(
        eq(treatmentPlans.clinicId, q.clinicId),
        q.patientIds ? inArray(treatmentPlans.patientId, [...q.patientIds]) : undefined,
        !options.goalId && q.rowId ? eq(treatmentPlans.id, q.rowId) : undefined,
        options.goalId
          ? sql`exists (select 1 from ${treatmentPlanVersions} v where v.clinic_id = ${treatmentPlans.clinicId}
              and v.plan_id = ${treatmentPlans.id} and v.content -> 'goals' @> ${JSON.stringify([{ id: options.goalId }])}::jsonb)`
          : undefined,
        q.viewer && !q.viewer.staff
          ? sql`(${treatmentPlans.referralId} is not null or exists (select 1 from ${patients} pt
              where pt.clinic_id = ${treatmentPlans.clinicId} and pt.id = ${treatmentPlans.patientId}
              and pt.user_id = ${q.viewer.userId}))`
          : undefined,
      ),
    );
  if (plans.length === 0) return [];
  const versions = await q.db
    .select()
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.clinicId, q.clinicId),
        inArray(
          treatmentPlanVersions.planId,
          plans.map((p) => p.id),
        ),
      ),
    );
  const latest = new Map<string, PlanVersionRow>();
  for (const v of versions) {
    const seen = latest.get(v.planId);
    if (!seen || v.version > seen.version) latest.set(v.planId, v);
  }
  return plans.flatMap((p) => {
    const current = latest.get(p.id);
    return current ? [{ ...p, current }] : [];
  });
}

/** Appointments (with service and room names); completed ones only for encounters. Read once per request. */
export async function loadAppointments(
  q: LoadQuery,
  options: { completedOnly?: boolean; ids?: string[] } = {},
): Promise<AppointmentRow[]> {
  if (options.ids) return readAppointments(q, options.ids);
  const all = await memoised(q, 'appointments', () => readAppointments(q));
  return options.completedOnly ? all.filter((a) => a.status === 'completed') : all;
}

async function readAppointments(q: LoadQuery, ids?: string[]): Promise<AppointmentRow[]> {
  const rows = await q.db
    .select({
      appointment: appointments,
      serviceName: services.name,
      durationMinutes: services.durationMinutes,
      roomName: rooms.name,
    })
    .from(appointments)
    .leftJoin(services, serviceOfAppointment)
    .leftJoin(rooms, and(eq(rooms.clinicId, appointments.clinicId), eq(rooms.id, appointments.roomId)))
    .where(
      and(
        eq(appointments.clinicId, q.clinicId),
        q.patientIds ? inArray(appointments.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(appointments.id, q.rowId) : undefined,
        ids ? inArray(appointments.id, ids) : undefined,
      ),
    );
  return rows.map((r) => ({
    ...r.appointment,
    serviceName: r.serviceName,
    durationMinutes: r.durationMinutes,
    roomName: r.roomName,
  }));
}
