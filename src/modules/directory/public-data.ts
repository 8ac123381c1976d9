import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/connection.ts';
import {
  clinicProfiles,
  clinics,
  credentials,
  locations,
  memberships,
  reviewReplies,
  reviews,
  services,
  serviceTherapists,
  therapistHours,
  therapistProfiles,
} from '../../db/schema/index.ts';

/**
 * What the public pages may show, and nothing else: published clinics, published therapists who are still
 * active therapists of a published clinic, current credentials (status active, shown publicly, not expired
 * by date in the clinic's zone), published reviews. No patient data, no staff e-mail unless published.
 */

export type CredentialRow = typeof credentials.$inferSelect;
export type ClinicProfileRow = typeof clinicProfiles.$inferSelect;
export type TherapistProfileRow = typeof therapistProfiles.$inferSelect;

/** Today's local date in a zone (YYYY-MM-DD). */
export const localToday = (now: Date, zone: string) => DateTime.fromJSDate(now, { zone }).toISODate()!;

/** Shown publicly: active, opted in, and not expired on today's date in the clinic's zone. */
export function isCredentialPublic(
  row: Pick<CredentialRow, 'status' | 'showPublicly' | 'expiresOn'>,
  today: string,
) {
  return row.status === 'active' && row.showPublicly && (row.expiresOn === null || row.expiresOn >= today);
}

/** Titles a therapist may only use with the matching current credential (California B&P §4611). */
const PROTECTED_TITLES: Record<string, CredentialRow['kind']> = {
  CMT: 'camtc',
  CMP: 'camtc',
  BCTMB: 'ncbtmb',
};

/** Post-nominal letters, without protected titles the current public credentials do not back. */
export function backedPostNominals(
  postNominals: string | null,
  current: Pick<CredentialRow, 'kind'>[],
): string | null {
  if (!postNominals) return null;
  const kinds = new Set(current.map((c) => c.kind));
  const kept = postNominals
    .split(/\s*,\s*/)
    .filter((token) => {
      const needs = PROTECTED_TITLES[token.trim().toUpperCase()];
      return !needs || kinds.has(needs);
    })
    .join(', ');
  return kept.length > 0 ? kept : null;
}

export interface LocationHours {
  id: string;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string;
  postalCode: string;
  phone: string | null;
  /** Per ISO weekday (1–7): earliest start and latest end of the therapists' weekly hours there. */
  hours: { weekday: number; open: string; close: string }[];
}

const activeTherapist = (clinicIdCol: unknown, userIdCol: unknown) => sql`exists (
  select 1 from ${memberships} m where m.clinic_id = ${clinicIdCol} and m.user_id = ${userIdCol}
  and m.role = 'therapist' and m.disabled_at is null)`;

export async function loadPublishedClinicBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({ profile: clinicProfiles, name: clinics.name, timeZone: clinics.timeZone })
    .from(clinicProfiles)
    .innerJoin(clinics, eq(clinics.id, clinicProfiles.clinicId))
    .where(and(eq(clinicProfiles.slug, slug), eq(clinicProfiles.published, true)));
  return row;
}

export async function loadPublishedClinicById(db: Executor, clinicId: string) {
  const [row] = await db
    .select({ profile: clinicProfiles, name: clinics.name, timeZone: clinics.timeZone })
    .from(clinicProfiles)
    .innerJoin(clinics, eq(clinics.id, clinicProfiles.clinicId))
    .where(and(eq(clinicProfiles.clinicId, clinicId), eq(clinicProfiles.published, true)));
  return row;
}

export async function loadPublishedTherapistBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({ profile: therapistProfiles })
    .from(therapistProfiles)
    .where(
      and(
        eq(therapistProfiles.slug, slug),
        eq(therapistProfiles.published, true),
        activeTherapist(therapistProfiles.clinicId, therapistProfiles.userId),
      ),
    );
  if (!row) return undefined;
  const clinic = await loadPublishedClinicById(db, row.profile.clinicId);
  if (!clinic) return undefined;
  return { profile: row.profile, clinic };
}

export async function publishedTherapistsOf(db: Executor, clinicId: string) {
  return db
    .select()
    .from(therapistProfiles)
    .where(
      and(
        eq(therapistProfiles.clinicId, clinicId),
        eq(therapistProfiles.published, true),
        activeTherapist(therapistProfiles.clinicId, therapistProfiles.userId),
      ),
    )
    .orderBy(asc(therapistProfiles.displayName));
}

