import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicProfiles, directoryPhotos, therapistProfiles } from '../../db/schema/index.ts';
import { projectRoot } from '../../paths.ts';
import { AppError } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { nextOpeningOf } from './next-openings.ts';
import { openingLabel } from './openings.ts';
import { findPage } from './pages/find.ts';
import { errorPage } from './pages/layout.ts';
import { askPhysicianPage, clinicPage, therapistPage } from './pages/profiles.ts';
import {
  backedPostNominals,
  bookUrl,
  loadPublishedClinicBySlug,
  loadPublishedTherapistBySlug,
  localToday,
  locationsWithHours,
  photoUrl,
  publicCredentials,
  publicServices,
  publishedReviews,
  publishedTherapistsOf,
  ratingSummary,
} from './public-data.ts';
import { searchQuery, searchResponse } from './schemas.ts';
import { searchDirectory } from './search.ts';

// From the project root, so the same path works in src/ (tsx) and in the dist/server bundle.
const CSS = readFileSync(join(projectRoot, 'src/modules/directory/pages/directory.css'), 'utf8');
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function sendHtml(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', status === 200 ? 'public, max-age=60' : 'no-store')
    .send(body);
}

/** Query strings from an HTML form: repeated checkboxes (inclusive=a&inclusive=b) become "a,b"; empty fields go. */
function normaliseQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const text = Array.isArray(value) ? value.map(String).join(',') : typeof value === 'string' ? value : '';
    if (text.trim() !== '') out[key] = text.trim().slice(0, 200);
  }
  return out;
}

/**
 * The public directory: no sign-in. JSON search under /api, server-rendered pages outside it (registered here,
 * so the web app's catch-all never answers them). Unknown slugs answer a 404 page; bad queries a 400.
 */
