import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Api, addPerson, clinicWithOwner, settled } from './patients-support.ts';
import { heading, launchBrowser, newContext, pageWidth, seriousViolations, signIn } from './support.ts';

let server: TestServer;
let browser: Browser;
let owner: { context: BrowserContext; clinicId: string; api: Api };
let page: Page;
const THERAPIST = { email: 'theo@harbor.test', name: 'Theo Therapist' };

const newPatient = async (legalFirstName: string, legalLastName: string) =>
  (
    await owner.api.call<{ id: string }>('POST', `/api/clinics/${owner.clinicId}/patients`, {
      legalFirstName,
      legalLastName,
      dateOfBirth: '1980-05-05',
    })
  ).id;

/** The Patient column of every row shown, in the order shown. */
const patientColumn = (p: Page) => p.locator('td[data-label="Patient"]').allInnerTexts();

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  owner = await clinicWithOwner(browser, server);
  const mei = await newPatient('Mei', 'Chen');
  await newPatient('José', 'Ortega');
  // A therapist reads Mei's record, and the owner lists the patients (a list read showing both).
  await addPerson(server, owner.clinicId, 'therapist', THERAPIST.email, THERAPIST.name);
  const therapist = await newContext(browser);
  const therapistPage = await therapist.newPage();
  await signIn(therapistPage, server.url, THERAPIST.email);
  await heading(therapistPage, 'Welcome, Theo').waitFor();
  const response = await therapist.request.get(`${server.url}/api/clinics/${owner.clinicId}/patients/${mei}`);
  expect(response.status()).toBe(200);
  await therapist.close();
  await owner.api.call('GET', `/api/clinics/${owner.clinicId}/patients`);
  page = await owner.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the audit log page', () => {
  it('names people, patients and actions in words, and filters to who looked at one patient', async () => {
    await page.goto(`${server.url}/audit`);
    await heading(page, 'Audit log').waitFor();
    await settled(page);
    const therapistRead = page
      .getByRole('row')
      .filter({ hasText: THERAPIST.name })
      .filter({ hasText: "Read a patient's record" });
    await expect(therapistRead.getByRole('link', { name: 'Mei Chen' }).count()).resolves.toBe(1);

    // Only what concerns Mei: her record's reads, and the list that showed her; never José's own rows.
    await page.getByLabel('Find the patient').fill('Chen');
    await page.getByRole('radio', { name: /Mei Chen/ }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: 'match the filters' }).waitFor();
    await settled(page);
    const shown = await patientColumn(page);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.every((text) => text.includes('Mei Chen') || /A list of \d+ patients/.test(text))).toBe(
      true,
    );
    expect(shown.some((text) => /A list of 2 patients/.test(text))).toBe(true);
    expect(shown.some((text) => text.includes('Ortega'))).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);

    // A filter nothing matches says so, and Clear brings every event back.
    await page.getByLabel('Outcome').selectOption('failed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No events match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await settled(page);
    expect((await patientColumn(page)).some((text) => text.includes('José Ortega'))).toBe(true);
  });

  it('reads on a phone: rows become cards with their labels, nothing scrolls sideways', async () => {
    const phone = await newContext(browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.addCookies(await owner.context.cookies());
    const narrow = await phone.newPage();
    await narrow.goto(`${server.url}/audit`);
    await heading(narrow, 'Audit log').waitFor();
    await settled(narrow);
    await narrow.locator('td[data-label="Action"]').first().waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);
    // Each cell shows its column's name on a phone (the data-label), so a card reads "Patient: Mei Chen".
    const label = await narrow
      .locator('td[data-label="Patient"]')
      .first()
      .evaluate((cell) => getComputedStyle(cell, '::before').content);
    expect(label).toContain('Patient');
    await phone.close();
  });
});
