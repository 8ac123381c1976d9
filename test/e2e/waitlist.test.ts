import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitlistEntries, waitlistOffers } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { localDay, person, seedWorld, type World } from './scheduling-support.ts';
import {
  heading,
  launchBrowser,
  mainNavLinks,
  newContext,
  pageWidth,
  seriousViolations,
  signIn,
} from './support.ts';

/** The staff waitlist: the front desk sees who is waiting, adds a caller and removes one who no longer needs it. */
let server: TestServer;
let browser: Browser;
let w: World;
let oscarEntryId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const owner = await newContext(browser);
  w = await seedWorld(server, owner);
  // Oscar asked for an earlier time with Theo within the next ten days.
  const entry = (await w.call('POST', '/waitlist', {
    patientId: w.other.id,
    serviceId: w.serviceId,
    therapistId: w.therapist.id,
    fromDate: localDay(1),
    toDate: localDay(10),
  })) as { id: string };
  oscarEntryId = entry.id;
  // The owner's context stays open: later tests add entries through its API (the browser closes it).
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('waitlist (staff)', () => {
  it('the front desk sees who is waiting, adds a caller and removes one, by keyboard too', async () => {
    const desk = await person(server, w.clinicId, 'front_desk', 'Wendy Desk');
    const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server.url, desk.email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Waitlist', exact: true }).click();
    await heading(page, 'Waitlist').waitFor();

    const waiting = page.getByRole('table', { name: 'Waitlist: Waiting' });
    const oscar = waiting.getByRole('row', { name: /Oscar Example/ });
    await oscar.waitFor();
    expect(await oscar.getByRole('link', { name: w.other.name, exact: true }).getAttribute('href')).toBe(
      `/patients/${w.other.id}`,
    );
    await oscar.getByText(w.serviceName, { exact: true }).waitFor();
    await oscar.getByText(w.therapist.name, { exact: true }).waitFor();
    await oscar.getByText('Waiting', { exact: true }).waitFor();
    expect(await seriousViolations(page), 'waitlist').toEqual([]);

    // Paula phones in: the desk puts her on the list.
    await page.getByRole('button', { name: 'Add to the waitlist' }).click();
    await page.getByRole('heading', { level: 2, name: 'Add a patient to the waitlist' }).waitFor();
    await page.getByLabel('Find the patient').fill('Paula');
    await page.getByRole('radio', { name: /Paula Example/ }).check();
    await page.getByLabel('Session', { exact: true }).selectOption({ label: w.serviceName });
    await page.getByLabel('From', { exact: true }).fill(localDay(2));
    await page.getByLabel('Until', { exact: true }).fill(localDay(12));
    expect(await seriousViolations(page), 'waitlist add form').toEqual([]);
    await page.getByRole('button', { name: 'Add to the waitlist' }).click();
    await page.getByText(`${w.patient.name} was added to the waitlist.`).waitFor();
    const paula = waiting.getByRole('row', { name: /Paula Example/ });
    await paula.waitFor();
    await paula.getByText('Anyone', { exact: true }).waitFor();
    // First come, first served: Oscar asked first.
    const names = await waiting.locator('tbody th').allTextContents();
    expect(names).toEqual([w.other.name, w.patient.name]);

    // Oscar found a time elsewhere: removed by keyboard, with one confirmation.
    await page.getByRole('button', { name: `Remove ${w.other.name} from the waitlist` }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: 'Yes, remove' });
    await confirm.waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(`${w.other.name} was removed from the waitlist.`).waitFor();
    await expect.poll(() => waiting.getByRole('row', { name: /Oscar Example/ }).count()).toBe(0);
    const [row] = await server.database.db
      .select({ status: waitlistEntries.status })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.clinicId, w.clinicId), eq(waitlistEntries.id, oscarEntryId)));
    expect(row?.status).toBe('cancelled');

    // Removed requests stay readable.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Removed' });
    const removed = page.getByRole('table', { name: 'Waitlist: Removed' });
    await removed
      .getByRole('row', { name: /Oscar Example/ })
      .getByText('Cancelled', { exact: true })
      .waitFor();
  });

  it('fits a phone (375 px) with no sideways scroll and passes axe', async () => {
    const desk = await person(server, w.clinicId, 'front_desk', 'Phil Desk');
    const page = await (await newContext(browser, { viewport: { width: 375, height: 812 } })).newPage();
    await signIn(page, server.url, desk.email);
    await heading(page, 'Welcome, Phil').waitFor();
    await page.goto(`${server.url}/waitlist`);
    await heading(page, 'Waitlist').waitFor();
    await page.getByRole('table', { name: 'Waitlist: Waiting' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'waitlist at 375 px').toEqual([]);
    await page.getByRole('button', { name: 'Add to the waitlist' }).click();
    await page.getByLabel('Find the patient').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'waitlist add form at 375 px').toEqual([]);
  });

  it('the front desk offers a waiting patient a time by hand, by keyboard', async () => {
    const entry = (await w.call('POST', '/waitlist', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      fromDate: localDay(3),
      toDate: localDay(5),
    })) as { id: string };
    const desk = await person(server, w.clinicId, 'front_desk', 'Olive Desk');
    const page = await (await newContext(browser, { viewport: { width: 375, height: 812 } })).newPage();
    await signIn(page, server.url, desk.email);
    await heading(page, 'Welcome, Olive').waitFor();
    await page.goto(`${server.url}/waitlist`);
    await heading(page, 'Waitlist').waitFor();
    const offerButton = page.locator(`#waitlist-offer-${entry.id}`);
    await offerButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: `Offer a time to ${w.other.name}` }).waitFor();
    const day = page.getByLabel('Day', { exact: true });
    await expect.poll(() => day.evaluate((el) => el === document.activeElement)).toBe(true);
    await day.fill(localDay(4));
    const time = page.getByLabel('Time', { exact: true });
    await expect.poll(() => time.locator('option').count()).toBeGreaterThan(1);
    await time.selectOption({ index: 1 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'offer a time at 375 px').toEqual([]);
    await page.getByRole('button', { name: 'Send the offer' }).press('Enter');
    await page.getByText(new RegExp(`${w.other.name} was offered`)).waitFor();
    await expect.poll(() => offerButton.evaluate((el) => el === document.activeElement)).toBe(true);
    const [offer] = await server.database.db
      .select({ status: waitlistOffers.status })
      .from(waitlistOffers)
      .where(and(eq(waitlistOffers.clinicId, w.clinicId), eq(waitlistOffers.entryId, entry.id)));
    expect(offer?.status).toBe('open');
  });

  it('is not offered to a patient', async () => {
    const page = await (await newContext(browser, { viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server.url, w.patient.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).waitFor();
    expect(await mainNavLinks(page)).not.toContain('Waitlist');
  });
});
