import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, therapistProfiles, users } from '../../src/db/schema/index.ts';
import { seedDirectoryDemo } from '../../src/modules/directory/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { person } from './scheduling-support.ts';
import {
  describedText,
  heading,
  launchBrowser,
  newContext,
  OWNER,
  pageWidth,
  seriousViolations,
  setUpViaApi,
  signIn,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let clinicId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const owner = await newContext(browser);
  clinicId = await setUpViaApi(owner, server.url);
  await owner.close();
  await server.database.db.select().from(users).where(eq(users.email, OWNER.email));
  // Harbor (San Diego) public with no therapist profiles, and the San Luis Obispo demo clinic with three.
  await seedDirectoryDemo(server.database.db, { clinicId, therapistUserIds: [], now: new Date() });
  phone = await newContext(browser, {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  page = await phone.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('finding a therapist on a phone', () => {
  it('searches by condition near a ZIP, opens the profile, checks credentials and reviews, and follows Book', async () => {
    await page.goto(`${server.url}/find`);
    await heading(page, 'Find a medical massage therapist').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Condition').selectOption({ label: 'Sciatica' });
    await page.getByLabel('ZIP code').fill('93401');
    await page.getByRole('button', { name: 'Search' }).click();
    await heading(page, 'Therapists for sciatica').waitFor();
    const results = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 3 }) });
    const names = await results.getByRole('heading', { level: 3 }).allTextContents();
    expect(names.map((n) => n.replace(/\s*\(.*\)$/, ''))).toEqual(['Maya Thornton', 'Eli Navarro']);
    expect(
      await page.getByText(/treats sciatica · .* mi · next opening \w{3} \d{1,2}:\d{2} [AP]M/).count(),
    ).toBe(2);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    // On a phone the results come first: the search is folded, and opens to be changed.
    const firstResult = page.getByRole('link', { name: 'Maya Thornton', exact: true });
    expect((await firstResult.boundingBox())!.y).toBeLessThan(page.viewportSize()!.height);
    expect(await page.getByLabel('ZIP code').isVisible()).toBe(false);
    await page.getByText('Change search').click();
    expect(await page.getByLabel('ZIP code').inputValue()).toBe('93401');

    await page.getByRole('link', { name: 'Maya Thornton', exact: true }).click();
    await heading(page, 'Maya Thornton, CMT').waitFor();
    const credentials = page.getByRole('region', { name: 'Credentials' });
    expect(await credentials.getByText('Certified Massage Therapist (CMT)').count()).toBe(1);
    expect(await credentials.getByText('59120').count()).toBe(1);
    const reviews = page.getByRole('region', { name: 'Verified reviews' });
    expect(await reviews.getByText(/Verified patient/).count()).toBeGreaterThan(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Book with Maya Thornton' }).click();
    await heading(page, 'Book a session').waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');
    expect(new URL(page.url()).searchParams.get('therapistId')).toBeTruthy();
    // The therapist's own sessions first, every session a click away.
    const mine = page.getByText('Sessions with Maya Thornton');
    await mine.waitFor();
    const link = new URL(page.url()).searchParams;
    const offered = (
      await (
        await page.request.get(`${server.url}/api/public/clinics/${link.get('clinicId')}/services`)
      ).json()
    ).items as { therapistIds: string[] }[];
    // Each session, and "I have a referral for…"
    const sessions = page.getByRole('region', { name: /Session$/ }).getByRole('radio');
    expect(await sessions.count()).toBe(
      offered.filter((s) => s.therapistIds.includes(link.get('therapistId')!)).length + 1,
    );
    await page.getByRole('button', { name: /See every session at/ }).click();
    expect(await mine.count()).toBe(0);
    expect(await sessions.count()).toBe(offered.length + 1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the clinic page and the printable physician summary are accessible', async () => {
    await page.goto(`${server.url}/clinics/central-coast-medical-massage`);
    await heading(page, 'Central Coast Medical Massage').waitFor();
    expect(await page.getByText('LGBTQ+ welcoming').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.goto(`${server.url}/therapists/maya-thornton/ask-my-physician`);
    await heading(page, 'Medical massage referral request').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/clinics/harbor-medical-massage`);
    await heading(page, 'Harbor Medical Massage').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/** A browser of its own, signed in and on the home page. */
async function signedIn(email: string, firstName: string, options?: Parameters<typeof newContext>[1]) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await signIn(page, server.url, email);
  await heading(page, `Welcome, ${firstName}`).waitFor();
  return { context, page };
}

describe('editing the public profiles', () => {
  it('the owner adds a website and a public e-mail to the clinic page: a bad address is shown at its field, the saved page shows both', async () => {
    const { context, page: owner } = await signedIn(OWNER.email, 'Olivia');
    await owner.goto(`${server.url}/directory-admin`);
    const form = owner.getByRole('form', { name: 'Clinic page' });
    await form.waitFor();
    await form.getByLabel('Website').fill('harbor.example');
    await form.getByLabel('Public e-mail').fill('hello@harbor.example');
    await form.getByRole('button', { name: 'Save clinic page' }).click();
    expect(await describedText(owner, 'Website')).toContain('http(s)');

    await form.getByLabel('Website').fill('https://harbor.example');
    await form.getByRole('button', { name: 'Save clinic page' }).click();
    await form.getByText('Saved.').waitFor();
    expect(await seriousViolations(owner)).toEqual([]);

    // In a browser that has not seen the public page yet (it may be cached for a minute).
    await owner.goto(`${server.url}/clinics/harbor-medical-massage`);
    await heading(owner, 'Harbor Medical Massage').waitFor();
    await owner.getByRole('link', { name: 'https://harbor.example' }).waitFor();
    await owner.getByRole('link', { name: 'hello@harbor.example' }).waitFor();
    await context.close();
  });

  it('a therapist writes their own profile: a blank name is refused at its field, conditions keep the order ticked', async () => {
    const rosa = await person(server, clinicId, 'therapist', 'Rosa Rivera');
    const { context, page: therapist } = await signedIn(rosa.email, 'Rosa');
    await therapist.goto(`${server.url}/directory-admin`);
    const form = therapist.getByRole('form', { name: 'Profile of Rosa Rivera' });
    await form.waitFor();
    // A therapist sees their own profile only, not the clinic's page.
    expect(await therapist.getByRole('form', { name: 'Clinic page' }).count()).toBe(0);

    await form.getByLabel('Public name').fill('');
    await form.getByRole('button', { name: 'Save profile' }).click();
    expect(await describedText(therapist, 'Public name')).toContain('Required');

    await form.getByLabel('Public name').fill('Rosa Rivera');
    await form.getByLabel('Pronouns').fill('she/her');
    await form.getByLabel('Sciatica').check();
    await form.getByLabel('Chronic back pain').check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByText('Saved.').waitFor();
    const [saved] = await server.database.db
      .select()
      .from(therapistProfiles)
      .where(eq(therapistProfiles.userId, rosa.id));
    expect(saved).toMatchObject({ displayName: 'Rosa Rivera', pronouns: 'she/her', published: false });
    expect(saved!.conditions).toEqual(['sciatica', 'chronic-back-pain']);
    await context.close();

    // The owner edits one therapist's profile at a time, chosen by name.
    await person(server, clinicId, 'therapist', 'Sam Okafor');
    const { context: ownerContext, page: owner } = await signedIn(OWNER.email, 'Olivia');
    await owner.goto(`${server.url}/directory-admin`);
    await owner
      .getByLabel('Therapist profile to edit')
      .selectOption({ label: 'Rosa Rivera (not published)' });
    const rosaForm = owner.getByRole('form', { name: 'Profile of Rosa Rivera' });
    expect(await rosaForm.getByLabel('Pronouns').inputValue()).toBe('she/her');
    expect(await owner.getByRole('form', { name: /^Profile of / }).count()).toBe(1);
    await ownerContext.close();
  });

  it('the owner’s directory pages fit a phone and pass axe', async () => {
    // A credential with long names, so the credentials table has a row to lay out.
    const ana = await person(server, clinicId, 'therapist', 'Ana Lopez');
    const [ownerUser] = await server.database.db.select().from(users).where(eq(users.email, OWNER.email));
    await server.database.db.insert(credentials).values({
      clinicId,
      id: uuidv7(),
      therapistId: ana.id,
      kind: 'camtc',
      title: 'Certified Massage Therapist (CMT)',
      issuer: 'California Massage Therapy Council',
      number: 'CMT-00012345',
      certifiedName: 'Ana Lopez',
      expiresOn: '2030-01-31',
      createdBy: ownerUser!.id,
    });
    const { context, page: owner } = await signedIn(OWNER.email, 'Olivia', {
      viewport: { width: 375, height: 812 },
      isMobile: true,
    });
    for (const [path, title] of [
      ['/directory-admin', 'Public profile'],
      ['/directory-admin/credentials', 'Credentials'],
      ['/directory-admin/reviews', 'Reviews'],
    ] as const) {
      await owner.goto(`${server.url}${path}`);
      await heading(owner, title).waitFor();
      await owner.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
      expect(await pageWidth(owner), path).toBeLessThanOrEqual(375);
      expect(await seriousViolations(owner), path).toEqual([]);
    }

    // Recording Ana's NPI on the phone: the form fills in what an NPI record says and checks the digits.
    await owner.goto(`${server.url}/directory-admin/credentials`);
    const form = owner.getByRole('region', { name: 'Add a credential' });
    await form.getByLabel('Therapist').selectOption({ label: 'Ana Lopez' });
    await form.getByLabel('Type').selectOption({ label: 'NPI (National Provider Identifier)' });
    expect(await form.getByLabel('Title').inputValue()).toBe('National Provider Identifier');
    expect(await form.getByLabel('Expiry date').count()).toBe(0);
    // Back to a licence, the NPI's words go; to NPI again, they come back.
    await form.getByLabel('Type').selectOption({ label: 'State licence' });
    expect(await form.getByLabel('Title').inputValue()).toBe('');
    await form.getByLabel('Type').selectOption({ label: 'NPI (National Provider Identifier)' });
    expect(await form.getByLabel('Issuer').inputValue()).toBe('CMS (NPPES)');
    await form.getByLabel('NPI (10 digits)').fill('1234567890');
    await form.getByLabel('Name on the NPI record').fill('Ana Lopez');
    await form.getByRole('button', { name: 'Add credential' }).click();
    await form.getByText('This NPI fails its check digit: re-check the number').waitFor();
    await form.getByLabel('NPI (10 digits)').fill('1234567893');
    await form.getByLabel('NPI (10 digits)').press('Enter');
    await owner.getByRole('table', { name: 'All credentials' }).getByText('1234567893').waitFor();
    expect(await pageWidth(owner)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
