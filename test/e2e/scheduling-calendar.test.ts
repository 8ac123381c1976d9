import { readFile } from 'node:fs/promises';
import { and, eq, inArray } from 'drizzle-orm';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  credentials,
  emailOutbox,
  jobs,
  patients,
  payments,
  referrals,
  schedulingSettings,
  therapistBreaks,
  therapistExceptions,
} from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/scheduling/jobs.ts';
import { reminderHandlers } from '../../src/modules/scheduling/reminders.ts';
import { formatDay } from '../../web/src/components/format.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { localDay, localInstant, localTimeOf, seedWorld, type World, ZONE } from './scheduling-support.ts';
import {
  describedText,
  heading,
  launchBrowser,
  newContext,
  pageWidth,
  seriousViolations,
  signIn,
} from './support.ts';

let server: TestServer;
let browser: Browser;
let owner: BrowserContext;
let page: Page;
let w: World;
const day = localDay(1);

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  // The browser runs in another zone than the clinic: every time on screen must still be clinic time.
  owner = await newContext(browser, { viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo' });
  w = await seedWorld(server, owner);
  page = await owner.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const byId = async (id: string) =>
  (await server.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]!;

async function openWeekOfTherapist() {
  await page.goto(`${server.url}/calendar`);
  await heading(page, 'Calendar').waitFor();
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('Date').fill(day);
  await page.getByRole('button', { name: 'Week' }).click();
  await page.getByLabel('Show', { exact: true }).selectOption(w.therapist.id);
  await page.locator('.rbc-time-view').waitFor();
}

describe('staff calendar', () => {
  it('moves an appointment by dragging it in the week view; the old one stays as rescheduled history', async () => {
    const booked = (await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(day, '10:00'),
    })) as { id: string };
    await openWeekOfTherapist();
    const event = page.locator('.rbc-event', { hasText: w.other.name });
    await event.waitFor();

    // The column of the appointment's day spans 07:00–21:00; drop the event's top at 13:00 the same day.
    const eventBox = (await event.boundingBox())!;
    const column = page.locator('.rbc-day-slot').filter({ has: event });
    const columnBox = (await column.boundingBox())!;
    const perMinute = columnBox.height / (14 * 60);
    const grabX = eventBox.x + eventBox.width / 2;
    const grabY = eventBox.y + 6;
    const targetY = columnBox.y + (13 * 60 - 7 * 60) * perMinute + 6;
    await page.mouse.move(grabX, grabY);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(grabX, grabY + ((targetY - grabY) * i) / 10);
    await page.mouse.up();
    // A drop asks first: the patient is e-mailed when it moves.
    const confirm = page.getByRole('dialog', { name: 'Move this appointment?' });
    await confirm.getByText(`Move ${w.other.name} from`).waitFor();
    expect(await seriousViolations(page), 'move confirmation').toEqual([]);
    await confirm.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByText(`${w.other.name} moved to`).waitFor();

    const old = await byId(booked.id);
    expect(old.status).toBe('cancelled');
    expect(old.cancellationReason).toBe('rescheduled');
    expect(old.rescheduledTo).toBeTruthy();
    const moved = await byId(old.rescheduledTo!);
    expect(moved).toMatchObject({ status: 'booked', bookedVia: 'reschedule', rescheduledFrom: booked.id });
    expect(localTimeOf(moved.startAt)).toBe(`${day}T13:00`);
    expect(localTimeOf(moved.endAt)).toBe(`${day}T14:00`);
    // The calendar shows the moved appointment (and not the cancelled one).
    await expect.poll(() => page.locator('.rbc-event', { hasText: w.other.name }).count()).toBe(1);
  });

  it('offers the nearest free times when a drop lands on a taken time, and moves it to the one picked', async () => {
    const a = (await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(day, '15:00'),
    })) as { id: string };
    // Dropping onto 13:00 (taken by the appointment moved above) is refused with alternatives.
    await openWeekOfTherapist();
    const event = page.locator('.rbc-event', { hasText: /3:00\s–\s4:00\sPM/ });
    await event.waitFor();
    // The day scrolls inside the calendar: bring 13:00–16:00 into view, as a user would.
    await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const eventBox = (await event.boundingBox())!;
    const columnBox = (await page.locator('.rbc-day-slot').filter({ has: event }).boundingBox())!;
    const perMinute = columnBox.height / (14 * 60);
    const grabX = eventBox.x + eventBox.width / 2;
    const grabY = eventBox.y + 6;
    const targetY = columnBox.y + (13 * 60 + 30 - 7 * 60) * perMinute + 6;
    await page.mouse.move(grabX, grabY);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(grabX, grabY + ((targetY - grabY) * i) / 10);
    await page.mouse.up();
    await page
      .getByRole('dialog', { name: 'Move this appointment?' })
      .getByRole('button', { name: 'Move', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'That time is taken' });
    await dialog.waitFor();
    // The nearest free times around 13:30: the hour after the taken one is among them.
    expect(
      await dialog
        .getByRole('button')
        .filter({ hasText: /\d:\d\d (AM|PM)/ })
        .count(),
    ).toBeGreaterThan(1);
    await dialog.getByRole('button', { name: /, 2:00 PM/ }).click();
    await page.getByText(`${w.other.name} moved to`).waitFor();
    const old = await byId(a.id);
    const moved = await byId(old.rescheduledTo!);
    expect(localTimeOf(moved.startAt)).toBe(`${day}T14:00`);
    expect(old.status).toBe('cancelled');
  });

  it('a confirmed move can be undone from the status line for a while; a taken time refuses it with the reason', async () => {
    const booked = (await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(day, '09:00'),
    })) as { id: string };
    // The patient had confirmed 9:00: the move makes it booked (the new time is not confirmed), Undo confirmed again.
    await w.call('POST', `/appointments/${booked.id}/confirm`, {});
    const confirmedAt = (await byId(booked.id)).confirmedAt;
    expect(confirmedAt).toBeInstanceOf(Date);
    /** Drags the 9:00 AM appointment to 12:00 the same day (both in view as the grid opens) and confirms. */
    async function moveNineToNoon() {
      await openWeekOfTherapist();
      const event = page.locator('.rbc-event', { hasText: /9:00\s–\s10:00\sAM/ });
      await event.waitFor();
      const eventBox = (await event.boundingBox())!;
      const columnBox = (await page.locator('.rbc-day-slot').filter({ has: event }).boundingBox())!;
      const perMinute = columnBox.height / (14 * 60);
      const grabX = eventBox.x + eventBox.width / 2;
      const grabY = eventBox.y + 6;
      const targetY = columnBox.y + (12 * 60 - 7 * 60) * perMinute + 6;
      await page.mouse.move(grabX, grabY);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(grabX, grabY + ((targetY - grabY) * i) / 10);
      await page.mouse.up();
      await page
        .getByRole('dialog', { name: 'Move this appointment?' })
        .getByRole('button', { name: 'Move', exact: true })
        .click();
      await page.getByText(`${w.other.name} moved to`).waitFor();
    }

    await moveNineToNoon();
    const status = page.getByRole('status').filter({ hasText: `${w.other.name} moved to` });
    const undo = status.getByRole('button', { name: 'Undo' });
    // What Undo does is said before it is pressed: back to the old time, e-mailed again, both moves kept.
    const hintId = (await undo.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toMatch(
      new RegExp(`^Undo puts ${w.other.name} back at \\w{3} 9:00 AM and e-mails them again\\.`),
    );
    expect(await seriousViolations(page), 'move with undo').toEqual([]);
    const moved = (await byId(booked.id)).rescheduledTo!;
    expect(localTimeOf((await byId(moved)).startAt)).toBe(`${day}T12:00`);
    expect(await byId(moved)).toMatchObject({ status: 'booked', confirmedAt: null });

    // From the keyboard: the status line keeps the focus while the Undo button goes.
    await undo.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${w.other.name} moved back to`).waitFor();
    expect(await page.getByRole('button', { name: 'Undo', exact: true }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('calendar-status');
    // Undoing is a move back through the server: the moved visit stays as history, the patient is e-mailed again.
    const undone = await byId(moved);
    expect(undone).toMatchObject({ status: 'cancelled', cancellationReason: 'rescheduled: move undone' });
    const back = await byId(undone.rescheduledTo!);
    expect(back).toMatchObject({
      status: 'confirmed',
      confirmedAt,
      bookedVia: 'reschedule',
      rescheduledFrom: moved,
    });
    expect(localTimeOf(back.startAt)).toBe(`${day}T09:00`);
    const [confirmation] = await server.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `confirmation:${back.id}`));
    expect(confirmation?.kind).toBe('appointment.confirmation');

    // Moved again, and 9:00 is taken before Undo is pressed: the server's reason and the nearest times instead.
    await moveNineToNoon();
    const movedAgain = (await byId(back.id)).rescheduledTo!;
    await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(day, '09:00'),
    });
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    const refused = page.getByRole('dialog', { name: 'That time is taken' });
    await refused.getByText('That time is no longer free; here are the nearest free times').waitFor();
    await refused.getByText(`Move ${w.other.name} to one of the nearest free times instead:`).waitFor();
    expect(await seriousViolations(page), 'undo refused').toEqual([]);
    await page.keyboard.press('Escape');
    expect(await byId(movedAgain)).toMatchObject({ status: 'booked' });
    expect(localTimeOf((await byId(movedAgain)).startAt)).toBe(`${day}T12:00`);
  });

  it('every action is reachable from the keyboard through the list view; the pages pass axe', async () => {
    await page.goto(`${server.url}/calendar`);
    await heading(page, 'Calendar').waitFor();
    await page.getByLabel('Date').fill(day);
    await page.locator('.rbc-time-view').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'List' }).click();
    const open = page.getByRole('button', { name: 'Open Oscar Example at 2:00 PM' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Confirm' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('appointment is confirmed').waitFor();
    const rows = await server.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.status, 'confirmed'));
    expect(rows).toHaveLength(1);

    // Checked in, the visit's fee shows in the dialog and is paid there: the front desk's check-out.
    await dialog.getByRole('button', { name: 'Check in' }).click();
    await dialog.getByText('Fee $110.00 · paid $0.00').waitFor();
    await dialog.getByRole('button', { name: 'Take payment' }).click();
    const pay = dialog.getByRole('form', { name: 'Take a payment' });
    expect(await pay.getByLabel('Amount (USD)').inputValue()).toBe('110.00');
    await pay.getByLabel('Method').selectOption({ label: 'HSA / FSA card' });
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await dialog.getByText('Payment recorded. Paid in full.').waitFor();
    await dialog.getByText('paid in full', { exact: false }).first().waitFor();
    // Focus stays in the dialog, on what was paid, so Escape still closes it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      'Fee $110.00 · paid $110.00',
    );
    expect(await seriousViolations(page)).toEqual([]);
    const [paid] = await server.database.db.select().from(payments);
    expect(paid).toMatchObject({ amountCents: 11000, method: 'hsa_fsa', appointmentId: rows[0]!.id });
    // A visit still to come cannot be completed (that charges and counts it): the dialog says when it can.
    expect(await dialog.getByRole('button', { name: 'Complete…' }).isDisabled()).toBe(true);
    await dialog.getByText('The visit can be completed once the appointment has started.').waitFor();
    await page.keyboard.press('Escape');

    // Set-up pages.
    await page.goto(`${server.url}/schedule-setup`);
    await heading(page, 'Schedule set-up').waitFor();
    await page.getByRole('heading', { name: w.serviceName }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    for (const section of ['Rooms', 'Therapists', 'Booking rules']) {
      await page.getByRole('button', { name: section, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    }
    // The part shown is in the URL, and Clinic settings links straight to the booking rules.
    expect(new URL(page.url()).searchParams.get('tab')).toBe('rules');
    await page.goto(`${server.url}/settings`);
    await page.getByRole('link', { name: 'Booking rules, reminders and fees' }).click();
    await page.getByRole('heading', { level: 2, name: 'Booking rules' }).waitFor();
    expect(new URL(page.url()).search).toBe('?tab=rules');
    // Missed-visit fees: a word is refused at its field (focused), dollars are saved as cents.
    await page.getByLabel('No-show fee (USD, 0 for none)').fill('twenty');
    await page.getByLabel('Late-cancellation fee (USD, 0 for none)').fill('40');
    await page.getByRole('button', { name: 'Save booking rules' }).click();
    expect(await describedText(page, 'No-show fee (USD, 0 for none)')).toContain(
      'Enter an amount in dollars, 0 for no fee',
    );
    expect(
      await page.getByLabel('No-show fee (USD, 0 for none)').evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.getByLabel('No-show fee (USD, 0 for none)').fill('60');
    // On a phone the confirmation is above the form: it scrolls into view.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 640 });
    await page.getByRole('button', { name: 'Save booking rules' }).click();
    const saved = page.getByText('Booking rules are saved.');
    await saved.waitFor();
    await expect
      .poll(() =>
        saved.evaluate(
          (el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight,
        ),
      )
      .toBe(true);
    if (viewport) await page.setViewportSize(viewport);
    const [rules] = await server.database.db.select().from(schedulingSettings);
    expect(rules).toMatchObject({ lateCancellationFeeCents: 4000, noShowFeeCents: 6000 });
    // A room's form checks its fields before saving, and Cancel leaves nothing behind.
    await page.getByRole('button', { name: 'Rooms', exact: true }).click();
    await page.getByRole('button', { name: 'Add a room' }).click();
    await page.getByRole('button', { name: 'Add room' }).click();
    expect(await describedText(page, 'Room name')).toContain('Required');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Add a room' }).waitFor();

    // A break added to the therapist's week is saved; removing it saves the week as it was.
    const breaksOf = () =>
      server.database.db
        .select({
          weekday: therapistBreaks.weekday,
          start: therapistBreaks.startTime,
          end: therapistBreaks.endTime,
        })
        .from(therapistBreaks)
        .where(eq(therapistBreaks.therapistId, w.therapist.id));
    await page.getByRole('button', { name: 'Therapists', exact: true }).click();
    await page.getByRole('button', { name: 'Add a break' }).click();
    const breaks = page.getByRole('group', { name: 'Breaks' });
    await breaks.getByLabel('Day').selectOption('Wednesday');
    await breaks.getByLabel('From').fill('13:00');
    await breaks.getByLabel('Until').fill('13:30');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText(/schedule is saved/).waitFor();
    expect(await breaksOf()).toEqual([{ weekday: 3, start: '13:00', end: '13:30' }]);
    await page.getByRole('button', { name: 'Remove break 1' }).click();
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(breaksOf).toEqual([]);
  });

  it('a no-show is asked once, with the fee it charges, before it is recorded', async () => {
    // Oscar's session began ten minutes ago (early in the clinic's day, so started whenever the test runs).
    const today = localDay(0);
    const startAt = new Date(localInstant(today, '00:10'));
    const endAt = new Date(localInstant(today, '00:40'));
    const id = uuidv7();
    await server.database.db.insert(appointments).values({
      clinicId: w.clinicId,
      id,
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      roomId: w.roomId,
      locationId: w.locationId,
      startAt,
      endAt,
      blockedStart: startAt,
      blockedEnd: endAt,
      bookedBy: w.therapist.id,
      bookedVia: 'staff',
      status: 'confirmed',
    });
    await page.goto(`${server.url}/calendar`);
    await heading(page, 'Calendar').waitFor();
    await page.getByLabel('Date').fill(today);
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByRole('button', { name: 'Open Oscar Example at 12:10 AM' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'No-show…' }).click();
    const question = dialog.getByRole('form', { name: 'Record a no-show' });
    // The clinic's $60 fee (set in the booking rules above) is said before anything is charged.
    await question
      .getByText(/^Mark Oscar Example as a no-show\? The clinic’s no-show fee of \$60\.00/)
      .waitFor();
    expect(
      await question
        .getByRole('button', { name: 'Mark as no-show' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // Back leaves it as it was; confirmed, it is recorded with the fee.
    await question.getByRole('button', { name: 'Back' }).click();
    expect((await byId(id)).status).toBe('confirmed');
    await dialog.getByRole('button', { name: 'No-show…' }).click();
    await dialog.getByRole('button', { name: 'Mark as no-show' }).click();
    await page.getByText('Oscar Example is marked as a no-show.').waitFor();
    expect(await byId(id)).toMatchObject({ status: 'no_show', missedFeeCents: 6000 });
    await page.keyboard.press('Escape');
  });

  it('cancelling asks who cancelled: the clinic’s is never late; the patient’s late fee can be waived; the desk hears who the time went to', async () => {
    const target = localDay(2);
    // A week's late-cancellation window: both cancellations below fall inside it.
    const rules = { lateCancellationHours: 168, lateCancellationFeeCents: 4000 };
    await server.database.db
      .insert(schedulingSettings)
      .values({ clinicId: w.clinicId, ...rules })
      .onConflictDoUpdate({ target: schedulingSettings.clinicId, set: rules });
    // Isa waits for any time that day and has no e-mail on file: the desk must phone her.
    const isaId = uuidv7();
    await server.database.db.insert(patients).values({
      clinicId: w.clinicId,
      id: isaId,
      legalFirstName: 'Isa',
      legalLastName: 'Moreno',
      dateOfBirth: '1985-02-02',
      phone: '(619) 555-0134',
      email: null,
    });
    await w.call('POST', '/waitlist', {
      patientId: isaId,
      serviceId: w.serviceId,
      fromDate: target,
      toDate: target,
    });
    const book = async (patientId: string, time: string) =>
      (
        (await w.call('POST', '/appointments', {
          patientId,
          serviceId: w.serviceId,
          therapistId: w.therapist.id,
          start: localInstant(target, time),
        })) as { id: string }
      ).id;
    const paula = await book(w.patient.id, '11:00');
    const oscar = await book(w.other.id, '14:00');

    await page.goto(`${server.url}/calendar`);
    await heading(page, 'Calendar').waitFor();
    await page.getByLabel('Date').fill(target);
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByRole('button', { name: 'Open Paula Example at 11:00 AM' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel appointment…' }).click();
    // The keyboard lands on the form's first question, not on the page behind the dialog.
    await expect
      .poll(() =>
        dialog.getByRole('radio', { name: 'The patient' }).evaluate((e) => e === document.activeElement),
      )
      .toBe(true);
    await dialog.getByLabel('Reason for cancelling').fill('Called in sick with flu');
    await dialog.getByRole('button', { name: 'Cancel appointment', exact: true }).click();
    await dialog.getByText('Say who cancelled').waitFor();
    expect((await byId(paula)).status).toBe('booked');
    // The choice is a radio group: reached and changed from the keyboard.
    await dialog.getByRole('radio', { name: 'The patient' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /The clinic/ }).isChecked()).toBe(true);
    await dialog.getByText('A cancellation by the clinic is never late and carries no fee.').waitFor();
    expect(await dialog.getByRole('checkbox', { name: /Waive/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel appointment', exact: true }).click();
    await page
      .getByText(
        'Paula Example’s appointment is cancelled by the clinic. Offered to Isa Moreno — no e-mail on file: call (619) 555-0134.',
        { exact: false },
      )
      .waitFor();
    expect(await byId(paula)).toMatchObject({
      status: 'cancelled',
      cancelledLate: false,
      cancelledByRole: 'staff',
      missedFeeCents: null,
    });
    await page.keyboard.press('Escape');

    // The patient's own late cancellation, phoned in: the fee is shown, and waived with the reason given.
    await page.getByRole('button', { name: 'Open Oscar Example at 2:00 PM' }).click();
    await dialog.getByRole('button', { name: 'Cancel appointment…' }).click();
    await dialog.getByRole('radio', { name: 'The patient' }).check();
    await dialog.getByText(/late-cancellation fee of \$40\.00 applies/).waitFor();
    await dialog.getByRole('checkbox', { name: /Waive the late-cancellation fee of \$40\.00/ }).check();
    await dialog.getByLabel('Reason for cancelling').fill('Family emergency');
    await dialog.getByRole('button', { name: 'Cancel appointment', exact: true }).click();
    await page
      .getByText(
        'Oscar Example’s appointment is cancelled at the patient’s request (late cancellation; the $40.00 fee is waived).',
        {
          exact: false,
        },
      )
      .waitFor();
    expect(await byId(oscar)).toMatchObject({
      status: 'cancelled',
      cancelledLate: true,
      cancelledByRole: 'patient',
      missedFeeCents: 4000,
      feeWaiveReason: 'Family emergency',
    });
    await page.keyboard.press('Escape');
  });

  it('clicking an empty slot books there: therapist and time prefilled, patient found by search', async () => {
    await page.goto(`${server.url}/calendar`);
    await heading(page, 'Calendar').waitFor();
    await page.getByLabel('Date').fill(day);
    const column = page.locator('.rbc-day-slot').first();
    await column.waitFor();
    const box = (await column.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + (11 * 60 - 7 * 60) * (box.height / (14 * 60)) + 5);
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Start').inputValue()).toBe(`${day}T11:00`);
    expect(await dialog.getByLabel('Therapist').inputValue()).toBe(w.therapist.id);
    await dialog.getByLabel('Find the patient').fill('Paula');
    await dialog.getByRole('radio', { name: /Paula Example/ }).check();
    await dialog.getByLabel('Service').selectOption(w.serviceId);
    expect(await seriousViolations(page)).toEqual([]);
    // Theo's licence lapsed yesterday: the desk may still book, and is told so with the booking.
    const lapsed = uuidv7();
    await server.database.db.insert(credentials).values({
      clinicId: w.clinicId,
      id: lapsed,
      therapistId: w.therapist.id,
      kind: 'state_license',
      title: 'Licensed Massage Therapist',
      issuer: 'Board of Massage',
      certifiedName: w.therapist.name,
      expiresOn: localDay(-1),
      createdBy: w.therapist.id,
    });
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByText(`Booked ${w.patient.name}`).waitFor();
    expect(await page.getByText(/licence expired on .*: they may not treat or bill this visit/).count()).toBe(
      1,
    );
    await server.database.db.delete(credentials).where(eq(credentials.id, lapsed));
    // Paula's live appointments (the cancellation test above left hers cancelled).
    const rows = (
      await server.database.db.select().from(appointments).where(eq(appointments.patientId, w.patient.id))
    ).filter((r) => r.status !== 'cancelled');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'booked', bookedVia: 'staff', therapistId: w.therapist.id });
    expect(localTimeOf(rows[0]!.startAt)).toBe(`${day}T11:00`);
  });

  it('books from the patient’s chart: the calendar opens with the patient chosen, and the chart lists the visit', async () => {
    const later = localDay(3);
    await page.goto(`${server.url}/patients/${w.other.id}`);
    await heading(page, w.other.name).waitFor();
    await page.getByRole('link', { name: 'Book an appointment' }).click();
    await heading(page, 'Calendar').waitFor();
    await page.getByText(`Booking for ${w.other.name}`).waitFor();
    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByText(`Patient: ${w.other.name}`).waitFor();
    expect(await dialog.getByLabel('Find the patient').count()).toBe(0);
    await dialog.getByLabel('Start').fill(`${later}T14:00`);
    await dialog.getByLabel('Therapist').selectOption(w.therapist.id);
    await dialog.getByLabel('Service').selectOption(w.serviceId);
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByText(`Booked ${w.other.name}`).waitFor();
    // Booked: the calendar is an ordinary calendar again.
    await page.getByText(`Booking for ${w.other.name}`).waitFor({ state: 'detached' });
    const [row] = await server.database.db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.patientId, w.other.id),
          eq(appointments.startAt, new Date(localInstant(later, '14:00'))),
        ),
      );
    expect(row).toMatchObject({ status: 'booked', therapistId: w.therapist.id });

    await page.goto(`${server.url}/patients/${w.other.id}`);
    const coming = page.getByRole('list', { name: 'Coming appointments' });
    await coming.getByText(w.serviceName).first().waitFor();
    expect(await coming.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(page), 'chart with appointments').toEqual([]);
  });

  it('keeps the confirmation’s invitation in the outbox (no e-mail server): it downloads and opens in a calendar', async () => {
    // Confirmations go out from the job queue; run it now rather than wait for the worker's next tick.
    const sendDueEmails = () =>
      runDueJobs(server.database.db, {
        workerId: 'e2e',
        now: () => new Date(),
        handlers: reminderHandlers(server.app.deps),
      });
    // Earlier tests' confirmations go out first, so this booking's is the newest in the outbox.
    await sendDueEmails();
    const later = localDay(4);
    const booked = (await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(later, '15:00'),
    })) as { start: string };
    await sendDueEmails();
    await page.goto(`${server.url}/outbox`);
    await heading(page, 'E-mail outbox').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'appointment.ics' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('appointment.ics');
    const calendar = new ICAL.Component(ICAL.parse(await readFile((await download.path())!, 'utf8')));
    for (const tz of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(booked.start);
    expect(event.startDate.zone.tzid).toBe(ZONE);
  });

  it('books a series from the chart: a conflict is moved to a free time, the referral limits are marked and confirmed', async () => {
    const at = (date: DateTime) => date.toISODate()!;
    // The Monday at least two days ahead; the series runs on Tuesdays and Thursdays at 10:00 for two weeks.
    let monday = DateTime.now().setZone(ZONE).plus({ days: 2 }).startOf('day');
    while (monday.weekday !== 1) monday = monday.plus({ days: 1 });
    const firstTuesday = at(monday.plus({ days: 1 }));
    // The referral's last day is the first Thursday: the second week is after it expires.
    const lastValidDay = at(monday.plus({ days: 3 }));
    const me = (await (await owner.request.get(`${server.url}/api/me`)).json()) as { user: { id: string } };
    const [referral] = await server.database.db
      .insert(referrals)
      .values({
        clinicId: w.clinicId,
        id: crypto.randomUUID(),
        patientId: w.patient.id,
        source: 'paper',
        referralDate: localDay(-3),
        diagnoses: [],
        techniques: [],
        bodyRegions: [],
        authorizedVisits: 3,
        validFrom: localDay(-3),
        validUntil: lastValidDay,
        createdBy: me.user.id,
      })
      .returning();
    // Someone else already has the first Tuesday at 10:00.
    await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(firstTuesday, '10:00'),
    });

    await page.goto(`${server.url}/patients/${w.patient.id}`);
    await page.getByRole('link', { name: 'Book a series' }).click();
    await heading(page, `Book a series · ${w.patient.name}`).waitFor();
    await page.getByLabel('Service').selectOption(w.serviceId);
    await page.getByLabel('Therapist').selectOption(w.therapist.id);
    await page.getByLabel('Referral').selectOption(referral!.id);
    await page.getByLabel('First date').fill(at(monday));
    await page.getByLabel('Weeks').fill('2');
    expect(await page.getByLabel('Day 1').inputValue()).toBe('2'); // Tuesday
    expect(await page.getByLabel('Day 2').inputValue()).toBe('4'); // Thursday
    await page.getByRole('button', { name: 'Show the dates' }).click();

    const dates = page.locator('.series-date');
    await dates.first().waitFor();
    expect(await dates.count()).toBe(4);
    await dates.first().getByText('Not free: the therapist is booked').waitFor();
    expect(await seriousViolations(page), 'series preview').toEqual([]);
    // On a phone the dates and their choices fit the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
    await dates.first().getByRole('button').first().click(); // the nearest free time
    await dates.first().getByText('(moved)').waitFor();
    // Four visits on a referral that allows three (the patient's visit already booked this week counts too)
    // and ends on the first Thursday: the expiry is said in words, and each date past a limit is marked.
    await page.getByText(/^Referral: \d+ of 3 authorised visits already used or booked/).waitFor();
    await page.getByText("Beyond the referral's 3 authorised visits").waitFor();
    await page.getByText(`After the referral expires on ${formatDay(lastValidDay)}.`).waitFor();
    expect(await page.getByText(lastValidDay).count()).toBe(0);
    await dates.nth(3).getByText('Beyond the authorised visits, after the referral expires').waitFor();
    await dates
      .nth(2)
      .getByText(/after the referral expires/)
      .waitFor();
    expect(await dates.nth(0).locator('.series-mark').count()).toBe(0);
    const book = page.getByRole('button', { name: 'Book 4 sessions' });
    expect(await book.isDisabled()).toBe(true);
    expect(
      await server.database.db.select().from(appointments).where(eq(appointments.bookedVia, 'series')),
    ).toHaveLength(0);
    await page.getByLabel('Book anyway, beyond what the referral allows').check();
    await book.click();

    await page.getByText('Booked a series of 4 sessions.').waitFor();
    const booked = await server.database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.patientId, w.patient.id), eq(appointments.bookedVia, 'series')));
    expect(booked).toHaveLength(4);
    expect(new Set(booked.map((a) => a.seriesId)).size).toBe(1);
    expect(booked.every((a) => a.referralId === referral!.id)).toBe(true);
    expect(booked.map((a) => localTimeOf(a.startAt)).sort()[0]).not.toBe(`${firstTuesday}T10:00`);

    // The patient is sent one confirmation for the series (not one per session), with one calendar file
    // holding the four, the moved date at its new time.
    await runDueJobs(server.database.db, {
      workerId: 'e2e-series',
      now: () => new Date(),
      handlers: reminderHandlers(server.app.deps),
    });
    const series = (
      await server.database.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, 'paula@example.test'))
    ).filter((m) => /^Your 4 appointments at .+ are booked$/.test(m.subject));
    expect(series).toHaveLength(1);
    const single = await server.database.db
      .select()
      .from(jobs)
      .where(
        inArray(
          jobs.dedupeKey,
          booked.map((a) => `confirmation:${a.id}`),
        ),
      );
    expect(single).toHaveLength(0);
    const file = series[0]!.attachments![0]!;
    expect(file.filename).toBe('appointments.ics');
    const invitation = new ICAL.Component(ICAL.parse(file.content));
    for (const tz of invitation.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const starts = invitation
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v).startDate.toJSDate().getTime());
    expect(starts).toEqual(booked.map((a) => a.startAt.getTime()).sort((a, b) => a - b));
  });

  it('at 375 px the calendar opens as a list without horizontal scrolling', async () => {
    const phone = await newContext(browser, { viewport: { width: 375, height: 812 }, isMobile: true });
    await phone.addCookies(await owner.cookies());
    const narrow = await phone.newPage();
    await narrow.goto(`${server.url}/calendar`);
    await heading(narrow, 'Calendar').waitFor();
    await narrow.getByLabel('Date').fill(day);
    await narrow
      .getByRole('button', { name: /^Open Oscar Example/ })
      .first()
      .waitFor();
    expect(await narrow.getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).toBe('true');
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);
    await phone.close();
  });

  it('a therapist’s calendar opens on their own day, with everyone’s one choice away', async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, w.therapist.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await heading(page, 'Calendar').waitFor();
    const show = page.getByLabel('Show', { exact: true });
    expect(await show.inputValue()).toBe(w.therapist.id);
    await show.selectOption('all');
    expect(await show.inputValue()).toBe('all');
    await context.close();
  });

  // Last in the file: the time off it saves would take the therapist's day from the tests after it.
  it('at 375 px, time off over a booked patient says who, links to the visit and saves anyway', async () => {
    const date = localDay(75);
    const booked = (await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(date, '11:00'),
    })) as { id: string };
    const phone = await newContext(browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      timezoneId: 'Asia/Tokyo',
    });
    await phone.addCookies(await owner.cookies());
    const narrow = await phone.newPage();
    await narrow.goto(`${server.url}/schedule-setup`);
    await heading(narrow, 'Schedule set-up').waitFor();
    await narrow.getByRole('button', { name: 'Therapists', exact: true }).click();
    await narrow.getByLabel('First day').fill(date);
    await narrow.getByLabel('Last day').fill(date);
    await narrow.getByRole('button', { name: 'Add', exact: true }).click();
    const warning = narrow
      .getByRole('alert')
      .filter({ hasText: '1 booked appointment falls in this time off' });
    await warning.waitFor();
    // Clinic time, not the browser's (Tokyo); the visit is a link to it in the calendar.
    const visit = warning.getByRole('link', { name: /11:00\sAM\s–\s12:00\sPM/ });
    expect(await visit.getAttribute('href')).toBe(`/calendar?date=${date}&appointment=${booked.id}`);
    await warning.getByText('Oscar Example').waitFor();
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(narrow)).toEqual([]);
    const exceptionsOf = () =>
      server.database.db
        .select()
        .from(therapistExceptions)
        .where(eq(therapistExceptions.therapistId, w.therapist.id));
    expect(await exceptionsOf()).toHaveLength(0);
    // From the keyboard: the warning takes the focus, then the visit, then "Save time off anyway".
    expect(await narrow.evaluate(() => document.activeElement?.textContent)).toContain(
      '1 booked appointment',
    );
    await narrow.keyboard.press('Tab');
    await narrow.keyboard.press('Tab');
    await narrow.keyboard.press('Enter');
    await narrow.getByText('The time off is saved: 1 appointment is still booked in it').waitFor();
    expect(await exceptionsOf()).toHaveLength(1);
    expect((await byId(booked.id)).status).toBe('booked');
    // The link opens the calendar on that day with the visit open.
    await narrow.getByRole('link', { name: /11:00\sAM/ }).click();
    await narrow.getByRole('dialog').getByText('Oscar Example').first().waitFor();
    await phone.close();
  });
});