/** The clinic's locations with opening hours from the weekly hours (of one therapist, or all of them). */
export async function locationsWithHours(
  db: Executor,
  clinicId: string,
  therapistId?: string,
): Promise<LocationHours[]> {
  const [locs, hours] = await Promise.all([
    db.select().from(locations).where(eq(locations.clinicId, clinicId)).orderBy(asc(locations.name)),
    db
      .select({
        locationId: therapistHours.locationId,
        weekday: therapistHours.weekday,
        open: sql<string>`min(${therapistHours.startTime})`,
        close: sql<string>`max(${therapistHours.endTime})`,
      })
      .from(therapistHours)
      .where(
        and(
          eq(therapistHours.clinicId, clinicId),
          therapistId ? eq(therapistHours.therapistId, therapistId) : undefined,
          activeTherapist(therapistHours.clinicId, therapistHours.therapistId),
        ),
      )
      .groupBy(therapistHours.locationId, therapistHours.weekday),
  ]);
  return locs
    .map((l) => ({
      id: l.id,
      name: l.name,
      addressLine1: l.addressLine1,
      addressLine2: l.addressLine2,
      city: l.city,
      region: l.region,
      postalCode: l.postalCode,
      phone: l.phone,
      hours: hours
        .filter((h) => h.locationId === l.id)
        .map((h) => ({ weekday: h.weekday, open: h.open, close: h.close }))
        .sort((a, b) => a.weekday - b.weekday),
    }))
    .filter((l) => !therapistId || l.hours.length > 0);
}

/** Online-bookable session types (length and price), of one therapist or the whole clinic. */
export async function publicServices(db: Executor, clinicId: string, therapistId?: string) {
  const rows = await db
    .selectDistinct({
      id: services.id,
      name: services.name,
      durationMinutes: services.durationMinutes,
      priceCents: services.priceCents,
      kind: services.kind,
    })
    .from(services)
    .innerJoin(
      serviceTherapists,
      and(eq(serviceTherapists.clinicId, services.clinicId), eq(serviceTherapists.serviceId, services.id)),
    )
    .where(
      and(
        eq(services.clinicId, clinicId),
        eq(services.onlineBookable, true),
        isNull(services.archivedAt),
        therapistId ? eq(serviceTherapists.therapistId, therapistId) : undefined,
      ),
    );
  return rows.sort((a, b) => a.durationMinutes - b.durationMinutes || a.name.localeCompare(b.name));
}

export async function publicCredentials(
  db: Executor,
  clinicId: string,
  therapistIds: string[],
  today: string,
) {
  if (therapistIds.length === 0) return [];
  const rows = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.clinicId, clinicId), inArray(credentials.therapistId, therapistIds)))
    .orderBy(asc(credentials.kind), asc(credentials.title));
  return rows.filter((row) => isCredentialPublic(row, today));
}

export interface RatingSummary {
  average: number | null;
  count: number;
}

/** Published reviews only: hidden ones were hidden by a logged moderation decision, never by rating. */
export async function ratingSummary(
  db: Executor,
  clinicId: string,
  therapistId?: string,
): Promise<RatingSummary> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, average: sql<string | null>`avg(${reviews.rating})` })
    .from(reviews)
    .where(
      and(
        eq(reviews.clinicId, clinicId),
        eq(reviews.status, 'published'),
        therapistId ? eq(reviews.therapistId, therapistId) : undefined,
      ),
    );
  const count = Number(row?.count ?? 0);
  return { count, average: count > 0 ? Math.round(Number(row!.average) * 10) / 10 : null };
}

export async function publishedReviews(db: Executor, clinicId: string, therapistId?: string, limit = 20) {
  return db
    .select({
      id: reviews.id,
      therapistId: reviews.therapistId,
      rating: reviews.rating,
      body: reviews.body,
      createdAt: reviews.createdAt,
      reply: reviewReplies.body,
      replyAt: reviewReplies.updatedAt,
    })
    .from(reviews)
    .leftJoin(
      reviewReplies,
      and(eq(reviewReplies.clinicId, reviews.clinicId), eq(reviewReplies.reviewId, reviews.id)),
    )
    .where(
      and(
        eq(reviews.clinicId, clinicId),
        eq(reviews.status, 'published'),
        therapistId ? eq(reviews.therapistId, therapistId) : undefined,
      ),
    )
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}

export const photoUrl = (clinicId: string, photoId: string | null) =>
  photoId ? `/directory/photos/${clinicId}/${photoId}` : null;
export const bookUrl = (clinicId: string, therapistId?: string) =>
  `/book?clinicId=${encodeURIComponent(clinicId)}${therapistId ? `&therapistId=${encodeURIComponent(therapistId)}` : ''}`;
