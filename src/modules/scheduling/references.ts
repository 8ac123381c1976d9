import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { locations, memberships, rooms, services } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Checks that ids sent in a body belong to this clinic before anything is written, so a wrong id is a clear
 * 400 naming the field (a foreign-key violation would otherwise surface as a server error).
 */
function missing(path: string, ids: readonly string[], found: Set<string>) {
  const bad = [...new Set(ids)].filter((id) => !found.has(id));
  if (bad.length > 0) {
    throw new AppError(
      'validation_failed',
      'The request refers to something that does not exist in this clinic',
      [{ path, message: `unknown: ${bad.join(', ')}` }],
    );
  }
}

export async function assertTherapists(db: Executor, clinicId: string, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.clinicId, clinicId),
        eq(memberships.role, 'therapist'),
        isNull(memberships.disabledAt),
        inArray(memberships.userId, [...ids]),
      ),
    );
  missing(path, ids, new Set(rows.map((r) => r.id)));
}

export async function assertLocations(db: Executor, clinicId: string, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.clinicId, clinicId), inArray(locations.id, [...ids])));
  missing(path, ids, new Set(rows.map((r) => r.id)));
}

export async function assertRooms(db: Executor, clinicId: string, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.clinicId, clinicId), inArray(rooms.id, [...ids])));
  missing(path, ids, new Set(rows.map((r) => r.id)));
}

export async function assertServices(db: Executor, clinicId: string, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), inArray(services.id, [...ids])));
  missing(path, ids, new Set(rows.map((r) => r.id)));
}
