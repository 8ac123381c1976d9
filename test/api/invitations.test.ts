import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';

interface Received {
  to: string;
  subject: string;
  text: string;
}

let t: TestApp;
let smtp: SMTPServer;
const inbox: Received[] = [];
let owner: Awaited<ReturnType<typeof setUpClinic>>['owner'];
let clinicId: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            to: session.envelope.rcptTo[0]!.address,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
  ({ owner, clinicId } = await setUpClinic(t));
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const linkToken = (text: string) => /\/invitations\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('invitations by e-mail', () => {
  it('delivers an invitation over SMTP; the new person accepts once and is signed in with the role', async () => {
    const sent = await owner.post(`/api/clinics/${clinicId}/invitations`, {
      email: 'Theo.Therapist@harbor.test',
      role: 'therapist',
    });
    expect(sent.statusCode).toBe(201);
    const mail = inbox.find((m) => m.to === 'theo.therapist@harbor.test');
    expect(mail?.subject).toBe('You are invited to Harbor Medical Massage on Palpa');
    const token = linkToken(mail!.text)!;
    expect(mail!.text).toContain(`http://palpa.test/invitations/${token}`);

    const guest = t.agent();
    const preview = await guest.get(`/api/invitations/${token}`);
    expect(preview.json()).toMatchObject({
      clinicName: 'Harbor Medical Massage',
      role: 'therapist',
      accountExists: false,
    });
    const accepted = await guest.post(`/api/invitations/${token}/accept`, {
      displayName: 'Theo Therapist',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);
    const me = (await guest.refreshMe()).json();
    expect(me.clinics).toEqual([expect.objectContaining({ id: clinicId, roles: ['therapist'] })]);

    const again = await t
      .agent()
      .post(`/api/invitations/${token}/accept`, { displayName: 'Mallory', password: PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.details).toEqual({ status: 'accepted' });
  });

  it('refuses an expired invitation with 410', async () => {
    await owner.post(`/api/clinics/${clinicId}/invitations`, {
      email: 'late@harbor.test',
      role: 'front_desk',
    });
    const token = linkToken(inbox.find((m) => m.to === 'late@harbor.test')!.text)!;
    t.clock.advance(8 * 86_400_000);
    const response = await t
      .agent()
      .post(`/api/invitations/${token}/accept`, { displayName: 'Late', password: PASSWORD });
    expect(response.statusCode).toBe(410);
    expect(response.json().error.details).toEqual({ status: 'expired' });
  });

  it('asks an existing account to sign in, then adds the role', async () => {
    const physician = await addMember(t, null, [], 'dr.lee@clinic.test');
    const fresh = await owner.signIn('owner@harbor.test', PASSWORD);
    expect(fresh.statusCode).toBe(200);
    await owner.post(`/api/clinics/${clinicId}/invitations`, {
      email: 'dr.lee@clinic.test',
      role: 'physician',
    });
    const token = linkToken(inbox.filter((m) => m.to === 'dr.lee@clinic.test').at(-1)!.text)!;
    const anonymous = await t.agent().post(`/api/invitations/${token}/accept`, {});
    expect(anonymous.statusCode).toBe(401);
    expect((await physician.agent.post(`/api/invitations/${token}/accept`, {})).statusCode).toBe(200);
    expect((await physician.agent.get('/api/me')).json().clinics[0].roles).toEqual(['physician']);
  });

  it('rejects an unknown token and bad input', async () => {
    expect(
      (await t.agent().get('/api/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).statusCode,
    ).toBe(404);
    const bad = await owner.post(`/api/clinics/${clinicId}/invitations`, { email: 'x', role: 'emperor' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.email', 'body.role']);
  });

  it('only owners invite', async () => {
    const { agent } = await addMember(t, clinicId, ['front_desk']);
    const response = await agent.post(`/api/clinics/${clinicId}/invitations`, {
      email: 'a@b.test',
      role: 'owner',
    });
    expect(response.statusCode).toBe(403);
  });
});
