import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  patients,
  physicianPatientLinks,
  referrals,
  reportDeliveries,
  treatmentPlanSignatures,
  users,
} from '../../src/db/schema/index.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { pdfPages } from '../api/reports-support.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { Api, addPerson, clinicWithOwner, signInAs } from './patients-support.ts';
import { localDay } from './scheduling-support.ts';
import { heading, launchBrowser, newContext, PASSWORD, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let ownerPage: Page;
let ownerApi: Api;
let patientId: string;
const THERAPIST = { email: 'theo@harbor.test', name: 'Theo Therapist' };
const PHYSICIAN = { email: 'ana.ruiz@bayside-clinic.test', name: 'Ana Ruiz' };
const PATIENT = { email: 'sam.okafor@example.test', name: 'Sam Okafor' };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A patient with a portal account, linked to the physician, with a referral, a plan, two signed notes and NPRS. */
async function seed() {
  const db = server.database.db;
  const therapistId = await addPerson(server, clinicId, 'therapist', THERAPIST.email, THERAPIST.name);
  const physicianId = await addPerson(server, clinicId, 'physician', PHYSICIAN.email, PHYSICIAN.name);
  const patientUserId = await addPerson(server, clinicId, 'patient', PATIENT.email, PATIENT.name);
  patientId = uuidv7();
  await db.insert(patients).values({
    clinicId,
    id: patientId,
    userId: patientUserId,
    legalFirstName: 'Sam',
    legalLastName: 'Okafor',
    dateOfBirth: '1984-03-09',
  });
  await db
    .insert(physicianPatientLinks)
    .values({ clinicId, patientId, userId: physicianId, reason: 'referral' });
  const referralId = uuidv7();
  await db.insert(referrals).values({
    clinicId,
    id: referralId,
    patientId,
    source: 'paper',
    referralDate: day(-5),
    diagnoses: [{ code: 'M54.50', description: 'Low back pain, unspecified', laterality: null }],
    techniques: ['myofascial-release'],
    bodyRegions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 6,
    sessionMinutes: 60,
    validFrom: day(-5),
    validUntil: day(60),
    createdBy: therapistId,
  });
  const context = await newContext(browser);
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: THERAPIST.email, password: PASSWORD },
  });
  expect(login.status()).toBe(200);
  const therapist = await Api.of(context, server.url);
  const base = `/api/clinics/${clinicId}/patients/${patientId}`;
  const plan = await therapist.call<{ current: { goals: { id: string }[] } }>('POST', `${base}/plans`, {
    referralId,
    problems: ['Low back pain limits sitting'],
    goals: [
      { kind: 'instrument', instrumentId: 'nprs', baseline: 7, target: 2, dueDate: day(40) },
      { kind: 'functional', patientWords: 'Sit through a meeting', dueDate: day(40) },
    ],
    techniques: ['myofascial-release'],
    regions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 6,
    plannedVisits: 12,
    sessionMinutes: 60,
    homeCare: { exercises: [{ id: 'knee-to-chest' }], advice: ['hydration'] },
    startDate: day(-3),
    reEvaluationDate: day(27),
  });
  await therapist.call('POST', `${base}/outcomes`, {
    instrumentId: 'nprs',
    answers: { pain: 7 },
    administeredOn: day(-3),
  });
  for (const [i, date] of [day(-3), day(-1)].entries()) {
    const note = await therapist.call<{ id: string }>('POST', `${base}/notes`, {
      visitDate: date,
      content: {
        objective: { bodyChart: [{ region: 'low-back', kind: 'pain', intensity: 7 - i * 3 }] },
        treatment: { rows: [{ techniqueId: 'myofascial-release', region: 'low-back', minutes: 30 }] },
        assessment: { goalProgress: [{ goalId: plan.current.goals[1]!.id, progress: 'progressing' }] },
        pain: { before: 7 - i * 2, after: 4 - i },
      },
    });
    await therapist.call('POST', `${base}/notes/${note.id}/sign`, { typedName: THERAPIST.name });
  }
  await therapist.call('POST', `${base}/outcomes`, { instrumentId: 'nprs', answers: { pain: 3 } });
  await context.close();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const setup = await clinicWithOwner(browser, server);
  clinicId = setup.clinicId;
  ownerPage = await setup.context.newPage();
  ownerApi = setup.api;
  await seed();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('reports to the physician', () => {
  it('a therapist signs a progress report and the physician opens it in the portal (recorded)', async () => {
    const therapistContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    let page = await therapistContext.newPage();
    await signInAs(page, server.url, THERAPIST.email, 'Theo');
    await page.goto(`${server.url}/patients/${patientId}/progress`);
    await heading(page, /Progress · Sam Okafor/).waitFor();
    await page.getByText('NPRS 7 → 3').first().waitFor();
    await page.getByText('First: ', { exact: false }).first().waitFor();
    // The goal the notes marked as progressing reads so in the goal table.
    const goalRow = (p: typeof page) => p.getByRole('row', { name: /Sit through a meeting/ });
    await goalRow(page).getByRole('cell', { name: 'Progressing' }).waitFor();
    expect(await seriousViolations(page), 'progress page').toEqual([]);
    // The charts' screen-reader tables are hidden without widening the page.
    expect(await pageWidth(page)).toBeLessThanOrEqual(1280);

    await page.getByRole('link', { name: 'Reports' }).click();
    await heading(page, 'Reports to the physician').waitFor();
    // A discharge summary started by mistake is thrown away.
    await page.getByRole('button', { name: 'New discharge summary' }).click();
    await heading(page, /^Discharge summary, /).waitFor();
    await page.getByRole('button', { name: 'Discard this draft…' }).click();
    await page.getByRole('button', { name: 'Discard the draft' }).click();
    await heading(page, 'Reports to the physician').waitFor();
    await page.getByText('The draft report was discarded.').waitFor();
    await page.getByRole('button', { name: 'New discharge summary' }).waitFor();

    await page.getByRole('button', { name: 'New progress report' }).click();
    await heading(page, /^Progress report, /).waitFor();
    const reportUrl = page.url();
    // The text saves as it is typed: a closed tab loses nothing, and the list offers the same draft again.
    await page
      .getByLabel('Summary')
      .fill('Sam attended both visits; pain is easing and sitting tolerance improves.');
    await page.getByText(/^Saved at /).waitFor();
    await page.close();
    page = await therapistContext.newPage();
    await page.goto(`${server.url}/patients/${patientId}/reports`);
    await page.getByRole('link', { name: 'Continue your draft progress report' }).click();
    expect(page.url()).toBe(reportUrl);
    expect(await page.getByLabel('Summary').inputValue()).toBe(
      'Sam attended both visits; pain is easing and sitting tolerance improves.',
    );
    await page.getByLabel('Recommendation', { exact: true }).selectOption('modify');
    await page.getByLabel('Recommendation', { exact: true }).selectOption('continue');
    expect(await seriousViolations(page), 'report page (draft)').toEqual([]);
    await page.getByLabel('Type your full name to sign').fill(THERAPIST.name);
    await page.getByRole('button', { name: 'Sign report' }).click();
    await page.getByText(`Signed and delivered to ${PHYSICIAN.name}`).waitFor();
    await page.getByText('not opened yet').waitFor();
    expect(await seriousViolations(page), 'report page (signed)').toEqual([]);

    const physician = await (await newContext(browser, { viewport: { width: 1280, height: 900 } })).newPage();
    await signInAs(physician, server.url, PHYSICIAN.email, 'Ana');
    // Home lists the report still to read; opening it from there is recorded.
    const newReports = physician.getByRole('list', { name: 'New reports' });
    await newReports.getByText(/Sam Okafor, signed [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
    await newReports.getByRole('link', { name: /^Progress report, / }).click();
    await heading(physician, /^Progress report, /).waitFor();
    await physician.getByText('Sam attended both visits').waitFor();
    await goalRow(physician).getByRole('cell', { name: 'Progressing' }).waitFor();
    expect(await seriousViolations(physician), 'physician report page').toEqual([]);
    const [delivery] = await server.database.db
      .select()
      .from(reportDeliveries)
      .where(eq(reportDeliveries.clinicId, clinicId));
    expect(delivery!.openedAt).toBeInstanceOf(Date);
    // Read now: off the home list, and marked opened (in the clinic's days) in the list of reports.
    await physician.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await physician.getByRole('link', { name: '0 new reports', exact: true }).waitFor();
    expect(await newReports.count()).toBe(0);
    await physician.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await heading(physician, 'Reports').waitFor();
    await physician.getByRole('cell', { name: /^Opened [A-Z][a-z]{2} \d{1,2}, \d{4}$/ }).waitFor();
    // Only "Reports" is the current menu entry (not also "My patients", whose path it starts with).
    const current = physician.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
    expect(await current.allTextContents()).toEqual(['Reports']);
    // From the patient's chart, the reports about that patient.
    await physician.goto(`${server.url}/physician/patients/${patientId}`);
    await physician.getByRole('main').getByRole('link', { name: 'Reports', exact: true }).click();
    await physician.getByText('Progress reports and discharge summaries about this patient.').waitFor();
    const reportLinks = physician.getByRole('link', { name: /^Progress report, / });
    await reportLinks.first().waitFor(); // the list loads after the page
    expect(await reportLinks.count()).toBe(1);

    // The therapist now sees it opened.
    await page.reload();
    await page.getByText(/opened [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
  });
});

describe('the patient portal', () => {
  it('a patient logs an exercise (today, twice, an undo, yesterday) and downloads their record (PDF) on a phone', async () => {
    const context = await newContext(browser, {
      viewport: { width: 375, height: 812 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signInAs(page, server.url, PATIENT.email, 'Sam');
    await page.goto(`${server.url}/my-progress`);
    await heading(page, 'My progress').waitFor();
    await page.getByText('Pain rating (NPRS, 0–10)', { exact: true }).waitFor();
    await page.getByText('Your score went from 7 to 3.').waitFor();
    // The scores as a chart too, drawn on the phone's width (the numbers stay in a table for screen readers).
    const chart = page.getByRole('figure', { name: /Your NPRS/ });
    await chart.locator('svg.recharts-surface').waitFor();
    expect((await chart.getByRole('table').textContent()) ?? '').toMatch(/7.*3/);
    // Home care: a row of the last days (today first, none before the plan began) to pick the day logged.
    const days = page.getByRole('group', { name: 'Which day are you logging?' }).getByRole('button');
    const dayCount = await days.count();
    expect(dayCount).toBeGreaterThanOrEqual(3);
    expect(dayCount).toBeLessThanOrEqual(7);
    expect(await days.first().textContent()).toMatch(/^Today, /);
    expect(await days.first().getAttribute('aria-pressed')).toBe('true');
    // "Twice a day": logged twice, then no more that day; a mistaken tap is undone.
    const done = page.getByRole('button', { name: 'I did “Single knee to chest” today' });
    await page.getByText('Counted as: twice a day').waitFor();
    await page.getByText('Today: not logged yet').waitFor();
    await done.click();
    await page.getByText('Well done: Single knee to chest logged for today (1 of 2).').waitFor();
    await page.getByText('Today: done 1 of 2 times', { exact: true }).waitFor();
    await done.click();
    await page.getByText('Today: done 2 of 2 times ✓').waitFor();
    expect(await done.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Undo the last “Single knee to chest” logged for today' }).click();
    await page.getByText('Undone: one “Single knee to chest” taken off today.').waitFor();
    await page.getByText('Today: done 1 of 2 times', { exact: true }).waitFor();
    expect(await done.isEnabled()).toBe(true);
    // Forgot yesterday: pick it and log it.
    const yesterday = page.getByRole('button', { name: /^Yesterday\b/ });
    await yesterday.click();
    expect(await yesterday.getAttribute('aria-pressed')).toBe('true');
    await page.getByText('Yesterday: not logged yet').waitFor();
    await page.getByRole('button', { name: 'I did “Single knee to chest” yesterday' }).click();
    await page.getByText('Well done: Single knee to chest logged for yesterday (1 of 2).').waitFor();
    await page.getByText('Yesterday: done 1 of 2 times', { exact: true }).waitFor();
    await page.getByText(/In the last two weeks you did 2 of the \d+ times prescribed/).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'patient portal').toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my record (PDF)' }).click(),
    ]);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(file);
    for (const text of pages) expect(text).toContain('Sam Okafor - DOB Mar 9, 1984');
    expect(pages.join('\n')).toContain('Health record');

    // A superbill of the last 30 days' visits, for their insurer.
    await page.getByLabel('From', { exact: true }).fill(localDay(-30));
    const [superbill] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the superbill (PDF)' }).click(),
    ]);
    expect(superbill.suggestedFilename()).toBe(`superbill-${localDay(-30)}-to-${localDay(0)}.pdf`);
    const bill = (await pdfPages(await readFile((await superbill.path())!))).join('\n');
    expect(bill).toContain(`Superbill, ${dayText(localDay(-30))} to ${dayText(localDay(0))}`);
    expect(bill).toMatch(/11\s+97140\s+2\s+30/);
    // Their account: no booked visit was charged, so nothing is owed, and they are told where to pay.
    const account = page.getByRole('region', { name: 'Your account' });
    await account.getByText('Nothing owed').waitFor();
    await account.getByText('Payments are taken at the clinic; ask the front desk about a charge.').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await context.close();
  });
});

describe('insurance claim', () => {
  it('the desk checks a CMS-1500 claim on the chart: what is missing, then the form to print', async () => {
    await ownerApi.call('PATCH', `/api/clinics/${clinicId}/patients/${patientId}`, {
      insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456', groupNumber: 'G-77' },
    });
    // The chart offers billing once the patient has had a visit: one, completed yesterday.
    const clinicApi = `/api/clinics/${clinicId}`;
    const [therapist] = await server.database.db.select().from(users).where(eq(users.email, THERAPIST.email));
    const { items } = await ownerApi.call<{ items: { id: string }[] }>('GET', `${clinicApi}/locations`);
    const room = await ownerApi.call<{ id: string }>('POST', `${clinicApi}/rooms`, {
      locationId: items[0]!.id,
      name: 'Room 1',
      equipment: [],
    });
    const service = await ownerApi.call<{ id: string }>('POST', `${clinicApi}/services`, {
      name: 'Medical massage 60',
      durationMinutes: 60,
      priceCents: 11000,
      kind: 'follow_up',
      therapistIds: [therapist!.id],
    });
    const start = new Date(Date.now() - 86_400_000);
    const end = new Date(start.getTime() + 3_600_000);
    await server.database.db.insert(appointments).values({
      clinicId,
      id: uuidv7(),
      patientId,
      serviceId: service.id,
      therapistId: therapist!.id,
      roomId: room.id,
      locationId: items[0]!.id,
      startAt: start,
      endAt: end,
      blockedStart: start,
      blockedEnd: end,
      status: 'completed',
      completedAt: end,
      bookedBy: therapist!.id,
      bookedVia: 'staff',
    });
    await ownerPage.goto(`${server.url}/patients/${patientId}`);
    const claim = ownerPage.getByRole('group', { name: 'Insurance claim (CMS-1500)' });
    await claim.waitFor();
    await claim.getByLabel('From').fill(day(-30));
    await claim.getByRole('button', { name: 'Check the claim' }).click();
    // The clinic has no NPI or tax ID yet: said box by box before anything is printed.
    await claim.getByRole('heading', { name: 'To fix before sending' }).waitFor();
    await claim.getByText(/^Box 25:/).waitFor();
    // Each problem links to where it is fixed: the clinic's tax ID in Clinic settings.
    const taxId = claim.getByRole('listitem').filter({ hasText: /^Box 25:/ });
    expect(await taxId.getByRole('link', { name: 'Open Clinic settings' }).getAttribute('href')).toBe(
      '/settings',
    );
    // The therapist's missing NPI, in their credentials; the clinic's own NPI, in the settings again.
    const renderingNpi = claim.getByRole('listitem').filter({ hasText: /^Box 24J: The rendering provider/ });
    expect(
      await renderingNpi.getByRole('link', { name: 'Open the therapists’ credentials' }).getAttribute('href'),
    ).toBe('/directory-admin/credentials');
    const billingNpi = claim.getByRole('listitem').filter({ hasText: /^Box 33a:/ });
    expect(await billingNpi.getByRole('link', { name: 'Open Clinic settings' }).getAttribute('href')).toBe(
      '/settings',
    );
    expect(await claim.getByText(/Blue Shield of California: 2 visits on 1 form/).count()).toBe(1);
    expect(await seriousViolations(ownerPage), 'insurance claim').toEqual([]);
    const [form] = await Promise.all([
      ownerPage.waitForEvent('download'),
      claim.getByRole('link', { name: 'Download to print on the form (PDF)' }).click(),
    ]);
    const text = (await pdfPages(await readFile((await form.path())!))).join('\n');
    expect(text).toContain('XYZ123456');
    expect(text).toContain('M5450');

    // The superbill on the chart is checked before it is given: the visit completed yesterday has no note, so
    // it is not on it, and it is named with why and the way to write its note.
    const superbill = ownerPage.getByRole('group', { name: 'Superbill for insurance' });
    await superbill.getByText(/^On this superbill: 2 visits, /).waitFor();
    const leftOut = superbill.getByRole('region', { name: 'Visits not on this superbill' });
    await leftOut.getByRole('heading', { name: 'Visits not on this superbill (1)' }).waitFor();
    const unwritten = leftOut.getByRole('listitem').filter({ hasText: 'no note written yet' });
    expect(await unwritten.getByRole('link', { name: 'Write the note' }).getAttribute('href')).toMatch(
      new RegExp(`^/patients/${patientId}/notes/new\\?appointmentId=[0-9a-f-]{36}$`),
    );
    expect(await superbill.getByRole('link', { name: 'Download the superbill (PDF)' }).count()).toBe(1);
    expect(await seriousViolations(ownerPage), 'superbill check').toEqual([]);
  });
});

describe('clinic outcomes', () => {
  it('shows the owner the outcomes by condition, technique and therapist', async () => {
    await ownerPage.goto(`${server.url}/analytics`);
    await heading(ownerPage, 'Clinic outcomes').waitFor();
    await ownerPage.getByRole('heading', { name: 'By condition' }).waitFor();
    await ownerPage.getByRole('rowheader', { name: 'Chronic back pain' }).waitFor();
    expect(await seriousViolations(ownerPage), 'analytics page').toEqual([]);
  });
});

describe('plan of care certification', () => {
  it('the referring physician reads the plan from their patient and signs it on a phone', async () => {
    const context = await newContext(browser, { viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await signInAs(page, server.url, PHYSICIAN.email, 'Ana');
    // Home lists the plan waiting for the signature, with its due date.
    const toSign = page.getByRole('list', { name: 'Plans of care to sign' });
    await toSign.getByText(/certify the new plan, due [A-Z][a-z]{2} \d{1,2}, \d{4}/).waitFor();
    expect(await toSign.getByRole('link', { name: 'Sam Okafor' }).count()).toBe(1);
    // The tile of the one plan to sign opens that plan.
    await page.getByRole('link', { name: '1 plan of care to sign', exact: true }).click();
    await heading(page, 'Plan of care · Sam Okafor').waitFor();
    await page.getByText('Awaiting the physician’s signature').waitFor();
    await page.getByText('“Sit through a meeting”', { exact: false }).waitFor();
    expect(await seriousViolations(page), 'physician plan page').toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);

    // Not ready to certify: the physician asks for changes instead. An empty reason is said at the field.
    const reason = page.getByLabel('What needs to change, and why');
    await page.getByRole('button', { name: 'Ask for changes' }).click();
    await reason.and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await reason.fill('Add a home stretch for the hip flexors.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/^You asked for changes to version 1 on /).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'physician plan page, changes asked').toEqual([]);
    // The clinic sees who asked and why on the plan, with the way to the change.
    await ownerPage.goto(`${server.url}/patients/${patientId}/plan`);
    const asked = ownerPage
      .getByRole('status')
      .filter({ hasText: /^Ana Ruiz asked for changes to version 1 on / });
    await asked.getByText('Add a home stretch for the hip flexors.').waitFor();
    await asked.getByRole('button', { name: 'Change the plan' }).waitFor();

    // The physician may still sign the version as written.
    await page.getByLabel('Type your full name to sign').fill(PHYSICIAN.name);
    await page.getByRole('button', { name: 'Sign plan of care' }).click();
    await page.getByText(/^Signed by Ana Ruiz on /).waitFor();
    expect(await page.getByRole('button', { name: 'Sign plan of care' }).count()).toBe(0);
    const [signature] = await server.database.db
      .select()
      .from(treatmentPlanSignatures)
      .where(eq(treatmentPlanSignatures.clinicId, clinicId));
    expect(signature).toMatchObject({ version: 1, typedName: PHYSICIAN.name });
    // Off the home list now; the chart leads to the same plan.
    await page.getByRole('link', { name: 'Back to the patient' }).click();
    await page
      .getByRole('navigation', { name: 'Treatment records' })
      .getByRole('link', { name: 'Plan of care' })
      .waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: '0 plans of care to sign', exact: true }).waitFor();
    expect(await toSign.count()).toBe(0);
    await context.close();
  });
});
