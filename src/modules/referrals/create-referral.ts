import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import {
  memberships,
  physicianPatientLinks,
  referrals,
  referringProviders,
  users,
} from '../../db/schema/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { ClinicAccess } from '../../platform/clinic-access.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { STAFF_ROLES } from '../../platform/permissions.ts';
import { requireOwnName } from '../clinical/access.ts';
import { requireBillableCode } from '../icd10/check.ts';
import { createPatient } from '../patients/create-patient.ts';
import { addDays } from '../patients/dates.ts';
import type { ReferralInput } from './schemas.ts';
import { signatureHash, signedContent } from './signature.ts';

export type ReferralInsert = typeof referrals.$inferInsert;

/**
 * Checks a referral's content and turns it into a row: every diagnosis must be a billable ICD-10-CM code
 * (a stated side must agree with the code's own), `validUntil` defaults to validFrom + duration, and an
 * e-referral gets its signature hash. Pure apart from the ids; the demo seeder uses it too.
 */
export function prepareReferral(
  input: Omit<ReferralInput, 'patientId' | 'newPatient' | 'signature' | 'providerId'>,
  meta: {
    clinicId: string;
    id?: string;
    patientId: string;
    providerId: string | null;
    createdBy: string;
    signer?: { userId: string; typedName: string; signedAt: Date };
  },
): ReferralInsert {
  const issues: FieldIssue[] = [];
  const diagnoses = input.diagnoses.map((d, i) => {
    const entry = requireBillableCode(d.code, `body.diagnoses.${i}.code`);
    if (entry.laterality && d.laterality && entry.laterality !== d.laterality) {
      issues.push({
        path: `body.diagnoses.${i}.laterality`,
        message: `${entry.code} already states ${entry.laterality}`,
      });
    }
    return {
      code: entry.code,
      description: entry.description,
      laterality: entry.laterality ?? d.laterality ?? null,
    };
  });
  if (issues.length > 0)
    throw new AppError('unprocessable', 'A diagnosis side does not match its code', issues);
  const validUntil =
    input.validUntil ?? (input.durationWeeks ? addDays(input.validFrom, input.durationWeeks * 7 - 1) : null);
  const row: ReferralInsert = {
    clinicId: meta.clinicId,
    id: meta.id ?? uuidv7(),
    patientId: meta.patientId,
    providerId: meta.providerId,
    source: meta.signer ? 'electronic' : 'paper',
    referralDate: input.referralDate,
    diagnoses,
    techniques: [...new Set(input.techniques ?? [])],
    bodyRegions: [...new Set(input.bodyRegions ?? [])],
    frequencyPerWeek: input.frequencyPerWeek ?? null,
    durationWeeks: input.durationWeeks ?? null,
    authorizedVisits: input.authorizedVisits ?? null,
    sessionMinutes: input.sessionMinutes ?? null,
    precautions: input.precautions || null,
    validFrom: input.validFrom,
    validUntil,
    renewsReferralId: input.renewsReferralId ?? null,
    injuryCause: input.injury?.cause ?? null,
    injuryDate: input.injury?.date ?? null,
    accidentState: input.injury?.state ?? null,
    createdBy: meta.createdBy,
  };
  if (meta.signer) {
    const content = signedContent(
      {
        ...row,
        id: row.id,
        providerId: row.providerId ?? null,
        diagnoses,
        techniques: row.techniques,
        bodyRegions: row.bodyRegions,
        frequencyPerWeek: row.frequencyPerWeek ?? null,
        durationWeeks: row.durationWeeks ?? null,
        authorizedVisits: row.authorizedVisits ?? null,
        sessionMinutes: row.sessionMinutes ?? null,
        precautions: row.precautions ?? null,
        validUntil: row.validUntil ?? null,
        renewsReferralId: row.renewsReferralId ?? null,
      },
      meta.signer,
    );
    row.signedByUserId = meta.signer.userId;
    row.signatureTypedName = meta.signer.typedName;
    row.signedAt = meta.signer.signedAt;
    row.signatureHash = signatureHash(content);
  }
  return row;
}

/**
 * Creates a referral. Staff record paper referrals (a referring provider is required); a physician submits an
 * e-referral, signed with their typed name, for a patient they are linked to or a new patient — which links
 * them to that patient (reason `referral`) and notifies the clinic's staff by e-mail (a link only).
 * `access` is the result of authorizePatient (existing patient) or authorizeClinic (new patient).
 */
