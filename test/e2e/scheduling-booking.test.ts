import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, patients, schedulingSettings, users } from '../../src/db/schema/index.ts';
import { formatTimeRange } from '../../web/src/components/format.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { localTimeOf, seedWorld, type World, ZONE } from './scheduling-support.ts';
import { heading, launchBrowser, newContext, PASSWORD, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let owner: BrowserContext;
let w: World;

const PHONE = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  // The phone is in another zone than the clinic: the times shown must still be clinic time.
  timezoneId: 'Europe/Berlin',
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  owner = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  w = await seedWorld(server, owner);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const appointmentsOf = (patientId: string) =>
  server.database.db.select().from(appointments).where(eq(appointments.patientId, patientId));

/** The first free time the booking page offers (first available, the next 14 days), from the public API. */
async function firstOfferedSlot(context: BrowserContext): Promise<{ start: string; therapistId: string }> {
  const from = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  const response = await context.request.get(
    `${server.url}/api/public/clinics/${w.clinicId}/availability?serviceId=${w.serviceId}&from=${from}&to=${to}&firstAvailable=true`,
  );
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { slots: { start: string; therapistId: string }[] };
  return body.slots[0]!;
}

/** ICU separates a range with thin or narrow spaces; read them as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

/** "9:00 AM": how the booking page labels a clinic-time instant. */
function clockLabel(instant: Date): string {
  const [hour, minute] = localTimeOf(instant).slice(11).split(':').map(Number);
  return `${((hour! + 11) % 12) + 1}:${String(minute).padStart(2, '0')} ${hour! < 12 ? 'AM' : 'PM'}`;
}

/** Axe (serious and critical) and no sideways scrolling on the 375 px screen; a PNG when SCREENSHOT_DIR is set. */
async function checkScreen(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/booking-${name}.png`, fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await pageWidth(page), name).toBeLessThanOrEqual(375);
}

/** First available → the first day → the first time; answers the time's button text. */
async function chooseFirstTime(page: Page): Promise<string> {
  await page.getByRole('radio', { name: /First available/ }).check();
  await page.getByRole('group', { name: 'Day' }).getByRole('button').first().click();
  const time = page
    .getByRole('group', { name: /^Time on/ })
    .getByRole('button')
    .first();
  const label = (await time.textContent()) ?? '';
  await time.click();
  await page.getByRole('heading', { name: '4. Confirm' }).waitFor();
  return label;
}

describe('online booking on a phone', () => {
  let visitor: BrowserContext;
  let returning: BrowserContext;

  it('(a) a visitor browses services and times signed out, creates an account at the last step and books', async () => {
    visitor = await newContext(browser, PHONE);
    const page = await visitor.newPage();
    await page.goto(`${server.url}/book`);
    await heading(page, 'Book a session').waitFor();
    await page.getByRole('radio', { name: new RegExp(w.serviceName) }).waitFor();
    // One clinic takes online bookings: no clinic step; nobody is signed in.
    expect(await page.getByRole('heading', { name: /Clinic$/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '1. Session' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await checkScreen(page, '1-service');

    await page.getByRole('radio', { name: /I have a referral for/ }).check();
    await page.getByLabel('What is the referral for?').fill('lymphatic drainage after knee surgery');
    expect(await page.getByLabel('Session to book').inputValue()).toBe(w.serviceId);
    await page.getByRole('radio', { name: /First available/ }).waitFor();
    await checkScreen(page, '2-therapist');

    const offered = await firstOfferedSlot(visitor);
    const label = await chooseFirstTime(page);
    // Slots are shown in the clinic's zone, and the zone is named.
    expect(await page.getByText(/Times are in .*\(America\/Los Angeles\)/).count()).toBe(1);
    // Signed out, the last step asks for an account instead of booking.
    const confirmStep = page.getByRole('region', { name: '4. Confirm' });
    expect(await confirmStep.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in');
    expect(await page.getByRole('button', { name: 'Confirm booking' }).count()).toBe(0);
    await checkScreen(page, '3-time-and-account');

    await page.getByRole('button', { name: 'Create an account' }).click();
    const form = page.getByRole('form', { name: 'Create your account' });
    await form.waitFor();
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Newman');
    await page.getByLabel('E-mail').fill('nora.newman@example.test');
    await page.getByLabel('Phone (optional)').fill('+1 619 555 0199');
    await page.getByLabel('Choose a password').fill(PASSWORD);
    // A minor cannot register online: the reason is next to the date of birth, what to do at the top.
    const child = new Date(Date.now() - 10 * 365 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date of birth').fill(child);
    await page.getByRole('button', { name: 'Create account and continue' }).click();
    await page.getByLabel('Date of birth').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await form.getByRole('alert').first().textContent()).toContain('parent or guardian');
    await checkScreen(page, '4-create-account-error');

    await page.getByLabel('Date of birth').fill('1984-02-29');
    await page.getByRole('button', { name: 'Create account and continue' }).click();
    // Signed in now: the same choices, with the booking button.
    const confirm = page.getByRole('button', { name: 'Confirm booking' });
    await confirm.waitFor();
    expect(await page.getByText('Signed in as Nora Newman.').count()).toBe(1);
    // Keyboard and screen-reader users land on the confirm step, not the top of the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('step-confirm');
    expect(await page.getByRole('region', { name: '4. Confirm' }).textContent()).toContain(
      'lymphatic drainage after knee surgery',
    );
    // The clinic's cancellation rule is told before booking, not discovered after.
    await confirmStep
      .getByText(/cancel or move your appointment at least 24 hours before it starts/)
      .waitFor();
    // Large touch targets.
    expect((await confirm.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await checkScreen(page, '5-confirm');

    await confirm.click();
    await heading(page, 'You’re booked').waitFor();
    expect(await page.getByRole('link', { name: 'Complete your intake' }).getAttribute('href')).toBe(
      '/intake',
    );
    await checkScreen(page, '6-booked');

    // The account, its patient record at the clinic, and the appointment with the note.
    const [user] = await server.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'nora.newman@example.test'));
    expect(user).toBeDefined();
    const [record] = await server.database.db.select().from(patients).where(eq(patients.userId, user!.id));
    expect(record).toMatchObject({
      clinicId: w.clinicId,
      legalFirstName: 'Nora',
      legalLastName: 'Newman',
      dateOfBirth: '1984-02-29',
    });
    const rows = await appointmentsOf(record!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'booked',
      bookedVia: 'patient',
      therapistId: w.therapist.id,
      bookingNote: 'Referral: lymphatic drainage after knee surgery',
    });
    expect(rows[0]!.startAt.toISOString()).toBe(new Date(offered.start).toISOString());
    // The time the visitor tapped is the booked time, in clinic time.
    expect(label).toBe(clockLabel(rows[0]!.startAt));
  });

  it('(b) from a directory link: a registered e-mail is offered sign-in, which returns to confirm with the choices kept', async () => {
    returning = await newContext(browser, PHONE);
    const page = await returning.newPage();
    await page.goto(`${server.url}/book?clinicId=${w.clinicId}&therapistId=${w.therapist.id}`);
    await page.getByRole('radio', { name: new RegExp(w.serviceName) }).check();
    // The therapist from the link is chosen already.
    expect(await page.getByRole('radio', { name: w.therapist.name }).isChecked()).toBe(true);
    await page.getByRole('group', { name: 'Day' }).getByRole('button').nth(1).click();
    const time = page
      .getByRole('group', { name: /^Time on/ })
      .getByRole('button')
      .first();
    const label = (await time.textContent()) ?? '';
    await time.click();
    await page.getByRole('heading', { name: '4. Confirm' }).waitFor();

    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('First name').fill('Paula');
    await page.getByLabel('Last name').fill('Example');
    await page.getByLabel('Date of birth').fill('1980-05-05');
    await page.getByLabel('E-mail').fill(w.patient.email);
    await page.getByLabel('Choose a password').fill('a different long passphrase');
    await page.getByRole('button', { name: 'Create account and continue' }).click();
    const signInInstead = page.getByRole('link', { name: 'Sign in instead' });
    await signInInstead.waitFor();
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, '7-already-registered');

    await signInInstead.click();
    await heading(page, 'Sign in').waitFor();
    expect(await page.getByLabel('E-mail').inputValue()).toBe(w.patient.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    const confirm = page.getByRole('button', { name: 'Confirm booking' });
    await confirm.waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');
    // Still the chosen session, therapist and time.
    const summary = (await page.getByRole('region', { name: '4. Confirm' }).textContent()) ?? '';
    expect(summary).toContain(w.serviceName);
    expect(summary).toContain(w.therapist.name);
    await confirm.click();
    await heading(page, 'You’re booked').waitFor();

    const rows = await appointmentsOf(w.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'booked', therapistId: w.therapist.id, bookingNote: null });
    expect(clockLabel(rows[0]!.startAt)).toBe(label);
    const when = formatTimeRange(rows[0]!.startAt.toISOString(), rows[0]!.endAt.toISOString(), ZONE, true);
    expect(plain(summary)).toContain(plain(when));
  });

  it('(c) a time taken meanwhile answers with the nearest alternatives, and picking one books it', async () => {
    // Signed in as Paula from (b).
    const page = await returning.newPage();
    await page.goto(`${server.url}/book`);
    await page.getByRole('radio', { name: new RegExp(w.serviceName) }).check();
    const offered = await firstOfferedSlot(returning);
    await chooseFirstTime(page);

    // Someone else gets that time between showing the times and confirming.
    const rival = (await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: offered.therapistId,
      start: offered.start,
    })) as { id: string };
    expect(rival.id).toBeTruthy();

    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'someone just booked that time' });
    await alert.waitFor();
    const choices = alert.getByRole('button');
    expect(await choices.count()).toBeGreaterThan(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    const picked = (await choices.first().textContent()) ?? '';
    await choices.first().click();
    await heading(page, 'You’re booked').waitFor();

    const rows = (await appointmentsOf(w.patient.id)).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    expect(rows).toHaveLength(2);
    const booked = rows[1]!;
    expect(booked.status).toBe('booked');
    expect(booked.startAt.toISOString()).not.toBe(new Date(offered.start).toISOString());
    // The alternative's label names the booked time.
    expect(picked).toContain(clockLabel(booked.startAt));
    // Never a double-booking: the rival keeps its slot.
    const [rivalRow] = await server.database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.id, rival.id)));
    expect(rivalRow?.status).toBe('booked');
  });

  it('(d) the patient moves an appointment from "My appointments"; a time taken meanwhile offers the nearest ones', async () => {
    // Paula from (b) and (c), who has two appointments now.
    const page = await returning.newPage();
    await page.goto(`${server.url}/appointments`);
    await heading(page, 'My appointments').waitFor();
    const before = (await appointmentsOf(w.patient.id)).filter((a) => a.status === 'booked');
    const first = before.sort((a, b) => a.startAt.getTime() - b.startAt.getTime())[0]!;
    const card = page.getByRole('region', { name: 'Coming up' }).getByRole('listitem').first();
    await card.getByRole('button', { name: 'Change the time' }).click();
    const change = card.getByRole('region', { name: 'Change the time' });
    // The same therapist's free times unless the patient asks for anyone; a later day than booked.
    await change.getByRole('checkbox', { name: /Any therapist, not only / }).waitFor();
    const days = change.getByRole('group', { name: 'Day' }).getByRole('button');
    await days.nth(1).click();
    const time = change
      .getByRole('group', { name: /^Time on/ })
      .getByRole('button')
      .first();
    await time.click();
    await change.getByText(/^Move to /).waitFor();
    // The confirmation takes the focus, so it is in view and read out next.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/^Move to /);
    await checkScreen(page, '7-change-time');
    // Someone else books that time before Paula taps Move: she is offered the nearest free times instead.
    const from = new Date().toLocaleDateString('en-CA', { timeZone: ZONE });
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    const response = await returning.request.get(
      `${server.url}/api/clinics/${w.clinicId}/availability?serviceId=${first.serviceId}&from=${from}&to=${to}&therapistId=${first.therapistId}`,
    );
    const { slots } = (await response.json()) as { slots: { start: string; localDate: string }[] };
    const secondDay = [...new Set(slots.map((x) => x.localDate))][1];
    const chosen = slots.find((x) => x.localDate === secondDay)!;
    await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: first.serviceId,
      therapistId: first.therapistId,
      start: chosen.start,
    });
    await change.getByRole('button', { name: 'Move my appointment' }).click();
    const alert = change.getByRole('alert').filter({ hasText: 'to move there instead' });
    const alternative = alert.getByRole('button').first();
    await alternative.waitFor();
    const label = (await alternative.textContent()) ?? '';
    await alternative.click();
    await page.getByText(/^Your appointment is moved to /).waitFor();

    // The old time is released as rescheduled, linked both ways with the new one, which is the time tapped.
    const [old] = await server.database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.id, first.id)));
    expect(old).toMatchObject({ status: 'cancelled', cancelledByRole: 'patient' });
    const [moved] = await server.database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.id, old!.rescheduledTo!)));
    expect(moved).toMatchObject({
      status: 'booked',
      bookedVia: 'reschedule',
      rescheduledFrom: first.id,
      therapistId: first.therapistId,
    });
    expect(label).toContain(clockLabel(moved!.startAt));
    expect(moved!.startAt.toISOString()).not.toBe(new Date(chosen.start).toISOString());
    expect(moved!.startAt.getTime()).not.toBe(first.startAt.getTime());

    // She asks for an earlier time: the session, anyone, and the days that would suit her.
    await page.getByRole('button', { name: 'Ask for an earlier time' }).last().click();
    const ask = page.getByRole('heading', { name: 'Ask for an earlier time' }).locator('..');
    expect(await ask.getByLabel('Therapist').inputValue()).toBe('');
    await ask.getByLabel('Until').fill(to);
    await ask.getByRole('button', { name: 'Ask for an earlier time' }).click();
    await page.getByText('You are on the waiting list.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Stop waiting' }).first().waitFor();
  });

  it('(e) a time the clinic no longer takes online says why (not that someone booked it), with the nearest times', async () => {
    // Paula from (b), signed in.
    const page = await returning.newPage();
    await page.goto(`${server.url}/book`);
    await page.getByRole('radio', { name: new RegExp(w.serviceName) }).check();
    const offered = await firstOfferedSlot(returning);
    await chooseFirstTime(page);

    // Before she confirms, the clinic asks for a day's more notice than that time leaves.
    const { db } = server.database;
    const setNotice = (minNoticeMinutes: number) =>
      db
        .insert(schedulingSettings)
        .values({ clinicId: w.clinicId, minNoticeMinutes })
        .onConflictDoUpdate({ target: schedulingSettings.clinicId, set: { minNoticeMinutes } });
    const [rules] = await db
      .select()
      .from(schedulingSettings)
      .where(eq(schedulingSettings.clinicId, w.clinicId));
    const bookedBefore = (await appointmentsOf(w.patient.id)).length;
    const leaves = Math.ceil((Date.parse(offered.start) - Date.now()) / 60_000);
    await setNotice(Math.min(leaves + 24 * 60, 20_160));
    try {
      await page.getByRole('button', { name: 'Confirm booking' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'That time is too soon to book online.' });
      await alert.waitFor();
      expect(await alert.textContent()).not.toContain('someone just booked');
      await alert.getByText('Choose one of the nearest free times to book it instead:').waitFor();
      expect(await alert.getByRole('button').count()).toBeGreaterThan(0);
      await checkScreen(page, '8-too-soon');
    } finally {
      await setNotice(rules?.minNoticeMinutes ?? 120);
    }
    // Nothing was booked (she may hold earlier bookings at that hour with another therapist).
    expect(await appointmentsOf(w.patient.id)).toHaveLength(bookedBefore);
  });

  it('(f) at a clinic with two locations the patient keeps to the one they can reach', async () => {
    await w.call('POST', '/locations', {
      name: 'North Park',
      addressLine1: '3000 University Ave',
      city: 'San Diego',
      region: 'CA',
      postalCode: '92104',
    });
    const page = await (await newContext(browser, PHONE)).newPage();
    await page.goto(`${server.url}/book`);
    await page.getByRole('radio', { name: new RegExp(w.serviceName) }).check();
    const where = page.getByRole('group', { name: 'Where?' });
    await where.getByRole('radio', { name: /Any of our locations/ }).waitFor();
    expect(await where.getByRole('radio').count()).toBe(3);
    await checkScreen(page, '9-where');
    // Nobody works at North Park yet: no times there, said plainly.
    await where.getByRole('radio', { name: /North Park/ }).check();
    await page.getByText(/^No free times between/).waitFor();
    // Back to any location: the times come back.
    await where.getByRole('radio', { name: /Any of our locations/ }).check();
    await page.getByRole('group', { name: 'Day' }).getByRole('button').first().waitFor();
    await page.context().close();
  });
});
