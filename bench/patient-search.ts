/**
 * Patient search benchmark. Run: `npx tsx bench/patient-search.ts`.
 * Seeds 1,000 and then 100,000 patients in one clinic of an in-memory PGlite database (bulk
 * `insert … select generate_series`, names from fixed lists with accents, phones, e-mails, birth dates), then
 * times a representative set of prefix queries through `searchPatients` — the repository function the API
 * uses — and reports the median. Targets (issue 4): < 20 ms at 100,000 and ≤ 1.5 × the time at 1,000.
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

/** Queries staff type: a few letters of a last name, first + last, a compound surname, a phone, a birth date, an e-mail. */
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

async function measure(db: Awaited<ReturnType<typeof openDatabase>>['db'], clinicId: string) {
  const perQuery: Record<string, number> = {};
  for (const q of QUERIES) {
    for (let i = 0; i < 3; i++)
      await searchPatients(db, { clinicId, q, scope: { kind: 'staff' }, limit: 50 });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await searchPatients(db, { clinicId, q, scope: { kind: 'staff' }, limit: 50 });
      times.push(performance.now() - start);
    }
    perQuery[q] = median(times);
  }
  return { medianMs: median(Object.values(perQuery)), perQuery };
}

export interface PatientSearchBenchResult {
  small: { patients: number; medianMs: number; perQuery: Record<string, number> };
  large: { patients: number; medianMs: number; perQuery: Record<string, number> };
  ratio: number;
  seedSeconds: number;
  pass: boolean;
}

export async function runPatientSearchBench(
  options: { large?: number } = {},
): Promise<PatientSearchBenchResult> {
  const largeSize = options.large ?? 100_000;
  const handle = await openDatabase({ kind: 'pglite' });
  try {
    await handle.migrate();
    const { db } = handle;
    const clinicId = uuidv7();
    await db.insert(clinics).values({ id: clinicId, name: 'Bench clinic', timeZone: 'America/Los_Angeles' });
    const seedStart = performance.now();
    await seedForBench(db, clinicId, 1, 1_000);
    const small = { patients: 1_000, ...(await measure(db, clinicId)) };
    await seedForBench(db, clinicId, 1_001, largeSize);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const count =
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from patients`))[0]?.n ?? 0;
    const large = { patients: Number(count), ...(await measure(db, clinicId)) };
    const ratio = large.medianMs / small.medianMs;
    return { small, large, ratio, seedSeconds, pass: large.medianMs < TARGET_MS && ratio <= MAX_RATIO };
  } finally {
    await handle.close();
  }
}

export function printPatientSearchBench(result: PatientSearchBenchResult): void {
  console.log(
    `Patient search (PGlite, ${QUERIES.length} prefix queries, median of ${RUNS} runs each, page of 50)`,
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
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printPatientSearchBench(await runPatientSearchBench());
}
