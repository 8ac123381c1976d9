import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinics, emailOutbox, locations } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  CLINIC,
  describedText,
  fillSetupForm,
  heading,
  launchBrowser,
  mainNavLinks,
  newContext,
  PASSWORD,
  pageWidth,
  seriousViolations,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  ownerContext = await newContext(browser);
  owner = await ownerContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('first run and invitations', () => {
  it('first-run set-up creates the clinic and lands signed in on the home page', async () => {
    await owner.goto(`${server.url}/`);
    await heading(owner, 'Set up Palpa').waitFor();
    expect(new URL(owner.url()).pathname).toBe('/setup');
    expect(await owner.getByLabel('Time zone', { exact: true }).inputValue()).toBe('America/Los_Angeles');

    // Client-side validation (the server's own schemas) puts messages next to the fields.
    await owner.getByRole('button', { name: 'Create clinic and sign in' }).click();
    expect(await owner.getByLabel('Clinic name').getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(owner, 'Clinic name')).toContain('Required');
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('clinic.name');

    await owner.getByLabel('Clinic name').fill(CLINIC);
    // The time zone select is searchable.
    await owner.getByLabel('Search time zones').fill('Chicago');
    expect(await owner.getByLabel('Time zone', { exact: true }).inputValue()).toBe('America/Chicago');
    // A common password passes the length rule but the server refuses it, next to the password field.
    await fillSetupForm(owner, 'password1234');
    await owner.getByRole('button', { name: 'Create clinic and sign in' }).click();
    await owner.getByText('This password is too common or too easy to guess').waitFor();
    expect(await describedText(owner, 'Password', true)).toContain('too common');

    await owner.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await owner.getByLabel('Password', { exact: true }).press('Enter');
    await heading(owner, 'Welcome, Olivia').waitFor();
    expect(new URL(owner.url()).pathname).toBe('/');
    expect(await mainNavLinks(owner)).toEqual([
      'Home',
      'Patients',
      'To-do',
      'Calendar',
      'Waitlist',
      'To rebook',
      'Balances due',
      'Schedule set-up',
      'Members',
      'Clinic settings',
      'Locations',
      'Public directory',
      'Clinic outcomes',
      'Records requests',
      'Audit log',
      'E-mail outbox',
      'My account',
    ]);
    const [clinic] = await server.database.db.select().from(clinics).where(eq(clinics.name, CLINIC));
    expect(clinic?.timeZone).toBe('America/Chicago');
    // Set-up is once only.
    await owner.goto(`${server.url}/setup`);
    await heading(owner, 'Palpa is set up').waitFor();
  });

  it('the owner invites a therapist, who accepts in another browser and gets the therapist navigation', async () => {
    await owner.goto(`${server.url}/`);
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await heading(owner, 'Members').waitFor();
    await owner.getByLabel('E-mail').fill('Theo@Harbor.test');
    await owner.getByLabel('Role', { exact: true }).selectOption('therapist');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText('Invitation sent to theo@harbor.test').waitFor();
    await owner.getByRole('button', { name: 'Withdraw the invitation to theo@harbor.test' }).waitFor();

    await owner.getByRole('link', { name: 'E-mail outbox' }).click();
    await heading(owner, 'E-mail outbox').waitFor();
    const link = owner.getByRole('link', { name: /\/invitations\// });
    const href = (await link.getAttribute('href'))!;
    expect(href.startsWith(`${server.url}/invitations/`)).toBe(true);

    const therapistContext = await newContext(browser);
    const therapist = await therapistContext.newPage();
    await therapist.goto(href);
    await heading(therapist, `Join ${CLINIC}`).waitFor();
    expect(await therapist.getByText('invites theo@harbor.test').count()).toBe(1);
    await therapist.getByLabel('Your name').fill('Theo Therapist');
    await therapist.getByLabel('Choose a password').fill('Willow-kneads-42-shoulders');
    await therapist.getByRole('button', { name: 'Join and sign in' }).click();
    await heading(therapist, 'Welcome, Theo').waitFor();
    expect(await mainNavLinks(therapist)).toEqual([
      'Home',
      'Patients',
      'To-do',
      'Calendar',
      'Waitlist',
      'Public directory',
      'My account',
    ]);
    expect(await therapist.getByRole('heading', { name: 'Your day' }).count()).toBe(1);
    // Members is not for therapists, even by address.
    await therapist.goto(`${server.url}/members`);
    await heading(therapist, 'Not available').waitFor();

    // The link works once: the 410 answer is shown plainly.
    await therapist.goto(href);
    await heading(therapist, 'This invitation can no longer be used').waitFor();
    expect(await therapist.getByRole('alert').textContent()).toContain('already been used');
    await therapistContext.close();

    await owner.getByRole('link', { name: 'Members' }).click();
    const row = owner.getByRole('row', { name: /Theo Therapist/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Therapist');
    expect(await owner.getByText('No pending invitations').count()).toBe(1);
    // Inviting a member again says so, with their role, and sends nothing.
    await owner.getByLabel('E-mail').fill('theo@harbor.test');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText(/theo@harbor\.test is already a member of .* \(therapist\)/).waitFor();
    // A pending invitation is not sent twice: the owner may send a new link instead.
    await owner.getByLabel('E-mail').fill('fern@harbor.test');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText('Invitation sent to fern@harbor.test').waitFor();
    await owner.getByLabel('E-mail').fill('fern@harbor.test');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText(/fern@harbor\.test already has a pending invitation/).waitFor();
    await owner.getByRole('button', { name: 'Send a new link (the old one stops working)' }).click();
    await owner.getByText(/already has a pending invitation/).waitFor({ state: 'detached' });
    const withdraw = owner.getByRole('button', { name: 'Withdraw the invitation to fern@harbor.test' });
    await expect.poll(() => withdraw.count()).toBe(1);
    await withdraw.click();
    await owner.getByText('The invitation to fern@harbor.test was withdrawn.').waitFor();
  });

  it('the owner adds a location: a missing field is shown at it, the time zone is the clinic’s', async () => {
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Locations' }).click();
    await heading(owner, 'Locations').waitFor();
    await owner.getByRole('button', { name: 'Add location' }).click();
    await owner.getByLabel('Location name').fill('Downtown');
    await owner.getByRole('button', { name: 'Add location' }).click();
    expect(await describedText(owner, 'Street address')).toContain('Required');

    await owner.getByLabel('Street address').fill('12 Harbor Way');
    await owner.getByLabel('City').fill('Chicago');
    await owner.getByLabel('State').fill('IL');
    await owner.getByLabel('ZIP code').fill('60601');
    await owner.getByRole('button', { name: 'Add location' }).click();
    await owner.getByText('Downtown was added.').waitFor();
    await owner.getByRole('heading', { name: 'Downtown', level: 2 }).waitFor();
    const [clinic] = await server.database.db.select().from(clinics).where(eq(clinics.name, CLINIC));
    const [place] = await server.database.db
      .select()
      .from(locations)
      .where(and(eq(locations.clinicId, clinic!.id), eq(locations.name, 'Downtown')));
    expect(place).toMatchObject({ name: 'Downtown', city: 'Chicago', timeZone: 'America/Chicago' });
  });

  it('the therapist who forgot their password gets a link by e-mail and sets a new one, on a phone', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Choose a new password').waitFor();
    expect(await seriousViolations(page), 'forgot-password page').toEqual([]);
    expect(await pageWidth(page), 'forgot-password page fits a phone').toBeLessThanOrEqual(375);
    await page.getByLabel('E-mail').fill('theo@harbor.test');
    await page.getByLabel('E-mail').press('Enter');
    await page.getByText('If an account uses theo@harbor.test, we have e-mailed it a link').waitFor();

    const [mail] = await server.database.db
      .select()
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.toAddress, 'theo@harbor.test'),
          eq(emailOutbox.subject, 'Choose a new Palpa password'),
        ),
      );
    const link = /http\S+\/reset-password\/\S+/.exec(mail!.textBody)![0];
    await page.goto(link.replace(/^http:\/\/[^/]+/, server.url));
    await heading(page, 'Choose a new password').waitFor();
    expect(await seriousViolations(page), 'new-password page').toEqual([]);
    expect(await pageWidth(page), 'new-password page fits a phone').toBeLessThanOrEqual(375);
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    // The server's answer comes after the click: wait for it beside the field.
    await expect.poll(() => describedText(page, 'New password')).toContain('too common');
    await page.getByLabel('New password').fill('Tidepool-lantern-orchard-42');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await page.getByText('Your new password is set, and you were signed out everywhere.').waitFor();
    await page.getByLabel('E-mail').fill('theo@harbor.test');
    await page.getByLabel('Password').fill('Tidepool-lantern-orchard-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in: on a phone the main navigation sits behind the menu button.
    await page.getByRole('button', { name: 'Menu' }).waitFor();

    // The link works once.
    await page.goto(link.replace(/^http:\/\/[^/]+/, server.url));
    await page.getByLabel('New password').fill('Another-long-passphrase-77');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await page.getByText('This link has expired or was already used.').waitFor();
    await context.close();
  });
});