export async function createReferral(request: FastifyRequest, access: ClinicAccess, input: ReferralInput) {
  const { db, now, mailer, config } = request.server.deps;
  const userId = access.principal.userId;
  const isStaff = access.roles.some((r) => STAFF_ROLES.includes(r));
  const isPhysician = access.roles.includes('physician');
  const electronic = isPhysician && (!isStaff || input.signature !== undefined);
  if (electronic && !input.signature) {
    throw new AppError('validation_failed', 'Sign the referral: type your full name', [
      { path: 'body.signature.typedName', message: 'Required for an e-referral' },
    ]);
  }
  if (!electronic && input.signature) {
    throw new AppError('validation_failed', 'Only the referring physician signs an e-referral', [
      { path: 'body.signature', message: 'Not allowed for a paper referral' },
    ]);
  }
  if (input.signature)
    requireOwnName(input.signature.typedName, access.principal.displayName, 'body.signature.typedName');

  let providerId: string | null = input.providerId ?? null;
  if (electronic) {
    const own = await db
      .select({ id: referringProviders.id })
      .from(referringProviders)
      .where(and(eq(referringProviders.clinicId, access.clinicId), eq(referringProviders.userId, userId)));
    if (providerId && !own.some((p) => p.id === providerId)) {
      throw new AppError('unprocessable', 'You can only refer as yourself', [
        { path: 'body.providerId', message: 'Not your provider record' },
      ]);
    }
    providerId = providerId ?? own[0]?.id ?? null;
  } else if (!providerId) {
    throw new AppError('validation_failed', 'Choose the referring provider', [
      { path: 'body.providerId', message: 'Required' },
    ]);
  } else {
    const [provider] = await db
      .select({ id: referringProviders.id })
      .from(referringProviders)
      .where(and(eq(referringProviders.clinicId, access.clinicId), eq(referringProviders.id, providerId)));
    if (!provider) {
      throw new AppError('unprocessable', 'Unknown referring provider', [
        { path: 'body.providerId', message: 'Not found' },
      ]);
    }
  }

  const signedAt = now();
  const result = await db.transaction(async (tx) => {
    let patientId = input.patientId;
    let createdPatient = false;
    if (input.newPatient) {
      const created = await createPatient(request, tx, access, input.newPatient, {
        checkDuplicates: !electronic,
      });
      patientId = created.id;
      createdPatient = true;
    }
    if (input.renewsReferralId) {
      const [renewed] = await tx
        .select({ patientId: referrals.patientId })
        .from(referrals)
        .where(and(eq(referrals.clinicId, access.clinicId), eq(referrals.id, input.renewsReferralId)))
        .for('update');
      if (!renewed || renewed.patientId !== patientId) {
        throw new AppError('unprocessable', 'The renewed referral must be one of this patient', [
          { path: 'body.renewsReferralId', message: 'Not a referral of this patient' },
        ]);
      }
      const [already] = await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(
          and(
            eq(referrals.clinicId, access.clinicId),
            eq(referrals.renewsReferralId, input.renewsReferralId),
          ),
        );
      if (already) throw new AppError('conflict', 'That referral was already renewed');
    }
    const row = prepareReferral(input, {
      clinicId: access.clinicId,
      patientId: patientId!,
      providerId,
      createdBy: userId,
      signer: electronic ? { userId, typedName: input.signature!.typedName, signedAt } : undefined,
    });
    const [inserted] = await tx.insert(referrals).values(row).returning();
    if (electronic) {
      await tx
        .insert(physicianPatientLinks)
        .values({
          clinicId: access.clinicId,
          patientId: patientId!,
          userId,
          reason: 'referral',
          createdAt: signedAt,
        })
        .onConflictDoNothing();
    }
    const audit = {
      clinicId: access.clinicId,
      actorUserId: userId,
      actorRoles: access.roles,
      patientId: patientId!,
      ip: request.ip,
      requestId: request.id,
    };
    if (createdPatient) {
      await recordAudit(tx, {
        ...audit,
        action: 'patient.created',
        resourceType: 'patient',
        resourceId: patientId!,
        details: { via: 'referral' },
      });
    }
    await recordAudit(tx, {
      ...audit,
      action: 'referral.created',
      resourceType: 'referral',
      resourceId: inserted!.id,
      details: {
        source: inserted!.source,
        diagnoses: inserted!.diagnoses.length,
        newPatient: createdPatient,
      },
    });
    return inserted!;
  });

  if (electronic) {
    const staff = await db
      .selectDistinct({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.clinicId, access.clinicId),
          inArray(memberships.role, ['owner', 'front_desk']),
          isNull(memberships.disabledAt),
          isNull(users.disabledAt),
        ),
      );
    for (const { email } of staff) {
      await mailer.send({
        clinicId: access.clinicId,
        to: email,
        subject: `New referral received at ${access.clinic.name}`,
        text: `A physician submitted a referral in Palpa.\n\nOpen it: ${config.publicUrl}/clinics/${access.clinicId}/referrals/${result.id}\n`,
      });
    }
    // The referring physician gets a receipt: the clinic has it. A link only, no health data.
    await mailer.send({
      clinicId: access.clinicId,
      to: access.principal.email,
      subject: `${access.clinic.name} received your referral`,
      text: `${access.clinic.name} received the referral you signed in Palpa.\n\nFollow it in your portal: ${config.publicUrl}/physician\n`,
    });
  }
  return result;
}
