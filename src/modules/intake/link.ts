/**
 * Personal intake links: staff send the patient a link, by e-mail or by text, that opens their one intake
 * questionnaire without an account. The token is random, only its SHA-256 is kept on the link (a text's token
 * waits in its job until the job sends it), it expires in 14 days and stops working once that questionnaire is
 * submitted. Every use is audited with the patient id.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import {
  type ContactPreferences,
  clinics,
  intakeLinks,
  intakeResponses,
  patients,
} from '../../db/schema/index.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { phoneDigits } from '../patients/search-query.ts';
import { enqueueJob } from '../scheduling/jobs.ts';
import type { LinkChannel } from './schemas.ts';
import { type IntakeRow, startDraft } from './service.ts';

export const LINK_DAYS = 14;
/** The job that texts a personal link (handled in link-text.ts). */
export const INTAKE_LINK_TEXT_JOB = 'intake.link.sms';

export interface PatientContact {
  email: string | null;
  phone: string | null;
  contactPreferences: ContactPreferences | null;
}

/** Why a link cannot go by a channel: the field to fix, in the words staff see. */
export interface Unavailable {
  path: string;
  message: string;
}

/** E-mail needs an address. */
export function emailUnavailable(patient: PatientContact): Unavailable | null {
  return patient.email
    ? null
    : {
        path: 'patient.email',
        message: 'The patient has no e-mail address: add one to send the link by e-mail',
      };
}

/**
 * A text needs a full phone number (with its area code) and the patient's agreement to texts, which the record
 * keeps as "Text message" for their preferred way to contact.
 */
export function textUnavailable(patient: PatientContact): Unavailable | null {
  if (!patient.phone)
    return {
      path: 'patient.phone',
      message: 'The patient has no phone number: add their mobile number to send a text',
    };
  if (phoneDigits(patient.phone).length < 10)
    return {
      path: 'patient.phone',
      message: 'The patient’s phone number has no area code: a text needs the full mobile number',
    };
  if (patient.contactPreferences?.channel !== 'sms')
    return {
      path: 'patient.contactPreferences.channel',
      message:
        'The patient has not agreed to texts: set their preferred way to contact to “Text message” first',
    };
  return null;
}

const stateOf = (unavailable: Unavailable | null) => ({
  available: unavailable === null,
  reason: unavailable?.message ?? null,
});

/** The chart's "send a link" choices: each channel, and why it is unavailable (no text channel without a provider). */
export function sendLinkOptions(patient: PatientContact, canText: boolean) {
  return {
    email: stateOf(emailUnavailable(patient)),
    sms: canText ? stateOf(textUnavailable(patient)) : null,
  };
}

export async function patientContact(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<PatientContact | undefined> {
  const [row] = await db
    .select({ email: patients.email, phone: patients.phone, contactPreferences: patients.contactPreferences })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  return row;
}

export async function sendIntakeLink(
  request: FastifyRequest,
  input: {
    clinic: { id: string; name: string };
    patientId: string;
    actorUserId: string;
    channel: LinkChannel;
  },
) {
  const { db, now, mailer, config, sms } = request.server.deps;
  if (input.channel === 'sms' && !sms) {
    throw new AppError(
      'unprocessable',
      'Text messages are not set up on this Palpa server: send the link by e-mail',
      [{ path: 'body.channel', message: 'No text-message provider is set up' }],
    );
  }
  const patient = (await patientContact(db, input.clinic.id, input.patientId))!;
  const unavailable = input.channel === 'sms' ? textUnavailable(patient) : emailUnavailable(patient);
  if (unavailable) throw new AppError('unprocessable', unavailable.message, [unavailable]);
  const at = now();
  const linkInput = {
    clinicId: input.clinic.id,
    patientId: input.patientId,
    actorUserId: input.actorUserId,
    now: at,
  };
  if (input.channel === 'sms') {
    // The link and its text job commit together: the job queue's worker sends the text (link-text.ts).
    return db.transaction(async (tx) => {
      const made = await createIntakeLink(tx, { ...linkInput, sentTo: patient.phone! });
      await enqueueJob(tx, {
        clinicId: input.clinic.id,
        kind: INTAKE_LINK_TEXT_JOB,
        dedupeKey: `intake-link-sms:${made.link.id}`,
        runAt: at,
        // The token waits here only until the job runs, which removes it (link-text.ts).
        payload: { linkId: made.link.id, token: made.token },
      });
      return { link: made.link, intake: made.intake };
    });
  }
  const { token, link, intake } = await db.transaction((tx) =>
    createIntakeLink(tx, { ...linkInput, sentTo: patient.email! }),
  );
  // Only a link: no name, no health data.
  await mailer.send({
    clinicId: input.clinic.id,
    to: patient.email!,
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
          ? 'A newer link was sent for this questionnaire: use the latest one'
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
