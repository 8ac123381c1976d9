import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import { type Executor, rowsOf, type Transaction } from '../../db/connection.ts';
import {
  appointments,
  clinics,
  type EmailAttachment,
  emailOutbox,
  LIVE_STATUSES,
  locations,
  patients,
  users,
} from '../../db/schema/index.ts';
import { formatCents } from '../../domain/billing/money.ts';
import { cancellationPolicy } from '../../domain/scheduling/index.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { deliverOutboxEmail } from '../../platform/email.ts';
import { createIntakeLink } from '../intake/link.ts';
import { patientsWithIntake } from '../intake/service.ts';
import { localDateTimeLongText } from '../patients/dates.ts';
import { loadSettings } from './engine-input.ts';
import { buildCalendar } from './ics.ts';
import type { JobHandler, JobResult, JobRow, NewJob } from './jobs.ts';

/**
 * Confirmation and reminder e-mails, sent by the job queue. The e-mail is written to the outbox in the job's
 * transaction (so it exists exactly once); when SMTP is configured it is delivered after commit, with the
 * `.ics` invitation attached to confirmations. No health data: no service name, no notes — the date, time,
 * place, what to bring and the clinic's general self-care tips.
 */

const transports = new Map<string, Transporter>();
/** One SMTP transport per URL, shared by the queue's e-mails (closed with the worker). */
export function transportFor(smtpUrl: string): Transporter {
  let t = transports.get(smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, t);
  }
  return t;
}

export function closeReminderTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}

const LIVE = new Set<string>(LIVE_STATUSES);

