import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { Transaction } from '../../db/connection.ts';
import {
  appointments,
  clinics,
  emailOutbox,
  LIVE_STATUSES,
  locations,
  patients,
} from '../../db/schema/index.ts';
import { cancellationPolicy } from '../../domain/scheduling/index.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { mailAttachments } from '../../platform/email.ts';
import { createIntakeLink } from '../intake/link.ts';
import { patientsWithIntake } from '../intake/service.ts';
import { localDateTimeLongText } from '../patients/dates.ts';
import { loadSettings } from './engine-input.ts';
import { buildCalendar } from './ics.ts';
import type { JobHandler, JobRow } from './jobs.ts';

/**
 * Confirmation and reminder e-mails, sent by the job queue. The e-mail is written to the outbox in the job's
 * transaction (so it exists exactly once); when SMTP is configured it is delivered after commit, with the
 * `.ics` invitation attached to confirmations. No health data: no service name, no notes — the date, time,
 * place, what to bring and the clinic's general self-care tips.
 */

const transports = new Map<string, Transporter>();
function transportFor(smtpUrl: string): Transporter {
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
  if (!found) return { status: 'skipped' as const };
  const a = found.appointment;
  // Moved or cancelled since the job was queued, or already under way: nothing to send.
  if (!LIVE.has(a.status) || a.startAt.toISOString() !== payload.start || !found.email)
    return { status: 'skipped' as const };
  if (job.kind === 'appointment.reminder' && a.status !== 'booked' && a.status !== 'confirmed') {
    return { status: 'skipped' as const };
  }
  // A patient who asked for no reminders gets none (the booking confirmation still goes: it is the booking).
  if (job.kind === 'appointment.reminder' && found.contactPreferences?.reminders === false)
    return { status: 'skipped' as const };
  if (a.startAt <= now) return { status: 'skipped' as const };
  const settings = await loadSettings(tx, a.clinicId);
  const when = localDateTimeLongText(a.startAt, found.clinic.timeZone);
  const minutes = Math.round((a.endAt.getTime() - a.startAt.getTime()) / 60_000);
  const address = [
    found.location.name,
    found.location.addressLine1,
    found.location.addressLine2,
    `${found.location.city}, ${found.location.region} ${found.location.postalCode}`,
  ]
    .filter(Boolean)
    .join(', ');
  const isConfirmation = job.kind === 'appointment.confirmation';
  const intakeUrl = await unfinishedIntakeUrl(deps, tx, {
    clinicId: a.clinicId,
    patientId: a.patientId,
    portalUserId: found.portalUserId,
    email: found.email,
    bookedBy: a.bookedBy,
    now,
  });
  const policy = cancellationPolicy(settings.lateCancellationHours, settings);
  const subject = isConfirmation
    ? `Your appointment at ${found.clinic.name} is booked`
    : `Reminder: your appointment at ${found.clinic.name}`;
  const text = [
    `Hello ${found.preferredName ?? found.firstName},`,
    '',
    isConfirmation ? 'Your appointment is booked:' : 'A reminder of your appointment:',
    `${when}, ${minutes} minutes.`,
    `Where: ${address}.`,
    ...(found.location.phone ? [`Phone: ${found.location.phone}.`] : []),
    '',
    ...(policy ? [policy, ''] : []),
    ...(settings.whatToBring ? ['What to bring:', settings.whatToBring, ''] : []),
    ...(settings.selfCareTips ? ['Self-care:', settings.selfCareTips, ''] : []),
    ...(intakeUrl ? ['Please fill in your health questionnaire before the visit:', intakeUrl, ''] : []),
    `See, confirm or change it: ${deps.config.publicUrl}/clinics/${a.clinicId}/appointments/${a.id}`,
    ...(isConfirmation ? ['', 'A calendar invitation (.ics) is attached.'] : []),
  ].join('\n');
  // Kept with the message in the outbox, so it travels with it whenever it is delivered.
  const attachments = isConfirmation
    ? [
        {
          filename: 'appointment.ics',
          contentType: 'text/calendar; method=REQUEST; charset=utf-8',
          content: buildCalendar({
            name: found.clinic.name,
            timeZone: found.clinic.timeZone,
            method: 'request',
            now,
            events: [
              {
                id: a.id,
                start: a.startAt,
                end: a.endAt,
                summary: `Appointment at ${found.clinic.name}`,
                location: address,
              },
            ],
          }),
        },
      ]
    : null;
  const outboxId = uuidv7();
  await tx.insert(emailOutbox).values({
    id: outboxId,
    clinicId: a.clinicId,
    toAddress: found.email,
    subject,
    textBody: text,
    attachments,
    createdAt: now,
  });
  const smtpUrl = deps.config.smtpUrl;
  const to = found.email;
  const sms = deps.sms;
  const smsTo = found.contactPreferences?.channel === 'sms' && sms ? found.phone : null;
  const smsText = `${found.clinic.name}: ${isConfirmation ? 'booked' : 'reminder'} ${localDateTimeLongText(a.startAt, found.clinic.timeZone, { withYear: false, short: true })}, ${found.location.name}. ${deps.config.publicUrl}/clinics/${a.clinicId}/appointments/${a.id}`;
  // After commit, like the e-mail: a failing SMS provider never undoes or blocks the e-mail.
  const sendSms = smsTo
    ? () => sms!.send({ to: smsTo, text: smsText, clinicId: a.clinicId }).catch(() => undefined)
    : undefined;
  return {
    status: 'done' as const,
    after: smtpUrl
      ? async () => {
          await sendSms?.();
          try {
            await transportFor(smtpUrl).sendMail({
              from: deps.config.mailFrom,
              to,
              subject,
              text,
              attachments: mailAttachments(attachments),
            });
            await deps.db.update(emailOutbox).set({ sentAt: new Date() }).where(eq(emailOutbox.id, outboxId));
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            await deps.db
              .update(emailOutbox)
              .set({ lastError: reason.slice(0, 500) })
              .where(eq(emailOutbox.id, outboxId));
          }
        }
      : sendSms,
  };
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

export function reminderHandlers(deps: AppDeps): Record<string, JobHandler> {
  const handler: JobHandler = (tx, job, now) => appointmentEmail(deps, tx, job, now);
  return { 'appointment.confirmation': handler, 'appointment.reminder': handler };
}
