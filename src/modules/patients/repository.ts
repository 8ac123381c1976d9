import { and, asc, type Column, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { patients, physicianPatientLinks } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { ageOn } from './dates.ts';
import type { Patient, PatientSummary } from './schemas.ts';
import { MIN_LAST_DIGITS, parsePatientQuery, type SearchTerm } from './search-query.ts';

export type PatientRow = typeof patients.$inferSelect;

export const displayNameOf = (p: Pick<PatientRow, 'preferredName' | 'legalFirstName' | 'legalLastName'>) =>
  `${p.preferredName ?? p.legalFirstName} ${p.legalLastName}`;

export function patientView(row: PatientRow, today: string): Patient {
  return {
    id: row.id,
    displayName: displayNameOf(row),
    legalFirstName: row.legalFirstName,
    legalLastName: row.legalLastName,
    preferredName: row.preferredName,
    pronouns: row.pronouns,
    sexAssignedAtBirth: row.sexAssignedAtBirth as Patient['sexAssignedAtBirth'],
    genderIdentity: row.genderIdentity,
    dateOfBirth: row.dateOfBirth,
    age: ageOn(row.dateOfBirth, today),
    language: row.language,
    email: row.email,
    phone: row.phone,
    contactPreferences: row.contactPreferences ?? null,
    emergencyContact: row.emergencyContact ?? null,
    guardian: row.guardian ?? null,
    address: row.address ?? null,
    insurance: row.insurance ?? null,
    notes: row.notes,
    hasPortalAccount: row.userId !== null,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function summaryView(row: PatientRow, today: string): PatientSummary {
  const v = patientView(row, today);
  return {
    id: v.id,
    displayName: v.displayName,
    legalFirstName: v.legalFirstName,
    legalLastName: v.legalLastName,
    preferredName: v.preferredName,
    pronouns: v.pronouns,
    dateOfBirth: v.dateOfBirth,
    age: v.age,
    phone: v.phone,
    email: v.email,
    mergedIntoId: v.mergedIntoId,
  };
}

export async function findPatient(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<PatientRow | undefined> {
  const [row] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  return row;
}

/** Who is searching: staff see the clinic, a physician their linked patients, a patient their own record. */
export type SearchScope =
  | { kind: 'staff' }
  | { kind: 'physician'; userId: string }
  | { kind: 'patient'; userId: string };

export interface PatientSearch {
  clinicId: string;
  q?: string;
  scope: SearchScope;
  includeMerged?: boolean;
  cursor?: string;
  limit: number;
}

/** The smallest string above every string starting with `prefix` (code-point order = UTF-8 byte order). */
export function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/**
 * `key` starts with `prefix`, as one btree range over a text_pattern_ops index. The prefix is a constant
 * already normalised by `palpa_search_key` (see normalizeTerms), so the planner sees plain values.
 */
const startsWith = (key: Column | SQL, prefix: string) =>
  prefix ? sql`(${key} ~>=~ ${prefix} and ${key} ~<~ ${prefixEnd(prefix)})` : sql`false`;

/** The phone digits reversed (index patients_phone_suffix_idx): the last digits are a prefix of it. */
const phoneSuffixKey = sql`reverse(${patients.phoneKey})`;
const reversed = (digits: string) => [...digits].reverse().join('');

const nameBranches = (key: string) =>
  sql`(${startsWith(patients.firstKey, key)} or ${startsWith(patients.lastKey, key)} or ${startsWith(
    patients.lastWordKey,
    key,
  )} or ${startsWith(patients.preferredKey, key)})`;

function termCondition(term: SearchTerm, keys: Map<string, string>): SQL {
  switch (term.kind) {
    case 'date':
      return sql`${patients.dateOfBirth} = ${term.date}`;
    case 'phone':
      return sql`(${sql.join(
        phoneBranches(term.digits).map((b) => b.match),
        sql` or `,
      )})`;
    case 'text':
      return sql`(${nameBranches(keys.get(term.text) ?? '')} or ${startsWith(patients.emailKey, term.text.trim().toLowerCase())})`;
    case 'never':
      return sql`false`;
  }
}

/** Normalises every word with the database's own `palpa_search_key` (one round trip), so keys always agree. */
async function normalizeTerms(db: Executor, words: string[]): Promise<Map<string, string>> {
  if (words.length === 0) return new Map();
  const result = await db.execute(
    sql`select t as word, public.palpa_search_key(t) as key from unnest(${sql.param(words)}::text[]) as t`,
  );
  return new Map(rowsOf<{ word: string; key: string }>(result).map((r) => [r.word, r.key ?? '']));
}

interface Branch {
  /** The range condition one index answers. */
  match: SQL;
  /** What the branch orders by (byte order): the sort key of the rows it finds. */
  key: SQL;
}

const prefixBranch = (column: Column | SQL, prefix: string): Branch => ({
  match: startsWith(column, prefix),
  key: sql`${column}`,
});

/** The number starts with these digits or, from MIN_LAST_DIGITS digits on, ends with them. */
const phoneBranches = (digits: string): Branch[] => [
  prefixBranch(patients.phoneKey, digits),
  ...(digits.length >= MIN_LAST_DIGITS ? [prefixBranch(phoneSuffixKey, reversed(digits))] : []),
];

function branchesOf(term: SearchTerm, keys: Map<string, string>): Branch[] {
  switch (term.kind) {
    case 'date':
      return [{ match: sql`${patients.dateOfBirth} = ${term.date}`, key: sql`${patients.lastKey}` }];
    case 'phone':
      return phoneBranches(term.digits);
    case 'text': {
      const key = keys.get(term.text) ?? '';
      return [
        prefixBranch(patients.lastKey, key),
        prefixBranch(patients.firstKey, key),
        prefixBranch(patients.lastWordKey, key),
        prefixBranch(patients.preferredKey, key),
        prefixBranch(patients.emailKey, term.text.trim().toLowerCase()),
      ];
    }
    case 'never':
      return [];
  }
}

export interface CompiledSearch {
  /** Every term matches (AND), or the whole phrase does. */
  condition: SQL;
  /** Ranges that together hold every matching row: the most selective term's, plus the phrase's. */
  branches: (Branch & { filter?: SQL })[];
  /** A row's sort key: the smallest key among the branches it matches (byte order). */
  sortKey: SQL;
}

/** Compiles a query string, or undefined for "everyone" (no query). */
export async function compileSearch(
  db: Executor,
  q: string | undefined,
): Promise<CompiledSearch | undefined> {
  const parsed = parsePatientQuery(q);
  if (!parsed) return undefined;
  const words = parsed.terms.flatMap((t) => (t.kind === 'text' ? [t.text] : []));
  const keys = await normalizeTerms(db, parsed.phrase ? [...words, parsed.phrase] : words);
  let condition = and(...parsed.terms.map((t) => termCondition(t, keys)))!;
  // The driving term: a birth date, else a phone number, else the longest word (fewest rows).
  const rank = (t: SearchTerm) =>
    t.kind === 'never'
      ? 1e9
      : t.kind === 'date'
        ? 1e6
        : t.kind === 'phone'
          ? 1e5 + t.digits.length
          : (keys.get(t.text) ?? '').length;
  const driving = [...parsed.terms].sort((a, b) => rank(b) - rank(a))[0]!;
  // A driving-term branch implies that term: only the other terms remain to check there.
  const others = parsed.terms.filter((t) => t !== driving);
  const filter = others.length ? and(...others.map((t) => termCondition(t, keys))) : undefined;
  const branches: CompiledSearch['branches'] = branchesOf(driving, keys).map((b) => ({ ...b, filter }));
  if (parsed.phrase) {
    const phrase = keys.get(parsed.phrase) ?? '';
    const phraseBranches = [
      prefixBranch(patients.lastKey, phrase),
      prefixBranch(patients.firstKey, phrase),
      prefixBranch(patients.preferredKey, phrase),
    ];
    condition = sql`(${condition} or ${sql.join(
      phraseBranches.map((b) => b.match),
      sql` or `,
    )})`;
    branches.push(...phraseBranches);
  }
  const candidates = branches.map((b) => sql`(case when ${b.match} then ${b.key} end)`);
  const sortKey =
    candidates.length > 0
      ? sql`(select min(v.k collate "C") from (values ${sql.join(
          candidates.map((c) => sql`(${c})`),
          sql`, `,
        )}) as v(k))`
      : sql`''`;
  return { condition, branches, sortKey };
}

function scopeCondition(scope: SearchScope): SQL | undefined {
  if (scope.kind === 'patient') return eq(patients.userId, scope.userId);
  if (scope.kind === 'physician') {
    return sql`exists (select 1 from ${physicianPatientLinks} l where l.clinic_id = ${patients.clinicId} and l.patient_id = ${patients.id} and l.user_id = ${scope.userId} and l.revoked_at is null)`;
  }
  return undefined;
}

/**
 * The one patient search (the API and bench/patient-search.ts both call it).
 *
 * Without a query: everyone in scope, by last name, first name, id (one ordered index scan).
 * With a query: each branch of the most selective term (first, last, last word of the last name, preferred
 * name, e-mail — or the start or the end of the phone number, or birth date) is an ordered range scan of its
 * text_pattern_ops index that stops after one page of rows passing the full condition; their union is ordered
 * by the key that matched. The work is bounded by the page size, not by the number of patients. Keyset paging
 * from the last id shown.
 */
export async function searchPatients(
  db: Executor,
  input: PatientSearch,
): Promise<{ rows: PatientRow[]; nextCursor: string | null }> {
  const compiled = await compileSearch(db, input.q);
  const base = and(
    eq(patients.clinicId, input.clinicId),
    input.includeMerged ? undefined : isNull(patients.mergedIntoId),
    scopeCondition(input.scope),
  );
  let rows: PatientRow[];
  if (!compiled) {
    let after: SQL | undefined;
    if (input.cursor) {
      const [from] = await db
        .select({ lastKey: patients.lastKey, firstKey: patients.firstKey })
        .from(patients)
        .where(and(eq(patients.clinicId, input.clinicId), eq(patients.id, input.cursor)));
      if (!from) throw badCursor();
      after = sql`(${patients.lastKey}, ${patients.firstKey}, ${patients.id}) > (${from.lastKey}, ${from.firstKey}, ${input.cursor}::uuid)`;
    }
    rows = await db
      .select()
      .from(patients)
      .where(and(base, after))
      .orderBy(asc(patients.lastKey), asc(patients.firstKey), asc(patients.id))
      .limit(input.limit + 1);
  } else if (compiled.branches.length === 0) {
    rows = [];
  } else {
    let afterOuter: SQL | undefined;
    let afterBranch = (_key: SQL): SQL | undefined => undefined;
    if (input.cursor) {
      const found = rowsOf<{ sk: string | null }>(
        await db.execute(
          sql`select ${compiled.sortKey} as sk from ${patients} where ${patients.clinicId} = ${input.clinicId} and ${patients.id} = ${input.cursor}`,
        ),
      );
      if (found.length === 0) throw badCursor();
      const sk = found[0]!.sk ?? '';
      const cursorId = input.cursor;
      afterBranch = (key) =>
        sql`(${key} ~>~ ${sk} or (${key} = ${sk} and ${patients.id} > ${cursorId}::uuid))`;
      afterOuter = afterBranch(compiled.sortKey);
    }
    // Each branch: its first page of matches in key order. A row's key on the page is the smallest key among
    // the branches that fetched it; that is its true sort key for every row that makes the page (a branch
    // that cut a row off holds a full page of rows before it). On later pages the exact key (sortKey)
    // drops rows an earlier page already showed.
    const perBranch = compiled.branches.map(
      (b) =>
        sql`(select ${patients.id} as id, ${b.key} as sk from ${patients} where ${and(base, b.match, b.filter, afterBranch(b.key))} order by ${b.key} using ~<~, ${patients.id} limit ${input.limit + 1})`,
    );
    const candidates = sql`(select u.id, min(u.sk collate "C") as sk from (${sql.join(perBranch, sql` union all `)}) as u group by u.id) as m`;
    const ordered = rowsOf<{ id: string }>(
      await db.execute(
        afterOuter
          ? sql`select m.id from ${candidates} join ${patients} on ${patients.clinicId} = ${input.clinicId} and ${patients.id} = m.id where ${afterOuter} order by m.sk, m.id limit ${input.limit + 1}`
          : sql`select m.id from ${candidates} order by m.sk, m.id limit ${input.limit + 1}`,
      ),
    ).map((r) => r.id);
    const found = ordered.length
      ? await db
          .select()
          .from(patients)
          .where(and(eq(patients.clinicId, input.clinicId), inArray(patients.id, ordered)))
      : [];
    const byId = new Map(found.map((r) => [r.id, r]));
    rows = ordered.map((id) => byId.get(id)!).filter(Boolean);
  }
  const page = rows.slice(0, input.limit);
  return { rows: page, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}

const badCursor = () =>
  new AppError('validation_failed', 'The cursor is not valid', [
    { path: 'querystring.cursor', message: 'unknown' },
  ]);

/** Unmerged patients with the same legal name (accent- and case-insensitive) and date of birth. */
export async function findLikelyDuplicates(
  db: Executor,
  clinicId: string,
  person: { legalFirstName: string; legalLastName: string; dateOfBirth: string },
  excludeId?: string,
): Promise<PatientRow[]> {
  return db
    .select()
    .from(patients)
    .where(
      and(
        eq(patients.clinicId, clinicId),
        eq(patients.dateOfBirth, person.dateOfBirth),
        sql`${patients.firstKey} = public.palpa_search_key(${person.legalFirstName})`,
        sql`${patients.lastKey} = public.palpa_search_key(${person.legalLastName})`,
        isNull(patients.mergedIntoId),
        excludeId ? sql`${patients.id} <> ${excludeId}` : undefined,
      ),
    )
    .limit(10);
}
