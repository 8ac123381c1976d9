import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { lookupSession } from '../src/platform/sessions.ts';
import { type Figure, ms, printFigures } from './report.ts';
import { startBenchClinic } from './support.ts';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const root = new URL('..', import.meta.url).pathname;

async function load(url: string, cookie: string) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { cookie },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/**
 * GET /api/me through all of Palpa against a bare Fastify server that runs the same session lookup SQL on
 * the same database, in the same run.
 */
export async function runAuthBench(): Promise<Figure[]> {
  // PGlite on disk, as `palpa serve` keeps its data (or BENCH_DATABASE_URL).
  const dataDir = mkdtempSync(join(tmpdir(), 'palpa-bench-'));
  const bench = await startBenchClinic({ dataDir });
  const { db, cookie } = bench;

  const baseline = Fastify();
  baseline.get('/me', async (request, reply) => {
    const token = /palpa_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const principal = token ? await lookupSession(db, token, new Date()) : null;
    if (!principal) return reply.status(401).send({ error: 'unauthenticated' });
    return { id: principal.userId, email: principal.email, displayName: principal.displayName };
  });

  const palpaUrl = await bench.app.listen({ port: 0, host: '127.0.0.1' });
  const baselineUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });
  await load(`${baselineUrl}/me`, cookie); // warm-up both
  const base = await load(`${baselineUrl}/me`, cookie);
  const palpa = await load(`${palpaUrl}/api/me`, cookie);
  await baseline.close();
  await bench.close();

  const startup = await measureStartup();
  rmSync(dataDir, { recursive: true, force: true });
  const figures: Figure[] = [
    {
      name: 'baseline GET /me (bare Fastify, same SQL)',
      value: `${base.rps.toFixed(0)} req/s, p99 ${base.p99} ms`,
      target: '—',
      ok: true,
    },
    {
      name: 'Palpa GET /api/me',
      value: `${palpa.rps.toFixed(0)} req/s, p99 ${palpa.p99} ms`,
      target: '—',
      ok: true,
    },
    {
      name: 'throughput ratio (Palpa ÷ baseline)',
      value: (palpa.rps / base.rps).toFixed(2),
      target: '≥ 0.70',
      ok: palpa.rps / base.rps >= 0.7,
    },
    {
      name: 'p99 ratio (Palpa ÷ baseline)',
      value: (palpa.p99 / Math.max(base.p99, 1)).toFixed(2),
      target: '≤ 1.50',
      ok: palpa.p99 / Math.max(base.p99, 1) <= 1.5,
    },
    {
      name: 'start to green /healthz (first start)',
      value: ms(startup.firstStartMs),
      target: '< 3000 ms',
      ok: startup.firstStartMs < 3000,
    },
    {
      name: 'start to green /healthz (restart)',
      value: ms(startup.restartMs),
      target: '< 3000 ms',
      ok: startup.restartMs < 3000,
    },
    {
      name: 'start to green /readyz (first start, initdb)',
      value: ms(startup.firstReadyMs),
      target: 'reported',
      ok: true,
    },
    {
      name: 'start to green /readyz (restart)',
      value: ms(startup.restartReadyMs),
      target: 'reported',
      ok: true,
    },
    {
      name: 'idle memory (RSS, first start)',
      value: `${startup.firstRssMb.toFixed(0)} MB`,
      target: '< 300 MB',
      ok: startup.firstRssMb < 300,
    },
    {
      name: 'idle memory (RSS, restart)',
      value: `${startup.rssMb.toFixed(0)} MB`,
      target: '< 300 MB',
      ok: startup.rssMb < 300,
    },
  ];
  printFigures(
    `Authenticated read, ${CONNECTIONS} connections × ${DURATION_S} s, ${bench.databaseName}`,
    figures,
  );
  return figures;
}

/** Spawns the server as `npm start` does and times it to a green /healthz; then reads its idle RSS. */
async function measureStartup(): Promise<{
  firstStartMs: number;
  firstReadyMs: number;
  firstRssMb: number;
  restartMs: number;
  restartReadyMs: number;
  rssMb: number;
}> {
  execSync('npm run --silent build:server', { cwd: root, stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'palpa-start-'));
  const once = async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const started = performance.now();
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/palpa.mjs', 'serve'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PALPA_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: 'ignore',
    });
    const waitFor = async (path: string) => {
      for (let i = 0; i < 3000; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}${path}`)).ok) return performance.now() - started;
        } catch {}
        await new Promise((r) => setTimeout(r, 20));
      }
      return Number.NaN;
    };
    const elapsed = await waitFor('/healthz');
    const readyMs = await waitFor('/readyz');
    // Idle means serving and quiet: measured after /readyz, not while the database is still opening.
    await new Promise((r) => setTimeout(r, 2000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return { elapsed, readyMs, rssMb };
  };
  const first = await once();
  const again = await once();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    firstStartMs: first.elapsed,
    firstReadyMs: first.readyMs,
    firstRssMb: first.rssMb,
    restartMs: again.elapsed,
    restartReadyMs: again.readyMs,
    rssMb: again.rssMb,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await runAuthBench();