async function appointmentEmail(deps: AppDeps, tx: Transaction, job: JobRow, now: Date) {
  const payload = job.payload as { appointmentId: string; start: string; offsetMinutes?: number };
  const [found] = await tx
    .select({
      appointment: appointments,
      clinic: clinics,
      location: locations,
      email: patients.email,
      phone: patients.phone,
      contactPreferences: patients.contactPreferences,
      portalUserId: patients.userId,
      preferredName: patients.preferredName,
      firstName: patients.legalFirstName,
    })
    .from(appointments)
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .innerJoin(
      locations,
      and(eq(locations.clinicId, appointments.clinicId), eq(locations.id, appointments.locationId)),
    )
    .innerJoin(
      patients,
      and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)),
    )
    .where(and(eq(appointments.clinicId, job.clinicId ?? ''), eq(appointments.id, payload.appointmentId)));
  if (!found?.email) return { status: 'skipped' as const };
  const a = found.appointment;
  const notice = noticeOf(job.kind, a);
  // Moved or cancelled since the job was queued, or already under way: nothing to send.
  if (a.startAt.toISOString() !== payload.start || a.startAt <= now) return { status: 'skipped' as const };
  if (notice === 'cancellation' ? a.status !== 'cancelled' || a.rescheduledTo : !LIVE.has(a.status))
    return { status: 'skipped' as const };
  if (notice === 'reminder' && a.status !== 'booked' && a.status !== 'confirmed') {
    return { status: 'skipped' as const };
  }
  // A patient who asked for no reminders gets none (confirmations and cancellations still go: they are the
  // booking).
  if (notice === 'reminder' && found.contactPreferences?.reminders === false)
    return { status: 'skipped' as const };
  const settings = await loadSettings(tx, a.clinicId);
  const timeZone = found.clinic.timeZone;
  const when = localDateTimeLongText(a.startAt, timeZone);
  const minutes = Math.round((a.endAt.getTime() - a.startAt.getTime()) / 60_000);
  const address = siteLine(found.location);
  const appointmentUrl = `${deps.config.publicUrl}/clinics/${a.clinicId}/appointments/${a.id}`;
  const invitation = notice === 'reminder' ? null : await calendarIdentity(tx, a);
  const clinicName = found.clinic.name;
  const greeting = [`Hello ${found.preferredName ?? found.firstName},`, ''];
  let subject: string;
  let lines: string[];
  if (notice === 'cancellation') {
    subject = `Your appointment at ${clinicName} is cancelled`;
    // A fee waived (at the cancellation or since) is not owed: not mentioned.
    const fee = a.missedFeeCents && !a.feeWaivedAt ? formatCents(a.missedFeeCents) : null;
    lines = [
      ...greeting,
      // Who cancelled, never why: the reason may be about health (the patient's or the therapist's).
      a.cancelledByRole === 'patient'
        ? `Your appointment on ${when} at ${found.location.name} is cancelled at your request.`
        : `Your appointment on ${when} at ${found.location.name} is cancelled by the clinic. We are sorry for the change.`,
      ...(fee
        ? [`It was cancelled within the clinic's late-cancellation window, so a fee of ${fee} applies.`]
        : []),
      '',
      `To book another time: ${deps.config.publicUrl}/book?clinicId=${a.clinicId}`,
      ...(found.location.phone ? [`Or call us: ${found.location.phone}.`] : []),
      '',
      'A calendar update (.ics) is attached: it removes the appointment from your calendar.',
    ];
  } else {
    const intakeUrl = await unfinishedIntakeUrl(deps, tx, {
      clinicId: a.clinicId,
      patientId: a.patientId,
      portalUserId: found.portalUserId,
      email: found.email,
      bookedBy: a.bookedBy,
      now,
    });
    const policy = cancellationPolicy(settings.lateCancellationHours, settings);
    subject = {
      confirmation: `Your appointment at ${clinicName} is booked`,
      moved: `Your appointment at ${clinicName} has moved`,
      reminder: `Reminder: your appointment at ${clinicName}`,
    }[notice];
    lines = [
      ...greeting,
      {
        confirmation: 'Your appointment is booked:',
        moved: 'Your appointment has moved to a new time:',
        reminder: 'A reminder of your appointment:',
      }[notice],
      `${when}, ${minutes} minutes.`,
      ...(notice === 'moved' && invitation?.replacedStart
        ? [`It replaces the time you had on ${localDateTimeLongText(invitation.replacedStart, timeZone)}.`]
        : []),
      `Where: ${address}.`,
      ...(found.location.phone ? [`Phone: ${found.location.phone}.`] : []),
      '',
      ...(policy ? [policy, ''] : []),
      ...(settings.whatToBring ? ['What to bring:', settings.whatToBring, ''] : []),
      ...(settings.selfCareTips ? ['Self-care:', settings.selfCareTips, ''] : []),
      ...(intakeUrl ? ['Please fill in your health questionnaire before the visit:', intakeUrl, ''] : []),
      `See, confirm or change it: ${appointmentUrl}`,
      ...(notice === 'reminder'
        ? []
        : [
            '',
            notice === 'moved'
              ? 'A calendar update (.ics) is attached: it moves the appointment in your calendar.'
              : 'A calendar invitation (.ics) is attached.',
          ]),
    ];
  }
  const text = lines.join('\n');
  // Kept with the message in the outbox, so it travels with it whenever it is delivered.
  const attachments = invitation
    ? [
        {
          filename: 'appointment.ics',
          contentType: `text/calendar; method=${notice === 'cancellation' ? 'CANCEL' : 'REQUEST'}; charset=utf-8`,
          content: buildCalendar({
            name: clinicName,
            timeZone,
            method: notice === 'cancellation' ? 'cancel' : 'request',
            now,
            events: [
              {
                id: invitation.uid,
                sequence: invitation.sequence,
                start: a.startAt,
                end: a.endAt,
                summary: `Appointment at ${clinicName}`,
                location: address,
                cancelled: notice === 'cancellation',
              },
            ],
          }),
        },
      ]
    : null;
  const smsWhen = localDateTimeLongText(a.startAt, timeZone, { withYear: false, short: true });
  return sendPatientNotice(deps, tx, {
    clinicId: a.clinicId,
    patient: { email: found.email, phone: found.phone, contactPreferences: found.contactPreferences },
    email: { subject, text, attachments: attachments ?? undefined },
    smsText: `${clinicName}: ${SMS_WORD[notice]} ${smsWhen}, ${found.location.name}. ${notice === 'cancellation' ? `${deps.config.publicUrl}/book?clinicId=${a.clinicId}` : appointmentUrl}`,
    now,
  });
}

