import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { locations, patients, rebookReminders, services } from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { daysBetween, localDate } from '../patients/dates.ts';
import { REBOOK_REMINDER_EVERY_MS, rebookList, rebookReminderSent } from './schemas.ts';

type RebookItem = z.infer<typeof rebookList>['items'][number];

/**
 * Patients to rebook: the newest plan of care of each patient still runs (it ends today or later), has visits
 * left on its referral — on a self-referred plan (no referral), completed visits since its start are counted
 * instead — no signed discharge summary closes it, and nothing is booked from now on. The longest since their
 * last visit come first. One query, so the list costs the same for ten patients or ten thousand.
 */
export async function patientsToRebook(
  db: Executor,
  clinicId: string,
  now: Date,
  today: string,
  onlyPatientId?: string,
): Promise<RebookItem[]> {
  const result = await db.execute(sql`
    with newest as (
      select distinct on (p.patient_id) p.clinic_id, p.id as plan_id, p.patient_id, p.referral_id
      from treatment_plans p
      where p.clinic_id = ${clinicId} ${onlyPatientId ? sql`and p.patient_id = ${onlyPatientId}` : sql``}
      order by p.patient_id, p.id desc
    ), running as (
      select n.*, v.start_date, v.frequency_per_week, v.planned_visits,
             v.start_date + (v.duration_weeks * 7 - 1) as ends_on
      from newest n
      join lateral (
        select * from treatment_plan_versions v
        where v.clinic_id = n.clinic_id and v.plan_id = n.plan_id
        order by v.version desc limit 1
      ) v on true
    )
    select r.patient_id, r.referral_id, r.frequency_per_week, r.ends_on::text as ends_on,
           r.planned_visits - used.visits as visits_left,
           last.start_at as last_visit_at, last.therapist_id as last_therapist_id,
           last.status = 'checked_in' and last.start_at > ${now.toISOString()}::timestamptz - interval '12 hours'
             as in_clinic,
           coalesce(pt.preferred_name, pt.legal_first_name) || ' ' || pt.legal_last_name as patient_name,
           pt.phone,
           case when pt.email is null then 'no_email'
                when (pt.contact_preferences ->> 'reminders') = 'false' then 'opted_out' end as cannot_remind,
           (select max(rr.sent_at) from rebook_reminders rr
            where rr.clinic_id = r.clinic_id and rr.patient_id = r.patient_id) as reminded_at
    from running r
    join patients pt on pt.clinic_id = r.clinic_id and pt.id = r.patient_id and pt.merged_into_id is null
    cross join lateral (
      select case when r.referral_id is not null then (
               select count(*)::int from referral_visits rv
               where rv.clinic_id = r.clinic_id and rv.referral_id = r.referral_id and rv.visit_date >= r.start_date)
             else (
               select count(*)::int from appointments a join clinics c on c.id = a.clinic_id
               where a.clinic_id = r.clinic_id and a.patient_id = r.patient_id and a.status = 'completed'
                 and (a.start_at at time zone c.time_zone)::date >= r.start_date)
             end as visits
    ) used
    left join lateral (
      select a.start_at, a.therapist_id, a.status from appointments a
      where a.clinic_id = r.clinic_id and a.patient_id = r.patient_id and a.status in ('checked_in', 'completed')
      order by a.start_at desc limit 1
    ) last on true
    where r.ends_on >= ${today}::date
      and r.planned_visits > used.visits
      and not exists (
        select 1 from appointments a
        where a.clinic_id = r.clinic_id and a.patient_id = r.patient_id
          and a.status in ('booked', 'confirmed') and a.start_at >= ${now.toISOString()}::timestamptz
      )
      and not exists (
        select 1 from clinical_reports cr
        where cr.clinic_id = r.clinic_id and cr.patient_id = r.patient_id
          and cr.kind = 'discharge_summary' and cr.status = 'signed' and cr.period_end >= r.start_date
      )
    order by last.start_at asc nulls first, patient_name
  `);
  return rowsOf<{
    patient_id: string;
    referral_id: string | null;
    frequency_per_week: number;
    ends_on: string;
    visits_left: number;
    last_visit_at: Date | string | null;
    last_therapist_id: string | null;
    in_clinic: boolean | null;
    patient_name: string;
    phone: string | null;
    cannot_remind: 'no_email' | 'opted_out' | null;
    reminded_at: Date | string | null;
  }>(result).map((r) => ({
    patientId: r.patient_id,
    patientName: r.patient_name,
    phone: r.phone,
    referralId: r.referral_id,
    frequencyPerWeek: Number(r.frequency_per_week),
    planEndsOn: r.ends_on,
    weeksLeft: Math.ceil((daysBetween(today, r.ends_on) + 1) / 7),
    visitsLeft: Number(r.visits_left),
    lastVisitAt: r.last_visit_at === null ? null : new Date(r.last_visit_at).toISOString(),
    lastTherapistId: r.last_therapist_id,
    inClinic: r.in_clinic === true,
    remindedAt: r.reminded_at === null ? null : new Date(r.reminded_at).toISOString(),
    cannotRemind: r.cannot_remind,
  }));
}

