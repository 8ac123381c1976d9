import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and API description', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.agent().get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.agent().get('/readyz')).json()).toEqual({
      status: 'ready',
      database: 'reachable',
      pendingMigrations: 0,
    });
  });

  it('publishes a valid OpenAPI 3.1 document of every API route', async () => {
    const response = await t.agent().get('/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/me',
      '/api/setup',
      '/api/clinics/{clinicId}/audit',
      '/api/invitations/{token}/accept',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const apiRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(20);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('answers unknown API routes with the error shape', async () => {
    const response = await t.agent().get('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/nothing-here' },
    });
  });

  it('answers a missing web-app file with 404, and a client-side route with the app', async () => {
    const asset = await t.agent().get('/assets/index-from-an-older-build.js');
    expect(asset.statusCode).toBe(404);
    expect(asset.json().error.code).toBe('not_found');
    const route = await t.agent().get('/patients/some-id');
    expect(route.statusCode).toBe(200);
    expect(route.headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves the browsable reference at /docs', async () => {
    const response = await t.agent().get('/docs/');
    expect([200, 302]).toContain(response.statusCode);
  });
});
