import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, users } from '../../src/db/schema/index.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let clinicId: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await setUpClinic(t));
});
afterAll(() => t.close());

describe('two-factor sign-in', () => {
  it('enrols with a confirmed code, then asks for a code or a recovery code at sign-in', async () => {
    const { agent, email } = await addMember(t, clinicId, ['therapist']);
    const { secret } = (await agent.post('/api/auth/2fa/setup')).json();
    expect((await agent.post('/api/auth/2fa/enable', { code: '000000' })).statusCode).toBe(401);
    const enabled = await agent.post('/api/auth/2fa/enable', { code: await generate({ secret }) });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json();
    expect(recoveryCodes).toHaveLength(10);

    const next = t.agent();
    expect((await next.post('/api/auth/login', { email, password: PASSWORD })).json().status).toBe(
      'mfa_required',
    );
    const pending = await next.get('/api/me');
    expect(pending.statusCode).toBe(401);
    expect(pending.json().error.code).toBe('mfa_required');
    expect((await next.post('/api/auth/login/second-factor', { code: '123456' })).statusCode).toBe(401);
    const ok = await next.post('/api/auth/login/second-factor', { code: await generate({ secret }) });
    expect(ok.json().status).toBe('signed_in');
    expect((await next.refreshMe()).json().user.totpEnabled).toBe(true);

    const withRecovery = t.agent();
    await withRecovery.post('/api/auth/login', { email, password: PASSWORD });
    expect(
      (await withRecovery.post('/api/auth/login/second-factor', { recoveryCode: recoveryCodes[0] }))
        .statusCode,
    ).toBe(200);
    // A recovery code works once.
    const reuse = t.agent();
    await reuse.post('/api/auth/login', { email, password: PASSWORD });
    expect(
      (await reuse.post('/api/auth/login/second-factor', { recoveryCode: recoveryCodes[0] })).statusCode,
    ).toBe(401);
  });

  it('stores the TOTP seed encrypted with the server key, and seals a seed stored before encryption', async () => {
    const { agent, email, userId } = await addMember(t, clinicId, ['therapist']);
    const { secret } = (await agent.post('/api/auth/2fa/setup')).json();
    await agent.post('/api/auth/2fa/enable', { code: await generate({ secret }) });
    const stored = async () =>
      (await t.database.db.select({ s: users.totpSecret }).from(users).where(eq(users.id, userId)))[0]!.s!;
    const sealed = await stored();
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain(secret);
    // Another server key cannot open it, nor can this key open it as someone else's.
    expect(() => createSecretBox('x'.repeat(40)).open(sealed, userId)).toThrow();
    expect(() => createSecretBox(t.config.secretKey!).open(sealed, crypto.randomUUID())).toThrow();
    expect(createSecretBox(t.config.secretKey!).open(sealed, userId)).toBe(secret);

    // A seed stored in plain text (before this release) still signs in, and is sealed by that sign-in.
    await t.database.db.update(users).set({ totpSecret: secret }).where(eq(users.id, userId));
    const next = t.agent();
    await next.post('/api/auth/login', { email, password: PASSWORD });
    const ok = await next.post('/api/auth/login/second-factor', { code: await generate({ secret }) });
    expect(ok.json().status).toBe('signed_in');
    expect((await stored()).startsWith('v1.')).toBe(true);
  });

  it('keeps staff without two-factor out of a clinic that requires it', async () => {
    const { owner, clinicId: otherClinic } = await (async () => {
      const o = await addMember(t, null, [], 'owner2@harbor.test');
      const created = await o.agent.post('/api/clinics', {
        clinic: { name: 'Strict Clinic', timeZone: 'America/Los_Angeles' },
        location: {
          name: 'Main',
          addressLine1: '2 Main St',
          city: 'San Luis Obispo',
          region: 'CA',
          postalCode: '93401',
        },
      });
      await o.agent.refreshMe();
      return { owner: o.agent, clinicId: created.json().id as string };
    })();
    const patched = await owner.patch(`/api/clinics/${otherClinic}`, { require2faForStaff: true });
    expect(patched.statusCode).toBe(200);
    const blocked = await owner.get(`/api/clinics/${otherClinic}/members`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_enrollment_required');
    expect((await owner.get('/api/me')).json().clinics[0].mfaEnrollmentRequired).toBe(true);
  });
});

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After after repeated failures and tells the account owner', async () => {
    const { email } = await addMember(t, clinicId, ['front_desk']);
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.agent().post('/api/auth/login', { email, password: 'wrong-password-123' })).statusCode,
      ).toBe(401);
    }
    const throttled = await t.agent().post('/api/auth/login', { email, password: PASSWORD });
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.json().error.code).toBe('too_many_requests');
    const mail = await t.database.db.select().from(emailOutbox);
    expect(mail.filter((m) => m.toAddress === email && /failed sign-in/.test(m.subject))).toHaveLength(1);
    // After the window the right password works again.
    t.clock.advance(16 * 60_000);
    expect((await t.agent().post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('throttles an unknown e-mail exactly like a known one', async () => {
    for (let i = 0; i < 5; i++)
      await t.agent().post('/api/auth/login', { email: 'ghost@harbor.test', password: 'wrong-password-123' });
    expect(
      (await t.agent().post('/api/auth/login', { email: 'ghost@harbor.test', password: 'x' })).statusCode,
    ).toBe(429);
  });
});