/**
 * A notice to a patient: the e-mail written to the outbox in the job's transaction, then after commit a text
 * message when the patient prefers texts (a failing SMS provider never undoes or blocks the e-mail) and the
 * e-mail delivered when SMTP is configured.
 */
async function sendPatientNotice(
  deps: AppDeps,
  tx: Transaction,
  n: {
    clinicId: string;
    patient: { email: string; phone: string | null; contactPreferences: { channel?: string } | null };
    email: { subject: string; text: string; attachments?: EmailAttachment[] };
    smsText: string;
    now: Date;
  },
): Promise<JobResult> {
  const outboxId = uuidv7();
  const { subject, text, attachments } = n.email;
  await tx.insert(emailOutbox).values({
    id: outboxId,
    clinicId: n.clinicId,
    toAddress: n.patient.email,
    subject,
    textBody: text,
    attachments: attachments ?? null,
    createdAt: n.now,
  });
  const smtpUrl = deps.config.smtpUrl;
  const sms = deps.sms;
  const smsTo = n.patient.contactPreferences?.channel === 'sms' && sms ? n.patient.phone : null;
  const sendSms = smsTo
    ? () => sms!.send({ to: smsTo, text: n.smsText, clinicId: n.clinicId }).catch(() => undefined)
    : undefined;
  return {
    status: 'done',
    after: smtpUrl
      ? async () => {
          await sendSms?.();
          await deliverOutboxEmail(deps.db, transportFor(smtpUrl), deps.config.mailFrom, {
            id: outboxId,
            to: n.patient.email,
            subject,
            text,
            attachments,
          });
        }
      : sendSms,
  };
}

/** A site as the patient is told it: "Harbor Downtown, 1650 India St, Suite 200, San Diego, CA 92101". */
function siteLine(site: typeof locations.$inferSelect): string {
  return [site.name, site.addressLine1, site.addressLine2, `${site.city}, ${site.region} ${site.postalCode}`]
    .filter(Boolean)
    .join(', ');
}

/**
 * The one confirmation of a series: every date and time still booked (a date moved since is listed at its new
 * time, one cancelled since is left out), where and with whom, and ONE invitation (.ics) holding an event for
 * each, named as each appointment's own later updates (a move, a cancellation) name it. Reminders stay per
 * appointment. Like the single confirmation: the intake link if unfinished, the clinic's rules and tips, no
 * service name or other health detail.
 */
