import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, intakeResponses, patients } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { localDay, localInstant, person, seedWorld, type World } from './scheduling-support.ts';
import { heading, launchBrowser, newContext, pageWidth, seriousViolations, signIn } from './support.ts';

/**
 * A therapist's Home shows each of today's patients' safety flags beside the session, before the patient is on
 * the table; the front desk's Home does not.
 */
let server: TestServer;
let browser: Browser;
let w: World;
let ownerId: string;
/** A third patient, never screened: no health history on file. */
const ninaId = uuidv7();
const today = localDay(0);

async function appointment(patientId: string, from: string, to: string) {
  const startAt = new Date(localInstant(today, from));
  const endAt = new Date(localInstant(today, to));
  await server.database.db.insert(appointments).values({
    clinicId: w.clinicId,
    id: uuidv7(),
    patientId,
    serviceId: w.serviceId,
    therapistId: w.therapist.id,
    roomId: w.roomId,
    locationId: w.locationId,
    startAt,
    endAt,
    blockedStart: startAt,
    blockedEnd: endAt,
    bookedBy: ownerId,
    bookedVia: 'staff',
    status: 'confirmed',
  });
}

/** A submitted health history (version 1) with these conditions. */
async function healthHistory(patientId: string, conditions: { code: string; onset?: string }[]) {
  const at = new Date(Date.now() - 3_600_000);
  await server.database.db.insert(intakeResponses).values({
    clinicId: w.clinicId,
    id: uuidv7(),
    patientId,
    questionnaireVersion: 1,
    kind: 'intake',
    status: 'submitted',
    answers: {
      conditions,
      medications: [],
      allergies: [],
      surgeries: [],
      pregnancy: { pregnant: false },
      implants: [],
      pain: { level: 4, regions: ['low-back'] },
      goals: 'Sit through work',
      pressurePreference: 'moderate',
    },
    version: 1,
    savedAt: at,
    submittedAt: at,
    submittedVia: 'staff',
  });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const owner = await newContext(browser);
  w = await seedWorld(server, owner);
  ownerId = ((await (await owner.request.get(`${server.url}/api/me`)).json()) as { user: { id: string } })
    .user.id;
  await owner.close();
  // Oscar has a fever since yesterday; Paula's health history limits nothing.
  await healthHistory(w.other.id, [{ code: 'fever', onset: localDay(-1) }]);
  await healthHistory(w.patient.id, []);
  // Early in the clinic's day, so always today whenever the test runs.
  await appointment(w.other.id, '00:05', '00:35');
  await appointment(w.patient.id, '00:40', '01:10');
  // Nina has no health history at all.
  await server.database.db.insert(patients).values({
    clinicId: w.clinicId,
    id: ninaId,
    legalFirstName: 'Nina',
    legalLastName: 'Example',
    dateOfBirth: '1985-06-02',
  });
  await appointment(ninaId, '01:15', '01:45');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phone(email: string, greeting: string): Promise<Page> {
  const page = await (await newContext(browser, { viewport: { width: 375, height: 812 } })).newPage();
  await signIn(page, server.url, email);
  await heading(page, `Welcome, ${greeting}`).waitFor();
  return page;
}

describe("safety flags on a therapist's day", () => {
  it("shows each patient's worst flag beside the session, in the chart's words, and opens the chart", async () => {
    const page = await phone(w.therapist.email, 'Theo');
    const list = page.getByRole('list', { name: 'Your sessions today' });
    const oscar = list.getByRole('listitem').filter({ hasText: 'Oscar Example' });
    const mark = oscar.getByRole('link', { name: /^Safety flags of Oscar Example: Defer treatment: Fever/ });
    await mark.waitFor();
    // Coloured as the chart colours a deferral, and described in full (what to do) to a screen reader.
    expect(await mark.getAttribute('class')).toContain('badge-danger');
    const describedBy = (await mark.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(
      /^Defer treatment: Fever — no massage of any kind until it has resolved\.$/,
    );
    // Paula is listed with a quiet "No safety flags", not a badge.
    const paula = list.getByRole('listitem').filter({ hasText: 'Paula Example' });
    await paula.getByText('No safety flags').waitFor();
    expect(await paula.getByRole('link', { name: /^Safety flags of/ }).count()).toBe(0);
    // Nina, never screened, does not look clear: a warning badge that opens her chart.
    const nina = list.getByRole('listitem').filter({ hasText: 'Nina Example' });
    const unscreened = nina.getByRole('link', {
      name: 'Safety of Nina Example: No health history — not screened',
    });
    await unscreened.waitFor();
    expect(await unscreened.getAttribute('class')).toContain('badge-warning');
    expect(await unscreened.getAttribute('href')).toBe(`/patients/${ninaId}`);
    expect(await nina.getByText('No safety flags').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), "therapist's day with safety flags").toEqual([]);

    // The read is audited with every patient listed.
    const reads = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.action, 'safety.day_flags.read')));
    expect(reads.length).toBeGreaterThan(0);
    expect((reads.at(-1)!.details as { patientIds: string[] }).patientIds.sort()).toEqual(
      [w.other.id, w.patient.id, ninaId].sort(),
    );

    // From the keyboard, the mark opens Oscar's chart, whose safety strip says the same.
    await mark.focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Oscar Example').waitFor();
    const strip = page.getByRole('region', { name: /Safety flags/ });
    await strip.getByRole('listitem').filter({ hasText: 'Fever' }).getByText('Defer treatment').waitFor();
    await page.context().close();
  });

  it("the front desk's day shows no clinical flags", async () => {
    const desk = await person(server, w.clinicId, 'front_desk', 'Fran Desk');
    const page = await phone(desk.email, 'Fran');
    const list = page.getByRole('list', { name: 'Still to come today' });
    await list.getByRole('listitem').filter({ hasText: 'Oscar Example' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(3);
    expect(await page.getByRole('link', { name: /^Safety flags of/ }).count()).toBe(0);
    expect(await page.getByText('No safety flags').count()).toBe(0);
    expect(await page.getByText('No health history — not screened').count()).toBe(0);
    expect(await page.getByText(/Defer treatment/).count()).toBe(0);
    await page.context().close();
  });
});
