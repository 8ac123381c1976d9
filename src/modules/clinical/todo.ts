/**
 * The therapist's to-do list: urgent red flags a patient reported on their intake (first), their notes unsigned
 * for more than 24 hours, their past visits without a note, re-evaluations and progress reports due, plans
 * needing (re)certification, plans a physician asked to change.
 * Each item carries the web page
 * that resolves it (`href`), so every screen opens the same one.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { appointments, patients, sessionNotes, treatmentPlans } from '../../db/schema/index.ts';
import { CONDITION_LABELS, type ConditionCode } from '../../domain/safety/codes.ts';
import { URGENT_CONDITIONS, URGENT_SHORT_NAMES } from '../../domain/safety/urgent.ts';
import { daysBetween, dayText, localDate } from '../patients/dates.ts';
import { openChangeRequests } from '../plans/service.ts';
import { planReminders } from './reminders.ts';
import type { todoItem } from './schemas.ts';

type TodoItem = z.infer<typeof todoItem>;

export async function todoOf(
  db: Executor,
  input: { clinicId: string; userId: string; now: Date; timeZone: string },
): Promise<TodoItem[]> {
  const { clinicId, userId: me, now: at, timeZone } = input;
  const today = localDate(at, timeZone);
  const items: TodoItem[] = [];
  const urgent = await urgentRedFlags(db, { clinicId, therapistId: me, timeZone });
  for (const u of urgent)
    items.push({
      kind: 'urgent_red_flag',
      patientId: u.patientId,
      patientName: '',
      resourceType: 'intake',
      resourceId: u.intakeId,
      dueOn: null,
      since: u.submittedAt.toISOString(),
      // Completed with the patient's name below.
      message: `reported ${u.codes.map((c) => URGENT_SHORT_NAMES[c] ?? CONDITION_LABELS[c as ConditionCode] ?? c).join(' and ')} on their intake of ${dayText(localDate(u.submittedAt, timeZone))}: refer to a physician now, do not treat`,
      href: `/patients/${u.patientId}`,
    });
  const drafts = await db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        eq(sessionNotes.authorId, me),
        eq(sessionNotes.status, 'draft'),
        lt(sessionNotes.createdAt, new Date(at.getTime() - 24 * 3_600_000)),
      ),
    )
    .orderBy(asc(sessionNotes.createdAt));
  for (const d of drafts)
    items.push({
      kind: 'unsigned_note',
      patientId: d.patientId,
      patientName: '',
      resourceType: 'session_note',
      resourceId: d.id,
      dueOn: null,
      since: d.createdAt.toISOString(),
      message: `Note of ${dayText(d.visitDate)} unsigned for ${Math.floor((at.getTime() - d.createdAt.getTime()) / 3_600_000)} hours`,
      href: `/patients/${d.patientId}/notes/${d.id}`,
    });

  for (const visit of await undocumentedVisits(db, { clinicId, therapistId: me, today, timeZone })) {
    const day = localDate(visit.startAt, timeZone);
    const days = daysBetween(day, today);
    items.push({
      kind: 'undocumented_visit',
      patientId: visit.patientId,
      patientName: '',
      resourceType: 'appointment',
      resourceId: visit.id,
      dueOn: null,
      since: visit.startAt.toISOString(),
      message: `Visit on ${dayText(day)} has no note (${days === 1 ? 'yesterday' : `${days} days ago`})`,
      href: `/patients/${visit.patientId}/notes/new?appointmentId=${visit.id}`,
    });
  }

  const plans = await db
    .select()
    .from(treatmentPlans)
    .where(
      and(
        eq(treatmentPlans.clinicId, clinicId),
        or(
          eq(treatmentPlans.createdBy, me),
          sql`exists (select 1 from session_notes n where n.clinic_id = ${treatmentPlans.clinicId} and n.patient_id = ${treatmentPlans.patientId} and n.author_id = ${me})`,
        ),
      ),
    )
    .orderBy(desc(treatmentPlans.id));
  const seen = new Set<string>();
  const newest = plans.filter((plan) => {
    if (seen.has(plan.patientId)) return false; // the newest plan of each patient
    seen.add(plan.patientId);
    return true;
  });
  const changesAsked = await openChangeRequests(
    db,
    clinicId,
    newest.map((p) => p.id),
  );
  for (const plan of newest) {
    const patient = `/patients/${plan.patientId}`;
    // The newest answer per plan: a new version closes them all.
    const asked = changesAsked.find((r) => r.planId === plan.id);
    if (asked)
      items.push({
        kind: 'plan_changes_requested',
        patientId: plan.patientId,
        patientName: '',
        resourceType: 'treatment_plan',
        resourceId: plan.id,
        dueOn: null,
        since: asked.requestedAt,
        message: `${asked.physician.name} asked for changes to plan version ${asked.version} on ${dayText(localDate(new Date(asked.requestedAt), timeZone))}`,
        href: `${patient}/plan`,
      });
    for (const r of await planReminders(db, plan, today, timeZone)) {
      const kind =
        r.kind === 're_evaluation_due' || r.kind === 'progress_report_due'
          ? r.kind
          : r.kind === 'recertification_due' || r.kind === 'certification_due'
            ? 'recertification_due'
            : null;
      if (!kind) continue;
      items.push({
        kind,
        patientId: plan.patientId,
        patientName: '',
        resourceType: 'treatment_plan',
        resourceId: plan.id,
        dueOn: r.dueOn,
        since: null,
        message: r.message,
        href:
          kind === 'progress_report_due'
            ? `${patient}/reports?new=progress_report${plan.referralId ? `&referralId=${plan.referralId}` : ''}`
            : kind === 're_evaluation_due'
              ? `${patient}/assessments/new?kind=re_evaluation`
              : `${patient}/plan`,
      });
    }
  }

  const patientIds = [...new Set(items.map((i) => i.patientId))];
  const names = new Map<string, string>();
  if (patientIds.length > 0) {
    const rows = await db
      .select({
        id: patients.id,
        first: patients.legalFirstName,
        preferred: patients.preferredName,
        last: patients.legalLastName,
      })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds)));
    for (const p of rows) names.set(p.id, `${p.preferred ?? p.first} ${p.last}`);
  }
  return items.map((i) => {
    const patientName = names.get(i.patientId) ?? '';
    return i.kind === 'urgent_red_flag'
      ? { ...i, patientName, message: `${patientName || 'A patient'} ${i.message}` }
      : { ...i, patientName };
  });
}

/**
 * The patients with an emergency red flag (`URGENT_CONDITIONS`, e.g. cauda equina signs) that no one has acted
 * on yet, for one therapist. The rule, kept simple:
 * - the patient's latest submitted health history answers "yes" to a red flag (an old-format item without
 *   `answer` is a "yes"); a later version answering "no" ends it;
 * - no signed session note and no signed evaluation (initial, re-evaluation or progress report) of the patient,
 *   by anyone, documents a visit since the report: signed after that version was submitted AND dated (the note's
 *   visit date, the evaluation's date) on or after the day it was submitted, in the clinic's time zone. Such a
 *   record is taken as the therapist having seen the patient about it (the chart's safety flags say "refer to a
 *   physician now"). A record of an earlier visit signed late (an old draft) does not: no one saw the patient
 *   since the report;
 * - the therapist is one of the patient's: they have a live appointment with the patient (past or future) or
 *   wrote a note or evaluation for them; a patient no therapist is linked to yet goes to every therapist, so a
 *   red flag on an intake sent before any booking still reaches someone.
 */
