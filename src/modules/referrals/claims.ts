import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { referralClaims, referrals } from '../../db/schema/index.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import { claim, claimInput, claimsChartSection } from './schemas.ts';

type ClaimRow = typeof referralClaims.$inferSelect;

const claimDto = (row: ClaimRow): z.infer<typeof claim> => ({
  referralId: row.referralId,
  carrier: row.carrier,
  claimNumber: row.claimNumber,
  adjusterName: row.adjusterName,
  adjusterPhone: row.adjusterPhone,
  employer: row.employer,
  firstContactDate: row.firstContactDate,
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * A patient's claims, each with the referrals it applies to: its own, and the renewals of it that have no
 * claim of their own (a renewal is the same injury, so it goes on under the claim it renews).
 */
export async function patientClaims(db: Executor, clinicId: string, patientId: string) {
  const rows = await db
    .select({ id: referrals.id, renews: referrals.renewsReferralId, claim: referralClaims })
    .from(referrals)
    .leftJoin(
      referralClaims,
      and(eq(referralClaims.clinicId, referrals.clinicId), eq(referralClaims.referralId, referrals.id)),
    )
    .where(and(eq(referrals.clinicId, clinicId), eq(referrals.patientId, patientId)))
    .orderBy(asc(referrals.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const owner = (id: string, seen = new Set<string>()): string | undefined => {
    const row = byId.get(id);
    if (!row || seen.has(id)) return undefined;
    if (row.claim) return id;
    return row.renews ? owner(row.renews, seen.add(id)) : undefined;
  };
  return rows
    .filter((r) => r.claim)
    .map((r) => ({
      ...claimDto(r.claim!),
      appliesTo: rows.filter((other) => owner(other.id) === r.id).map((other) => other.id),
    }));
}

/**
 * The auto or workers' compensation claim behind a referral related to an injury: carrier, claim number,
 * adjuster, employer and date of first contact, as the claim forms ask. Billing data, so only the owner and
 * the front desk (`claims.manage`) read it (a chart section) and change it; every change is audited.
 */
export default async function claimRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  registerChartSection({
    id: 'claims',
    title: 'Claims',
    order: 11,
    permission: 'claims.manage',
    schema: claimsChartSection,
    load: ({ db, clinicId, patientId }) => patientClaims(db, clinicId, patientId),
  });

  app.put(
    '/clinics/:clinicId/referrals/:referralId/claim',
    {
      schema: {
        tags: ['Referrals'],
        summary:
          'Record the auto or workers’ compensation claim behind a referral related to an injury (replaces it)',
        params: clinicParams.extend({ referralId: z.uuid() }),
        body: claimInput,
        response: { 200: claim, 400: errorSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, referralId } = request.params;
      const [referral] = await db
        .select({ patientId: referrals.patientId, injuryCause: referrals.injuryCause })
        .from(referrals)
        .where(and(eq(referrals.clinicId, clinicId), eq(referrals.id, referralId)));
      if (!referral) {
        await authorizeClinic(request, clinicId, 'claims.manage');
        throw notFound('Referral');
      }
      const access = await authorizePatient(request, {
        clinicId,
        patientId: referral.patientId,
        permission: 'claims.manage',
        action: 'referral.claim_recorded',
        resourceType: 'referral',
        resourceId: referralId,
      });
      if (!referral.injuryCause)
        throw new AppError(
          'unprocessable',
          'This referral is not related to an injury: there is no claim to record',
          [{ path: 'params.referralId', message: 'Not related to an injury' }],
        );
      const values = { ...request.body, updatedBy: access.principal.userId, updatedAt: now() };
      const [row] = await db
        .insert(referralClaims)
        .values({ clinicId, referralId, ...values })
        .onConflictDoUpdate({ target: [referralClaims.clinicId, referralClaims.referralId], set: values })
        .returning();
      return claimDto(row!);
    },
  );
}
