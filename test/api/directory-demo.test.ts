import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinics, memberships, reviewReports, reviews } from '../../src/db/schema/index.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { jsonLdOf } from './directory-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t?.close());

/** `palpa demo` seeds the directory with everything else. */
async function seed() {
  const { clinicId, counts } = await seedDemo(t.database.db, {
    password: 'palpa-demo-2026',
    now: t.clock.now(),
    attachmentsDir: t.config.attachmentsDir,
  });
  return { clinicId, counts };
}

describe('directory demo', () => {
  it('publishes San Diego and San Luis Obispo clinics with credentials, reviews, a reply and a report', async () => {
    const { clinicId, counts } = await seed();
    expect(counts['public therapists']).toBe(8);
    expect(counts['verified reviews']).toBeGreaterThanOrEqual(6);
    const slo = await t.database.db
      .select()
      .from(clinics)
      .where(eq(clinics.name, 'Central Coast Medical Massage'));
    expect(slo[0]!.isDemo).toBe(true);
    expect(
      await t.database.db.select().from(reviewReports).where(eq(reviewReports.clinicId, clinicId)),
    ).toHaveLength(1);
    expect((await t.database.db.select().from(reviews).where(eq(reviews.clinicId, slo[0]!.id))).length).toBe(
      3,
    );

    const sd = await (await t.agent().get('/api/directory/search?zip=92101&distance=10')).json();
    expect(sd.items.length).toBe(5); // an expired certificate hides the certificate, not the therapist
    const sloSearch = await (
      await t.agent().get('/api/directory/search?zip=93401&inclusive=lgbtq&available=true')
    ).json();
    expect(sloSearch.items.length).toBe(3);
    expect(sloSearch.items[0].explanation).toMatch(/next opening/);
    const clinicPage = await t.agent().get('/clinics/harbor-medical-massage');
    expect(clinicPage.statusCode).toBe(200);
    expect(jsonLdOf(clinicPage.body)['@type']).toBe('MedicalBusiness');
    expect((await t.agent().get('/clinics/central-coast-medical-massage')).statusCode).toBe(200);
    // The expired certificate is hidden: Daniel Cho's page lists no CAMTC number.
    const daniel = await t.agent().get('/therapists/daniel-cho');
    expect(daniel.statusCode).toBe(200);
    expect(daniel.body).not.toContain('48802');
    expect((await t.agent().get('/therapists/sam-okafor')).body).toContain('61842');
  });

  it('refreshes: the previous demo clinics lose their public pages and slugs', async () => {
    await seed();
    expect((await t.agent().get('/clinics/harbor-medical-massage')).statusCode).toBe(200);
    const owners = await t.database.db.select().from(memberships).where(eq(memberships.role, 'owner'));
    expect(owners.length).toBeGreaterThan(0);
    const sloSearch = await (await t.agent().get('/api/directory/search?zip=93401&distance=5')).json();
    expect(sloSearch.items.length).toBe(3);
  });
});
