import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  CLINIC,
  describedText,
  fillSetupForm,
  heading,
  launchBrowser,
  newContext,
  OWNER,
  pageWidth,
  seriousViolations,
  signIn,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let desktop: BrowserContext;
let mobile: BrowserContext;
let wide: Page;
let narrow: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  desktop = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  mobile = await newContext(browser, {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  [wide, narrow] = await Promise.all([desktop.newPage(), mobile.newPage()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('before set-up', () => {
  it('the set-up page has no serious axe violations and a working skip link', async () => {
    await wide.goto(`${server.url}/setup`);
    await heading(wide, 'Set up Palpa').waitFor();
    expect(await seriousViolations(wide)).toEqual([]);
    // The skip link is the first thing the keyboard reaches and it moves focus to the main content.
    await wide.keyboard.press('Tab');
    expect(await wide.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await wide.keyboard.press('Enter');
    expect(await wide.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});

describe('at 375 px wide', () => {
  it('set-up, sign-in and members are usable without horizontal scrolling; the menu collapses', async () => {
    await narrow.goto(`${server.url}/setup`);
    await heading(narrow, 'Set up Palpa').waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);

    // Set-up at this width, error state included (messages must not widen the page).
    await narrow.getByRole('button', { name: 'Create clinic and sign in' }).click();
    await narrow.getByLabel('Clinic name').and(narrow.locator('[aria-invalid="true"]')).waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);
    await narrow.getByLabel('Clinic name').fill(CLINIC);
    await fillSetupForm(narrow);
    await narrow.getByRole('button', { name: 'Create clinic and sign in' }).click();
    await heading(narrow, 'Welcome, Olivia').waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);

    // The navigation sits behind the menu button.
    const nav = narrow.getByRole('navigation', { name: 'Main' });
    const menu = narrow.getByRole('button', { name: 'Menu' });
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Members' }).click();
    await heading(narrow, 'Members').waitFor();
    expect(await nav.isVisible()).toBe(false);
    await narrow
      .getByLabel('E-mail')
      .fill('frances.frontdesk.with.a.long.address@harbor-medical-massage.test');
    await narrow.getByLabel('Role', { exact: true }).selectOption('front_desk');
    await narrow.getByRole('button', { name: 'Send invitation' }).click();
    await narrow.getByRole('button', { name: /Withdraw the invitation/ }).waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);
    await narrow.getByRole('button', { name: 'Change roles of Olivia Owner' }).click();
    await narrow.getByRole('group', { name: 'Roles of Olivia Owner' }).waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);

    // Sign out from the collapsed menu, then sign in again at this width.
    await menu.click();
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await heading(narrow, 'Sign in').waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);
    await signIn(narrow, server.url, OWNER.email);
    await heading(narrow, 'Welcome, Olivia').waitFor();
  });
});

describe('at 768 px wide (a tablet in portrait)', () => {
  it('the menu collapses behind its button so the page gets the full width', async () => {
    const tablet = await (await newContext(browser, { viewport: { width: 768, height: 1024 } })).newPage();
    await signIn(tablet, server.url, OWNER.email);
    await heading(tablet, 'Welcome, Olivia').waitFor();
    const nav = tablet.getByRole('navigation', { name: 'Main' });
    const menu = tablet.getByRole('button', { name: 'Menu' });
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.isVisible()).toBe(true);
    const main = await tablet.locator('main').boundingBox();
    expect(main!.width).toBeGreaterThanOrEqual(740);
    // With the full width, the owner's pages show tables rather than cards: none may widen the page.
    const tablePages: [string, string][] = [
      ['Members', 'Members'],
      ['Patients', 'Patients'],
      ['Calendar', 'Calendar'],
      ['Audit log', 'Audit log'],
      ['E-mail outbox', 'E-mail outbox'],
      ['Clinic settings', 'Clinic settings'],
    ];
    for (const [link, title] of tablePages) {
      await menu.click();
      await nav.getByRole('link', { name: link, exact: true }).click();
      await heading(tablet, title).waitFor();
      await tablet.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
      expect(await nav.isVisible()).toBe(false);
      expect(await pageWidth(tablet), `${title} at 768 px`).toBeLessThanOrEqual(768);
    }
    await tablet.context().close();
    // A desktop keeps the sidebar: the owner's pages below are reached from it at 1280 px.
  });
});

describe('accessibility (axe-core: no serious or critical violations)', () => {
  it('on the sign-in page, with and without errors', async () => {
    await wide.goto(`${server.url}/sign-in`);
    await heading(wide, 'Sign in').waitFor();
    expect(await seriousViolations(wide)).toEqual([]);
    await wide.getByLabel('E-mail').fill(OWNER.email);
    await wide.getByLabel('Password').fill('not-the-password');
    await wide.getByRole('button', { name: 'Sign in' }).click();
    await wide.getByRole('alert').filter({ hasText: 'not correct' }).waitFor();
    expect(await seriousViolations(wide)).toEqual([]);
  });

  it('on the signed-in pages of an owner', async () => {
    await signIn(wide, server.url, OWNER.email);
    await heading(wide, 'Welcome, Olivia').waitFor();
    const pages: [string, string][] = [
      ['Clinic settings', 'Clinic settings'],
      ['Locations', 'Locations'],
      ['Members', 'Members'],
      ['Audit log', 'Audit log'],
      ['E-mail outbox', 'E-mail outbox'],
      ['My account', 'My account'],
      ['Home', 'Welcome, Olivia'],
    ];
    for (const [link, title] of pages) {
      const before = wide.url();
      await wide.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await heading(wide, title).waitFor();
      await wide.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
      // After navigating, focus is on the new page's heading.
      if (wide.url() !== before)
        expect(await wide.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await seriousViolations(wide), `${title} page`).toEqual([]);
    }
    // The billing identifiers printed on superbills: a wrong one is said beside its field.
    await wide
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Clinic settings' })
      .click();
    await heading(wide, 'Clinic settings').waitFor();
    await wide.getByLabel('Tax ID (EIN)').fill('123456789');
    await wide.getByLabel('Organisation NPI').fill('1234567893');
    await wide.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => describedText(wide, 'Tax ID (EIN)')).toContain('An EIN reads like 12-3456789');
    await wide.getByLabel('Tax ID (EIN)').fill('12-3456789');
    await wide.getByRole('button', { name: 'Save settings' }).click();
    await wide.getByText('Settings saved.').waitFor();
    const me = (await (await wide.request.get(`${server.url}/api/me`)).json()) as {
      clinics: { id: string }[];
    };
    const settings = await wide.request.get(`${server.url}/api/clinics/${me.clinics[0]!.id}`);
    expect(await settings.json()).toMatchObject({ taxId: '12-3456789', npi: '1234567893' });
    await wide.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await heading(wide, 'Welcome, Olivia').waitFor();
    // Two-factor set-up, with the QR code on screen.
    await wide.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
    await wide.getByRole('button', { name: 'Begin set-up' }).click();
    await wide.getByTestId('totp-secret').waitFor();
    expect(await seriousViolations(wide)).toEqual([]);
  });
});
