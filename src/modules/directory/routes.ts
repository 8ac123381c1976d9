import type { FastifyInstance } from 'fastify';
import { OpeningsCache } from './openings.ts';
import directoryPublicRoutes from './public-routes.ts';
import directoryStaffRoutes from './staff-routes.ts';

/**
 * The public directory: staff edit the clinic's and therapists' public profiles (/api/clinics/:id/directory/…);
 * anyone searches (/api/directory/search) and reads the server-rendered pages (/find, /clinics/:slug,
 * /therapists/:slug, /therapists/:slug/ask-my-physician). Registered without a prefix: it owns both.
 */
export default async function directoryModule(app: FastifyInstance) {
  const cache = new OpeningsCache();
  await app.register(directoryStaffRoutes);
  await app.register(directoryPublicRoutes, { cache });
}
