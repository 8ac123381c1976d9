import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../db/connection.ts';
import { clinics, intakeLinks, jobs, patients } from '../../db/schema/index.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { JobHandler, JobResult, JobRow } from '../scheduling/jobs.ts';
import { INTAKE_LINK_TEXT_JOB, textUnavailable } from './link.ts';

/**
 * A personal intake link by text message, sent by the durable job queue. Staff's request makes the link and
 * queues this job in one transaction (link.ts). The job removes the token from its row in its own transaction,
 * so the token is never kept in the database, and calls the SMS provider after commit, at most once, as e-mail
 * is delivered. The text is the clinic's name, one line and the link: no name, no health data.
 */

export const intakeLinkText = (clinicName: string, url: string) =>
  `${clinicName}: please fill in your questionnaire before your visit. Your personal link: ${url}`;

async function textIntakeLink(deps: AppDeps, tx: Transaction, job: JobRow, now: Date): Promise<JobResult> {
  const { linkId, token } = job.payload as { linkId: string; token?: string };
  if (!token) return { status: 'skipped' };
  await tx.update(jobs).set({ payload: { linkId } }).where(eq(jobs.id, job.id));
  const [found] = await tx
    .select({
      link: intakeLinks,
      clinicName: clinics.name,
      email: patients.email,
      phone: patients.phone,
      contactPreferences: patients.contactPreferences,
    })
    .from(intakeLinks)
    .innerJoin(clinics, eq(clinics.id, intakeLinks.clinicId))
    .innerJoin(
      patients,
      and(eq(patients.clinicId, intakeLinks.clinicId), eq(patients.id, intakeLinks.patientId)),
    )
    .where(and(eq(intakeLinks.clinicId, job.clinicId ?? ''), eq(intakeLinks.id, linkId)));
  const sms = deps.sms;
  if (!found || !sms) return { status: 'skipped' };
  const { link } = found;
  // Replaced, used or expired since it was queued: nothing to send.
  if (link.usedAt || link.revokedAt || link.expiresAt <= now) return { status: 'skipped' };
  // Nor to a patient who has since withdrawn their agreement to texts or changed their number.
  if (textUnavailable(found) || found.phone !== link.sentTo) return { status: 'skipped' };
  const message = {
    to: link.sentTo,
    text: intakeLinkText(found.clinicName, `${deps.config.publicUrl}/intake/${token}`),
    clinicId: link.clinicId,
  };
  return {
    status: 'done',
    after: async () => {
      try {
        await sms.send(message);
      } catch (error) {
        // Kept on the job, as a failed e-mail's reason is kept in the outbox; staff can send a new link.
        const reason = (error instanceof Error ? error.message : String(error)).replaceAll(token, '…');
        await deps.db
          .update(jobs)
          .set({ lastError: `Text not delivered: ${reason}`.slice(0, 500) })
          .where(eq(jobs.id, job.id));
      }
    },
  };
}

export function intakeLinkJobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return { [INTAKE_LINK_TEXT_JOB]: (tx, job, now) => textIntakeLink(deps, tx, job, now) };
}