async function seriesConfirmationEmail(
  deps: AppDeps,
  tx: Transaction,
  job: JobRow,
  now: Date,
): Promise<JobResult> {
  const payload = job.payload as { seriesId: string; patientId: string };
  const clinicId = job.clinicId ?? '';
  const [patient] = await tx
    .select({
      clinic: clinics,
      email: patients.email,
      phone: patients.phone,
      contactPreferences: patients.contactPreferences,
      portalUserId: patients.userId,
      preferredName: patients.preferredName,
      firstName: patients.legalFirstName,
    })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, payload.patientId)));
  if (!patient?.email) return { status: 'skipped' };
  const rows = await tx
    .select({ appointment: appointments, location: locations, therapistName: users.displayName })
    .from(appointments)
    .innerJoin(
      locations,
      and(eq(locations.clinicId, appointments.clinicId), eq(locations.id, appointments.locationId)),
    )
    .innerJoin(users, eq(users.id, appointments.therapistId))
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.seriesId, payload.seriesId),
        eq(appointments.patientId, payload.patientId),
        inArray(appointments.status, [...LIVE_STATUSES]),
        gt(appointments.startAt, now),
      ),
    )
    .orderBy(asc(appointments.startAt));
  // All cancelled or past since the series was booked: nothing to confirm.
  if (rows.length === 0) return { status: 'skipped' };
  const first = rows[0]!;
  const settings = await loadSettings(tx, clinicId);
  const timeZone = patient.clinic.timeZone;
  const clinicName = patient.clinic.name;
  const sites = [...new Map(rows.map((r) => [r.location.id, r.location])).values()];
  const oneSite = sites.length === 1;
  const count = rows.length;
  const dates = rows.map(({ appointment: a, location, therapistName }) => {
    const minutes = Math.round((a.endAt.getTime() - a.startAt.getTime()) / 60_000);
    const where = oneSite ? '' : ` at ${location.name}`;
    return `- ${localDateTimeLongText(a.startAt, timeZone)}, ${minutes} minutes, with ${therapistName}${where}.`;
  });
  const intakeUrl = await unfinishedIntakeUrl(deps, tx, {
    clinicId,
    patientId: payload.patientId,
    portalUserId: patient.portalUserId,
    email: patient.email,
    bookedBy: first.appointment.bookedBy,
    now,
  });
  const policy = cancellationPolicy(settings.lateCancellationHours, settings);
  const listUrl = `${deps.config.publicUrl}/appointments`;
  const subject =
    count === 1
      ? `Your appointment at ${clinicName} is booked`
      : `Your ${count} appointments at ${clinicName} are booked`;
  const lines = [
    `Hello ${patient.preferredName ?? patient.firstName},`,
    '',
    count === 1 ? 'Your appointment is booked:' : `Your ${count} appointments are booked:`,
    ...dates,
    '',
    ...(oneSite
      ? [
          `Where: ${siteLine(first.location)}.`,
          ...(first.location.phone ? [`Phone: ${first.location.phone}.`] : []),
        ]
      : [
          'Where:',
          ...sites.map((site) => `${siteLine(site)}.${site.phone ? ` Phone: ${site.phone}.` : ''}`),
        ]),
    '',
    ...(policy ? [policy, ''] : []),
    ...(settings.whatToBring ? ['What to bring:', settings.whatToBring, ''] : []),
    ...(settings.selfCareTips ? ['Self-care:', settings.selfCareTips, ''] : []),
    ...(intakeUrl ? ['Please fill in your health questionnaire before the first visit:', intakeUrl, ''] : []),
    `See, confirm or change them: ${listUrl}`,
    '',
    count === 1
      ? 'A calendar invitation (.ics) is attached.'
      : `A calendar invitation (.ics) with all ${count} appointments is attached.`,
  ];
  const events = [];
  for (const { appointment: a, location } of rows) {
    const identity = await calendarIdentity(tx, a);
    events.push({
      id: identity.uid,
      sequence: identity.sequence,
      start: a.startAt,
      end: a.endAt,
      summary: `Appointment at ${clinicName}`,
      location: siteLine(location),
    });
  }
  const attachments = [
    {
      filename: 'appointments.ics',
      contentType: 'text/calendar; method=REQUEST; charset=utf-8',
      content: buildCalendar({ name: clinicName, timeZone, method: 'request', now, events }),
    },
  ];
  const text = lines.join('\n');
  const smsFirst = localDateTimeLongText(first.appointment.startAt, timeZone, {
    withYear: false,
    short: true,
  });
  return sendPatientNotice(deps, tx, {
    clinicId,
    patient: { email: patient.email, phone: patient.phone, contactPreferences: patient.contactPreferences },
    email: { subject, text, attachments },
    smsText:
      count === 1
        ? `${clinicName}: booked ${smsFirst}, ${first.location.name}. ${listUrl}`
        : `${clinicName}: ${count} appointments booked, the first ${smsFirst}, ${first.location.name}. ${listUrl}`,
    now,
  });
}

/**
 * Where the patient fills in their questionnaire when no submitted one exists yet: the portal for a patient
 * with an account, else a fresh personal link (its token only ever travels in this e-mail).
 */
