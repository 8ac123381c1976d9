import type { FastifyInstance } from 'fastify';
import { queueRefresh } from './next-openings.ts';
import directoryPublicRoutes from './public-routes.ts';
import directoryStaffRoutes from './staff-routes.ts';

/**
 * The public directory: staff edit the clinic's and therapists' public profiles (/api/clinics/:id/directory/…);
 * anyone searches (/api/directory/search) and reads the server-rendered pages (/find, /clinics/:slug,
 * /therapists/:slug, /therapists/:slug/ask-my-physician). Registered without a prefix: it owns both.
 *
 * Next openings are stored and kept fresh by the `directory.next-openings` job (next-openings.ts); the
 * server queues its first run when it listens (like the worker, not for `inject`-only test apps), and each run
 * queues the next.
 */
export default async function directoryModule(app: FastifyInstance) {
  await app.register(directoryStaffRoutes);
  await app.register(directoryPublicRoutes);
  app.addHook('onListen', async () => {
    await queueRefresh(app.deps.db, app.deps.now(), { start: true }).catch((error) =>
      app.log.warn({ err: error }, 'could not queue the next-openings refresh'),
    );
  });
}
