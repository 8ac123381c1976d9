/**
 * Patient search benchmark. Run: `npx tsx bench/patient-search.ts`.
 * Seeds 1,000 and 100,000 patients, each in one clinic of its own in-memory PGlite database (bulk
 * `insert … select generate_series`, names from fixed lists with accents, phones, e-mails, birth dates), then
 * times a representative set of prefix queries through `searchPatients` — the repository function the API
 * uses — alternating between the two sizes so both run under the same load, and reports the medians. Targets (issue 4): < 20 ms at 100,000 and ≤ 1.5 × the time at 1,000.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { openDatabase, rowsOf } from '../src/db/connection.ts';
import { clinics } from '../src/db/schema/index.ts';
import { searchPatients } from '../src/modules/patients/repository.ts';

const TARGET_MS = 20;
const MAX_RATIO = 1.5;
const RUNS = 30;
/**
 * Rows per search. The target is checked at a search-box page (10 rows): at 1,000 patients most queries match
 * fewer than 50, so a 50-row page would compare returning ~7 rows with returning 50 — result size, not lookup
 * cost. The 50-row page (the API default) is measured and printed too.
 */
const TARGET_PAGE = 10;
const FULL_PAGE = 50;

const FIRST = [
  'María',
  'José',
  'Ana',
  'Luis',
  'Sofía',
  'Mateo',
  'Camila',
  'Diego',
  'Valentina',
  'Andrés',
  'Renée',
  'Zoë',
  'Chloé',
  'François',
  'Noémie',
  'Björn',
  'Mai',
  'Linh',
  'Minh',
  'Thảo',
  'Kenji',
  'Yuki',
  'Hana',
  'Min-jun',
  'Ji-woo',
  'Priya',
  'Arjun',
  'Aisha',
  'Omar',
  'Fatima',
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Ethan',
  'Mia',
  'Lucas',
  'Isabella',
  'James',
  'Grace',
  'Henry',
  'Chloe',
  'Jack',
  'Lily',
  'Owen',
  'Nora',
  'Caleb',
  'Ruby',
  'Leo',
  'Aaliyah',
  'Malik',
  'Imani',
  'Darnell',
  'Keisha',
  'Tyrone',
  'Siobhán',
  'Seán',
  'Niamh',
  'Ciarán',
  'Ingrid',
  'Lars',
  'Astrid',
  'Sven',
  'Dmitri',
  'Anya',
  'Katarzyna',
  'Paweł',
  'Łukasz',
  'Zuzana',
  'Tomás',
  'Inês',
  'João',
  'Gonçalo',
  'Kalani',
  'Keoni',
  'Leilani',
  'Nalani',
  'Tupac',
  'Ximena',
];
const LAST = [
  'García',
  'Rodríguez',
  'Martínez',
  'Hernández',
  'López',
  'González',
  'Pérez',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Flores',
  'Rivera',
  'Gómez',
  'Díaz',
  'Cruz',
  'Morales',
  'Reyes',
  'Gutiérrez',
  'Ortiz',
  'Chávez',
  'Núñez',
  'Zúñiga',
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Đặng',
  'Bùi',
  'Kim',
  'Lee',
  'Park',
  'Choi',
  'Jung',
  'Tanaka',
  'Suzuki',
  'Takahashi',
  'Watanabe',
  'Patel',
  'Shah',
  'Singh',
  'Kumar',
  'Khan',
  'Haddad',
  'Nasser',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  "O'Brien",
  "O'Connor",
  'McCarthy',
  'Murphy',
  'Kelly',
  'Sullivan',
  'Müller',
  'Schröder',
  'Weiß',
  'Johansson',
  'Lindqvist',
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Dvořák',
  'Novák',
  'Silva',
  'Santos',
  'Oliveira',
  'Costa',
  'Kahananui',
  'Akana',
  'de la Cruz',
  'García López',
  'van der Berg',
  'St. John',
  'Abernathy',
  'Fitzgerald',
  'Okafor',
  'Adeyemi',
  'Mensah',
  'Nakamura',
  'Ito',
  'Yamamoto',
  'Chen',
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Luo',
  'Cohen',
  'Levi',
  'Friedman',
  'Katz',
  'Goldberg',
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
];

export async function seedForBench(
  db: Awaited<ReturnType<typeof openDatabase>>['db'],
  clinicId: string,
  from: number,
  to: number,
) {
  // Deterministic per-row choices from the row number (multiplicative hashing), so both sizes share a distribution.
  await db.execute(sql`
    insert into patients (clinic_id, id, legal_first_name, legal_last_name, preferred_name, date_of_birth, email, phone)
    select ${clinicId}::uuid,
           (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i * 2654435761 % 281474976710656), 12, '0'))::uuid,
           f.name, l.name,
           case when i % 9 = 0 then (${sql.param(FIRST)}::text[])[1 + (i * 31 % ${FIRST.length})::int] end,
           date '1935-01-01' + ((i * 7919) % 30000)::int,
           lower(public.palpa_search_key(f.name)) || '.' || replace(public.palpa_search_key(l.name), ' ', '') || i || '@example.com',
           '+1 ' || (array['619','858','760','442'])[(1 + i % 4)::int] || '-' || lpad(((i * 104729) % 10000000)::text, 7, '0')
      from generate_series(${from}::bigint, ${to}::bigint) as i,
           lateral (select (${sql.param(FIRST)}::text[])[1 + (i * 48271 % ${FIRST.length})::int] as name) f,
           lateral (select (${sql.param(LAST)}::text[])[1 + (i * 16807 % ${LAST.length})::int] as name) l`);
  await db.execute(sql`analyze patients`);
}

