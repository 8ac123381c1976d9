import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileTypeFromBuffer } from 'file-type';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  clinicProfiles,
  clinics,
  directoryPhotos,
  memberships,
  therapistProfiles,
  users,
} from '../../db/schema/index.ts';
import { authorizeClinic, type ClinicAccess } from '../../platform/clinic-access.ts';
import { sha256 } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { activeTherapists } from '../members/therapists.ts';
import { queueRefresh } from './next-openings.ts';
import { photoUrl } from './public-data.ts';
import {
  type ClinicProfile,
  clinicProfile,
  clinicProfileInput,
  photoInput,
  type TherapistProfile,
  therapistProfile,
  therapistProfileInput,
} from './schemas.ts';

const tags = ['Directory'];
const therapistParams = clinicParams.extend({ therapistId: z.uuid() });
const MAX_PHOTO_BYTES = 512 * 1024;

export const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '') || 'profile';

/** A slug not used yet by another profile of the same kind: `base`, `base-2`, `base-3`… */
async function freeSlug(
  db: Executor,
  kind: 'clinic' | 'therapist',
  base: string,
  own?: (row: { clinicId: string; userId?: string }) => boolean,
) {
  const padded = base.length < 3 ? `${base}-profile` : base;
  for (let n = 1; n < 200; n++) {
    const slug = n === 1 ? padded : `${padded}-${n}`;
    const rows =
      kind === 'clinic'
        ? await db
            .select({ clinicId: clinicProfiles.clinicId })
            .from(clinicProfiles)
            .where(eq(clinicProfiles.slug, slug))
        : await db
            .select({ clinicId: therapistProfiles.clinicId, userId: therapistProfiles.userId })
            .from(therapistProfiles)
            .where(eq(therapistProfiles.slug, slug));
    if (rows.length === 0 || rows.every((r) => own?.(r))) return slug;
  }
  return `${padded}-${uuidv7().slice(-6)}`;
}

function slugConflict(error: unknown): never {
  const e = error as { code?: string; cause?: { code?: string } };
  if ((e.code ?? e.cause?.code) === '23505') {
    throw new AppError('conflict', 'Another public profile already uses this address', [
      { path: 'body.slug', message: 'Already taken: choose another' },
    ]);
  }
  throw error;
}

/** A therapist may edit only their own profile; the owner anyone's in the clinic. */
async function authorizeTherapistProfile(
  request: FastifyRequest,
  clinicId: string,
  therapistId: string,
  write: boolean,
) {
  const access = await authorizeClinic(request, clinicId, write ? 'directory.self' : 'directory.read');
  if (write && !access.roles.includes('owner') && access.principal.userId !== therapistId) {
    await request.audit({
      action: 'access.directory.self',
      outcome: 'refused',
      clinicId,
      actorRoles: access.roles,
      resourceType: 'therapist_profile',
      resourceId: therapistId,
    });
    throw new AppError('forbidden', 'You may edit only your own public profile');
  }
  return access;
}

async function assertTherapist(db: Executor, clinicId: string, therapistId: string) {
  const [row] = await db
    .select({ userId: memberships.userId, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.clinicId, clinicId),
        eq(memberships.userId, therapistId),
        eq(memberships.role, 'therapist'),
        isNull(memberships.disabledAt),
      ),
    );
  if (!row) throw notFound('Therapist');
  return row;
}

/** Checks an uploaded image by its bytes (PNG or JPEG only) and stores it. */
async function storePhoto(db: Executor, access: ClinicAccess, dataBase64: string): Promise<string> {
  const bytes = Buffer.from(dataBase64.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'body.dataBase64', message: 'Empty image' },
    ]);
  }
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new AppError('payload_too_large', 'The photo is larger than 512 KB');
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || (detected.mime !== 'image/png' && detected.mime !== 'image/jpeg')) {
    throw new AppError('unsupported_media_type', 'Use a PNG or JPEG image', [
      { path: 'body.dataBase64', message: `Not a PNG or JPEG image${detected ? ` (${detected.mime})` : ''}` },
    ]);
  }
  const id = uuidv7();
  await db.insert(directoryPhotos).values({
    clinicId: access.clinicId,
    id,
    contentType: detected.mime,
    dataBase64: bytes.toString('base64'),
    sha256: sha256(bytes.toString('binary')),
    uploadedBy: access.principal.userId,
  });
  return id;
}

