import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Database, Executor, Transaction } from '../../db/connection.ts';
import { appointments, patients, payments } from '../../db/schema/index.ts';
import { formatCents } from '../../domain/billing/money.ts';
import { type AuditEntry, listedPatients, recordAudit } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { checkPatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { patientParams } from '../patients/routes.ts';
import {
  balancesDue as balancesDueSchema,
  correctionReason,
  patientAccount,
  paymentInput,
  refundInput,
} from './schemas.ts';
import { patientAccount as accountOf, balancesDue, feeToWaive, feeWaiver } from './service.ts';

const tags = ['Billing'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const paymentParams = patientParams.extend({ paymentId: z.uuid() });
const chargeParams = patientParams.extend({ appointmentId: z.uuid() });
/** A payment may be dated a little ahead of the server's clock (a till a minute fast), not later. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** A refused write still leaves its access in the audit log. */
async function refuseAudited(db: Executor, audit: AuditEntry, error: AppError): Promise<never> {
  await recordAudit(db, audit);
  throw error;
}

/** When money changed hands: now by default; a date after now (beyond a fast till's minutes) is refused. */
async function moneyMovedAt(
  db: Executor,
  audit: AuditEntry,
  at: Date,
  value: { path: string; date: string | undefined },
): Promise<Date> {
  const date = value.date ? new Date(value.date) : at;
  if (date.getTime() > at.getTime() + CLOCK_SLACK_MS) {
    await refuseAudited(
      db,
      audit,
      new AppError('validation_failed', 'The request is not valid', [
        { path: value.path, message: 'Money cannot change hands in the future: check the date' },
      ]),
    );
  }
  return date;
}

/**
 * A correction made once and kept (voiding a payment, waiving a fee): `apply` changes the row and returns it,
 * audited with its reason in the same transaction. When no row changed, `whyNot` says why (404 or 409).
 */
async function correctOnce(
  db: Database,
  audit: AuditEntry,
  reason: string,
  step: { apply: (tx: Transaction) => Promise<unknown[]>; whyNot: () => Promise<AppError> },
): Promise<void> {
  const changed = await db.transaction(async (tx) => {
    const rows = await step.apply(tx);
    if (rows.length > 0) await recordAudit(tx, { ...audit, details: { reason } });
    return rows.length > 0;
  });
  if (!changed) await refuseAudited(db, audit, await step.whyNot());
}

/**
 * Payments and the patient's account: staff record what was paid, for a visit or on account, and void a
 * mistaken one with a reason (nothing is changed or deleted); the patient reads their own account.
 */
export default async function paymentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/balances',
    {
      schema: {
        tags,
        summary:
          'Patients who owe the clinic (fees of visits attended minus payments), largest first: for the front desk',
        params: clinicParams,
        response: { 200: balancesDueSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'billing.record');
      const due = await balancesDue(db, access.clinicId);
      await request.audit({
        action: 'balances.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'payments',
        ...listedPatients(due.items.map((i) => i.patientId)),
      });
      return due;
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/account',
    {
      schema: {
        tags,
        summary:
          "The patient's account: visits attended with their fee and what was paid, payments (voided ones too) and the balance. Staff, and the patient for their own",
        params: patientParams,
        response: { 200: patientAccount, ...errors },
      },
    },
    async (request) => {
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.read',
        action: 'account.read',
        resourceType: 'payments',
      });
      await recordAudit(db, audit);
      return accountOf(db, access.clinicId, access.patientId);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/payments',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Record a payment, for a visit or on account (send an Idempotency-Key: a retry never pays twice)',
        params: patientParams,
        body: paymentInput,
        response: { 201: patientAccount, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.record',
        action: 'payment.record',
        resourceType: 'payments',
      });
      const at = now();
      const receivedAt = await moneyMovedAt(db, audit, at, {
        path: 'body.receivedAt',
        date: body.receivedAt,
      });
      if (body.appointmentId) {
        const [visit] = await db
          .select({ id: appointments.id })
          .from(appointments)
          .where(
            and(
              eq(appointments.clinicId, access.clinicId),
              eq(appointments.patientId, access.patientId),
              eq(appointments.id, body.appointmentId),
            ),
          );
        if (!visit) {
          await refuseAudited(
            db,
            audit,
            new AppError('unprocessable', 'That visit is not one of this patient’s', [
              { path: 'body.appointmentId', message: 'Not an appointment of this patient' },
            ]),
          );
        }
      }
      const id = uuidv7();
      await db.transaction(async (tx) => {
        await tx.insert(payments).values({
          clinicId: access.clinicId,
          id,
          patientId: access.patientId,
          appointmentId: body.appointmentId ?? null,
          amountCents: body.amountCents,
          method: body.method,
          receivedAt,
          reference: body.reference ?? null,
          recordedBy: access.principal.userId,
          createdAt: at,
        });
        await recordAudit(tx, {
          ...audit,
          resourceType: 'payment',
          resourceId: id,
          details: { amountCents: body.amountCents, method: body.method },
        });
      });
      return reply.status(201).send(await accountOf(db, access.clinicId, access.patientId));
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/refunds',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Give money back from a credit on the account, saying why (send an Idempotency-Key: a retry never refunds twice)',
        params: patientParams,
        body: refundInput,
        response: { 201: patientAccount, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.record',
        action: 'refund.record',
        resourceType: 'payments',
      });
      const at = now();
      const refundedAt = await moneyMovedAt(db, audit, at, {
        path: 'body.refundedAt',
        date: body.refundedAt,
      });
      const id = uuidv7();
      // The credit is read with the patient locked, so two refunds at once cannot both take the same credit.
      const refused = await db.transaction(async (tx) => {
        await tx
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.clinicId, access.clinicId), eq(patients.id, access.patientId)))
          .for('update');
        const creditCents = -(await accountOf(tx, access.clinicId, access.patientId)).balanceCents;
        if (body.amountCents > creditCents) {
          return new AppError('unprocessable', 'A refund cannot exceed the credit on the account', [
            {
              path: 'body.amountCents',
              message:
                creditCents > 0
                  ? `The account is in credit ${formatCents(creditCents)}: refund at most that`
                  : 'The account is not in credit: there is nothing to refund',
            },
          ]);
        }
        await tx.insert(payments).values({
          clinicId: access.clinicId,
          id,
          patientId: access.patientId,
          kind: 'refund',
          amountCents: body.amountCents,
          method: body.method,
          receivedAt: refundedAt,
          reference: body.reference ?? null,
          refundReason: body.reason,
          recordedBy: access.principal.userId,
          createdAt: at,
        });
        await recordAudit(tx, {
          ...audit,
          resourceType: 'payment',
          resourceId: id,
          details: { amountCents: body.amountCents, method: body.method, reason: body.reason },
        });
        return null;
      });
      if (refused) await refuseAudited(db, audit, refused);
      return reply.status(201).send(await accountOf(db, access.clinicId, access.patientId));
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/payments/:paymentId/void',
    {
      schema: {
        tags,
        summary:
          'Void a payment or refund recorded by mistake, saying why: it stays on the account, no longer counted',
        params: paymentParams,
        body: correctionReason,
        response: { 200: patientAccount, ...errors },
      },
    },
    async (request) => {
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.record',
        action: 'payment.void',
        resourceType: 'payment',
        resourceId: request.params.paymentId,
      });
      const scope = and(
        eq(payments.clinicId, access.clinicId),
        eq(payments.patientId, access.patientId),
        eq(payments.id, request.params.paymentId),
      );
      await correctOnce(db, audit, request.body.reason, {
        apply: (tx) =>
          tx
            .update(payments)
            .set({ voidedAt: now(), voidedBy: access.principal.userId, voidReason: request.body.reason })
            .where(and(scope, isNull(payments.voidedAt)))
            .returning({ id: payments.id }),
        whyNot: async () => {
          const [exists] = await db.select({ id: payments.id }).from(payments).where(scope);
          return exists ? new AppError('conflict', 'This payment is already voided') : notFound('Payment');
        },
      });
      return accountOf(db, access.clinicId, access.patientId);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/charges/:appointmentId/waive',
    {
      schema: {
        tags,
        summary:
          'Waive a late-cancellation or no-show fee, saying why: it stays on the account, no longer owed',
        params: chargeParams,
        body: correctionReason,
        response: { 200: patientAccount, ...errors },
      },
    },
    async (request) => {
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.record',
        action: 'fee.waive',
        resourceType: 'appointment',
        resourceId: request.params.appointmentId,
      });
      const scope = and(
        eq(appointments.clinicId, access.clinicId),
        eq(appointments.patientId, access.patientId),
        eq(appointments.id, request.params.appointmentId),
      );
      await correctOnce(db, audit, request.body.reason, {
        apply: (tx) =>
          tx
            .update(appointments)
            .set(feeWaiver(access.principal.userId, request.body.reason, now()))
            .where(and(scope, feeToWaive()))
            .returning({ id: appointments.id }),
        whyNot: async () => {
          const [row] = await db.select({ fee: appointments.missedFeeCents }).from(appointments).where(scope);
          if (!row) return notFound('Appointment');
          return new AppError(
            'conflict',
            row.fee === null ? 'This appointment has no fee to waive' : 'This fee is already waived',
          );
        },
      });
      return accountOf(db, access.clinicId, access.patientId);
    },
  );
}
