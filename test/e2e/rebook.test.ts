import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, referrals } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { localDay, person, seedWorld, type World } from './scheduling-support.ts';
import {
  CLINIC,
  heading,
  launchBrowser,
  newContext,
  pageWidth,
  seriousViolations,
  signIn,
} from './support.ts';

/** The front desk's "to rebook" list: a patient on a running plan of care with nothing booked ahead. */
let server: TestServer;
let browser: Browser;
let w: World;
let referralId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const owner = await newContext(browser);
  w = await seedWorld(server, owner);
  referralId = uuidv7();
  const ownerId = (
    (await (await owner.request.get(`${server.url}/api/me`)).json()) as { user: { id: string } }
  ).user.id;
  await server.database.db.insert(referrals).values({
    clinicId: w.clinicId,
    id: referralId,
    patientId: w.other.id,
    source: 'paper',
    referralDate: localDay(-3),
    diagnoses: [{ code: 'M54.50', description: 'Low back pain, unspecified', laterality: null }],
    techniques: ['myofascial-release'],
    bodyRegions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 4,
    sessionMinutes: 60,
    validFrom: localDay(-3),
    validUntil: localDay(60),
    createdBy: ownerId,
  });
  await w.call('POST', `/patients/${w.other.id}/plans`, {
    referralId,
    problems: ['Low back pain limits sitting'],
    goals: [{ kind: 'functional', patientWords: 'Sit through a meeting', dueDate: localDay(28) }],
    techniques: ['myofascial-release'],
    regions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 4,
    plannedVisits: 8,
    sessionMinutes: 60,
    homeCare: { exercises: [], advice: [] },
    startDate: localDay(0),
    reEvaluationDate: localDay(21),
  });
  await owner.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('to rebook', () => {
  it('the front desk sees who has nothing booked on their plan, and books them from the list', async () => {
    const desk = await person(server, w.clinicId, 'front_desk', 'Rita Desk');
    const page = await (await newContext(browser, { viewport: { width: 375, height: 812 } })).newPage();
    await signIn(page, server.url, desk.email);
    await page.getByRole('link', { name: '1 to rebook', exact: true }).click();
    await heading(page, 'To rebook').waitFor();
    const list = page.getByRole('list', { name: 'Patients to rebook' });
    await list.getByRole('link', { name: w.other.name, exact: true }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    // Paula has no plan: she is not on the list.
    expect(await page.getByText(w.patient.name).count()).toBe(0);
    await list.getByText(/No visit yet\. 2× a week until .+, 8 visits left\./).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'to rebook').toEqual([]);

    // No answer on the phone: a "time to book" e-mail instead, once a week at most.
    await page.getByRole('button', { name: `E-mail ${w.other.name} a booking reminder` }).click();
    await page.getByText(`A booking reminder was e-mailed to ${w.other.name}.`).waitFor();
    await list.getByText(/^Reminder e-mailed .+\.$/).waitFor();
    expect(await page.getByRole('button', { name: /booking reminder/ }).count()).toBe(0);
    const mails = await server.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'oscar@example.test'));
    expect(mails.map((m) => m.subject)).toEqual([`Time to book your next session at ${CLINIC}`]);

    // The plan's rhythm books the rest of it as a series…
    await page.getByRole('link', { name: `Book the sessions of ${w.other.name}` }).click();
    await heading(page, `Book a series · ${w.other.name}`).waitFor();
    // The referral and the plan load after the heading: wait for them.
    await expect.poll(() => page.getByLabel('Referral').inputValue()).toBe(referralId);
    await expect.poll(() => page.getByLabel('Weeks').inputValue()).toBe('4');
    await expect.poll(() => page.locator('.series-time').count()).toBe(2);
    // …or one session from the calendar, the patient already chosen.
    await page.goBack();
    await page.getByRole('link', { name: `Book one session for ${w.other.name}` }).click();
    await heading(page, 'Calendar').waitFor();
    await page.getByText(`Booking for ${w.other.name}`).waitFor();
  });

  it('is not offered to a therapist', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, server.url, w.therapist.email);
    await heading(page, 'Welcome, Theo').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).waitFor();
    expect(await page.getByRole('link', { name: 'To rebook' }).count()).toBe(0);
  });
});
