import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { patients } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema, isoDateTime } from '../../platform/schemas.ts';
import { type InvitationAcceptedHook, onInvitationAccepted, sendInvitation } from '../invitations/service.ts';
import { patientParams } from './routes.ts';

/** On acceptance, the new (or signed-in) account becomes the patient record's portal account. */
const linkPortalAccount: InvitationAcceptedHook = async (tx, accepted) => {
  if (accepted.role !== 'patient' || !accepted.patientId) return;
  await tx
    .update(patients)
    .set({ userId: accepted.userId })
    .where(
      and(
        eq(patients.clinicId, accepted.clinicId),
        eq(patients.id, accepted.patientId),
        isNull(patients.userId),
      ),
    );
};

/**
 * Invites a patient to the patient portal (their intake, appointments and progress): an e-mailed,
 * single-use link that ties the account to this one patient record.
 */
export default async function portalInvitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  onInvitationAccepted(linkPortalAccount);

  app.post(
    '/clinics/:clinicId/patients/:patientId/portal-invitation',
    {
      config: { idempotent: true },
      schema: {
        tags: ['Patients'],
        summary: 'Invite the patient to the patient portal (sent to the e-mail on their record)',
        params: patientParams,
        response: {
          201: z.object({ invitationId: z.uuid(), email: z.string(), expiresAt: isoDateTime }),
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'patients.write',
        action: 'patient.portal_invited',
      });
      if (access.via !== 'staff') throw new AppError('forbidden', 'Only clinic staff invite patients');
      const [patient] = await app.deps.db
        .select({ email: patients.email, userId: patients.userId })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
      if (patient?.userId) throw new AppError('conflict', 'This patient already has a portal account');
      if (!patient?.email) {
        throw new AppError('unprocessable', 'Add an e-mail address to the patient record first', [
          { path: 'patient.email', message: 'Required to send a portal invitation' },
        ]);
      }
      const invitation = await sendInvitation(
        request,
        access.clinic,
        { email: patient.email.toLowerCase(), role: 'patient', patientId },
        access.principal.userId,
      );
      return reply.status(201).send({
        invitationId: invitation.id,
        email: invitation.email,
        expiresAt: invitation.expiresAt.toISOString(),
      });
    },
  );
}