export default async function directoryStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now, config } = app.deps;
  const origin = config.publicUrl.replace(/\/$/, '');

  async function clinicView(clinicId: string): Promise<ClinicProfile | null> {
    const [row] = await db
      .select({ profile: clinicProfiles, name: clinics.name })
      .from(clinicProfiles)
      .innerJoin(clinics, eq(clinics.id, clinicProfiles.clinicId))
      .where(eq(clinicProfiles.clinicId, clinicId));
    if (!row) return null;
    const p = row.profile;
    return {
      clinicId: p.clinicId,
      clinicName: row.name,
      slug: p.slug,
      published: p.published,
      tagline: p.tagline,
      about: p.about,
      publicPhone: p.publicPhone,
      publicEmail: p.publicEmail,
      website: p.website,
      acceptsReferrals: p.acceptsReferrals,
      acceptsInsurance: p.acceptsInsurance,
      acceptsAutoAccident: p.acceptsAutoAccident,
      inclusiveLgbtq: p.inclusiveLgbtq,
      inclusiveTraumaInformed: p.inclusiveTraumaInformed,
      inclusiveAccessible: p.inclusiveAccessible,
      inclusiveStatement: p.inclusiveStatement,
      referralFax: p.referralFax,
      referralEmail: p.referralEmail,
      referralNotes: p.referralNotes,
      photoUrl: photoUrl(p.clinicId, p.photoId),
      publicUrl: `${origin}/clinics/${p.slug}`,
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  async function therapistViews(clinicId: string, therapistIds?: string[]): Promise<TherapistProfile[]> {
    const people = await activeTherapists(db, clinicId, therapistIds);
    const ids = people.map((p) => p.id);
    const profiles = ids.length
      ? await db
          .select()
          .from(therapistProfiles)
          .where(and(eq(therapistProfiles.clinicId, clinicId), inArray(therapistProfiles.userId, ids)))
      : [];
    const byId = new Map(profiles.map((p) => [p.userId, p]));
    return people.map(({ id, name }) => {
      const p = byId.get(id);
      return {
        therapistId: id,
        accountName: name,
        exists: Boolean(p),
        slug: p?.slug ?? null,
        published: p?.published ?? false,
        displayName: p?.displayName ?? name,
        postNominals: p?.postNominals ?? null,
        bio: p?.bio ?? null,
        pronouns: p?.pronouns ?? null,
        languages: p?.languages ?? ['en'],
        gender: p?.gender ?? null,
        genderDescription: p?.genderDescription ?? null,
        conditions: p?.conditions ?? [],
        techniques: p?.techniques ?? [],
        publicEmail: p?.publicEmail ?? null,
        photoUrl: p ? photoUrl(clinicId, p.photoId) : null,
        publicUrl: p ? `${origin}/therapists/${p.slug}` : null,
        updatedAt: p?.updatedAt.toISOString() ?? null,
      };
    });
  }

  app.get(
    '/api/clinics/:clinicId/directory/profile',
    {
      schema: {
        tags,
        summary: "The clinic's public profile (null until first saved)",
        params: clinicParams,
        response: { 200: z.object({ profile: clinicProfile.nullable() }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'directory.read');
      return { profile: await clinicView(access.clinicId) };
    },
  );

  app.put(
    '/api/clinics/:clinicId/directory/profile',
    {
      schema: {
        tags,
        summary: "Create or replace the clinic's public profile (owner); `published` opts in",
        params: clinicParams,
        body: clinicProfileInput,
        response: { 200: clinicProfile, 400: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'directory.manage');
      const { slug: wanted, ...fields } = request.body;
      const [existing] = await db
        .select()
        .from(clinicProfiles)
        .where(eq(clinicProfiles.clinicId, access.clinicId));
      const slug =
        wanted ??
        existing?.slug ??
        (await freeSlug(db, 'clinic', slugify(access.clinic.name), (r) => r.clinicId === access.clinicId));
      const values = {
        ...fields,
        tagline: fields.tagline ?? null,
        about: fields.about ?? null,
        publicPhone: fields.publicPhone ?? null,
        publicEmail: fields.publicEmail ?? null,
        website: fields.website ?? null,
        inclusiveStatement: fields.inclusiveStatement ?? null,
        referralFax: fields.referralFax ?? null,
        referralEmail: fields.referralEmail ?? null,
        referralNotes: fields.referralNotes ?? null,
        slug,
        updatedAt: now(),
      };
      await db
        .insert(clinicProfiles)
        .values({ clinicId: access.clinicId, ...values })
        .onConflictDoUpdate({ target: clinicProfiles.clinicId, set: values })
        .catch(slugConflict);
      // Next openings are computed in the background: soon, even if the job was resting (nothing was public).
      if (values.published) await queueRefresh(db, now(), { next: true });
      await request.audit({
        action: existing ? 'directory.clinic_profile.updated' : 'directory.clinic_profile.created',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'clinic_profile',
        resourceId: access.clinicId,
        details: {
          published: values.published,
          publishedChanged: existing ? existing.published !== values.published : true,
        },
      });
      return (await clinicView(access.clinicId))!;
    },
  );

  app.get(
    '/api/clinics/:clinicId/directory/therapists',
    {
      schema: {
        tags,
        summary: "The clinic's therapists with their public profiles (or the defaults when not saved yet)",
        params: clinicParams,
        response: { 200: z.object({ items: z.array(therapistProfile) }), 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'directory.read');
      return { items: await therapistViews(access.clinicId) };
    },
  );

  app.put(
    '/api/clinics/:clinicId/directory/therapists/:therapistId',
    {
      schema: {
        tags,
        summary: "Create or replace a therapist's public profile (the owner, or the therapist for their own)",
        params: therapistParams,
        body: therapistProfileInput,
        response: {
          200: therapistProfile,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (request) => {
      const { clinicId, therapistId } = request.params;
      const access = await authorizeTherapistProfile(request, clinicId, therapistId, true);
      await assertTherapist(db, access.clinicId, therapistId);
      const { slug: wanted, ...fields } = request.body;
      const [existing] = await db
        .select()
        .from(therapistProfiles)
        .where(
          and(eq(therapistProfiles.clinicId, access.clinicId), eq(therapistProfiles.userId, therapistId)),
        );
      const own = (r: { clinicId: string; userId?: string }) =>
        r.clinicId === access.clinicId && r.userId === therapistId;
      const slug =
        wanted ?? existing?.slug ?? (await freeSlug(db, 'therapist', slugify(fields.displayName), own));
      const values = {
        ...fields,
        postNominals: fields.postNominals ?? null,
        bio: fields.bio ?? null,
        pronouns: fields.pronouns ?? null,
        gender: fields.gender ?? null,
        genderDescription: fields.genderDescription ?? null,
        publicEmail: fields.publicEmail ?? null,
        languages: [...new Set(fields.languages)],
        conditions: [...new Set(fields.conditions)],
        techniques: [...new Set(fields.techniques)],
        slug,
        updatedAt: now(),
      };
      await db
        .insert(therapistProfiles)
        .values({ clinicId: access.clinicId, userId: therapistId, ...values })
        .onConflictDoUpdate({ target: [therapistProfiles.clinicId, therapistProfiles.userId], set: values })
        .catch(slugConflict);
      if (values.published) await queueRefresh(db, now(), { next: true });
      await request.audit({
        action: existing ? 'directory.therapist_profile.updated' : 'directory.therapist_profile.created',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'therapist_profile',
        resourceId: therapistId,
        details: { published: values.published },
      });
      return (await therapistViews(access.clinicId, [therapistId]))[0]!;
    },
  );

  app.put(
    '/api/clinics/:clinicId/directory/profile/photo',
    {
      schema: {
        tags,
        summary:
          "Set the clinic's photo (PNG or JPEG, recognised from its bytes; 415 otherwise, 413 over 512 KB)",
        params: clinicParams,
        body: photoInput,
        response: {
          200: clinicProfile,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'directory.manage');
      const [existing] = await db
        .select()
        .from(clinicProfiles)
        .where(eq(clinicProfiles.clinicId, access.clinicId));
      if (!existing) throw notFound('Clinic profile (save the profile first)');
      const photoId = await storePhoto(db, access, request.body.dataBase64);
      await db
        .update(clinicProfiles)
        .set({ photoId, updatedAt: now() })
        .where(eq(clinicProfiles.clinicId, access.clinicId));
      await request.audit({
        action: 'directory.clinic_photo.set',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'directory_photo',
        resourceId: photoId,
      });
      return (await clinicView(access.clinicId))!;
    },
  );

  app.put(
    '/api/clinics/:clinicId/directory/therapists/:therapistId/photo',
    {
      schema: {
        tags,
        summary: "Set a therapist's photo (PNG or JPEG, recognised from its bytes)",
        params: therapistParams,
        body: photoInput,
        response: {
          200: therapistProfile,
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (request) => {
      const { clinicId, therapistId } = request.params;
      const access = await authorizeTherapistProfile(request, clinicId, therapistId, true);
      const [existing] = await db
        .select()
        .from(therapistProfiles)
        .where(
          and(eq(therapistProfiles.clinicId, access.clinicId), eq(therapistProfiles.userId, therapistId)),
        );
      if (!existing) throw notFound('Therapist profile (save the profile first)');
      const photoId = await storePhoto(db, access, request.body.dataBase64);
      await db
        .update(therapistProfiles)
        .set({ photoId, updatedAt: now() })
        .where(
          and(eq(therapistProfiles.clinicId, access.clinicId), eq(therapistProfiles.userId, therapistId)),
        );
      await request.audit({
        action: 'directory.therapist_photo.set',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'directory_photo',
        resourceId: photoId,
        details: { therapistId },
      });
      return (await therapistViews(access.clinicId, [therapistId]))[0]!;
    },
  );

  app.delete(
    '/api/clinics/:clinicId/directory/therapists/:therapistId/photo',
    {
      schema: {
        tags,
        summary: "Remove a therapist's photo (the profile shows none)",
        params: therapistParams,
        response: { 200: therapistProfile, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { clinicId, therapistId } = request.params;
      const access = await authorizeTherapistProfile(request, clinicId, therapistId, true);
      const updated = await db
        .update(therapistProfiles)
        .set({ photoId: null, updatedAt: now() })
        .where(
          and(eq(therapistProfiles.clinicId, access.clinicId), eq(therapistProfiles.userId, therapistId)),
        )
        .returning({ userId: therapistProfiles.userId });
      if (updated.length === 0) throw notFound('Therapist profile');
      return (await therapistViews(access.clinicId, [therapistId]))[0]!;
    },
  );
}
