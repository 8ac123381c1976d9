import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection.ts';
import { apiTokens, type Role, sessions, users } from '../db/schema/index.ts';
import { randomToken, sha256 } from './crypto.ts';

/** One active role of the person in one clinic. */
export interface MembershipRow {
  clinicId: string;
  clinicName: string;
  timeZone: string;
  require2faForStaff: boolean;
  role: Role;
  /** For the patient role: the patient record this account opens onto (null until linked). */
  patientId: string | null;
}

export interface Principal {
  userId: string;
  /** Every active role in every clinic, loaded with the session in the same query. */
  memberships: MembershipRow[];
  email: string;
  displayName: string;
  totpEnabled: boolean;
  mfaVerified: boolean;
  via: 'session' | 'token';
  session?: { tokenHash: string; csrfToken: string; expiresAt: Date; idleTimeoutMinutes: number };
  token?: { id: string; clinicId: string; scopes: string[] };
}

export const SESSION_COOKIE = 'palpa_session';

/**
 * The person's active memberships as JSON, as a sub-select of the identity query: identity and roles cost one
 * round trip per request (PGlite serves one query at a time, so round trips are what throughput is made of).
 */
const membershipsOf = (userId: typeof users.id) => sql<MembershipRow[]>`coalesce((
  select json_agg(json_build_object('clinicId', m.clinic_id, 'clinicName', c.name, 'timeZone', c.time_zone,
    'require2faForStaff', c.require_2fa_for_staff, 'role', m.role,
    'patientId', case when m.role = 'patient' then (select p.id from patients p
      where p.clinic_id = m.clinic_id and p.user_id = m.user_id and p.merged_into_id is null limit 1) end)
    order by c.name, m.role)
  from memberships m join clinics c on c.id = m.clinic_id
  where m.user_id = ${userId} and m.disabled_at is null), '[]'::json)`;

/** postgres-js answers json columns parsed; PGlite too, but be tolerant of text. */
const parseMemberships = (value: unknown): MembershipRow[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as MembershipRow[];
/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_AFTER_MS = 60_000;

export async function createSession(
  db: Executor,
  input: {
    userId: string;
    mfaVerified: boolean;
    idleTimeoutMinutes: number;
    absoluteHours: number;
    ip?: string;
    userAgent?: string;
    now: Date;
  },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  // A session still waiting for its second factor lives five minutes at most.
  const lifetimeMs = input.mfaVerified ? input.absoluteHours * 3_600_000 : 5 * 60_000;
  const expiresAt = new Date(input.now.getTime() + lifetimeMs);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId: input.userId,
    csrfToken,
    mfaVerified: input.mfaVerified,
    idleTimeoutMinutes: input.idleTimeoutMinutes,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300),
  });
  return { token, csrfToken, expiresAt };
}

/** The session lookup every authenticated request makes (also the SQL the benchmark baseline runs). */
export async function lookupSession(db: Database, token: string, now: Date): Promise<Principal | null> {
  const tokenHash = sha256(token);
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      totpEnabledAt: users.totpEnabledAt,
      memberships: membershipsOf(users.id),
      csrfToken: sessions.csrfToken,
      mfaVerified: sessions.mfaVerified,
      idleTimeoutMinutes: sessions.idleTimeoutMinutes,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        isNull(users.disabledAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row) return null;
  const idleMs = row.idleTimeoutMinutes * 60_000;
  if (now.getTime() - row.lastSeenAt.getTime() > idleMs) {
    await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    userId: row.userId,
    memberships: parseMemberships(row.memberships),
    email: row.email,
    displayName: row.displayName,
    totpEnabled: row.totpEnabledAt !== null,
    mfaVerified: row.mfaVerified,
    via: 'session',
    session: {
      tokenHash,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      idleTimeoutMinutes: row.idleTimeoutMinutes,
    },
  };
}

export async function lookupApiToken(db: Database, token: string, now: Date): Promise<Principal | null> {
  const tokenHash = sha256(token);
  const [row] = await db
    .select({
      id: apiTokens.id,
      clinicId: apiTokens.clinicId,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      totpEnabledAt: users.totpEnabledAt,
      memberships: membershipsOf(users.id),
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  if (!row || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return {
    userId: row.userId,
    // A token reaches only the clinic it was made for.
    memberships: parseMemberships(row.memberships).filter((m) => m.clinicId === row.clinicId),
    email: row.email,
    displayName: row.displayName,
    totpEnabled: row.totpEnabledAt !== null,
    mfaVerified: true,
    via: 'token',
    token: { id: row.id, clinicId: row.clinicId, scopes: row.scopes },
  };
}

export async function revokeSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeAllSessions(db: Executor, userId: string, now: Date): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  return revoked.length;
}

export const lowerEmail = (email: string) => sql`lower(${email})`;
