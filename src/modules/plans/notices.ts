import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Transaction } from '../../db/connection.ts';
import { clinics, emailOutbox, memberships, users } from '../../db/schema/index.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { deliverOutboxEmail } from '../../platform/email.ts';
import type { JobHandler, JobResult, JobRow, NewJob } from '../scheduling/jobs.ts';
import { transportFor } from '../scheduling/reminders.ts';
import { openChangeRequests } from './service.ts';

/**
 * The e-mail that tells a therapist a physician asked for changes to a plan, sent by the durable job queue:
 * queued in the transaction that records the answer (so it exists exactly when the answer does), written to the
 * outbox in the job's transaction, delivered after commit when SMTP is configured. No health data: no patient
 * name, no diagnosis, not the physician's reason — who asked, and a link to the plan in Palpa.
 */
export const PLAN_CHANGES_EMAIL_JOB = 'plan.changes_requested.email';

/** The job for one "changes needed" answer, to the therapist who wrote the version the physician answered. */
export function planChangesEmailJob(
  r: {
    clinicId: string;
    changeRequestId: string;
    planId: string;
    patientId: string;
    therapistUserId: string;
  },
  now: Date,
): NewJob {
  return {
    clinicId: r.clinicId,
    kind: PLAN_CHANGES_EMAIL_JOB,
    dedupeKey: `plan-changes:${r.changeRequestId}`,
    runAt: now,
    payload: {
      changeRequestId: r.changeRequestId,
      planId: r.planId,
      patientId: r.patientId,
      therapistUserId: r.therapistUserId,
    },
  };
}

/** The e-mail's words: who asked, where to read it. Nothing about the patient or their health. */
export function planChangesEmail(p: {
  therapistName: string;
  physicianName: string;
  clinicName: string;
  planUrl: string;
}) {
  return {
    subject: 'A physician asked for changes to a treatment plan',
    text: [
      `Hello ${p.therapistName},`,
      '',
      `The referring physician ${p.physicianName} asked for changes to a treatment plan at ${p.clinicName}.`,
      'Open Palpa to read it:',
      p.planUrl,
      '',
      'For privacy, this e-mail holds no health information.',
    ].join('\n'),
  };
}

async function sendPlanChangesEmail(
  deps: AppDeps,
  tx: Transaction,
  job: JobRow,
  now: Date,
): Promise<JobResult> {
  const { changeRequestId, planId, patientId, therapistUserId } = job.payload as {
    changeRequestId: string;
    planId: string;
    patientId: string;
    therapistUserId: string;
  };
  const clinicId = job.clinicId ?? '';
  // Still open: a new version saved (or the physician's signature) since it was queued answers it already.
  const open = await openChangeRequests(tx, clinicId, [planId]);
  const asked = open.find((r) => r.id === changeRequestId);
  if (!asked) return { status: 'skipped' };
  // The therapist, still a member of the clinic and able to sign in.
  const [therapist] = await tx
    .select({ email: users.email, name: users.displayName, clinicName: clinics.name })
    .from(users)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, users.id),
        eq(memberships.clinicId, clinicId),
        isNull(memberships.disabledAt),
      ),
    )
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(and(eq(users.id, therapistUserId), isNull(users.disabledAt)))
    .limit(1);
  if (!therapist) return { status: 'skipped' };
  const { subject, text } = planChangesEmail({
    therapistName: therapist.name,
    physicianName: asked.physician.name,
    clinicName: therapist.clinicName,
    planUrl: `${deps.config.publicUrl}/patients/${patientId}/plan`,
  });
  const outboxId = uuidv7();
  await tx.insert(emailOutbox).values({
    id: outboxId,
    clinicId,
    toAddress: therapist.email,
    subject,
    textBody: text,
    createdAt: now,
  });
  const smtpUrl = deps.config.smtpUrl;
  return {
    status: 'done',
    after: smtpUrl
      ? async () => {
          await deliverOutboxEmail(deps.db, transportFor(smtpUrl), deps.config.mailFrom, {
            id: outboxId,
            to: therapist.email,
            subject,
            text,
          });
        }
      : undefined,
  };
}

export function planNoticeHandlers(deps: AppDeps): Record<string, JobHandler> {
  return { [PLAN_CHANGES_EMAIL_JOB]: (tx, job, now) => sendPlanChangesEmail(deps, tx, job, now) };
}