async function urgentRedFlags(db: Executor, p: { clinicId: string; therapistId: string; timeZone: string }) {
  const codes = sql.join(
    URGENT_CONDITIONS.map((c) => sql`${c}`),
    sql`, `,
  );
  const rows = rowsOf<{
    intake_id: string;
    patient_id: string;
    submitted_at: string | Date;
    codes: string[];
  }>(
    await db.execute(sql`
      with latest as (
        select distinct on (r.patient_id) r.id, r.patient_id, r.submitted_at, r.answers
          from intake_responses r
         where r.clinic_id = ${p.clinicId} and r.status = 'submitted'
         order by r.patient_id, r.submitted_at desc, r.version desc
      ), flagged as (
        select l.id, l.patient_id, l.submitted_at,
               array(select distinct c->>'code'
                       from jsonb_array_elements(coalesce(l.answers->'conditions', '[]'::jsonb)) c
                      where jsonb_typeof(c) = 'object' and c->>'code' in (${codes})
                        and coalesce(c->>'answer', 'yes') <> 'no'
                      order by 1) as codes
          from latest l
      )
      select f.id as intake_id, f.patient_id, f.submitted_at, f.codes
        from flagged f
       where cardinality(f.codes) > 0
         and not exists (select 1 from session_notes n
                          where n.clinic_id = ${p.clinicId} and n.patient_id = f.patient_id
                            and n.status = 'signed' and n.signed_at > f.submitted_at
                            and n.visit_date >= (f.submitted_at at time zone ${p.timeZone})::date)
         and not exists (select 1 from assessments a
                          where a.clinic_id = ${p.clinicId} and a.patient_id = f.patient_id
                            and a.status = 'signed' and a.signed_at > f.submitted_at
                            and a.assessed_on >= (f.submitted_at at time zone ${p.timeZone})::date)
         and (
           exists (select 1 from appointments ap
                    where ap.clinic_id = ${p.clinicId} and ap.patient_id = f.patient_id
                      and ap.therapist_id = ${p.therapistId}
                      and ap.status in ('booked', 'confirmed', 'checked_in', 'completed'))
           or exists (select 1 from session_notes n
                       where n.clinic_id = ${p.clinicId} and n.patient_id = f.patient_id
                         and n.author_id = ${p.therapistId})
           or exists (select 1 from assessments a
                       where a.clinic_id = ${p.clinicId} and a.patient_id = f.patient_id
                         and a.author_id = ${p.therapistId})
           or (not exists (select 1 from appointments ap
                            where ap.clinic_id = ${p.clinicId} and ap.patient_id = f.patient_id
                              and ap.therapist_id is not null
                              and ap.status in ('booked', 'confirmed', 'checked_in', 'completed'))
               and not exists (select 1 from session_notes n
                                where n.clinic_id = ${p.clinicId} and n.patient_id = f.patient_id)
               and not exists (select 1 from assessments a
                                where a.clinic_id = ${p.clinicId} and a.patient_id = f.patient_id))
         )
       order by f.submitted_at`),
  );
  return rows.map((r) => ({
    intakeId: r.intake_id,
    patientId: r.patient_id,
    submittedAt: new Date(r.submitted_at),
    codes: r.codes,
  }));
}

