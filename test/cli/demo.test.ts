import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, clinics, locations } from '../../src/db/schema/index.ts';
import { DemoRefusal, seedDemo } from '../../src/demo/seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { setUpClinic } from '../helpers/fixtures.ts';

const password = 'palpa-demo-2026';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('palpa demo', () => {
  it('creates the demo clinic with the fixed sign-ins', async () => {
    const result = await seedDemo(t.database.db, { password, now: new Date() });
    expect(result.refreshed).toBe(false);
    const [clinic] = await t.database.db.select().from(clinics);
    expect(clinic).toMatchObject({
      name: 'Harbor Medical Massage',
      isDemo: true,
      timeZone: 'America/Los_Angeles',
    });
    for (const email of ['owner', 'frontdesk', 'therapist', 'physician', 'patient'].map(
      (r) => `${r}@demo.palpa.test`,
    )) {
      const agent = t.agent();
      expect((await agent.signIn(email, password)).statusCode, email).toBe(200);
      expect((await agent.get('/api/me')).json().clinics[0].name).toBe('Harbor Medical Massage');
    }
    expect((await t.agent().get('/api/setup')).json()).toEqual({ needed: false });
  });

  it('refreshes: data is seeded again, the audit trail stays', async () => {
    const auditBefore = (await t.database.db.select().from(auditLog)).length;
    const result = await seedDemo(t.database.db, { password, now: new Date() });
    expect(result.refreshed).toBe(true);
    expect(await t.database.db.select().from(clinics)).toHaveLength(1);
    expect(
      await t.database.db.select().from(locations).where(eq(locations.clinicId, result.clinicId)),
    ).toHaveLength(2);
    expect((await t.database.db.select().from(auditLog)).length).toBeGreaterThan(auditBefore);
  });
});

describe('palpa demo on a real clinic', () => {
  it('refuses to touch it', async () => {
    const other = await createTestApp();
    try {
      await setUpClinic(other);
      await expect(seedDemo(other.database.db, { password, now: new Date() })).rejects.toBeInstanceOf(
        DemoRefusal,
      );
      expect(await other.database.db.select().from(clinics)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
