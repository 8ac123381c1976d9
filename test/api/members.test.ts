import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, memberships } from '../../src/db/schema/index.ts';
import type { Agent } from '../helpers/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Agent;
let clinicId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
});
afterAll(() => t.close());

/** The person's memberships in the clinic as stored: role, and whether it is still active. */
async function stored(userId: string) {
  const rows = await t.database.db
    .select({ role: memberships.role, disabledAt: memberships.disabledAt })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, userId)))
    .orderBy(asc(memberships.role));
  return rows.map((r) => `${r.role}${r.disabledAt ? ' (disabled)' : ''}`);
}

describe('the team list', () => {
  it('lists staff and physicians with their team roles, never a patient’s portal account', async () => {
    const therapist = await addMember(t, clinicId, ['therapist']);
    const physician = await addMember(t, clinicId, ['physician']);
    const patient = await addMember(t, clinicId, ['patient']);
    const staffAndPatient = await addMember(t, clinicId, ['front_desk', 'patient']);

    const response = await owner.get(`/api/clinics/${clinicId}/members`);
    expect(response.statusCode).toBe(200);
    const byId = new Map(
      response.json().items.map((m: { id: string; roles: string[] }) => [m.id, m.roles] as const),
    );
    expect(byId.get(therapist.userId)).toEqual(['therapist']);
    expect(byId.get(physician.userId)).toEqual(['physician']);
    expect(byId.has(patient.userId)).toBe(false);
    // Someone on the team who is also a patient here is listed with the team roles only.
    expect(byId.get(staffAndPatient.userId)).toEqual(['front_desk']);
  });

  it('refuses to give a patient staff roles from the team list: not even Owner', async () => {
    const patient = await addMember(t, clinicId, ['patient']);
    const response = await owner.put(`/api/clinics/${clinicId}/members/${patient.userId}/roles`, {
      roles: ['owner'],
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(await stored(patient.userId)).toEqual(['patient']);
    // The patient's session still has no owner rights.
    expect((await patient.agent.get(`/api/clinics/${clinicId}/audit`)).statusCode).toBe(403);
  });

  it('refuses the patient role in a team change, with the field that is wrong', async () => {
    const therapist = await addMember(t, clinicId, ['therapist']);
    const response = await owner.put(`/api/clinics/${clinicId}/members/${therapist.userId}/roles`, {
      roles: ['therapist', 'patient'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.roles.1']);
    expect(await stored(therapist.userId)).toEqual(['therapist']);
  });

  it('changes a team member’s roles and leaves their own patient portal access as it was', async () => {
    const person = await addMember(t, clinicId, ['therapist', 'patient']);
    const response = await owner.put(`/api/clinics/${clinicId}/members/${person.userId}/roles`, {
      roles: ['front_desk'],
    });
    expect(response.statusCode).toBe(200);
    expect(await stored(person.userId)).toEqual(['front_desk', 'patient']);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.roles_changed'), eq(auditLog.resourceId, person.userId)));
    expect(audit?.details).toEqual({ before: ['therapist'], after: ['front_desk'] });
  });

  it('removes team access only, and does not act on a patient who is not on the team', async () => {
    const patient = await addMember(t, clinicId, ['patient']);
    const removePatient = await owner.post(`/api/clinics/${clinicId}/members/${patient.userId}/disable`);
    expect(removePatient.statusCode).toBe(404);
    expect(await stored(patient.userId)).toEqual(['patient']);

    const person = await addMember(t, clinicId, ['therapist', 'patient']);
    expect((await owner.post(`/api/clinics/${clinicId}/members/${person.userId}/disable`)).statusCode).toBe(
      200,
    );
    expect(await stored(person.userId)).toEqual(['patient', 'therapist (disabled)']);
    const listed = (await owner.get(`/api/clinics/${clinicId}/members`))
      .json()
      .items.find((m: { id: string }) => m.id === person.userId);
    expect(listed).toMatchObject({ roles: [], disabled: true });
  });

  it('invites to the team only: a patient is invited from their chart', async () => {
    const response = await owner.post(`/api/clinics/${clinicId}/invitations`, {
      email: 'lupe@example.test',
      role: 'patient',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.role']);
  });
});
