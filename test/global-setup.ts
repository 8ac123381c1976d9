import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { ensurePgliteTemplate } from './helpers/pglite-template.ts';

// Runs once before all test files: builds the web app (dist/web) so browser tests always test current code.
// PALPA_SKIP_WEB_BUILD=1 skips it when only API tests run and dist/web is current.
export default async function setup(): Promise<void> {
  // Test databases on PGlite start from one migrated template instead of running initdb each.
  if (!process.env.DATABASE_URL) await ensurePgliteTemplate();
  if (process.env.PALPA_SKIP_WEB_BUILD === '1') return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
