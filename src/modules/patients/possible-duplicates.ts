import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { patientPossibleDuplicates, patients } from '../../db/schema/index.ts';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { displayNameOf, findLikelyDuplicates, type PatientRow } from './repository.ts';
import { patientParams } from './routes.ts';
import { type PossibleDuplicate, possibleDuplicateList } from './schemas.ts';

/**
 * Possible duplicates from online registration. A returning patient who registers online gets a new record (the
 * account is never tied to the existing record on an e-mail and birth-date match: that is no proof of identity);
 * the same duplicate check staff get when adding a patient (same legal name and date of birth) marks the new
 * record as possibly the same person as each match, so the front desk sees the pair on Home and on the chart,
 * and merges it — or dismisses it as not the same person. A merged pair disappears (references.ts).
 */

/** Marks a just-created online record as a possible duplicate of every existing record the duplicate check matches. */
export async function flagPossibleDuplicates(
  db: Executor,
  clinicId: string,
  record: { id: string; legalFirstName: string; legalLastName: string; dateOfBirth: string },
  at: Date,
): Promise<string[]> {
  const matches = await findLikelyDuplicates(db, clinicId, record, record.id);
  if (matches.length === 0) return [];
  await db
    .insert(patientPossibleDuplicates)
    .values(matches.map((m) => ({ clinicId, patientId: record.id, existingPatientId: m.id, createdAt: at })))
    .onConflictDoNothing();
  return matches.map((m) => m.id);
}

const online = alias(patients, 'online');
const existing = alias(patients, 'existing');

const side = (row: PatientRow) => ({
  id: row.id,
  displayName: displayNameOf(row),
  dateOfBirth: row.dateOfBirth,
});
const sameEmail = (a: PatientRow, b: PatientRow) =>
  Boolean(a.email && b.email && a.email.trim().toLowerCase() === b.email.trim().toLowerCase());

/** Open possible duplicates of the clinic (not dismissed, neither record merged), newest first; or one record's. */
export async function openPossibleDuplicates(
  db: Executor,
  clinicId: string,
  patientId?: string,
): Promise<PossibleDuplicate[]> {
  const rows = await db
    .select({ link: patientPossibleDuplicates, online, existing })
    .from(patientPossibleDuplicates)
    .innerJoin(
      online,
      and(
        eq(online.clinicId, patientPossibleDuplicates.clinicId),
        eq(online.id, patientPossibleDuplicates.patientId),
      ),
    )
    .innerJoin(
      existing,
      and(
        eq(existing.clinicId, patientPossibleDuplicates.clinicId),
        eq(existing.id, patientPossibleDuplicates.existingPatientId),
      ),
    )
    .where(
      and(
        eq(patientPossibleDuplicates.clinicId, clinicId),
        isNull(patientPossibleDuplicates.dismissedAt),
        isNull(online.mergedIntoId),
        isNull(existing.mergedIntoId),
        patientId
          ? or(
              eq(patientPossibleDuplicates.patientId, patientId),
              eq(patientPossibleDuplicates.existingPatientId, patientId),
            )
          : undefined,
      ),
    )
    .orderBy(desc(patientPossibleDuplicates.createdAt))
    .limit(100);
  return rows.map((r) => ({
    patient: side(r.online),
    existing: side(r.existing),
    sameEmail: sameEmail(r.online, r.existing),
    detectedAt: r.link.createdAt.toISOString(),
  }));
}

const pairParams = patientParams.extend({
  existingPatientId: z.uuid().describe('The existing record the online record may duplicate'),
});

export default async function possibleDuplicateRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['Patients'];

  app.get(
    '/clinics/:clinicId/possible-duplicates',
    {
      schema: {
        tags,
        summary:
          'Patients who registered online and may already have a record here (same name and date of birth), for staff to merge or dismiss',
        params: clinicParams,
        response: { 200: possibleDuplicateList, 403: errorSchema },
      },
    },
    async (request) => {
      // Staff who keep patient records; physicians and patients never see this list.
      const access = await authorizeClinic(request, request.params.clinicId, 'patients.write');
      const items = await openPossibleDuplicates(db, access.clinicId);
      await request.audit({
        action: 'patient.possible_duplicates.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'patient',
        ...listedPatients(items.flatMap((i) => [i.patient.id, i.existing.id])),
      });
      return { items };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/possible-duplicates',
    {
      schema: {
        tags,
        summary:
          'Records this one may be the same person as (an online registration matching an existing record), for the chart banner: staff only',
        params: patientParams,
        response: { 200: possibleDuplicateList, 403: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.possible_duplicates.read',
      });
      if (access.via !== 'staff')
        throw new AppError('forbidden', 'Only clinic staff review duplicate records');
      const items = await openPossibleDuplicates(db, access.clinicId, patientId);
      const others = items.map((i) => (i.patient.id === patientId ? i.existing.id : i.patient.id));
      if (others.length > 0) {
        await request.audit({
          action: 'patient.possible_duplicate_shown',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          resourceType: 'patient',
          ...listedPatients(others, { shownOnChartOf: patientId }),
        });
      }
      return { items };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/possible-duplicates/:existingPatientId/dismiss',
    {
      schema: {
        tags,
        summary:
          'Not the same person: the online record stops being shown as a possible duplicate of the existing one (audited)',
        params: pairParams,
        response: { 200: possibleDuplicateList, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, patientId, existingPatientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.possible_duplicate.dismiss',
      });
      if (access.via !== 'staff')
        throw new AppError('forbidden', 'Only clinic staff review duplicate records');
      const dismissed = await db
        .update(patientPossibleDuplicates)
        .set({ dismissedAt: now(), dismissedBy: access.principal.userId })
        .where(
          and(
            eq(patientPossibleDuplicates.clinicId, access.clinicId),
            eq(patientPossibleDuplicates.patientId, patientId),
            eq(patientPossibleDuplicates.existingPatientId, existingPatientId),
            isNull(patientPossibleDuplicates.dismissedAt),
          ),
        )
        .returning({ patientId: patientPossibleDuplicates.patientId });
      if (dismissed.length === 0) throw notFound('Possible duplicate');
      for (const id of [patientId, existingPatientId]) {
        await request.audit({
          action: 'patient.possible_duplicate_dismissed',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          patientId: id,
          resourceType: 'patient',
          resourceId: id,
          details: { patientId, existingPatientId },
        });
      }
      return { items: await openPossibleDuplicates(db, access.clinicId, patientId) };
    },
  );
}
