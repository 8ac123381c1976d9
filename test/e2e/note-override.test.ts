import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionNotes } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { seedPatient, seedReferral } from './clinical-support.ts';
import { clinicWithOwner, settled } from './patients-support.ts';
import { heading, launchBrowser, OWNER, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let page: Page;
let patientId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const setup = await clinicWithOwner(browser, server);
  clinicId = setup.clinicId;
  patientId = await seedPatient(setup.api, clinicId, { first: 'Ivo', last: 'Marsh' }, { dvtLeftCalf: true });
  await seedReferral(server, clinicId, patientId);
  page = await setup.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const REASON = 'Dr Ortiz cleared the calf by phone before the visit; the written clearance is on its way.';

describe('treatment given despite a contraindication', () => {
  it('is signed with a written reason, by keyboard, and the note says so plainly', async () => {
    await page.goto(`${server.url}/patients/${patientId}/notes/new`);
    await heading(page, 'Session notes').waitFor();
    await page.getByRole('button', { name: 'Blank note' }).click();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    await page.getByLabel('Complaint today').fill('Calf tight after a long walk');
    await page.getByRole('button', { name: 'Add a treatment row' }).click();
    const row = page.getByRole('group', { name: 'Treatment row 1' });
    await row.getByLabel('Technique', { exact: true }).selectOption('swedish-massage');
    await row.getByLabel('Region', { exact: true }).selectOption('calf-left');
    await row.getByLabel('Minutes', { exact: true }).fill('10');
    await row.getByLabel('Pressure', { exact: true }).selectOption('light');
    await row.getByText(/^Ruled out Blood clot/).waitFor();
    await page.getByText(/^Saved at/).waitFor();

    // Signing as usual is refused, and says a written reason can record it.
    await page.getByLabel('Type your full name to sign').first().fill(OWNER.name);
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page
      .locator('.sign-panel')
      .getByText(/If it was really given, record why below\./)
      .waitFor();

    // The offer, then the form: the reason is focused as it opens.
    const offer = page.getByRole('button', { name: 'This treatment was given — record why' });
    await offer.focus();
    await page.keyboard.press('Enter');
    const reason = page.getByLabel('Why this treatment was given');
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    const form = page.locator('.override-form');
    await form.getByText(/^Blood clot/).waitFor();
    expect(await seriousViolations(page), 'override form').toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/note-override-form-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Too short: said at the field, nothing signed.
    await page.keyboard.type('Was given');
    await form.getByLabel('Type your full name to sign').fill(OWNER.name);
    await form.getByRole('button', { name: 'Sign with this reason' }).click();
    await form.getByText('Write at least 15 characters: why this treatment was given').waitFor();
    const [draft] = await server.database.db
      .select()
      .from(sessionNotes)
      .where(eq(sessionNotes.patientId, patientId));
    expect(draft?.status).toBe('draft');

    await reason.fill(REASON);
    await form.getByLabel('Type your full name to sign').press('Enter');
    await page.getByText('Signed — read-only').waitFor();
    const notice = page.getByRole('note').filter({ hasText: 'Given despite a contraindication' });
    await notice.getByText(REASON).waitFor();
    await notice.getByText(/^Blood clot/).waitFor();
    await notice.getByText(/^Recorded by /).waitFor();
    expect(await seriousViolations(page), 'signed note with an override').toEqual([]);

    const [signed] = await server.database.db
      .select()
      .from(sessionNotes)
      .where(eq(sessionNotes.patientId, patientId));
    expect(signed?.status).toBe('signed');
    expect(signed?.contraindicationOverride).toMatchObject({ reason: REASON });

    // The list of the patient's notes marks it.
    await page.goto(`${server.url}/patients/${patientId}/notes/new`);
    await heading(page, 'Session notes').waitFor();
    await page.getByText('Given despite a contraindication').waitFor();
  });
});
