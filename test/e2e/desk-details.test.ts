import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, patients } from '../../src/db/schema/index.ts';
import { appointmentRow } from '../helpers/fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { localDay, localInstant, person, seedWorld, type World, ZONE } from './scheduling-support.ts';
import { heading, launchBrowser, newContext, seriousViolations, signIn } from './support.ts';

/** The front desk's details: first visits, the patient's phone and chart, no Confirm for a time gone by. */
let server: TestServer;
let browser: Browser;
let owner: BrowserContext;
let page: Page;
let w: World;
let evaluationName: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  owner = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  w = await seedWorld(server, owner);
  page = await owner.newPage();
  // A new-patient evaluation next to the world's follow-up, both bookable online.
  // Named to sort after the follow-up, so listing it first is the patient's order, not the alphabet.
  evaluationName = 'Whole-body evaluation 60';
  const evaluation = (await w.call('POST', '/services', {
    name: evaluationName,
    durationMinutes: 60,
    priceCents: 14000,
    kind: 'new_patient',
    onlineBookable: true,
    therapistIds: [w.therapist.id],
  })) as { id: string };
  await w.call('PUT', `/therapists/${w.therapist.id}/schedule`, {
    weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      start: '09:00',
      end: '17:00',
      locationId: w.locationId,
    })),
    breaks: [],
    serviceIds: [w.serviceId, evaluation.id],
  });
  await server.database.db
    .update(patients)
    .set({ phone: '(619) 555-0142' })
    .where(eq(patients.id, w.other.id));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** An appointment straight in the database (any time, past ones too), booked by the therapist. */
async function insertAppointment(startAt: Date, status: 'booked' | 'completed' = 'booked') {
  const [row] = await server.database.db
    .insert(appointments)
    .values(
      appointmentRow({
        clinicId: w.clinicId,
        patientId: w.other.id,
        serviceId: w.serviceId,
        therapistId: w.therapist.id,
        roomId: w.roomId,
        locationId: w.locationId,
        startAt,
        endAt: new Date(startAt.getTime() + 3_600_000),
        bookedBy: w.therapist.id,
        status,
        ...(status === 'completed' ? { completedAt: startAt } : {}),
      }),
    )
    .returning();
  return row!;
}

async function openList(date: string) {
  await page.goto(`${server.url}/calendar`);
  await heading(page, 'Calendar').waitFor();
  await page.getByLabel('Date').fill(date);
  await page.getByRole('button', { name: 'List' }).click();
}

describe('the calendar for the front desk', () => {
  it('marks a first visit booked as a follow-up, and the dialog reaches the patient by phone and chart', async () => {
    const day = localDay(2);
    await w.call('POST', '/appointments', {
      patientId: w.other.id,
      serviceId: w.serviceId,
      therapistId: w.therapist.id,
      start: localInstant(day, '14:00'),
    });
    await openList(day);
    const item = page.locator('.agenda-item', { hasText: w.other.name });
    await item.getByText('First visit booked as a follow-up').waitFor();
    await page.getByRole('button', { name: 'Open Oscar Example at 2:00 PM' }).click();
    const dialog = page.getByRole('dialog');
    const phone = dialog.getByRole('link', { name: '(619) 555-0142' });
    expect(await phone.getAttribute('href')).toBe('tel:6195550142');
    expect(await dialog.getByRole('link', { name: 'Open chart' }).getAttribute('href')).toBe(
      `/patients/${w.other.id}`,
    );
    await dialog.getByText('First visit booked as a follow-up').waitFor();
    // A booked appointment still to come can be confirmed.
    await dialog.getByRole('button', { name: 'Confirm' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('offers no Confirm once an appointment has ended, but still Check in for a late record', async () => {
    const yesterday = localDay(-1);
    await insertAppointment(new Date(localInstant(yesterday, '10:00')));
    await openList(yesterday);
    await page.getByRole('button', { name: 'Open Oscar Example at 10:00 AM' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Check in' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('drops the first-visit mark once the patient has a completed visit', async () => {
    await insertAppointment(new Date(localInstant(localDay(-3), '10:00')), 'completed');
    const day = localDay(2);
    await openList(day);
    const item = page.locator('.agenda-item', { hasText: w.other.name });
    await item.getByRole('button', { name: /^Open Oscar Example/ }).waitFor();
    expect(await item.getByText(/First visit/).count()).toBe(0);
  });
});

describe('Home for the front desk', () => {
  it('shows the first visit in the day list', async () => {
    const desk = await person(server, w.clinicId, 'front_desk', 'Dana Desk');
    const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
    const mobile = await context.newPage();
    // Paula (never seen) comes today, a little after now (or at the start of the day's last hour).
    const now = DateTime.now().setZone(ZONE);
    const start = DateTime.min(now.plus({ minutes: 30 }), now.endOf('day').minus({ minutes: 61 })).startOf(
      'minute',
    );
    await server.database.db.insert(appointments).values(
      appointmentRow({
        clinicId: w.clinicId,
        patientId: w.patient.id,
        serviceId: w.serviceId,
        therapistId: w.therapist.id,
        roomId: w.roomId,
        locationId: w.locationId,
        startAt: start.toJSDate(),
        endAt: start.plus({ hours: 1 }).toJSDate(),
        bookedBy: w.therapist.id,
        status: 'booked',
      }),
    );
    await signIn(mobile, server.url, desk.email);
    const list = mobile.getByRole('list', { name: 'Still to come today' });
    await list.getByText('First visit booked as a follow-up').waitFor();
    await context.close();
  });
});

describe('online booking for a signed-in patient never seen', () => {
  it('lists the new-patient sessions first, labelled, with a one-line hint; the others stay bookable', async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
    const patient = await context.newPage();
    await signIn(patient, server.url, w.patient.email);
    // Signed in (Home shows) before going on, or the next page load would cut the sign-in short.
    await heading(patient, /^Welcome/).waitFor();
    await patient.goto(`${server.url}/book`);
    const sessions = patient.getByRole('group', { name: 'What would you like to book?' });
    await sessions.getByText('Your first visit here?').waitFor();
    const titles = await sessions.locator('.choice-title').allTextContents();
    expect(titles.slice(0, 2)).toEqual([evaluationName, 'Medical massage 60']);
    expect(await sessions.locator('.choice').first().textContent()).toContain('For new patients');
    expect(await sessions.locator('.choice').nth(1).textContent()).toContain('For returning patients');
    expect(await seriousViolations(patient)).toEqual([]);
    await context.close();
  });
});
