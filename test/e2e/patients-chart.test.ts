import { and, desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  auditLog,
  emailOutbox,
  locations,
  patients,
  payments,
  physicianPatientLinks,
  referralClinicalSettings,
  referringProviders,
  rooms,
  services,
} from '../../src/db/schema/index.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { appointmentRow } from '../helpers/fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Api, addPerson, clinicWithOwner, settled } from './patients-support.ts';
import { describedText, heading, launchBrowser, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let owner: Api;
let page: Page;
let patientId: string;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A patient whose submitted intake reports a clot (DVT) in the left calf, seeded through the API. */
async function seedPatientWithDvt(): Promise<string> {
  const base = `/api/clinics/${clinicId}/patients`;
  const patient = await owner.call<{ id: string }>('POST', base, {
    legalFirstName: 'Samuel',
    legalLastName: 'Okafor',
    preferredName: 'Sam',
    pronouns: 'he/him',
    dateOfBirth: '1961-06-15',
    phone: '+1 619 555 0142',
  });
  const intake = await owner.call<{ id: string }>('POST', `${base}/${patient.id}/intakes`);
  const questionnaire = await owner.call<{ consent: { version: string; textHash: string } }>(
    'GET',
    '/api/intake/questionnaire',
  );
  await owner.call('PUT', `${base}/${patient.id}/intakes/${intake.id}/answers`, {
    answers: {
      conditions: checklistWith([{ code: 'dvt', site: ['calf-left'], onset: daysAgo(10) }]),
      medications: [],
      allergies: [{ kind: 'nuts' }],
      surgeries: [],
      pregnancy: { pregnant: false },
      implants: [],
      pain: { level: 3, regions: ['low-back'] },
      goals: 'Walk the dog again',
      pressurePreference: 'light',
      draping: 'clothed',
      comfortNotes: 'A chaperone for the first visit',
    },
  });
  await owner.call('POST', `${base}/${patient.id}/intakes/${intake.id}/submit`, {
    answers: {
      consent: {
        agreed: true,
        typedName: 'Samuel Okafor',
        textVersion: questionnaire.consent.version,
        textHash: questionnaire.consent.textHash,
      },
    },
  });
  return patient.id;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const setup = await clinicWithOwner(browser, server);
  ({ clinicId, api: owner } = setup);
  patientId = await seedPatientWithDvt();
  page = await setup.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('patients and the chart', () => {
  it('search as you type finds the patient, preferred name and pronouns first', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
    await heading(page, 'Patients').waitFor();
    await settled(page);
    expect(await seriousViolations(page), 'patients list').toEqual([]);
    await page.getByLabel('Find a patient').fill('zzz');
    await page.getByText('No patient matches “zzz”').waitFor();
    await page.getByLabel('Find a patient').fill('okaf');
    const link = page.getByRole('link', { name: 'Sam Okafor (he/him)' });
    await link.waitFor();
    expect(await page.getByText('Legal: Samuel Okafor').count()).toBe(1);
    await page.getByLabel('Find a patient').fill('1961-06-15');
    await link.waitFor();
    expect(await seriousViolations(page), 'patients list with results').toEqual([]);
  });

  it('the chart header shows the contraindication flag from the intake in plain words', async () => {
    await page.getByRole('link', { name: 'Sam Okafor (he/him)' }).click();
    await heading(page, 'Sam Okafor').waitFor();
    await settled(page);
    const safety = await owner.call<{
      flags: { subject: string; restriction: string; severity: string; regions: string[] | 'everywhere' }[];
    }>('GET', `/api/clinics/${clinicId}/patients/${patientId}/safety`);
    const dvt = safety.flags.find((f) => /clot|DVT/i.test(f.subject));
    expect(dvt, JSON.stringify(safety.flags)).toBeDefined();
    expect(dvt!.regions).toContain('calf-left');

    const strip = page.getByRole('region', { name: /Safety flags/ });
    const flag = strip.getByRole('listitem').filter({ hasText: dvt!.subject }).first();
    await flag.waitFor();
    const text = (await flag.textContent()) ?? '';
    expect(text).toContain(dvt!.restriction);
    expect(text).toMatch(/left calf|left leg/i);
    // The severity is a coloured badge with words, not colour alone.
    expect(await flag.locator('.badge').first().textContent()).toMatch(
      /Avoid area|Defer treatment|Avoid technique/,
    );
    expect(await strip.textContent()).toContain('Allergies:');
    expect((await strip.textContent())?.toLowerCase()).toContain('nut');
    // Under the flags, how Sam likes to be treated, in the patient's words.
    const comfort = page.getByRole('region', { name: 'Comfort' });
    expect(await comfort.getByRole('definition').allTextContents()).toEqual([
      'I would rather stay in loose, comfortable clothing',
      'A chaperone for the first visit',
    ]);
    expect(await comfort.getByRole('term').allTextContents()).toEqual([
      'Draping:',
      'Helps them feel comfortable:',
    ]);
    // The intake section shows the submitted version; no referral yet.
    // (waitFor fails on a second match, so each is there exactly once.)
    await page.getByText('Health history version 1').waitFor();
    await page.getByText('No referral on file').waitFor();
    expect(await seriousViolations(page), 'chart').toEqual([]);
  });

  it('staff record a paper referral: a new provider (NPI checked at the field) and a diagnosis', async () => {
    await page.getByRole('link', { name: 'Record a referral' }).click();
    await heading(page, 'Record a referral').waitFor();
    await page.getByRole('button', { name: 'Add a new provider' }).click();
    // A required name left blank says so in words.
    await page.getByRole('button', { name: 'Add provider' }).click();
    expect(await describedText(page, 'Last name')).toContain('Required');
    await page.getByLabel('First name').fill('Lee');
    await page.getByLabel('Last name').fill('Chen');
    await page.getByLabel('Credentials').fill('DO');
    await page.getByLabel('NPI').fill('1234567890');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByLabel('NPI').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await describedText(page, 'NPI')).toContain('check digit');
    await page.getByLabel('NPI').fill('1234567893');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByText('Lee Chen, DO').waitFor();
    expect(await seriousViolations(page), 'referral form').toEqual([]);

    await page.getByLabel('Search diagnoses').fill('low back pain');
    await page.getByRole('button', { name: /^M54\.50 / }).click();
    await page.getByLabel('Authorised visits').fill('8');
    await page.getByLabel('Session length (minutes)').fill('120');
    // A car accident: the date, and the state, which the claim to the auto insurer asks for.
    await page.getByLabel('Related to').selectOption('auto_accident');
    await page.getByLabel('Date of injury').fill(daysAgo(20));
    await page.getByRole('button', { name: 'Record referral' }).click();
    await page.getByLabel('Session length (minutes)').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await describedText(page, 'State of the accident')).toContain(
      'Give the state the accident happened in',
    );
    await page.getByLabel('State of the accident').selectOption('CA');
    await page.getByLabel('Session length (minutes)').fill('45');
    await page.getByRole('button', { name: 'Record referral' }).click();
    await heading(page, 'Sam Okafor').waitFor();
    await page.getByText('The referral was recorded.').waitFor();
    const card = page.locator('.referral-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('0 of 8 visits used');
    expect(await card.textContent()).toContain('Lee Chen, DO');
    expect(await card.textContent()).toContain('Paper referral');
    expect(await card.textContent()).toMatch(/Related toAuto accident on \w{3} \d{1,2}, \d{4} \(CA\)/);
    // The desk adds the auto insurer's claim, which the bills will need.
    await card.getByRole('button', { name: 'Add claim details' }).click();
    const claimForm = card.getByRole('form', { name: 'Claim' });
    await claimForm.getByLabel('Insurance company').fill('Pacific Auto Mutual');
    await claimForm.getByLabel('Claim number').fill('PAM-88231');
    await claimForm.getByLabel('Adjuster’s phone').fill('call me');
    await claimForm.getByRole('button', { name: 'Save the claim' }).click();
    await claimForm.getByLabel('Adjuster’s phone').and(page.locator('[aria-invalid="true"]')).waitFor();
    await claimForm.getByLabel('Adjuster’s phone').fill('(619) 555-0143');
    await claimForm.getByRole('button', { name: 'Save the claim' }).click();
    await card.getByText('Pacific Auto Mutual · claim PAM-88231').waitFor();
    expect(await seriousViolations(page), 'claim').toEqual([]);
    // The insurer's prior authorisation number, which the superbill prints (box 23).
    await card.getByRole('button', { name: 'Add the number' }).click();
    const authorisation = card.getByRole('form', { name: 'Prior authorisation' });
    await authorisation.getByLabel('Prior authorisation number').fill('X'.repeat(51));
    await authorisation.getByRole('button', { name: 'Save the number' }).click();
    await authorisation
      .getByLabel('Prior authorisation number')
      .and(page.locator('[aria-invalid="true"]'))
      .waitFor();
    await authorisation.getByLabel('Prior authorisation number').fill('PA-55102');
    await authorisation.getByRole('button', { name: 'Save the number' }).click();
    await card.getByText('Prior authorisation: PA-55102').waitFor();

    // The auto insurer wants a progress report every 6 visits or 30 days: set on the referral.
    await card
      .getByText(/^Every 10 visits or 30 days, whichever comes first \(the clinic’s default\)/)
      .waitFor();
    await card.getByRole('button', { name: 'Change how often progress reports fall due' }).click();
    await card.getByLabel('Every … visits').fill('0');
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => describedText(page, 'Every … visits')).not.toBe('');
    await card.getByLabel('Every … visits').fill('6');
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await card.getByText(/^Every 6 visits or 30 days, whichever comes first\./).waitFor();
    const [interval] = await server.database.db.select().from(referralClinicalSettings);
    expect(interval).toMatchObject({ progressEveryVisits: 6, progressEveryDays: 30 });
    expect(await seriousViolations(page), 'progress interval').toEqual([]);
  });

  it('the therapist asks the referring physician for clearance of the flag, and prints the letter to fax', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/patients/${patientId}`);
    const section = page.getByRole('region', { name: 'Physician clearances' });
    await section.getByText('No physician asked yet.').waitFor();
    await section.getByRole('button', { name: 'Ask a physician for clearance' }).click();
    const form = section.getByRole('form', { name: 'Ask a physician for clearance' });
    // The physician who referred Sam is asked first, about the flag waiting for clearance.
    const physician = form.getByLabel('Physician', { exact: true });
    expect(await physician.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await physician.locator('option:checked').textContent()).toBe(
      'Lee Chen, DO · Physician (referred this patient)',
    );
    const about = form.getByRole('checkbox');
    expect(await about.count()).toBeGreaterThan(0);
    expect(await about.first().isChecked()).toBe(true);
    expect(await form.getByLabel('What you plan and ask').inputValue()).toContain(
      'Is it safe for this patient',
    );
    expect(await seriousViolations(page), 'asking for clearance').toEqual([]);
    await form.getByLabel('What you plan and ask').fill('');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await form.getByText('Say what you plan and what you ask, in a few words').waitFor();
    await form.getByLabel('What you plan and ask').fill('Is gentle massage away from the left leg safe now?');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await section.getByText('Asked Lee Chen, DO. Print the letter to fax it.').waitFor();
    const sent = section.getByRole('list', { name: 'Clearance requests' }).getByRole('listitem');
    await sent.getByText('Waiting').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    // Focus returns to the button that opened the form.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Ask a physician for clearance',
    );
    const href = await sent.getByRole('link', { name: /Letter to print or fax/ }).getAttribute('href');
    const letter = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return { status: response.status, type: response.headers.get('content-type') };
    }, href);
    expect(letter).toEqual({ status: 200, type: 'application/pdf' });
    // Dr. Chen faxes the answer back: recording the clearance answers the request.
    await section.getByRole('button', { name: 'Record a clearance' }).click();
    const clearance = section.getByRole('form', { name: 'Record a physician clearance' });
    await clearance.getByRole('radio', { name: 'Cleared', exact: true }).check();
    await clearance.getByRole('checkbox').first().check();
    await clearance.getByLabel('Physician', { exact: true }).fill('Lee Chen, DO');
    await clearance.getByRole('button', { name: 'Record the answer' }).click();
    await sent.getByText(/^Answered /).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a likely duplicate is flagged on create, with the candidate to open', async () => {
    await page.goto(`${server.url}/patients/new`);
    await heading(page, 'New patient').waitFor();
    await page.getByLabel('Legal first name').fill('Samuel');
    await page.getByLabel('Legal last name').fill('Okafor');
    await page.getByLabel('Date of birth').fill('1961-06-15');
    await page.getByRole('button', { name: 'Create patient' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This may be a patient you already have' });
    await warning.waitFor();
    expect(await warning.getByRole('link', { name: 'Sam Okafor (he/him)' }).getAttribute('href')).toBe(
      `/patients/${patientId}`,
    );
    expect(await seriousViolations(page), 'new patient with duplicate warning').toEqual([]);
    // A minor needs a guardian: the section appears with the date of birth.
    await page.getByRole('button', { name: 'Back to the form' }).click();
    await page.getByLabel('Date of birth').fill(daysAgo(365 * 10));
    await page.getByRole('group', { name: /Parent or guardian/ }).waitFor();
  });

  it('staff invite the patient to the portal: the reason when it cannot go, the e-mail when it does', async () => {
    await page.goto(`${server.url}/patients/${patientId}`);
    await heading(page, 'Sam Okafor').waitFor();
    const portal = page.locator('.portal-access');
    expect(await portal.textContent()).toContain('Patient portal: no account yet.');
    // No e-mail on the record (422): said plainly, nothing sent.
    await portal.getByRole('button', { name: 'Invite to patient portal' }).click();
    await portal.getByRole('alert').filter({ hasText: 'has no e-mail address' }).waitFor();

    const email = 'sam.okafor@example.test';
    await owner.call('PATCH', `/api/clinics/${clinicId}/patients/${patientId}`, { email });
    await page.reload();
    await heading(page, 'Sam Okafor').waitFor();
    await portal.getByRole('button', { name: 'Invite to patient portal' }).click();
    await portal
      .getByRole('status')
      .filter({ hasText: `A portal invitation was e-mailed to ${email}` })
      .waitFor();
    const sent = await server.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.clinicId).toBe(clinicId);
    expect(sent[0]!.textBody).toContain(`${server.url}/invitations/`);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/chart-portal-invitation.png` });
    expect(await seriousViolations(page), 'chart with portal invitation sent').toEqual([]);

    // The patient got an account meanwhile (409): said plainly, and the chart then shows the account.
    const userId = await addPerson(server, clinicId, 'patient', 'sam.portal@example.test', 'Sam Okafor');
    await server.database.db.update(patients).set({ userId }).where(eq(patients.id, patientId));
    await portal.getByRole('button', { name: 'Send the portal invitation again' }).click();
    await portal.getByRole('alert').filter({ hasText: 'already has a portal account' }).waitFor();
    await portal.getByText('Patient portal: has an account').waitFor();
    expect(await portal.getByRole('button').count()).toBe(0);
    expect(
      await server.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)),
    ).toHaveLength(1);
  });

  it('staff correct a patient’s details from the chart: only what changed is saved, an emptied field cleared', async () => {
    await page.goto(`${server.url}/patients/${patientId}`);
    await heading(page, 'Sam Okafor').waitFor();
    await page.getByRole('link', { name: 'Edit details' }).click();
    await heading(page, /^Edit details/).waitFor();
    const form = page.getByRole('form', { name: 'Patient details' });
    expect(await form.getByLabel('Patient phone').inputValue()).toBe('+1 619 555 0142');
    await form.getByRole('button', { name: 'Save details' }).click();
    await form.getByText('Nothing was changed.').waitFor();

    await form.getByLabel('Patient phone').fill('+1 619 555 0199');
    await form.getByLabel('Pronouns').fill('');
    await form.getByLabel('Patient e-mail').fill('not-an-email');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => describedText(page, 'Patient e-mail')).not.toBe('');
    expect(await seriousViolations(page), 'edit details with an error').toEqual([]);
    await form.getByLabel('Patient e-mail').fill('sam.new@example.test');
    // Insurance half filled in: the missing part is named beside its box.
    await form.getByLabel('Insurance company').fill('Blue Shield of California');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => describedText(page, 'Member ID')).toBe('Required');
    await form.getByLabel('Member ID').fill('XYZ123456');
    await form.getByLabel('Street address').fill('12 Elm St');
    await form.getByLabel('City').fill('San Diego');
    await form.getByLabel('State').fill('CA');
    await form.getByLabel('ZIP code').fill('92101');
    await form.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Sam Okafor’s details were saved.').waitFor();
    await page
      .getByText(/^\+1 619 555 0199 · sam.new@example.test · 12 Elm St, San Diego · Insurance: Blue Shield/)
      .waitFor();

    const [row] = await server.database.db.select().from(patients).where(eq(patients.id, patientId));
    expect(row).toMatchObject({
      phone: '+1 619 555 0199',
      email: 'sam.new@example.test',
      pronouns: null,
      address: { line1: '12 Elm St', city: 'San Diego', region: 'CA', postalCode: '92101' },
      insurance: { payer: 'Blue Shield of California', memberId: 'XYZ123456' },
    });
    const [audit] = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'patient.updated')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.details).toEqual({ fields: ['address', 'email', 'insurance', 'phone', 'pronouns'] });
  });

  it('staff give a physician access to the record and take it away again (least privilege), audited', async () => {
    const doctorId = await addPerson(server, clinicId, 'physician', 'dr.ruiz@example.test', 'Dr. Ana Ruiz');
    await page.goto(`${server.url}/patients/${patientId}`);
    await heading(page, 'Sam Okafor').waitFor();
    const section = page.getByRole('region', { name: 'Physicians with access' });
    await section.getByText('No physician account can see this record.').waitFor();
    await section
      .getByLabel('Give access to a physician of the clinic')
      .selectOption({ label: 'Dr. Ana Ruiz' });
    await section.getByRole('button', { name: 'Give access' }).click();
    await section.getByText('Dr. Ana Ruiz can now see this record.').waitFor();
    await section
      .getByRole('list', { name: 'Physicians with access' })
      .getByText('given by the clinic')
      .waitFor();
    expect(await seriousViolations(page), 'physician access').toEqual([]);

    await section.getByRole('button', { name: 'Take away access… (Dr. Ana Ruiz)' }).click();
    await section.getByRole('button', { name: 'Take away access', exact: true }).click();
    await section.getByText('Dr. Ana Ruiz can no longer see this record.').waitFor();
    await section.getByText('No physician account can see this record.').waitFor();
    const [link] = await server.database.db
      .select()
      .from(physicianPatientLinks)
      .where(and(eq(physicianPatientLinks.patientId, patientId), eq(physicianPatientLinks.userId, doctorId)));
    expect(link!.revokedAt).toBeInstanceOf(Date);
    const trail = await server.database.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.patientId, patientId));
    expect(
      trail
        .filter((t) => (t.details as { physicianUserId?: string } | null)?.physicianUserId === doctorId)
        .map((t) => t.action)
        .sort(),
    ).toEqual(['patient.physician_access.granted', 'patient.physician_access.revoked']);
  });

  it('staff remove a referring provider added by mistake; one named on a referral stays on file', async () => {
    await owner.call('POST', `/api/clinics/${clinicId}/providers`, {
      kind: 'physician',
      firstName: 'Pat',
      lastName: 'Mistake',
    });
    await page.goto(`${server.url}/providers`);
    await heading(page, 'Referring providers').waitFor();
    await page.getByRole('button', { name: 'Remove Lee Chen, DO…' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'named on referrals or clearance requests and stays on file' })
      .waitFor();
    await page.getByRole('button', { name: 'Keep', exact: true }).click();
    await page.getByRole('button', { name: 'Remove Pat Mistake…' }).click();
    expect(await seriousViolations(page), 'remove a provider').toEqual([]);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByText('Pat Mistake was removed.').waitFor();
    const left = await server.database.db
      .select({ last: referringProviders.lastName })
      .from(referringProviders)
      .where(eq(referringProviders.clinicId, clinicId));
    expect(left.map((p) => p.last)).toEqual(['Chen']);
  });

  it('the front desk takes payments on a phone: the amount due filled in, no card numbers, a mistake voided, a credit refunded', async () => {
    // Yesterday's visit: a $95 session, completed.
    const db = server.database.db;
    const therapistId = await addPerson(server, clinicId, 'therapist', 'lee@example.test', 'Lee Park');
    const [location] = await db.select().from(locations).where(eq(locations.clinicId, clinicId));
    const serviceId = uuidv7();
    const roomId = uuidv7();
    await db.insert(services).values({
      clinicId,
      id: serviceId,
      name: 'Medical massage 60',
      durationMinutes: 60,
      kind: 'follow_up',
      priceCents: 9500,
    });
    await db.insert(rooms).values({ clinicId, id: roomId, locationId: location!.id, name: 'Room 1' });
    /** An hour-long appointment of Sam's with Lee, `hoursAgo` hours ago. */
    const pastAppointment = (hoursAgo: number, values: Partial<typeof appointments.$inferInsert>) => {
      const startAt = new Date(Date.now() - hoursAgo * 3_600_000);
      const endAt = new Date(startAt.getTime() + 3_600_000);
      return db.insert(appointments).values(
        appointmentRow({
          clinicId,
          patientId,
          serviceId,
          therapistId,
          roomId,
          locationId: location!.id,
          startAt,
          endAt,
          bookedBy: therapistId,
          ...values,
        }),
      );
    };
    await pastAppointment(26, { status: 'completed' });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/patients/${patientId}`);
    const section = page.getByRole('region', { name: 'Payments' });
    await section.getByText('Balance due $95.00').waitFor();
    await section.getByRole('button', { name: /^Take payment for / }).click();
    const form = section.getByRole('form', { name: 'Take a payment' });
    expect(await form.getByLabel('Amount (USD)').inputValue()).toBe('95.00');
    expect(await form.getByLabel('Amount (USD)').evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByLabel('Amount (USD)').fill('60');
    await form.getByLabel('Method').selectOption({ label: 'Cash' });
    await form.getByLabel('Reference (optional)').fill('4111 1111 1111 1111');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await form.getByText('Do not record card numbers: the last four digits are enough').waitFor();
    await form.getByLabel('Reference (optional)').fill('Receipt 1001');
    await form.getByLabel('Reference (optional)').press('Enter');
    await section.getByText('Payment recorded. Balance due $35.00.').waitFor();

    // The rest, on account by card; then voided as a mistake: listed still, no longer counted.
    await section.getByRole('button', { name: 'Take a payment' }).click();
    expect(await form.getByLabel('Amount (USD)').inputValue()).toBe('35.00');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await section.getByText('Payment recorded. Paid in full.').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page), 'payments').toEqual([]);
    await section.getByRole('button', { name: 'Void the card payment of $35.00' }).click();
    const reason = section.getByLabel('Why void it?');
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await reason.fill('Wrong card');
    await section.getByRole('button', { name: 'Void payment' }).click();
    await section.getByText('Payment voided. Balance due $35.00.').waitFor();
    await section.getByText(/by .+: Wrong card/).waitFor();
    const taken = await db.select().from(payments).where(eq(payments.patientId, patientId));
    expect(taken.map((p) => [p.amountCents, p.method, p.reference, p.voidReason]).sort()).toEqual([
      [3500, 'card', null, 'Wrong card'],
      [6000, 'cash', 'Receipt 1001', null],
    ]);

    // The front desk's list of who owes: Sam, $35.00; the name opens the chart at its payments.
    await page.goto(`${server.url}/balances`);
    await heading(page, 'Balances due').waitFor();
    const row = page.getByRole('row', { name: /Sam Okafor/ });
    await row.getByText('$35.00').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page), 'balances').toEqual([]);
    await row.getByRole('link', { name: 'Sam Okafor' }).click();
    await page.getByRole('region', { name: 'Payments' }).getByText('Balance due $35.00').waitFor();
    const payHeading = page.getByRole('heading', { name: 'Payments', exact: true });
    await expect
      .poll(() => payHeading.evaluate((el) => Math.round(el.getBoundingClientRect().top)))
      .toBeLessThan(844);

    // A no-show charged the clinic's $50 fee, waived on the chart with a reason: listed still, not owed.
    await pastAppointment(8 * 24, { status: 'no_show', noShowAt: new Date(), missedFeeCents: 5000 });
    await page.reload();
    await section.getByText('Balance due $85.00').waitFor();
    await section.getByRole('button', { name: /^Waive the fee for .+\(no-show fee\)$/ }).click();
    await section.getByRole('button', { name: 'Waive fee' }).click();
    await section.getByText('Say why, in a few words').waitFor(); // checked before it is sent
    await section.getByLabel('Why waive it?').fill('Family emergency');
    await section.getByRole('button', { name: 'Waive fee' }).click();
    await section.getByText('Fee waived. Balance due $35.00.').waitFor();
    await section.getByText(/waived by .+: Family emergency/).waitFor();
    expect(await seriousViolations(page), 'waived fee').toEqual([]);
    // The waive button is gone with the fee: focus lands on the balance, which says what changed.
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focusedText()).toContain('Balance due $35.00');

    // Paid $55, $20 too much: the credit is given back, at most the credit, saying why.
    await section.getByRole('button', { name: 'Take a payment' }).click();
    await form.getByLabel('Amount (USD)').fill('55');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await section.getByText('Payment recorded. In credit $20.00.').waitFor();
    expect(await focusedText()).toContain('In credit $20.00');
    await section.getByRole('button', { name: 'Refund the credit' }).click();
    const refund = section.getByRole('form', { name: 'Refund the credit' });
    const given = refund.getByLabel('Amount given back (USD)');
    expect(await given.inputValue()).toBe('20.00');
    expect(await given.evaluate((el) => el === document.activeElement)).toBe(true);
    await given.fill('25');
    await refund.getByLabel('Why').fill('Paid twice by mistake');
    await refund.getByRole('button', { name: 'Record refund' }).click();
    await refund.getByText('The account is in credit $20.00: refund at most that').waitFor();
    await given.fill('20');
    await refund.getByRole('button', { name: 'Record refund' }).click();
    await section.getByText('Refund recorded. Paid in full.').waitFor();
    await section.getByText('−$20.00 refunded').waitFor();
    await section.getByText(/Refund: Paid twice by mistake/).waitFor();
    expect(await section.getByRole('button', { name: 'Refund the credit' }).count()).toBe(0);
    expect(await seriousViolations(page), 'refund').toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
