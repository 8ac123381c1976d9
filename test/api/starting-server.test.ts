import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenWhileStarting, stopStartingServer } from '../../src/starting-server.ts';

describe('while the database starts', () => {
  it('is alive on /healthz and says not ready everywhere else', async () => {
    const server = await listenWhileStarting(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).status).toBe('not_ready');
      const api = await fetch(`${base}/api/me`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('2');
      expect(await api.json()).toEqual({ error: { code: 'not_ready', message: expect.any(String) } });
      const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('Palpa is starting');
    } finally {
      await stopStartingServer(server);
    }
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
