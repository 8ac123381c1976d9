/**
 * `npm run bench [-- name…]`: every benchmark, each against its target and, where it measures a server, against
 * a baseline measured in the same run. Names: see BENCHES below and bench/README.md.
 */

import { runAuthBench } from './auth.ts';
import { printAvailabilityBench, runAvailabilityBench } from './availability.ts';
import { runBookingBench } from './booking.ts';
import { printDirectoryBench, runDirectoryBench } from './directory.ts';
import { printPatientSearchBench, runPatientSearchBench } from './patient-search.ts';

const BENCHES: Record<string, () => Promise<unknown>> = {
  auth: runAuthBench,
  availability: async () => printAvailabilityBench(await runAvailabilityBench()),
  'patient-search': async () => printPatientSearchBench(await runPatientSearchBench()),
  booking: runBookingBench,
  directory: async () => printDirectoryBench(await runDirectoryBench()),
  fhir: async () => (await import('./fhir.ts')).runFhirBench(),
  reports: async () => (await import('./reports.ts')).runReportsBench(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  console.log(`\n### ${name}`);
  await BENCHES[name]!();
}
