/**
 * Personal intake links: staff send the patient a link that opens their one intake questionnaire without
 * an account. The token is random, only its SHA-256 is stored, it expires in 14 days and stops working
 * once that questionnaire is submitted. Every use is audited with the patient id.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import { clinics, intakeLinks, intakeResponses, patients } from '../../db/schema/index.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { type IntakeRow, startDraft } from './service.ts';

export const LINK_DAYS = 14;

export async function sendIntakeLink(
  request: FastifyRequest,
  input: { clinic: { id: string; name: string }; patientId: string; actorUserId: string },
) {
  const { db, now, mailer, config } = request.server.deps;
  const [patient] = await db
    .select({ email: patients.email })
    .from(patients)
    .where(and(eq(patients.clinicId, input.clinic.id), eq(patients.id, input.patientId)));
  if (!patient?.email) {
    throw new AppError('unprocessable', 'The patient has no e-mail address: add one to send a link', [
      { path: 'patient.email', message: 'Required to send a link' },
    ]);
  }
  const at = now();
  const { token, link, intake } = await db.transaction((tx) =>
    createIntakeLink(tx, {
      clinicId: input.clinic.id,
      patientId: input.patientId,
      sentTo: patient.email!,
      actorUserId: input.actorUserId,
      now: at,
    }),
  );
  // Only a link: no name, no health data.
  await mailer.send({
    clinicId: input.clinic.id,
    to: patient.email,
    subject: `Your questionnaire for ${input.clinic.name}`,
    text:
      `Hello,\n\n${input.clinic.name} asks you to fill in a short questionnaire before your visit.\n\n` +
      `Open your personal link: ${config.publicUrl}/intake/${token}\n\n` +
      `Your answers are saved as you go, so you can finish later. The link is for you only; it works until you ` +
      `submit the questionnaire and expires in ${LINK_DAYS} days.`,
  });
  return { link, intake };
}

/**
 * Opens (or reuses) the patient's draft questionnaire and makes a new personal link to it, replacing earlier
 * ones. Answers the token once; only its hash is stored. Used by staff's "send a link" and by appointment
 * reminders for patients whose intake is not done.
 */
export async function createIntakeLink(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    sentTo: string;
    actorUserId: string;
    now: Date;
    /** Staff's "send a new link" replaces older ones; reminders add one, so the confirmation's link keeps working. */
    replaceEarlier?: boolean;
  },
): Promise<{ token: string; link: typeof intakeLinks.$inferSelect; intake: IntakeRow }> {
  const at = input.now;
  const { row: intake } = await startDraft(db, {
    clinicId: input.clinicId,
    patientId: input.patientId,
    actor: { userId: input.actorUserId, via: 'staff' },
    now: at,
  });
  const token = randomToken();
  // A new link replaces the ones sent before for this questionnaire.
  if (input.replaceEarlier ?? true)
    await db
      .update(intakeLinks)
      .set({ revokedAt: at })
      .where(
        and(
          eq(intakeLinks.clinicId, intake.clinicId),
          eq(intakeLinks.intakeId, intake.id),
          isNull(intakeLinks.usedAt),
          isNull(intakeLinks.revokedAt),
        ),
      );
  const [link] = await db
    .insert(intakeLinks)
    .values({
      clinicId: intake.clinicId,
      id: uuidv7(),
      patientId: intake.patientId,
      intakeId: intake.id,
      tokenHash: sha256(token),
      sentTo: input.sentTo,
      createdBy: input.actorUserId,
      expiresAt: new Date(at.getTime() + LINK_DAYS * 86_400_000),
    })
    .returning();
  return { token, link: link!, intake };
}

export interface LinkAccess {
  link: typeof intakeLinks.$inferSelect;
  intake: IntakeRow;
  clinicName: string;
  clinicTimeZone: string;
  patientFirstName: string;
}

/**
 * The gate of the link routes, and its audit: finds the link, refuses it (410) when it expired, was
 * replaced, or its questionnaire was already submitted, and audits the use (allowed or refused) with the
 * patient id. The link reaches this one intake, and the patient's documents it sends (attachments): nothing else.
 */
export async function authorizeIntakeLink(
  request: FastifyRequest,
  token: string,
  action: string,
): Promise<LinkAccess> {
  const { db, now } = request.server.deps;
  const [row] = await db
    .select({
      link: intakeLinks,
      intake: intakeResponses,
      clinicName: clinics.name,
      clinicTimeZone: clinics.timeZone,
      legalFirstName: patients.legalFirstName,
      preferredName: patients.preferredName,
    })
    .from(intakeLinks)
    .innerJoin(
      intakeResponses,
      and(eq(intakeResponses.clinicId, intakeLinks.clinicId), eq(intakeResponses.id, intakeLinks.intakeId)),
    )
    .innerJoin(clinics, eq(clinics.id, intakeLinks.clinicId))
    .innerJoin(
      patients,
      and(eq(patients.clinicId, intakeLinks.clinicId), eq(patients.id, intakeLinks.patientId)),
    )
    .where(eq(intakeLinks.tokenHash, sha256(token)));
  if (!row) throw new AppError('not_found', 'This link is not valid');
  const { link, intake } = row;
  const reason =
    link.usedAt || intake.status !== 'draft'
      ? 'used'
      : link.revokedAt
        ? 'replaced'
        : link.expiresAt <= now()
          ? 'expired'
          : null;
  const audit = {
    action,
    clinicId: link.clinicId,
    patientId: link.patientId,
    resourceType: 'intake',
    resourceId: intake.id,
  };
  if (reason) {
    await request.audit({ ...audit, outcome: 'refused', details: { via: 'link', linkId: link.id, reason } });
    const message =
      reason === 'used'
        ? 'This questionnaire has already been submitted. Thank you!'
        : reason === 'replaced'
          ? 'A newer link was sent for this questionnaire: use the latest e-mail'
          : 'This link has expired: ask the clinic for a new one';
    throw new AppError('gone', message, { reason });
  }
  await request.audit({ ...audit, details: { via: 'link', linkId: link.id } });
  return {
    link,
    intake,
    clinicName: row.clinicName,
    clinicTimeZone: row.clinicTimeZone,
    patientFirstName: row.preferredName ?? row.legalFirstName,
  };
}

/** After a submit through the link, the link is spent. */
export async function markLinkUsed(
  request: FastifyRequest,
  link: { clinicId: string; id: string },
): Promise<void> {
  const { db, now } = request.server.deps;
  await db
    .update(intakeLinks)
    .set({ usedAt: now() })
    .where(and(eq(intakeLinks.clinicId, link.clinicId), eq(intakeLinks.id, link.id)));
}
