import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, patients } from '../../src/db/schema/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { person, seedWorld, type World } from './scheduling-support.ts';
import {
  heading,
  launchBrowser,
  newContext,
  PASSWORD,
  pageWidth,
  seriousViolations,
  signIn,
} from './support.ts';

/**
 * A returning patient who registers online gets a new record; the front desk's Home lists it as a possible
 * duplicate of the existing record, the new record's chart says so to staff, and "Review and merge" opens the
 * merge panel for the pair. Once merged, it is gone from Home.
 */
let server: TestServer;
let browser: Browser;
let w: World;
let existingId: string;
let onlineId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const owner = await newContext(browser);
  w = await seedWorld(server, owner);
  const existing = (await w.call('POST', '/patients', {
    legalFirstName: 'Marta',
    legalLastName: 'Sánchez',
    dateOfBirth: '1972-09-09',
    email: 'marta.sanchez@example.test',
    notes: 'No deep work over the incision',
  })) as { id: string };
  existingId = existing.id;
  await owner.close();
  // Marta registers online with the same name (without the accent), date of birth and e-mail.
  const visitor = await newContext(browser);
  const response = await visitor.request.post(
    `${server.url}/api/public/clinics/${w.clinicId}/patient-accounts`,
    {
      data: {
        firstName: 'Marta',
        lastName: 'Sanchez',
        dateOfBirth: '1972-09-09',
        email: 'marta.sanchez@example.test',
        password: PASSWORD,
      },
    },
  );
  expect(response.status(), await response.text()).toBe(201);
  onlineId = ((await response.json()) as { patientId: string }).patientId;
  await visitor.close();
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

describe('a patient who booked online and may already be a patient here', () => {
  it('a therapist reading the new record sees whose record it may be, and to check its safety flags', async () => {
    const page = await phone(w.therapist.email, 'Theo');
    await page.goto(`${server.url}/patients/${onlineId}`);
    await heading(page, 'Marta Sanchez').waitFor();
    const banner = page.getByRole('region', { name: 'Possible duplicate record', exact: true });
    await banner
      .getByText(
        'This may be the same person as Marta Sánchez (same name, date of birth and e-mail) — review and merge.',
      )
      .waitFor();
    await banner.getByText(/check the other record’s safety flags/).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'chart with a possible duplicate').toEqual([]);
    await page.context().close();
  });

  it('the front desk goes from Home to the merge panel for the pair, merges, and the notice is gone', async () => {
    const desk = await person(server, w.clinicId, 'front_desk', 'Fran Desk');
    const page = await phone(desk.email, 'Fran');
    const section = page.getByRole('region', { name: 'Possible duplicate records' });
    const item = section.getByRole('listitem').filter({ hasText: 'Marta Sanchez' });
    await item.getByText('same name, date of birth and e-mail').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page), 'Home with possible duplicates').toEqual([]);

    // From the keyboard: the link opens the existing record with the merge confirmation for the pair.
    const link = item.getByRole('link', { name: 'Review and merge Marta Sanchez into Marta Sánchez' });
    await link.focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Marta Sánchez').waitFor();
    await page
      .getByRole('region', { name: 'Possible duplicate record', exact: true })
      .getByText(/^Marta Sanchez registered online and may be the same person as this patient/)
      .waitFor();
    const confirm = page.getByRole('group', { name: /^Merge Marta Sanchez \(born .+\) into Marta Sánchez/ });
    await confirm.waitFor();
    // The two records side by side: the online one is marked, with its e-mail and phone.
    const sides = confirm.getByRole('table', { name: 'The two records' });
    await sides.getByRole('cell', { name: 'Registered online (has an online account)' }).waitFor();
    await sides.getByRole('cell', { name: 'No online account' }).waitFor();
    expect(await sides.getByRole('cell', { name: 'marta.sanchez@example.test' }).count()).toBe(2);
    // Merging links Marta's online account to the existing chart: staff must say they checked it is her.
    await confirm
      .getByText(
        'This links the online account marta.sanchez@example.test to Marta Sánchez’s record: it will see the whole chart. Confirm you checked it is the same person (e.g. photo ID at the desk) first.',
      )
      .waitFor();
    await confirm
      .getByText('Appointments, notes, documents and referrals move to the kept record:')
      .waitFor();
    await confirm.getByText('0 referrals', { exact: true }).waitFor();
    expect(await seriousViolations(page), 'merge panel for the pair').toEqual([]);
    await confirm.getByRole('button', { name: 'Merge the records' }).click();
    await confirm
      .getByRole('alert')
      .getByText(/Tick “I checked it is the same person” first/)
      .waitFor();
    const [unmerged] = await server.database.db.select().from(patients).where(eq(patients.id, onlineId));
    expect(unmerged!.mergedIntoId).toBeNull();
    await confirm.getByRole('checkbox', { name: 'I checked it is the same person' }).check();
    await confirm.getByRole('button', { name: 'Merge the records' }).click();
    await page.getByText(/^Merged\./).waitFor();
    await page.getByText(/The online account is now linked to this record\./).waitFor();
    await page
      .getByRole('region', { name: 'Possible duplicate record', exact: true })
      .waitFor({ state: 'detached' });

    const [online] = await server.database.db.select().from(patients).where(eq(patients.id, onlineId));
    expect(online!.mergedIntoId).toBe(existingId);
    const merged = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.merged'), eq(auditLog.patientId, onlineId)));
    expect(merged).toHaveLength(1);
    expect(merged[0]!.details).toMatchObject({ identityConfirmed: true });

    await page.goto(`${server.url}/`);
    await heading(page, 'Welcome, Fran').waitFor();
    await page.getByRole('region', { name: 'Possible duplicate records' }).waitFor({ state: 'detached' });
    const left = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.action, 'patient.possible_duplicates.read')));
    expect(left.length).toBeGreaterThan(1);
    await page.context().close();
  });
});
