import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { installation, users } from '../../db/schema/index.ts';
import { hashPassword } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { assertStrongPassword } from '../../platform/password-policy.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { startSession } from '../auth/sign-in.ts';
import { createClinic } from '../clinics/create-clinic.ts';
import { setupBody, setupStatus } from './schemas.ts';

const tags = ['Set-up'];

export default async function setupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Whether this installation still needs its first clinic',
        security: [],
        response: { 200: setupStatus },
      },
    },
    async () => {
      const rows = await app.deps.db.select().from(installation).limit(1);
      return { needed: rows.length === 0 };
    },
  );

  app.post(
    '/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'First-run set-up: the first clinic, its first location and its owner account',
        security: [],
        body: setupBody,
        response: { 201: z.object({ clinicId: z.uuid() }), 409: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const { clinic, location, owner } = request.body;
      await assertStrongPassword(owner.password, [owner.email, owner.displayName, clinic.name]);
      const passwordHash = await hashPassword(owner.password);
      const userId = uuidv7();
      const { db } = app.deps;
      const result = await db.transaction(async (tx) => {
        // The singleton row makes set-up happen exactly once, even under concurrent requests.
        const claimed = await tx.insert(installation).values({ id: 1 }).onConflictDoNothing().returning();
        if (claimed.length === 0)
          throw new AppError('already_set_up', 'Palpa is already set up: sign in instead');
        await tx
          .insert(users)
          .values({ id: userId, email: owner.email, displayName: owner.displayName, passwordHash });
        const created = await createClinic(tx, { clinic, location, ownerUserId: userId });
        await startSession(request, reply, userId, true, tx);
        return created;
      });
      await request.audit({
        action: 'setup.completed',
        actorUserId: userId,
        clinicId: result.clinicId,
        actorRoles: ['owner'],
        resourceType: 'clinic',
        resourceId: result.clinicId,
      });
      return reply.status(201).send({ clinicId: result.clinicId });
    },
  );
}
