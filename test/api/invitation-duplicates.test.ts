import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, invitations, users } from '../../src/db/schema/index.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import type { Agent } from '../helpers/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Agent;
let clinicId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
});
afterAll(() => t.close());

const invite = (body: { email: string; role: string; replace?: boolean }, agent = owner, clinic = clinicId) =>
  agent.post(`/api/clinics/${clinic}/invitations`, body);

/** The link of the latest invitation e-mailed to `email`. */
async function latestToken(email: string) {
  const mails = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
  // Outbox ids are time-ordered (UUIDv7): the last is the newest.
  const last = mails.sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1);
  return /\/invitations\/([A-Za-z0-9_-]+)/.exec(last!.textBody)![1]!;
}

const statusOf = async (id: string) => {
  const list = (await owner.get(`/api/clinics/${clinicId}/invitations?limit=100`)).json();
  return list.items.find((i: { id: string }) => i.id === id)?.status;
};

const ownerId = async () =>
  (await t.database.db.select().from(users).where(eq(users.email, 'owner@harbor.test')))[0]!.id;

const auditOf = (action: string, resourceId: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId)));

describe('duplicate invitations', () => {
  it('refuses a second invitation to an address with one pending, saying how to resend (any case)', async () => {
    const first = await invite({ email: 'maya@harbor.test', role: 'therapist' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await invite({ email: 'Maya@Harbor.test', role: 'front_desk' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already has a pending invitation \(therapist\).*Send a new link/),
      details: { reason: 'invitation_pending', invitationId: first.json().id, role: 'therapist' },
    });
    const pending = await t.database.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.clinicId, clinicId), eq(invitations.email, 'maya@harbor.test')));
    expect(pending).toHaveLength(1);
  });

  it('replaces the pending invitation when asked: the old link is withdrawn (audited), the new one works', async () => {
    const first = await invite({ email: 'noah@harbor.test', role: 'therapist' });
    const oldToken = await latestToken('noah@harbor.test');
    t.clock.advance(1000);
    const second = await invite({ email: 'noah@harbor.test', role: 'front_desk', replace: true });
    expect(second.statusCode, second.body).toBe(201);
    expect(await statusOf(first.json().id)).toBe('revoked');
    expect(await statusOf(second.json().id)).toBe('pending');
    const [revoked] = await auditOf('invitation.revoked', first.json().id);
    expect(revoked?.details).toMatchObject({ reason: 'replaced', replacedBy: second.json().id });
    expect(await auditOf('invitation.sent', second.json().id)).toHaveLength(1);

    expect((await t.agent().get(`/api/invitations/${oldToken}`)).statusCode).toBe(410);
    const newToken = await latestToken('noah@harbor.test');
    expect(newToken).not.toBe(oldToken);
    // The page shows the expiry in the clinic's zone, as Members does.
    expect((await t.agent().get(`/api/invitations/${newToken}`)).json()).toMatchObject({
      role: 'front_desk',
      clinicTimeZone: 'America/Los_Angeles',
      expiresAt: second.json().expiresAt,
    });
  });

  it('invites again once the earlier invitation has expired or been withdrawn', async () => {
    const first = await invite({ email: 'olga@harbor.test', role: 'therapist' });
    await owner.delete(`/api/clinics/${clinicId}/invitations/${first.json().id}`);
    expect((await invite({ email: 'olga@harbor.test', role: 'therapist' })).statusCode).toBe(201);
    await invite({ email: 'piet@harbor.test', role: 'therapist' });
    t.clock.advance(8 * 86_400_000);
    // A week on, the owner's session has ended too.
    expect((await owner.signIn('owner@harbor.test', PASSWORD)).statusCode).toBe(200);
    expect((await invite({ email: 'piet@harbor.test', role: 'therapist' })).statusCode).toBe(201);
  });

  it('tells the owner an existing member is already one, with their roles, and sends nothing', async () => {
    const member = await addMember(t, clinicId, ['therapist', 'front_desk'], 'quinn@harbor.test');
    const response = await invite({ email: 'QUINN@harbor.test', role: 'owner' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'conflict',
      message:
        'quinn@harbor.test is already a member of Harbor Medical Massage (front desk and therapist). To give them another role, change their roles on the Members page.',
      details: { reason: 'already_member', userId: member.userId },
    });
    expect(response.json().error.details.roles).toEqual(['front_desk', 'therapist']);
    expect(
      await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'quinn@harbor.test')),
    ).toEqual([]);
  });

  it('invites a person who is a member of another clinic only', async () => {
    const other = await createOtherClinic(t);
    const { email } = await addMember(t, other.clinicId, ['therapist']);
    expect((await invite({ email, role: 'therapist' })).statusCode).toBe(201);
  });
});

describe('accepting one invitation', () => {
  it('withdraws the clinic’s other pending invitations to the same address, audited', async () => {
    const other = await createOtherClinic(t);
    const first = await invite({ email: 'rosa@harbor.test', role: 'therapist' });
    const firstToken = await latestToken('rosa@harbor.test');
    // A second pending link to the address, as one sent before duplicates were refused would be.
    const secondToken = 'second-link-for-rosa-0123456789';
    const [second] = await t.database.db
      .insert(invitations)
      .values({
        id: uuidv7(),
        clinicId,
        email: 'rosa@harbor.test',
        role: 'front_desk',
        tokenHash: sha256(secondToken),
        invitedBy: await ownerId(),
        expiresAt: new Date(t.clock.now().getTime() + 86_400_000),
      })
      .returning();
    const elsewhere = await invite(
      { email: 'rosa@harbor.test', role: 'therapist' },
      other.owner,
      other.clinicId,
    );
    expect(elsewhere.statusCode).toBe(201);

    const rosa = t.agent();
    const accepted = await rosa.post(`/api/invitations/${firstToken}/accept`, {
      displayName: 'Rosa Diaz',
      password: PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await statusOf(second!.id)).toBe('revoked');
    const [audit] = await auditOf('invitation.revoked', second!.id);
    expect(audit).toMatchObject({
      clinicId,
      details: {
        role: 'front_desk',
        reason: 'another_invitation_accepted',
        acceptedInvitationId: first.json().id,
      },
    });
    const refused = await t.agent().get(`/api/invitations/${secondToken}`);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().error.details).toEqual({ status: 'revoked' });
    // Another clinic's invitation to the same address is that clinic's business: still pending.
    const otherList = (await other.owner.get(`/api/clinics/${other.clinicId}/invitations`)).json();
    expect(otherList.items.find((i: { id: string }) => i.id === elsewhere.json().id).status).toBe('pending');
  });
});
