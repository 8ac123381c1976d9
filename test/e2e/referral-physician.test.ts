import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referringProviders } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Api, addPerson, clinicWithOwner, settled, signInAs } from './patients-support.ts';
import {
  CLINIC,
  describedText,
  heading,
  launchBrowser,
  mainNavLinks,
  newContext,
  seriousViolations,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let owner: Api;
let physician: Page;

const PHYSICIAN = { email: 'ana.ruiz@bayside-clinic.test', name: 'Ana Ruiz' };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const setup = await clinicWithOwner(browser, server);
  clinicId = setup.clinicId;
  owner = setup.api;
  // The physician's provider record, linked to their Palpa account (as accepting an invitation does).
  const userId = await addPerson(server, clinicId, 'physician', PHYSICIAN.email, PHYSICIAN.name);
  const provider = await owner.call<{ id: string }>('POST', `/api/clinics/${clinicId}/providers`, {
    kind: 'physician',
    firstName: 'Ana',
    lastName: 'Ruiz',
    credentials: 'MD',
    npi: '1234567893',
    email: PHYSICIAN.email,
  });
  await server.database.db
    .update(referringProviders)
    .set({ userId })
    .where(eq(referringProviders.id, provider.id));
  physician = await (await newContext(browser, { viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('physician e-referral', () => {
  it('a physician refers a new patient with a diagnosis and a typed signature; the clinic is notified', async () => {
    await signInAs(physician, server.url, PHYSICIAN.email, 'Ana');
    expect(await mainNavLinks(physician)).toContain('My patients');
    await physician
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My patients' })
      .click();
    await heading(physician, 'My patients').waitFor();
    await physician.getByText('No patients yet').waitFor();
    expect(await seriousViolations(physician), 'physician portal').toEqual([]);

    await physician.getByRole('link', { name: 'New e-referral' }).first().click();
    await heading(physician, 'New e-referral').waitFor();
    await physician.getByLabel('Legal first name').fill('Samantha');
    await physician.getByLabel('Legal last name').fill('Okafor');
    await physician.getByLabel('Preferred name').fill('Sam');
    await physician.getByLabel('Pronouns').fill('they/them');
    await physician.getByLabel('Date of birth').fill('1984-03-09');

    // A header code: the API refuses it and offers the billable codes, shown as replacements.
    await physician.getByLabel('Search diagnoses').fill('M54.5');
    await physician.getByRole('button', { name: /^M54\.5 / }).click();
    await physician.getByLabel('Visits per week').fill('2');
    await physician.getByLabel('For how many weeks').fill('6');
    await physician.getByLabel('Session length (minutes)').fill('60');
    await physician.getByLabel('Precautions').fill('L4-L5 herniation: no direct pressure');
    await physician.getByRole('checkbox', { name: 'Low back and sacrum' }).check();

    // What is signed is shown, with the time.
    const signature = physician.getByRole('group', { name: 'Electronic signature' });
    expect(await signature.textContent()).toContain('Patient: Sam Okafor (new patient), born 1984-03-09');
    expect(await signature.textContent()).toContain('Frequency: 2×/week × 6 weeks');
    expect(await signature.textContent()).toMatch(/Signing time: .*\d{1,2}:\d{2}/);

    // Without the typed name the form refuses, next to the field.
    await physician.getByRole('button', { name: 'Sign and send the referral' }).click();
    await physician
      .getByLabel('Type your full name to sign')
      .and(physician.locator('[aria-invalid="true"]'))
      .waitFor();
    expect(await describedText(physician, 'Type your full name to sign')).toContain(
      'Type your full name to sign',
    );
    await physician.getByLabel('Type your full name to sign').fill('Ana Ruiz');
    expect(await seriousViolations(physician), 'e-referral form').toEqual([]);

    await physician.getByRole('button', { name: 'Sign and send the referral' }).click();
    await physician.getByText('is not billable').waitFor();
    const replacement = physician.getByRole('button', { name: /^M54\.50 / });
    await replacement.click();
    expect(await physician.getByText('is not billable').count()).toBe(0);
    await physician.getByRole('button', { name: 'Sign and send the referral' }).click();

    // The chart of the new patient, as the physician sees it: the referral with its status and signature.
    await heading(physician, 'Sam Okafor').waitFor();
    await physician.getByText('Your signed e-referral was sent to the clinic.').waitFor();
    await settled(physician);
    const card = physician.locator('.referral-card');
    expect(await card.count()).toBe(1);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Active');
    expect(text).toContain('0 of 12 visits used');
    expect(text).toContain('M54.50');
    expect(text).toContain('Signed electronically by Ana Ruiz');
    expect(text).toContain('Signature verified');
    expect(await physician.getByText('they/them').count()).toBeGreaterThan(0);
    expect(await seriousViolations(physician), 'physician chart').toEqual([]);

    // Back on the portal, the patient and the referral status are listed.
    await physician.getByRole('link', { name: 'My patients' }).click();
    await heading(physician, 'My patients').waitFor();
    await physician
      .getByRole('link', { name: /Sam Okafor/ })
      .first()
      .waitFor();
    const row = physician.getByRole('row', { name: /Sam Okafor/ });
    expect(await row.textContent()).toContain('Active');

    // The clinic's outbox holds the notification (a link only, no health data).
    const outbox = await owner.call<{ items: { to: string; subject: string; text: string }[] }>(
      'GET',
      `/api/clinics/${clinicId}/outbox`,
    );
    const notice = outbox.items.find((m) => m.subject === `New referral received at ${CLINIC}`);
    expect(notice?.to).toBe('owner@harbor.test');
    expect(notice?.text).not.toContain('Okafor');
    expect(notice?.text).not.toContain('M54');
    const [referral] = (
      await owner.call<{ items: { id: string; source: string; status: string }[] }>(
        'GET',
        `/api/clinics/${clinicId}/referrals`,
      )
    ).items;
    expect(referral).toMatchObject({ source: 'electronic', status: 'active' });
    expect(notice?.text).toContain(`/referrals/${referral!.id}`);
  });
});
