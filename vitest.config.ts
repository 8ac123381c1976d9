import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: a browser test walks a whole booking or referral, and two files share two cores.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // A browser test polls what the page or the database shows; under load it can take as long as a locator
    // wait (10 s), not the default 1 s.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Vitest's default (cores − 1) is one worker on CI's two cores; test files spend much of their time
    // waiting on Chromium or PostgreSQL, so two share those cores well (a PGlite pass: 13 → 10 minutes).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/global-setup.ts'],
  },
});