/**
 * The therapist's visits of an earlier day (today's are on Home) that took place (completed, or checked in and
 * never completed) and have no note: none linked to the appointment, and none of the patient's unlinked notes
 * dated that day, which documents that day's session as the chart counts visits. The last 90 days, oldest first.
 */
const UNDOCUMENTED_LOOK_BACK_DAYS = 90;

async function undocumentedVisits(
  db: Executor,
  p: { clinicId: string; therapistId: string; today: string; timeZone: string },
) {
  const startOfToday = DateTime.fromISO(p.today, { zone: p.timeZone });
  // A quarter back: long enough for a note written late, short enough that years of history from before
  // Palpa (visits imported or recorded without notes) do not bury the list.
  const lookBack = startOfToday.minus({ days: UNDOCUMENTED_LOOK_BACK_DAYS }).toJSDate();
  return db
    .select({ id: appointments.id, patientId: appointments.patientId, startAt: appointments.startAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, p.clinicId),
        eq(appointments.therapistId, p.therapistId),
        lt(appointments.startAt, startOfToday.toJSDate()),
        gte(appointments.startAt, lookBack),
        inArray(appointments.status, ['completed', 'checked_in']),
        isNull(appointments.sessionNoteId),
        sql`not exists (select 1 from session_notes n where n.clinic_id = ${appointments.clinicId} and n.patient_id = ${appointments.patientId} and (n.appointment_id = ${appointments.id} or (n.appointment_id is null and n.visit_date = (${appointments.startAt} at time zone ${p.timeZone})::date)))`,
      ),
    )
    .orderBy(asc(appointments.startAt));
}