async function unfinishedIntakeUrl(
  deps: AppDeps,
  tx: Transaction,
  p: {
    clinicId: string;
    patientId: string;
    portalUserId: string | null;
    email: string;
    bookedBy: string;
    now: Date;
  },
): Promise<string | null> {
  if ((await patientsWithIntake(tx, p.clinicId, [p.patientId])).size > 0) return null;
  if (p.portalUserId) return `${deps.config.publicUrl}/intake`;
  const { token } = await createIntakeLink(tx, {
    clinicId: p.clinicId,
    patientId: p.patientId,
    sentTo: p.email,
    actorUserId: p.bookedBy,
    now: p.now,
    replaceEarlier: false,
  });
  return `${deps.config.publicUrl}/intake/${token}`;
}

type Notice = 'confirmation' | 'moved' | 'reminder' | 'cancellation';

const SMS_WORD: Record<Notice, string> = {
  confirmation: 'booked',
  moved: 'moved to',
  reminder: 'reminder',
  cancellation: 'cancelled',
};

/** A confirmation of a time that replaces another (a reschedule) tells the patient it moved. */
function noticeOf(kind: string, a: { rescheduledFrom: string | null }): Notice {
  if (kind === 'appointment.cancellation') return 'cancellation';
  if (kind === 'appointment.reminder') return 'reminder';
  return a.rescheduledFrom ? 'moved' : 'confirmation';
}

/**
 * How an appointment appears in the patient's calendar: one event through every move, named by the first
 * booking's id, its sequence raised by each move and by a cancellation (RFC 5546), so a calendar that holds
 * the first invitation moves or removes that event. Also the time it replaced, when it was moved.
 */
export async function calendarIdentity(
  tx: Executor,
  row: { clinicId: string; id: string; status: string; rescheduledTo: string | null },
) {
  const result = await tx.execute(sql`with recursive chain(id, rescheduled_from, start_ms, depth) as (
      select id, rescheduled_from, extract(epoch from start_at) * 1000, 0
      from ${appointments} where clinic_id = ${row.clinicId} and id = ${row.id}
      union all
      select a.id, a.rescheduled_from, extract(epoch from a.start_at) * 1000, c.depth + 1
      from ${appointments} a join chain c on a.clinic_id = ${row.clinicId} and a.id = c.rescheduled_from
    ) select id, start_ms::float8 as "startMs" from chain order by depth`);
  const chain = rowsOf<{ id: string; startMs: number }>(result);
  const cancelled = row.status === 'cancelled' && !row.rescheduledTo;
  const replaced = chain[1];
  return {
    uid: chain.at(-1)?.id ?? row.id,
    sequence: Math.max(chain.length - 1, 0) + (cancelled ? 1 : 0),
    replacedStart: replaced ? new Date(Number(replaced.startMs)) : null,
  };
}

export function reminderHandlers(deps: AppDeps): Record<string, JobHandler> {
  const handler: JobHandler = (tx, job, now) => appointmentEmail(deps, tx, job, now);
  return {
    'appointment.confirmation': handler,
    'appointment.reminder': handler,
    'appointment.cancellation': handler,
    'appointment.series_confirmation': (tx, job, now) => seriesConfirmationEmail(deps, tx, job, now),
  };
}

/**
 * The one confirmation of a booked series (queued in the booking's transaction, instead of one per appointment):
 * once per series, whatever happens to the queue.
 */
export function seriesConfirmationJob(
  series: { clinicId: string; id: string; patientId: string },
  now: Date,
): NewJob {
  return {
    clinicId: series.clinicId,
    kind: 'appointment.series_confirmation',
    dedupeKey: `series-confirmation:${series.id}`,
    runAt: now,
    payload: { seriesId: series.id, patientId: series.patientId },
  };
}

/** The job that tells the patient their appointment is cancelled (queued in the cancellation's transaction). */
export function cancellationJob(row: { clinicId: string; id: string; startAt: Date }, now: Date): NewJob {
  return {
    clinicId: row.clinicId,
    kind: 'appointment.cancellation',
    dedupeKey: `cancellation:${row.id}`,
    runAt: now,
    payload: { appointmentId: row.id, start: row.startAt.toISOString() },
  };
}
