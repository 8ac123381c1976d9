import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { clinicWithOwner, settled } from './patients-support.ts';
import { heading, launchBrowser, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let agreed: string;
let notAgreed: string;
const texts: { to: string; text: string }[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  // A text-message provider plugged in, as a deployment would (AppDeps.sms).
  server.app.deps.sms = { send: async (m) => void texts.push(m) };
  const setup = await clinicWithOwner(browser, server, { width: 375, height: 812 });
  const patient = (first: string, contactPreferences: { channel: 'sms' | 'email'; reminders: boolean }) =>
    setup.api.call<{ id: string }>('POST', `/api/clinics/${setup.clinicId}/patients`, {
      legalFirstName: first,
      legalLastName: 'Delgado',
      dateOfBirth: '1979-11-02',
      email: `${first.toLowerCase()}@example.test`,
      phone: '+1 619 555 0142',
      contactPreferences,
    });
  agreed = (await patient('Marta', { channel: 'sms', reminders: true })).id;
  notAgreed = (await patient('Nora', { channel: 'email', reminders: true })).id;
  page = await setup.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the intake link by text, from the chart on a phone', () => {
  it('sends by text when the patient agreed to texts, and the worker delivers it', async () => {
    await page.goto(`${server.url}/patients/${agreed}`);
    await heading(page, 'Marta Delgado').waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Send the intake link by e-mail' }).waitFor();
    const byText = page.getByRole('button', { name: 'Send the intake link by text' });
    expect(await byText.isEnabled()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await byText.focus();
    await page.keyboard.press('Enter');
    await page.getByText('A personal intake link will be texted to +1 619 555 0142 in a moment.').waitFor();
    expect(await seriousViolations(page), 'chart after sending by text').toEqual([]);
    // The worker polls every 15 s.
    await expect.poll(() => texts.length, { timeout: 20_000 }).toBe(1);
    expect(texts[0]!.text).toMatch(/^Harbor Medical Massage: .+\/intake\/[A-Za-z0-9_-]+$/);
    expect(texts[0]!.text).not.toMatch(/Marta|Delgado/);
  });

  it('says why the text is unavailable when the patient has not agreed to texts', async () => {
    await page.goto(`${server.url}/patients/${notAgreed}`);
    await heading(page, 'Nora Delgado').waitFor();
    await settled(page);
    const byText = page.getByRole('button', { name: 'Send the intake link by text' });
    expect(await byText.isDisabled()).toBe(true);
    expect(await byText.getAttribute('aria-describedby')).toBeTruthy();
    await page.getByText(/The patient has not agreed to texts/).waitFor();
    expect(await page.getByRole('button', { name: 'Send the intake link by e-mail' }).isEnabled()).toBe(true);
    expect(await seriousViolations(page), 'chart with the text unavailable').toEqual([]);
  });
});