export default async function rebookRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/rebook',
    {
      schema: {
        tags: ['Appointments'],
        summary:
          'Patients to rebook: a plan of care still running with visits left, and no appointment booked ahead',
        params: z.object({ clinicId: z.uuid() }),
        response: { 200: rebookList, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'appointments.manage');
      const at = now();
      const items = await patientsToRebook(db, access.clinicId, at, localDate(at, access.clinic.timeZone));
      await request.audit({
        action: 'appointments.rebook.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'rebook',
        ...listedPatients(items.map((i) => i.patientId)),
      });
      return { items };
    },
  );
  app.post(
    '/clinics/:clinicId/rebook/:patientId/reminder',
    {
      schema: {
        tags: ['Appointments'],
        summary:
          'E-mail a patient on the To rebook list that it is time to book their next session (no health details; once a week at most)',
        params: z.object({ clinicId: z.uuid(), patientId: z.uuid() }),
        response: {
          201: rebookReminderSent,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'appointments.manage',
        action: 'appointments.rebook_reminder',
        resourceType: 'patient',
        resourceId: patientId,
      });
      const at = now();
      const listed = (
        await patientsToRebook(db, clinicId, at, localDate(at, access.clinic.timeZone), patientId)
      )[0];
      if (!listed)
        throw new AppError('conflict', 'This patient has a session booked or no plan of care running');
      if (listed.cannotRemind === 'no_email')
        throw new AppError('unprocessable', 'There is no e-mail address on file: please call the patient');
      if (listed.cannotRemind === 'opted_out')
        throw new AppError('unprocessable', 'The patient turned reminders off: please call them instead');

      const [patient] = await db
        .select({ email: patients.email, first: patients.legalFirstName, preferred: patients.preferredName })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
      const [place] = await db
        .select({ phone: locations.phone })
        .from(locations)
        .where(and(eq(locations.clinicId, clinicId), isNotNull(locations.phone)))
        .orderBy(asc(locations.id))
        .limit(1);
      const [online] = await db
        .select({ id: services.id })
        .from(services)
        .where(
          and(
            eq(services.clinicId, clinicId),
            eq(services.onlineBookable, true),
            isNull(services.archivedAt),
          ),
        )
        .limit(1);
      const clinicName = access.clinic.name;
      // No health details: not the plan, the diagnosis or the therapist's notes; only that a session is due.
      const text = [
        `Hello ${patient!.preferred ?? patient!.first},`,
        '',
        `It is time to book your next session at ${clinicName}.`,
        ...(online ? [`Book online: ${app.deps.config.publicUrl}/book?clinicId=${clinicId}`] : []),
        ...(place?.phone ? [`${online ? 'Or call' : 'Call'} us: ${place.phone}`] : []),
        '',
        'If you have booked already, or no longer need to, please ignore this message.',
      ].join('\n');
      // Record the reminder before sending it, holding the patient's row, so that two colleagues clicking at
      // once cannot both pass the once-a-week check.
      const outboxId = uuidv7();
      const recorded = await db.transaction(async (tx) => {
        await tx
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
          .for('update');
        const [recent] = await tx
          .select({ id: rebookReminders.id })
          .from(rebookReminders)
          .where(
            and(
              eq(rebookReminders.clinicId, clinicId),
              eq(rebookReminders.patientId, patientId),
              gt(rebookReminders.sentAt, new Date(at.getTime() - REBOOK_REMINDER_EVERY_MS)),
            ),
          )
          .limit(1);
        if (recent) return false;
        await tx.insert(rebookReminders).values({
          clinicId,
          id: uuidv7(),
          patientId,
          sentBy: access.principal.userId,
          outboxId,
          sentAt: at,
        });
        return true;
      });
      if (!recorded) throw new AppError('conflict', 'A reminder was sent less than a week ago');
      const sent = await app.deps.mailer.send({
        id: outboxId,
        clinicId,
        to: patient!.email!,
        subject: `Time to book your next session at ${clinicName}`,
        text,
      });
      return reply.status(201).send({ sentAt: at.toISOString(), delivered: sent.delivered });
    },
  );
}
