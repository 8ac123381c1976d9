import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Shared pieces of the browser tests: one Chromium per test file, helpers to fill the app's forms. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A fresh browser context (own cookies); waits fail after 10 s with the locator named, not at the test timeout. */
export async function newContext(
  browser: Browser,
  options?: Parameters<Browser['newContext']>[0],
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  return context;
}

export const PASSWORD = 'Harbor-massage-9!';
export const OWNER = { name: 'Olivia Owner', email: 'owner@harbor.test' };
export const CLINIC = 'Harbor Medical Massage';

/** The first-run set-up request, for tests that start from a clinic that already exists. */
export const setupBody = {
  clinic: { name: CLINIC, timeZone: 'America/Los_Angeles' },
  location: {
    name: 'Little Italy',
    addressLine1: '1650 India St',
    city: 'San Diego',
    region: 'CA',
    postalCode: '92101',
  },
  owner: { displayName: OWNER.name, email: OWNER.email, password: PASSWORD },
};

/** Runs set-up through the API with the context's cookie jar, so the context is signed in as the owner. */
export async function setUpViaApi(context: BrowserContext, baseUrl: string): Promise<string> {
  const response = await context.request.post(`${baseUrl}/api/setup`, { data: setupBody });
  if (response.status() !== 201)
    throw new Error(`set-up failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { clinicId: string }).clinicId;
}

export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Fills the location and owner parts of the set-up form (the clinic name is left to the test). */
export async function fillSetupForm(page: Page, password = PASSWORD): Promise<void> {
  await page.getByLabel('Location name').fill('Little Italy');
  await page.getByLabel('Street address').fill('1650 India St');
  await page.getByLabel('City').fill('San Diego');
  await page.getByLabel('State').fill('CA');
  await page.getByLabel('ZIP code').fill('92101');
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

export async function signIn(page: Page, baseUrl: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await heading(page, 'Sign in').waitFor();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
}

export const mainNavLinks = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

/** The error text tied to a field through aria-describedby. */
export async function describedText(page: Page, label: string, exact = false): Promise<string> {
  const ids = (await page.getByLabel(label, { exact }).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ');
}

export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Serious and critical axe-core violations on the page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
