import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, intakeResponses } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Api, clinicWithOwner } from './patients-support.ts';
import { heading, launchBrowser, newContext, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let owner: Api;
let patientId: string;
let link: string;
let phone: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  ({ clinicId, api: owner } = await clinicWithOwner(browser, server));
  const patient = await owner.call<{ id: string }>('POST', `/api/clinics/${clinicId}/patients`, {
    legalFirstName: 'Maria',
    legalLastName: 'Delgado',
    dateOfBirth: '1979-11-02',
    email: 'maria.delgado@example.test',
  });
  patientId = patient.id;
  await owner.call('POST', `/api/clinics/${clinicId}/patients/${patientId}/intake/link`);
  const outbox = await owner.call<{ items: { to: string; text: string }[] }>(
    'GET',
    `/api/clinics/${clinicId}/outbox`,
  );
  const mail = outbox.items.find((m) => m.to === 'maria.delgado@example.test');
  link = /(http\S+\/intake\/\S+)/.exec(mail!.text)![1]!;
  const context = await newContext(browser, {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  phone = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const saved = (page: Page) =>
  page
    .getByTestId('save-status')
    .filter({ hasText: /Saved at \d/ })
    .waitFor();
const next = (page: Page) => page.getByRole('button', { name: 'Next' }).click();
const step = (page: Page, n: number, title: string) =>
  page.getByRole('heading', { level: 2, name: `Step ${n} of 5: ${title}` }).waitFor();

describe('intake through a personal link, on a phone', () => {
  it('fills the questionnaire across steps, survives a reload and a lost connection, signs and submits', async () => {
    await phone.goto(link);
    await heading(phone, 'Health intake').waitFor();
    await step(phone, 1, 'Health history');
    expect(await phone.getByText('Hello Maria').count()).toBe(1);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(phone), 'intake step 1').toEqual([]);

    // The doctor's prescription, sent as a phone photo through the same link.
    await phone.getByLabel('Your file').setInputFiles({
      name: 'prescription.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await phone.getByRole('button', { name: 'Send to the clinic' }).click();
    await phone.getByText('Sent to Harbor Medical Massage: prescription.png.').waitFor();
    const [sentDocument] = await server.database.db
      .select()
      .from(attachments)
      .where(eq(attachments.patientId, patientId));
    expect(sentDocument).toMatchObject({ kind: 'prescription', uploadedBy: null, contentType: 'image/png' });

    // Health history: a herniated disc and a red flag (yes), a fever (no), the rest left unanswered for now;
    // medicines; allergies. Each condition reads in everyday words, with its clinical name as the hint.
    expect(await phone.getByText('Your therapist will go through it with you before treatment').count()).toBe(
      1,
    );
    const cold = phone.getByRole('group', { name: /^Proteins in the blood that clump together in the cold/ });
    expect(await cold.getByText('Cryoglobulinaemia', { exact: true }).count()).toBe(1);
    const disc = phone.getByRole('group', {
      name: 'A slipped, bulging or herniated disc in your back or neck',
    });
    expect(await disc.getByText('Herniated disc', { exact: true }).count()).toBe(1);
    await disc.getByRole('radio', { name: 'Yes' }).check();
    // A Yes to an emergency red flag tells the patient at once, next to the answer, to get urgent care.
    const redFlag = phone.getByRole('group', { name: /^New numbness around your bottom or genitals/ });
    expect(await phone.getByRole('alert').filter({ hasText: '911' }).count()).toBe(0);
    await redFlag.getByRole('radio', { name: 'Yes' }).check();
    const urgent = phone.getByRole('alert').filter({ hasText: 'Get urgent medical care now' });
    await urgent.waitFor();
    expect(await urgent.textContent()).toMatch(/Call 911 or go to the nearest emergency department now/);
    expect(await urgent.textContent()).toMatch(/Do not wait for your massage appointment/);
    const fever = phone.getByRole('group', { name: /^A high temperature/ });
    await fever.getByRole('radio', { name: 'No' }).check();
    const dvt = phone.getByRole('group', { name: /^A blood clot in a deep vein/ });
    await phone.getByText(/^3 of \d+ answered$/).waitFor();
    await phone.getByRole('checkbox', { name: /Blood-pressure medicine/ }).check();
    await phone.getByRole('checkbox', { name: 'Latex' }).check();
    await phone
      .getByRole('group', { name: /Have you had surgery/ })
      .getByRole('radio', { name: 'No' })
      .check();
    await phone
      .getByRole('group', { name: /Are you pregnant/ })
      .getByRole('radio', { name: 'No' })
      .check();
    await phone
      .getByRole('group', { name: /implants/ })
      .getByRole('radio', { name: 'No' })
      .check();
    await saved(phone);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(375);
    await next(phone);

    await step(phone, 2, 'How you are today');
    await phone.getByRole('radio', { name: '4', exact: true }).check();
    await phone.getByLabel('Where does it hurt?').selectOption('low-back');
    await phone.getByLabel('What symptoms bring you here?').fill('Stiff low back after long drives');
    await saved(phone);

    // Reload mid-way: the answers come back from the server.
    await phone.reload();
    await step(phone, 1, 'Health history');
    expect(await phone.getByRole('checkbox', { name: 'Latex' }).isChecked()).toBe(true);
    expect(await disc.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    // The "No" stays a No, and an item never answered stays unanswered: it does not turn into a No.
    expect(await fever.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    expect(await dvt.getByRole('radio', { name: 'No' }).isChecked()).toBe(false);
    expect(await dvt.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(false);
    await phone.getByText(/^3 of \d+ answered$/).waitFor();
    expect(await urgent.count()).toBe(1);
    await next(phone);
    await step(phone, 2, 'How you are today');
    expect(await phone.getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true);
    expect(await phone.getByRole('button', { name: 'Remove Low back' }).count()).toBe(1);
    expect(await phone.getByLabel('What symptoms bring you here?').inputValue()).toBe(
      'Stiff low back after long drives',
    );
    await next(phone);

    // A lost connection: the answer is kept on the device and sent when the connection returns.
    await step(phone, 3, 'Lifestyle and goals');
    await phone.context().setOffline(true);
    await phone.getByLabel('Occupation').fill('Truck driver');
    await phone.getByTestId('save-status').filter({ hasText: 'Not saved yet' }).waitFor();
    const local = await phone.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('palpa.intake.'))
        .map((k) => localStorage.getItem(k))
        .join(''),
    );
    expect(local).toContain('Truck driver');
    await phone.context().setOffline(false);
    await saved(phone);
    await phone.getByRole('radio', { name: 'Moderate', exact: true }).check();
    // The goals are left out on purpose (and most health conditions unanswered): the submit names them.
    await next(phone);

    // Comfort: optional, read by the therapist before each visit.
    await step(phone, 4, 'Your comfort');
    await phone.getByRole('radio', { name: 'As much covered as possible' }).check();
    await phone.getByLabel('Are there areas you would rather not have touched?').fill('Feet');
    await next(phone);

    await step(phone, 5, 'Consent');
    expect(await phone.getByText('consent-2026-11').count(), 'no internal version id for patients').toBe(0);
    expect(await phone.getByText('I consent to an assessment and to massage therapy').count()).toBe(1);
    await phone.getByRole('checkbox', { name: 'I have read this consent and I agree to it' }).check();
    await phone.getByLabel('Type your full name to sign').fill('Maria Delgado');
    expect(await seriousViolations(phone), 'intake consent step').toEqual([]);
    await phone.getByRole('button', { name: 'Sign and submit' }).click();

    // The 422 puts each message next to its question and opens the first step with one, with a summary read
    // first: the unanswered health conditions block the submit.
    await step(phone, 1, 'Health history');
    const both = phone.getByRole('region', { name: '2 answers are missing or need a change' });
    expect(await both.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(
      await both.getByRole('link', { name: /Answer Yes or No to each condition: \d+ not answered/ }).count(),
    ).toBe(1);
    expect(await phone.locator('.conditions .field-error').first().textContent()).toMatch(
      /Answer Yes or No to each condition: \d+ not answered \(.*Blood clot \(DVT\)/,
    );
    expect(
      await phone.getByRole('button', { name: 'Step 1: Health history (needs attention)' }).count(),
    ).toBe(1);
    // "None of these": every item still unanswered becomes a No in one action; the Yes answers stay.
    await phone.getByRole('button', { name: 'Answer “No” to all the others' }).click();
    expect(await dvt.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    expect(await redFlag.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    await saved(phone);
    const goals = phone.getByLabel(/What would you like to get from treatment/);
    const summary = phone.getByRole('region', { name: 'One answer is missing or needs a change' });
    await summary.waitFor();
    expect(
      await phone.getByRole('button', { name: 'Step 3: Lifestyle and goals (needs attention)' }).count(),
    ).toBe(1);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(375);
    // From another step, the summary's link opens the question's step and puts the cursor in it.
    await phone.getByRole('button', { name: 'Step 5: Consent' }).click();
    await step(phone, 5, 'Consent');
    await summary.getByRole('link', { name: /^What would you like to get from treatment/ }).click();
    await step(phone, 3, 'Lifestyle and goals');
    await phone.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await goals.evaluate((element) => element === document.activeElement)).toBe(true);
    await goals.fill('Drive without pain');
    await phone.getByRole('button', { name: 'Step 5: Consent' }).click();
    await step(phone, 5, 'Consent');
    await phone.getByRole('button', { name: 'Sign and submit' }).click();
    await heading(phone, 'Thank you: your questionnaire was sent').waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(375);
    // The red flag's urgent advice is repeated; no "your therapist reads them before your visit".
    const again = phone.getByRole('alert').filter({ hasText: 'Get urgent medical care now' });
    expect(await again.textContent()).toMatch(/Call 911 or go to the nearest emergency department now/);
    expect(await phone.getByText('Your therapist reads them before your visit').count()).toBe(0);
    // …so the closing advice does not point at it with "before then".
    await phone.getByText('If anything else about your health changes, tell the clinic.').waitFor();
    expect(await phone.getByText(/before then/).count()).toBe(0);

    // The database holds the submitted, signed version with every answer.
    const [row] = await server.database.db
      .select()
      .from(intakeResponses)
      .where(and(eq(intakeResponses.clinicId, clinicId), eq(intakeResponses.patientId, patientId)));
    expect(row).toMatchObject({ status: 'submitted', version: 1, submittedVia: 'link' });
    expect(row!.consentTypedName).toBe('Maria Delgado');
    expect(row!.consentTextVersion).toBe('consent-2026-11');
    const answers = row!.answers as Record<string, unknown>;
    const conditions = answers.conditions as { code: string; answer?: string }[];
    expect(conditions).toEqual(
      expect.arrayContaining([
        { code: 'herniated-disc', answer: 'yes' },
        { code: 'radiculopathy-red-flags', answer: 'yes' },
        { code: 'fever', answer: 'no' },
        { code: 'dvt', answer: 'no' },
      ]),
    );
    expect(conditions.filter((c) => c.answer === 'yes')).toHaveLength(2);
    expect(conditions.every((c) => c.answer === 'yes' || c.answer === 'no')).toBe(true);
    // No therapist is linked to Maria yet, so the red flag is on every clinician's to-do list (the owner's too).
    const todo = await owner.call<{
      items: { kind: string; patientId: string; message: string; href: string }[];
    }>('GET', `/api/clinics/${clinicId}/todo`);
    expect(todo.items[0]).toMatchObject({
      kind: 'urgent_red_flag',
      patientId,
      href: `/patients/${patientId}`,
    });
    expect(todo.items[0]!.message).toMatch(/^Maria Delgado reported red-flag nerve symptoms/);
    expect(answers).toMatchObject({
      medications: [{ class: 'blood-pressure' }],
      allergies: [{ kind: 'latex' }],
      draping: 'more-covered',
      areasToAvoid: 'Feet',
      surgeries: [],
      implants: [],
      pregnancy: { pregnant: false },
      pain: { level: 4, regions: ['low-back'] },
      lifestyle: { occupation: 'Truck driver' },
      goals: 'Drive without pain',
      pressurePreference: 'moderate',
    });
    // The link has done its job.
    await phone.goto(link);
    await heading(phone, 'This link can no longer be used').waitFor();
  });
});
