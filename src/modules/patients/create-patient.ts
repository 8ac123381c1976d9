import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import { patients } from '../../db/schema/index.ts';
import type { ClinicAccess } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { localDate } from './dates.ts';
import { findLikelyDuplicates, type PatientRow, summaryView } from './repository.ts';
import { assertPatientRules } from './rules.ts';
import type { PatientCreate } from './schemas.ts';

/** Column values of a new patient from the API input (validated by the caller). */
export function newPatientValues(
  clinicId: string,
  input: Omit<PatientCreate, 'confirmNotDuplicate'>,
  now: Date,
) {
  return {
    clinicId,
    id: uuidv7(),
    legalFirstName: input.legalFirstName,
    legalLastName: input.legalLastName,
    preferredName: input.preferredName ?? null,
    pronouns: input.pronouns ?? null,
    sexAssignedAtBirth: input.sexAssignedAtBirth ?? null,
    genderIdentity: input.genderIdentity ?? null,
    dateOfBirth: input.dateOfBirth,
    language: input.language ?? 'en',
    email: input.email ?? null,
    phone: input.phone ?? null,
    contactPreferences: input.contactPreferences ?? null,
    emergencyContact: input.emergencyContact ?? null,
    address: input.address ?? null,
    insurance: input.insurance ?? null,
    guardian: input.guardian ?? null,
    notes: input.notes ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Creates a patient. A likely duplicate (same legal name, accent- and case-insensitive, and birth date) is
 * answered 409 `possible_duplicate` with the candidates, unless the caller confirms with `confirmNotDuplicate`.
 * `checkDuplicates: false` is for physicians, who may not see other patients (staff merge later).
 */
export async function createPatient(
  request: FastifyRequest,
  db: Executor,
  access: ClinicAccess,
  input: PatientCreate,
  options: { checkDuplicates: boolean } = { checkDuplicates: true },
): Promise<PatientRow> {
  const now = request.server.deps.now();
  const today = localDate(now, access.clinic.timeZone);
  assertPatientRules(input, today);
  if (options.checkDuplicates && !input.confirmNotDuplicate) {
    const candidates = await findLikelyDuplicates(db, access.clinicId, input);
    if (candidates.length > 0) {
      for (const candidate of candidates) {
        await request.audit({
          action: 'patient.duplicate_candidate_shown',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          patientId: candidate.id,
          resourceType: 'patient',
          resourceId: candidate.id,
        });
      }
      throw new AppError(
        'possible_duplicate',
        'A patient with the same name and date of birth exists: open that record, or confirm this is someone else',
        { candidates: candidates.map((c) => summaryView(c, today)) },
      );
    }
  }
  const [row] = await db
    .insert(patients)
    .values(newPatientValues(access.clinicId, input, now))
    .returning();
  return row!;
}
