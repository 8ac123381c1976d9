import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD, setUpClinic, setupBody } from '../helpers/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('first-run set-up and sign-in', () => {
  it('reports that set-up is needed, then sets up once', async () => {
    expect((await t.agent().get('/api/setup')).json()).toEqual({ needed: true });
    const { owner, clinicId } = await setUpClinic(t);
    const me = (await owner.get('/api/me')).json();
    expect(me.user.email).toBe('owner@harbor.test');
    expect(me.clinics).toEqual([
      expect.objectContaining({
        id: clinicId,
        name: 'Harbor Medical Massage',
        roles: ['owner'],
        timeZone: 'America/Los_Angeles',
      }),
    ]);
    expect((await t.agent().get('/api/setup')).json()).toEqual({ needed: false });
    const again = await t.agent().post('/api/setup', setupBody({ email: 'someone@else.test' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_set_up');
  });

  it('signs in with the right password and sets a hardened cookie', async () => {
    const agent = t.agent();
    const response = await agent.post('/api/auth/login', { email: 'OWNER@harbor.test', password: PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'signed_in', csrfToken: expect.any(String) });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/palpa_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('answers 401 with the same error for a wrong password and an unknown e-mail', async () => {
    const wrong = await t
      .agent()
      .post('/api/auth/login', { email: 'owner@harbor.test', password: 'not-the-password-1' });
    const unknown = await t
      .agent()
      .post('/api/auth/login', { email: 'nobody@harbor.test', password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('rejects bad input with 400 and field details, never a 500', async () => {
    const response = await t.agent().post('/api/auth/login', { email: 'not-an-email', password: 5 });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
    const notJson = await t.agent().request({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('bad_request');
  });

  it('refuses a weak password at set-up-like account creation with 422', async () => {
    const owner = t.agent();
    await owner.signIn('owner@harbor.test', PASSWORD);
    const response = await owner.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'password1234',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('weak_password');
  });

  it('requires the CSRF token on writes made with a session cookie', async () => {
    const agent = t.agent();
    await agent.signIn('owner@harbor.test', PASSWORD);
    const token = agent.csrfToken;
    agent.csrfToken = undefined;
    const refused = await agent.post('/api/auth/logout-everywhere');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf_failed');
    agent.csrfToken = token;
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });

  it('logs out after the idle timeout', async () => {
    const agent = t.agent();
    await agent.signIn('owner@harbor.test', PASSWORD);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await agent.get('/api/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
  });

  it('signs out everywhere', async () => {
    const a = t.agent();
    const b = t.agent();
    await a.signIn('owner@harbor.test', PASSWORD);
    await b.signIn('owner@harbor.test', PASSWORD);
    const response = await a.post('/api/auth/logout-everywhere');
    expect(response.statusCode).toBe(200);
    expect(response.json().revokedSessions).toBeGreaterThanOrEqual(2);
    expect((await b.get('/api/me')).statusCode).toBe(401);
  });

  it('sends security headers', async () => {
    const response = await t.agent().get('/healthz');
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
