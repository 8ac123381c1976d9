import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, users } from '../../src/db/schema/index.ts';
import { PASSWORD_RESET_MINUTES, PASSWORD_RESETS_PER_HOUR } from '../../src/modules/auth/schemas.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, PASSWORD } from '../helpers/fixtures.ts';

const NEW_PASSWORD = 'Tidepool-lantern-orchard-42';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const mailsTo = (address: string) =>
  t.database.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(desc(emailOutbox.createdAt));

/** The token of the latest reset link e-mailed to the address. */
async function linkTokenFor(address: string): Promise<string> {
  const [mail] = await mailsTo(address);
  const token = /\/reset-password\/([\w-]+)/.exec(mail?.textBody ?? '')?.[1];
  if (!token) throw new Error(`no reset link e-mailed to ${address}`);
  return token;
}

const ask = (email: string) => t.agent().post('/api/auth/password-reset', { email });
const complete = (token: string, password: string) =>
  t.agent().post('/api/auth/password-reset/complete', { token, password });

describe('password reset by e-mail', () => {
  it('answers the same whether or not the address has an account, and e-mails only an account', async () => {
    const patient = await addMember(t, null, [], 'lupe@example.test');
    const known = await ask('Lupe@Example.test');
    const unknown = await ask('nobody@example.test');
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.json()).toEqual(unknown.json());
    expect(await mailsTo('nobody@example.test')).toEqual([]);
    const [mail] = await mailsTo(patient.email);
    expect(mail!.subject).toBe('Choose a new Palpa password');
    expect(mail!.textBody).toContain(`http://palpa.test/reset-password/`);
    expect(mail!.textBody).toContain(`${PASSWORD_RESET_MINUTES} minutes`);
  });

  it('sets the new password once, ends every session and is audited', async () => {
    const member = await addMember(t, null, [], 'marcus@example.test');
    expect((await member.agent.get('/api/me')).statusCode).toBe(200);
    await ask(member.email);
    const token = await linkTokenFor(member.email);

    const weak = await complete(token, 'password1234');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details[0].path).toBe('password');

    const done = await complete(token, NEW_PASSWORD);
    expect(done.statusCode, done.body).toBe(200);
    // Whoever was signed in with the old password is signed out.
    expect((await member.agent.get('/api/me')).statusCode).toBe(401);
    expect((await t.agent().signIn(member.email, PASSWORD)).statusCode).toBe(401);
    expect((await t.agent().signIn(member.email, NEW_PASSWORD)).statusCode).toBe(200);

    const again = await complete(token, 'Another-long-passphrase-77');
    expect(again.statusCode).toBe(410);
    expect(again.json().error.message).toMatch(/ask for a new one/);

    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, member.userId), eq(auditLog.resourceType, 'user')));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'auth.password_reset',
      'auth.password_reset_requested',
    ]);
  });

  it('refuses an expired link and a made-up one, and keeps the password', async () => {
    const member = await addMember(t, null, [], 'sofia@example.test');
    await ask(member.email);
    const token = await linkTokenFor(member.email);
    t.clock.advance((PASSWORD_RESET_MINUTES + 1) * 60_000);
    expect((await complete(token, NEW_PASSWORD)).statusCode).toBe(410);
    expect((await complete('x'.repeat(43), NEW_PASSWORD)).statusCode).toBe(410);
    expect((await complete('short', NEW_PASSWORD)).statusCode).toBe(400);
    expect((await t.agent().signIn(member.email, PASSWORD)).statusCode).toBe(200);
  });

  it('sends an account a few links an hour at most, and none to a disabled account', async () => {
    const member = await addMember(t, null, [], 'kalani@example.test');
    for (let i = 0; i < PASSWORD_RESETS_PER_HOUR + 2; i++)
      expect((await ask(member.email)).statusCode).toBe(202);
    expect(await mailsTo(member.email)).toHaveLength(PASSWORD_RESETS_PER_HOUR);

    const disabled = await addMember(t, null, [], 'former@example.test');
    await t.database.db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, disabled.userId));
    expect((await ask(disabled.email)).statusCode).toBe(202);
    expect(await mailsTo(disabled.email)).toEqual([]);
  });

  it('answers 400 for a malformed address', async () => {
    const response = await ask('not-an-address');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body.email');
  });
});
