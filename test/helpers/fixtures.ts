import { uuidv7 } from 'uuidv7';
import { type appointments, memberships, type Role, users } from '../../src/db/schema/index.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import type { Agent, TestApp } from './app.ts';

export const PASSWORD = 'Harbor-massage-9!';

export const setupBody = (overrides: { clinicName?: string; email?: string } = {}) => ({
  clinic: { name: overrides.clinicName ?? 'Harbor Medical Massage', timeZone: 'America/Los_Angeles' },
  location: {
    name: 'Harbor — Little Italy',
    addressLine1: '1650 India St',
    city: 'San Diego',
    region: 'CA',
    postalCode: '92101',
    phone: '+1 619 555 0100',
  },
  owner: { displayName: 'Olivia Owner', email: overrides.email ?? 'owner@harbor.test', password: PASSWORD },
});

/** Runs first-run set-up; answers the owner's signed-in agent and the clinic id. */
export async function setUpClinic(t: TestApp): Promise<{ owner: Agent; clinicId: string }> {
  const owner = t.agent();
  const response = await owner.post('/api/setup', setupBody());
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
  await owner.refreshMe();
  return { owner, clinicId: response.json().clinicId };
}

/** A person with roles in a clinic (or none), created straight in the database (fast) and signed in. */
export async function addMember(
  t: TestApp,
  clinicId: string | null,
  roles: Role[],
  email = `${roles[0] ?? 'person'}-${uuidv7().slice(-6)}@harbor.test`,
): Promise<{ agent: Agent; userId: string; email: string }> {
  const userId = uuidv7();
  await t.database.db.insert(users).values({
    id: userId,
    email,
    displayName: email.split('@')[0]!,
    passwordHash: await hashPassword(PASSWORD),
  });
  if (clinicId && roles.length > 0) {
    await t.database.db.insert(memberships).values(roles.map((role) => ({ clinicId, userId, role })));
  }
  const agent = t.agent();
  const response = await agent.signIn(email, PASSWORD);
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return { agent, userId, email };
}

/** A second, unrelated clinic with its own owner (for cross-clinic refusal tests). */
export async function createOtherClinic(t: TestApp): Promise<{ owner: Agent; clinicId: string }> {
  const { agent } = await addMember(t, null, [], `other-owner-${uuidv7().slice(-6)}@elsewhere.test`);
  const response = await agent.post('/api/clinics', {
    clinic: { name: 'Elsewhere Bodywork', timeZone: 'America/New_York' },
    location: { name: 'Main', addressLine1: '1 Main St', city: 'Albany', region: 'NY', postalCode: '12207' },
  });
  if (response.statusCode !== 201) throw new Error(`clinic create failed: ${response.body}`);
  await agent.refreshMe();
  return { owner: agent, clinicId: response.json().id };
}

type AppointmentValues = typeof appointments.$inferInsert;

/**
 * An appointment row for tests to insert straight in the database (no booking rules, no jobs): blocking exactly
 * its own time, booked by the staff member `bookedBy`.
 */
export const appointmentRow = (
  values: Omit<AppointmentValues, 'id' | 'blockedStart' | 'blockedEnd' | 'bookedVia'> &
    Partial<AppointmentValues>,
): AppointmentValues => ({
  id: uuidv7(),
  blockedStart: values.startAt,
  blockedEnd: values.endAt,
  bookedVia: 'staff',
  ...values,
});