/**
 * Queries staff type: a few letters of a last name, first + last, a compound surname, the start or the last 4
 * digits of a phone, a birth date, an e-mail.
 */
const QUERIES = [
  'garc',
  'nguyen',
  'zuniga',
  "o'bri",
  'maria gar',
  'kim j',
  'lopez',
  'de la c',
  'schro',
  'mül',
  '619-555',
  '(858) 016',
  '0142',
  '1985-03-07',
  '03/07/1985',
  'maria.garcia',
  'Sofía Ramírez',
  'tanaka yuki',
  'okaf',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];
const search = (db: Db, clinicId: string, q: string, limit: number) =>
  searchPatients(db, { clinicId, q, scope: { kind: 'staff' }, limit });

/**
 * Runs every query on both databases in alternation (1,000, 100,000, 1,000, …) so both sizes are measured
 * under the same machine load; answers the median per query and the median of those medians, per size.
 */
async function measure(
  small: { db: Db; clinicId: string },
  large: { db: Db; clinicId: string },
  limit: number,
) {
  const perQuery = { small: {} as Record<string, number>, large: {} as Record<string, number> };
  for (const q of QUERIES) {
    for (let i = 0; i < 3; i++) {
      await search(small.db, small.clinicId, q, limit);
      await search(large.db, large.clinicId, q, limit);
    }
    const times = { small: [] as number[], large: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      for (const size of ['small', 'large'] as const) {
        const target = size === 'small' ? small : large;
        const start = performance.now();
        await search(target.db, target.clinicId, q, limit);
        times[size].push(performance.now() - start);
      }
    }
    perQuery.small[q] = median(times.small);
    perQuery.large[q] = median(times.large);
  }
  return {
    small: { medianMs: median(Object.values(perQuery.small)), perQuery: perQuery.small },
    large: { medianMs: median(Object.values(perQuery.large)), perQuery: perQuery.large },
  };
}

export interface PatientSearchBenchResult {
  small: { patients: number; medianMs: number; perQuery: Record<string, number> };
  large: { patients: number; medianMs: number; perQuery: Record<string, number> };
  ratio: number;
  /** The same at the API's default 50-row page (reported, not a target). */
  fullPage: { smallMs: number; largeMs: number; ratio: number };
  seedSeconds: number;
  pass: boolean;
}

async function seededDatabase(size: number) {
  const handle = await openDatabase({ kind: 'pglite' });
  await handle.migrate();
  const clinicId = uuidv7();
  await handle.db
    .insert(clinics)
    .values({ id: clinicId, name: 'Bench clinic', timeZone: 'America/Los_Angeles' });
  await seedForBench(handle.db, clinicId, 1, size);
  const count =
    rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from patients`))[0]?.n ?? 0;
  return { handle, db: handle.db, clinicId, count: Number(count) };
}

export async function runPatientSearchBench(
  options: { large?: number } = {},
): Promise<PatientSearchBenchResult> {
  const seedStart = performance.now();
  const small = await seededDatabase(1_000);
  const large = await seededDatabase(options.large ?? 100_000);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  try {
    const measured = await measure(small, large, TARGET_PAGE);
    const ratio = measured.large.medianMs / measured.small.medianMs;
    const full = await measure(small, large, FULL_PAGE);
    return {
      small: { patients: small.count, ...measured.small },
      large: { patients: large.count, ...measured.large },
      ratio,
      fullPage: {
        smallMs: full.small.medianMs,
        largeMs: full.large.medianMs,
        ratio: full.large.medianMs / full.small.medianMs,
      },
      seedSeconds,
      pass: measured.large.medianMs < TARGET_MS && ratio <= MAX_RATIO,
    };
  } finally {
    await small.handle.close();
    await large.handle.close();
  }
}

export function printPatientSearchBench(result: PatientSearchBenchResult): void {
  console.log(
    `Patient search (PGlite, ${QUERIES.length} prefix queries, median of ${RUNS} alternating runs each, page of ${TARGET_PAGE})`,
  );
  console.log(
    `  seeding ${result.large.patients.toLocaleString('en-US')} patients took ${result.seedSeconds.toFixed(1)} s`,
  );
  console.log('  query                 1,000 (ms)   100,000 (ms)');
  for (const q of Object.keys(result.small.perQuery)) {
    console.log(
      `  ${q.padEnd(20)} ${result.small.perQuery[q]!.toFixed(2).padStart(10)} ${result.large.perQuery[q]!.toFixed(2).padStart(14)}`,
    );
  }
  console.log(
    `  median at ${result.small.patients.toLocaleString('en-US')}: ${result.small.medianMs.toFixed(2)} ms`,
  );
  console.log(
    `  median at ${result.large.patients.toLocaleString('en-US')}: ${result.large.medianMs.toFixed(2)} ms (target < ${TARGET_MS} ms)`,
  );
  console.log(
    `  ratio: ${result.ratio.toFixed(2)} × (target ≤ ${MAX_RATIO} ×) → ${result.pass ? 'PASS' : 'FAIL'}`,
  );
  const f = result.fullPage;
  console.log(
    `  page of ${FULL_PAGE} (API default, for information): ${f.smallMs.toFixed(2)} ms → ${f.largeMs.toFixed(2)} ms (${f.ratio.toFixed(2)} ×; at 1,000 most queries return fewer than ${FULL_PAGE} rows)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printPatientSearchBench(await runPatientSearchBench());
}