export default async function directoryPublicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now, config } = app.deps;
  const origin = config.publicUrl.replace(/\/$/, '');

  app.get(
    '/api/directory/search',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['Directory'],
        summary:
          'Search public therapists (no sign-in): condition, technique, ZIP distance, city, language, gender, inclusive practice, available this week; ranked and explained',
        security: [],
        querystring: searchQuery,
        response: { 200: searchResponse, 400: errorSchema, 429: errorSchema },
      },
    },
    async (request) => searchDirectory(db, request.query, now()),
  );

  app.get('/directory/directory.css', { schema: { hide: true } }, (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(CSS),
  );

  app.get('/find', { schema: { hide: true } }, async (request, reply) => {
    const raw = normaliseQuery(request.query);
    const canonical = `${origin}/find`;
    const parsed = searchQuery.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: ['querystring', ...i.path].join('.'),
        message: i.message,
      }));
      return sendHtml(reply, 400, findPage({ raw, errors, canonical }));
    }
    // Search pressed with every filter empty sends only empty fields: still a search, listing all therapists.
    const hasSearch = Object.keys((request.query ?? {}) as object).length > 0;
    try {
      const result = hasSearch ? await searchDirectory(db, parsed.data, now()) : undefined;
      return sendHtml(reply, 200, findPage({ raw, query: parsed.data, result, canonical }));
    } catch (error) {
      if (error instanceof AppError && error.status === 400 && Array.isArray(error.details)) {
        return sendHtml(reply, 400, findPage({ raw, errors: error.details, canonical }));
      }
      throw error;
    }
  });

  app.get('/clinics/:slug', { schema: { hide: true } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const clinic =
      SLUG.test(slug) && slug.length <= 80 ? await loadPublishedClinicBySlug(db, slug) : undefined;
    if (!clinic)
      return sendHtml(reply, 404, errorPage('Page not found', 'There is no public clinic at this address.'));
    const clinicId = clinic.profile.clinicId;
    const [locations, therapists, services, rating, reviews] = await Promise.all([
      locationsWithHours(db, clinicId),
      publishedTherapistsOf(db, clinicId),
      publicServices(db, clinicId),
      ratingSummary(db, clinicId),
      publishedReviews(db, clinicId),
    ]);
    const therapistNames = new Map(therapists.map((t) => [t.userId, t.displayName]));
    return sendHtml(
      reply,
      200,
      clinicPage({
        clinic,
        canonical: `${origin}/clinics/${clinic.profile.slug}`,
        origin,
        photoUrl: photoUrl(clinicId, clinic.profile.photoId),
        locations,
        therapists: therapists.map((t) => ({
          name: t.displayName,
          slug: t.slug,
          pronouns: t.pronouns,
          photoUrl: photoUrl(clinicId, t.photoId),
        })),
        services,
        rating,
        // A review of a therapist whose profile is not published is still the clinic's review: shown, unnamed.
        reviews,
        therapistNames,
        bookUrl: bookUrl(clinicId),
      }),
    );
  });

  async function therapistData(slug: string) {
    if (!SLUG.test(slug) || slug.length > 80) return undefined;
    const found = await loadPublishedTherapistBySlug(db, slug);
    if (!found) return undefined;
    const clinicId = found.profile.clinicId;
    const today = localToday(now(), found.clinic.timeZone);
    const credentials = await publicCredentials(db, clinicId, [found.profile.userId], today);
    return {
      ...found,
      clinicId,
      credentials,
      postNominals: backedPostNominals(found.profile.postNominals, credentials),
    };
  }

  app.get('/therapists/:slug', { schema: { hide: true } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const data = await therapistData(slug);
    if (!data)
      return sendHtml(
        reply,
        404,
        errorPage('Page not found', 'There is no public therapist at this address.'),
      );
    const { clinicId, profile } = data;
    const [locations, services, rating, reviews, opening] = await Promise.all([
      locationsWithHours(db, clinicId, profile.userId),
      publicServices(db, clinicId, profile.userId),
      ratingSummary(db, clinicId, profile.userId),
      publishedReviews(db, clinicId, profile.userId),
      nextOpeningOf(db, clinicId, profile.userId, data.clinic.timeZone, now()),
    ]);
    return sendHtml(
      reply,
      200,
      therapistPage({
        clinic: data.clinic,
        profile,
        postNominals: data.postNominals,
        canonical: `${origin}/therapists/${profile.slug}`,
        origin,
        photoUrl: photoUrl(clinicId, profile.photoId),
        locations,
        services,
        credentials: data.credentials,
        rating,
        reviews,
        nextOpening: opening ? openingLabel(opening) : null,
        bookUrl: bookUrl(clinicId, profile.userId),
      }),
    );
  });

  app.get('/therapists/:slug/ask-my-physician', { schema: { hide: true } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const data = await therapistData(slug);
    if (!data)
      return sendHtml(
        reply,
        404,
        errorPage('Page not found', 'There is no public therapist at this address.'),
      );
    const locations = await locationsWithHours(db, data.clinicId, data.profile.userId);
    return sendHtml(
      reply,
      200,
      askPhysicianPage({
        clinic: data.clinic,
        profile: data.profile,
        postNominals: data.postNominals,
        canonical: `${origin}/therapists/${data.profile.slug}/ask-my-physician`,
        credentials: data.credentials,
        locations,
      }),
    );
  });

  // Anything else under /therapists/ (a slug longer than the router's parameter limit, extra segments) is a 404
  // page here, never the web app's catch-all.
  app.get('/therapists/*', { schema: { hide: true } }, (_request, reply) =>
    sendHtml(reply, 404, errorPage('Page not found', 'There is no public therapist at this address.')),
  );

  app.get(
    '/directory/photos/:clinicId/:photoId',
    {
      schema: {
        hide: true,
        params: z.object({ clinicId: z.uuid(), photoId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { clinicId, photoId } = request.params;
      // Served only while a published profile shows it.
      const [photo] = await db
        .select({ contentType: directoryPhotos.contentType, dataBase64: directoryPhotos.dataBase64 })
        .from(directoryPhotos)
        .where(
          and(
            eq(directoryPhotos.clinicId, clinicId),
            eq(directoryPhotos.id, photoId),
            or(
              sql`exists (select 1 from ${clinicProfiles} cp where cp.clinic_id = ${clinicId} and cp.photo_id = ${photoId} and cp.published)`,
              sql`exists (select 1 from ${therapistProfiles} tp join ${clinicProfiles} cp on cp.clinic_id = tp.clinic_id
                where tp.clinic_id = ${clinicId} and tp.photo_id = ${photoId} and tp.published and cp.published)`,
            ),
          ),
        );
      if (!photo) throw new AppError('not_found', 'Photo not found');
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(photo.dataBase64, 'base64'));
    },
  );
}
