import { and, eq, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/connection.ts';
import {
  clinicProfiles,
  clinics,
  locations,
  memberships,
  reviews,
  therapistHours,
  therapistNextOpenings,
  therapistProfiles,
} from '../../db/schema/index.ts';
import { getTreatedCondition, type TreatedConditionId } from '../../domain/catalog/conditions.ts';
import { getTechnique, type TechniqueId } from '../../domain/catalog/techniques.ts';
import { AppError } from '../../platform/errors.ts';
import { type LatLng, milesBetween, zipCentroid } from './geo.ts';
import { computedOpening, storedColumns, storedOpening } from './next-openings.ts';
import { computeOpenings, OPENING_WINDOW_DAYS, type Opening, openingLabel } from './openings.ts';
import { bookUrl, photoUrl } from './public-data.ts';
import { INCLUSIVE_VALUES, type InclusiveValue, type SearchQuery, type SearchResult } from './schemas.ts';

/**
 * Directory search. Filters are hard (a therapist either matches or is not listed); the order is a score:
 *
 *   score = 3·match + 2·proximity + 1.5·availability + 1·rating
 *
 * - match (0–1): 1 when the searched condition is among the therapist's first three listed (their main
 *   focus), 0.6 when listed further down; same for a searched technique; averaged; 0 with neither.
 * - proximity (0–1): 1 − distance / radius, with a ZIP code; 0 without.
 * - availability (0–1): 1 − hours until the next opening / (7 × 24); 0 with no opening in 7 days.
 * - rating (0–1): a Bayesian average, (C·m + Σ ratings) / (C + n) with C = 5 reviews of prior weight and
 *   m = 4.0, mapped from 1–5 to 0–1, so a single 5-star review cannot outrank a long record of 4.8s.
 *
 * Ties: nearer first, then name, then id (stable). Hidden reviews are excluded only through a logged
 * moderation decision; low ratings are never dropped.
 */
/** The order above in a patient's words (shown under the results). */
export const RANKING =
  'Sorted by how closely each therapist’s focus matches your search (this counts most), then distance, how soon they can see you, and their reviews, where a few reviews count for less than many. Ties: nearer first.';
export const DEFAULT_RADIUS_MILES = 25;
export const PRIOR_REVIEWS = 5;
export const PRIOR_MEAN = 4.0;
/**
 * Candidates whose stored next opening is missing, stale or expired are computed inline, for at most this many
 * clinics (nearest first). Normally that is a clinic or two (a booking since the last background run), a few
 * milliseconds; only right after a mass change (first start, a clinic-wide set-up edit) are there more, and the
 * job stores them within a minute. Until then the rest show "next opening not known yet": never a made-up
 * "no opening this week", and `available=true` lists only therapists with a known opening.
 */
const INLINE_CLINICS = 5;

export const bayesianRating = (sum: number, count: number) =>
  (PRIOR_REVIEWS * PRIOR_MEAN + sum) / (PRIOR_REVIEWS + count);

const round1 = (n: number) => Math.round(n * 10) / 10;

function focus(list: readonly string[], id: string | undefined): number | undefined {
  if (!id) return undefined;
  const at = list.indexOf(id);
  return at < 0 ? 0 : at < 3 ? 1 : 0.6;
}

export interface SearchOutput {
  items: SearchResult[];
  total: number;
  page: number;
  ranking: string;
}

export async function searchDirectory(
  db: Executor,
  query: SearchQuery,
  now: Date,
  options: { inlineClinics?: number } = {},
): Promise<SearchOutput> {
  let origin: LatLng | undefined;
  if (query.zip) {
    origin = zipCentroid(query.zip);
    if (!origin) {
      throw new AppError('validation_failed', 'The request is not valid', [
        { path: 'querystring.zip', message: 'Unknown ZIP code' },
      ]);
    }
  }
  if (query.distance !== undefined && !query.zip) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'querystring.distance', message: 'Give a ZIP code to search by distance' },
    ]);
  }
  const radius = query.distance ?? DEFAULT_RADIUS_MILES;
  const inclusive = new Set(
    (query.inclusive?.split(',') ?? []).filter((v): v is InclusiveValue =>
      (INCLUSIVE_VALUES as readonly string[]).includes(v),
    ),
  );

  // 1. Published clinics (with the inclusive-practice filter) and their locations: distance per location.
  const clinicRows = await db
    .select({
      clinicId: clinicProfiles.clinicId,
      slug: clinicProfiles.slug,
      name: clinics.name,
      timeZone: clinics.timeZone,
      locationId: locations.id,
      city: locations.city,
      postalCode: locations.postalCode,
    })
    .from(clinicProfiles)
    .innerJoin(clinics, eq(clinics.id, clinicProfiles.clinicId))
    .innerJoin(locations, eq(locations.clinicId, clinicProfiles.clinicId))
    .where(
      and(
        eq(clinicProfiles.published, true),
        inclusive.has('lgbtq') ? eq(clinicProfiles.inclusiveLgbtq, true) : undefined,
        inclusive.has('trauma_informed') ? eq(clinicProfiles.inclusiveTraumaInformed, true) : undefined,
        inclusive.has('accessible') ? eq(clinicProfiles.inclusiveAccessible, true) : undefined,
      ),
    );
  const city = query.city?.toLowerCase();
  const locationInfo = new Map<string, { city: string; miles: number | null; ok: boolean }>();
  const clinicInfo = new Map<
    string,
    { slug: string; name: string; timeZone: string; locationIds: string[] }
  >();
  for (const row of clinicRows) {
    const centroid = origin ? zipCentroid(row.postalCode) : undefined;
    const miles = origin && centroid ? milesBetween(origin, centroid) : null;
    const ok = (!origin || (miles !== null && miles <= radius)) && (!city || row.city.toLowerCase() === city);
    locationInfo.set(row.locationId, { city: row.city, miles, ok });
    const info = clinicInfo.get(row.clinicId) ?? {
      slug: row.slug,
      name: row.name,
      timeZone: row.timeZone,
      locationIds: [],
    };
    info.locationIds.push(row.locationId);
    clinicInfo.set(row.clinicId, info);
  }
  const candidateClinics = [...clinicInfo].filter(([, c]) =>
    c.locationIds.some((id) => locationInfo.get(id)!.ok),
  );
  if (candidateClinics.length === 0) return { items: [], total: 0, page: query.page, ranking: RANKING };
  const clinicIds = candidateClinics.map(([id]) => id);

  // 2+3. Published, active therapists of those clinics matching the profile filters, with the locations of
  // their weekly hours, their rating totals and their stored next openings: one round trip, one JSON document.
  // The clinics named for memberships too: without table statistics (PGlite never analyzes) the planner would
  // otherwise start from every therapist membership.
  const stored = storedColumns(now);
  const clinicList = sql.raw(`'{${clinicIds.join(',')}}'::uuid[]`);
  const filters = [
    query.condition ? sql`and tp.conditions @> array[${query.condition}]::text[]` : sql``,
    query.technique ? sql`and tp.techniques @> array[${query.technique}]::text[]` : sql``,
    query.language ? sql`and tp.languages @> array[${query.language}]::text[]` : sql``,
    query.gender ? sql`and tp.gender = ${query.gender}` : sql``,
  ];
  const result = await db.execute(sql`select json_agg(json_build_object(
      'clinicId', tp.clinic_id, 'userId', tp.user_id, 'slug', tp.slug, 'displayName', tp.display_name,
      'pronouns', tp.pronouns, 'photoId', tp.photo_id, 'languages', tp.languages, 'conditions', tp.conditions,
      'techniques', tp.techniques,
      'locationIds', (select array_agg(distinct h.location_id) from ${therapistHours} h
                      where h.clinic_id = tp.clinic_id and h.therapist_id = tp.user_id),
      'ratingCount', (select count(*) from ${reviews} r where r.clinic_id = tp.clinic_id
                      and r.therapist_id = tp.user_id and r.status = 'published'),
      'ratingSum', (select coalesce(sum(r.rating), 0) from ${reviews} r where r.clinic_id = tp.clinic_id
                    and r.therapist_id = tp.user_id and r.status = 'published'),
      'nextStart', ${stored.nextStart}, 'usable', ${stored.usable})) as items
    from ${therapistProfiles} tp
    join ${memberships} m on m.clinic_id = tp.clinic_id and m.user_id = tp.user_id and m.role = 'therapist'
      and m.disabled_at is null
    left join ${therapistNextOpenings} o on o.clinic_id = tp.clinic_id and o.therapist_id = tp.user_id
    where tp.published and tp.clinic_id = any(${clinicList}) and m.clinic_id = any(${clinicList})
      ${sql.join(filters, sql` `)}`);
  const raw = rowsOf<{ items: unknown }>(result)[0]?.items;
  const therapists = ((typeof raw === 'string' ? JSON.parse(raw) : raw) ?? []) as {
    clinicId: string;
    userId: string;
    slug: string;
    displayName: string;
    pronouns: string | null;
    photoId: string | null;
    languages: string[];
    conditions: string[];
    techniques: string[];
    locationIds: string[] | null;
    ratingCount: number;
    ratingSum: number;
    /** The first stored start at or after now + minimum notice. */
    nextStart: string | null;
    usable: boolean;
  }[];
  if (therapists.length === 0) return { items: [], total: 0, page: query.page, ranking: RANKING };

  // 4. Location filter per therapist: the best (nearest) of their locations that passes.
  const located = therapists.flatMap((t) => {
    const key = `${t.clinicId}:${t.userId}`;
    const ids = t.locationIds ?? clinicInfo.get(t.clinicId)!.locationIds;
    const passing = ids
      .map((id) => ({ id, ...locationInfo.get(id)! }))
      .filter((l) => l.ok && l.city !== undefined);
    if (passing.length === 0) return [];
    passing.sort((a, b) => (a.miles ?? 0) - (b.miles ?? 0));
    return [{ t, key, location: passing[0]! }];
  });

  // 5. Next openings: stored ones where usable, the rest computed now for the nearest few clinics (see
  // INLINE_CLINICS); undefined = not known yet. Then the availability filter.
  const openings = new Map<string, Opening | null | undefined>();
  const toCompute = new Map<string, { miles: number; therapistIds: string[] }>();
  for (const { t, key, location } of located) {
    const timeZone = clinicInfo.get(t.clinicId)!.timeZone;
    const opening = storedOpening(t, timeZone, now);
    openings.set(key, opening);
    if (opening !== undefined) continue;
    const entry = toCompute.get(t.clinicId) ?? { miles: Number.POSITIVE_INFINITY, therapistIds: [] };
    entry.miles = Math.min(entry.miles, location.miles ?? 0);
    entry.therapistIds.push(t.userId);
    toCompute.set(t.clinicId, entry);
  }
  const inline = [...toCompute]
    .sort(([a, x], [b, y]) => x.miles - y.miles || (a < b ? -1 : 1))
    .slice(0, options.inlineClinics ?? INLINE_CLINICS);
  if (inline.length > 0) {
    const computed = await computeOpenings(
      db,
      inline.map(([clinicId]) => clinicId),
      now,
      inline.flatMap(([, entry]) => entry.therapistIds),
    );
    for (const [clinicId, entry] of inline) {
      for (const therapistId of entry.therapistIds) {
        openings.set(`${clinicId}:${therapistId}`, computedOpening(computed, clinicId, therapistId, now));
      }
    }
  }
  const windowHours = OPENING_WINDOW_DAYS * 24;
  const scored = located
    .map(({ t, key, location }) => {
      const opening = openings.get(key);
      const count = Number(t.ratingCount);
      const sum = Number(t.ratingSum);
      const focuses = [focus(t.conditions, query.condition), focus(t.techniques, query.technique)].filter(
        (f): f is number => f !== undefined,
      );
      const match = focuses.length > 0 ? focuses.reduce((a, b) => a + b, 0) / focuses.length : 0;
      const proximity = location.miles !== null ? Math.max(0, 1 - location.miles / radius) : 0;
      const hoursUntil = opening ? (Date.parse(opening.start) - now.getTime()) / 3_600_000 : null;
      const availability = hoursUntil !== null ? Math.max(0, 1 - hoursUntil / windowHours) : 0;
      const ratingScore = (bayesianRating(sum, count) - 1) / 4;
      const score = 3 * match + 2 * proximity + 1.5 * availability + ratingScore;
      return { t, location, opening, count, sum, score };
    })
    .filter((r) => !query.available || r.opening);
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.location.miles ?? 0) - (b.location.miles ?? 0) ||
      a.t.displayName.localeCompare(b.t.displayName) ||
      (a.t.userId < b.t.userId ? -1 : 1),
  );
  const start = (query.page - 1) * query.limit;
  const items = scored
    .slice(start, start + query.limit)
    .map(({ t, location, opening, count, sum, score }) => {
      const clinic = clinicInfo.get(t.clinicId)!;
      const nextOpening = opening
        ? { start: new Date(opening.start).toISOString(), label: openingLabel(opening) }
        : null;
      const when =
        opening === undefined
          ? 'next opening not known yet'
          : nextOpening
            ? `next opening ${nextOpening.label}`
            : 'no opening this week';
      const explanation = explain(t, query, location.miles, when, count, sum);
      return {
        therapistId: t.userId,
        clinicId: t.clinicId,
        name: t.displayName,
        postNominals: null,
        pronouns: t.pronouns,
        profileUrl: `/therapists/${t.slug}`,
        clinicName: clinic.name,
        clinicUrl: `/clinics/${clinic.slug}`,
        photoUrl: photoUrl(t.clinicId, t.photoId),
        languages: t.languages,
        conditions: t.conditions,
        techniques: t.techniques,
        city: location.city,
        distanceMiles: location.miles === null ? null : round1(location.miles),
        nextOpening,
        rating: { average: count > 0 ? round1(sum / count) : null, count },
        score: Math.round(score * 1000) / 1000,
        explanation,
        bookUrl: bookUrl(t.clinicId, t.userId),
      };
    });
  return { items, total: scored.length, page: query.page, ranking: RANKING };
}

/** "treats sciatica · myofascial release · 3.2 mi · next opening Thu 10:00 · 4.8★ (12)". */
function explain(
  t: { conditions: string[]; techniques: string[] },
  query: SearchQuery,
  miles: number | null,
  opening: string,
  count: number,
  sum: number,
): string {
  const parts: string[] = [];
  const condition = query.condition ?? t.conditions[0];
  if (condition)
    parts.push(`treats ${getTreatedCondition(condition as TreatedConditionId).label.toLowerCase()}`);
  const technique = query.technique ?? t.techniques[0];
  if (technique) parts.push(getTechnique(technique as TechniqueId).name.toLowerCase());
  if (miles !== null) parts.push(`${round1(miles)} mi`);
  parts.push(opening);
  if (count > 0) parts.push(`${round1(sum / count)}★ (${count} review${count === 1 ? '' : 's'})`);
  return parts.join(' · ');
}
