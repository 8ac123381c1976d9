import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, outcomeAdministrations } from '../../src/db/schema/index.ts';
import { LAYOUT } from '../../web/src/features/body-chart/geometry.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { seedPatient, seedReferral } from './clinical-support.ts';
import { type Api, clinicWithOwner, settled } from './patients-support.ts';
import { heading, launchBrowser, OWNER, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let page: Page;
let patientId: string;
let api: Api;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const setup = await clinicWithOwner(browser, server);
  clinicId = setup.clinicId;
  api = setup.api;
  patientId = await seedPatient(setup.api, clinicId, { first: 'Rosa', last: 'Delgado' });
  await seedReferral(server, clinicId, patientId);
  page = await setup.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The content of the patient's (one) draft evaluation, as stored. */
async function storedContent() {
  const [row] = await server.database.db
    .select()
    .from(assessments)
    .where(and(eq(assessments.clinicId, clinicId), eq(assessments.patientId, patientId)));
  return row?.content;
}

const storedTriggerPoints = async () =>
  ((await storedContent()) as { palpation?: { triggerPoints?: unknown } } | undefined)?.palpation
    ?.triggerPoints;

describe('initial evaluation with the body chart and an outcome measure', () => {
  it('is started from the chart, autosaves, and the body chart works with the keyboard', async () => {
    await page.goto(`${server.url}/patients/${patientId}`);
    await heading(page, 'Rosa Delgado').waitFor();
    const links = page.getByRole('navigation', { name: 'Treatment records' });
    for (const name of [
      'New session note',
      'New evaluation',
      'Plan of care',
      'Outcomes',
      'Body chart history',
    ])
      await links.getByRole('link', { name }).waitFor();
    await links.getByRole('link', { name: 'New evaluation' }).click();
    await heading(page, 'Evaluations').waitFor();
    await page.getByRole('button', { name: 'Start initial evaluation' }).click();
    await heading(page, /^Initial evaluation — /).waitFor();
    await settled(page);

    await page.getByLabel('Posture', { exact: true }).fill('Forward head, right shoulder elevated');
    await page.getByText(/^Saved at \d{1,2}:\d\d [AP]M/).waitFor();

    // Emptying a field clears it: after a reload it is still empty, the other field kept.
    await page.getByLabel('Gait', { exact: true }).fill('Antalgic');
    await expect.poll(storedContent).toMatchObject({ gait: 'Antalgic' });
    await page.getByLabel('Gait', { exact: true }).fill('');
    await expect.poll(storedContent).toEqual({ posture: 'Forward head, right shoulder elevated' });
    await page.reload();
    await heading(page, /^Initial evaluation — /).waitFor();
    await settled(page);
    expect(await page.getByLabel('Gait', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Posture', { exact: true }).inputValue()).toBe(
      'Forward head, right shoulder elevated',
    );

    // Leaving at once loses nothing typed: not by going back to the chart, not by closing the tab.
    const evaluation = page.url();
    const tab = await page.context().newPage();
    await tab.goto(evaluation);
    await heading(tab, /^Initial evaluation — /).waitFor();
    await settled(tab);
    await tab.getByLabel('Gait', { exact: true }).fill('Antalgic, short right stride');
    await tab.getByRole('link', { name: 'Back to the chart' }).click();
    await expect.poll(storedContent).toMatchObject({ gait: 'Antalgic, short right stride' });
    await tab.goto(evaluation);
    await heading(tab, /^Initial evaluation — /).waitFor();
    await settled(tab);
    await tab.getByLabel('Functional limitations', { exact: true }).fill('Cannot sit through a meeting');
    await tab.close();
    await expect.poll(storedContent).toMatchObject({
      gait: 'Antalgic, short right stride',
      functionalLimitations: 'Cannot sit through a meeting',
    });

    // Keyboard: Tab from the last palpation field reaches the first body-chart region; Enter opens its dialog.
    await page.getByLabel('Palpation: notes').focus();
    let region: string | null = null;
    for (let i = 0; i < 5 && !region; i++) {
      await page.keyboard.press('Tab');
      region = await page.evaluate(() => document.activeElement?.getAttribute('data-region') ?? null);
    }
    expect(region).toBe('head');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Head and scalp' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Pain (0–10)').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    expect(await seriousViolations(page), 'evaluation page').toEqual([]);
  });

  it('records trigger points row by row: they autosave, one is removed, the other survives a reload', async () => {
    const section = page.getByRole('region', { name: 'Trigger points' });
    await section.getByText('No trigger points recorded.').waitFor();
    const focused = (label: string) =>
      section.getByLabel(label, { exact: true }).evaluate((e) => e === document.activeElement);

    // Adding a row moves focus to its region; every field's label names its row.
    await section.getByRole('button', { name: 'Add a trigger point' }).click();
    expect(await focused('Trigger point 1 Body region')).toBe(true);
    await section.getByLabel('Trigger point 1 Body region').selectOption('upper-trapezius-right');
    await section.getByLabel('Trigger point 1 Muscle').fill('upper trapezius');
    await section.getByLabel('Trigger point 1 Referral pattern').fill('temple and behind the eye');
    await section.getByLabel('Trigger point 1 Active or latent').selectOption('active');
    expect(await section.getByText('No trigger points recorded.').count()).toBe(0);

    await section.getByRole('button', { name: 'Add a trigger point' }).click();
    expect(await focused('Trigger point 2 Body region')).toBe(true);
    // Not saved until it has a region, and the row says so.
    await section.getByText('Choose a region to save this trigger point.').waitFor();
    await section.getByLabel('Trigger point 2 Muscle').fill('gluteus medius');
    await section.getByLabel('Trigger point 2 Body region').selectOption('gluteal-left');
    await section.getByLabel('Trigger point 2 Referral pattern').fill('low back and sacrum');
    await section.getByLabel('Trigger point 2 Active or latent').selectOption('latent');
    const latent = {
      region: 'gluteal-left',
      muscle: 'gluteus medius',
      referralPattern: 'low back and sacrum',
      active: false,
    };
    await expect.poll(storedTriggerPoints).toEqual([
      {
        region: 'upper-trapezius-right',
        muscle: 'upper trapezius',
        referralPattern: 'temple and behind the eye',
        active: true,
      },
      latent,
    ]);

    await section.screenshot({ path: '/tmp/clinical-trigger-points-desktop.png' });

    // Remove the first: focus moves to the row that took its place, the list stored is replaced.
    await section.getByRole('button', { name: 'Remove trigger point 1' }).click();
    expect(await focused('Trigger point 1 Body region')).toBe(true);
    expect(await section.getByLabel('Trigger point 1 Muscle').inputValue()).toBe('gluteus medius');
    await expect.poll(storedTriggerPoints).toEqual([latent]);
    await page.getByText(/^Saved at/).waitFor();

    await page.reload();
    await heading(page, /^Initial evaluation — /).waitFor();
    await settled(page);
    expect(await section.getByLabel('Trigger point 1 Body region').inputValue()).toBe('gluteal-left');
    expect(await section.getByLabel('Trigger point 1 Muscle').inputValue()).toBe('gluteus medius');
    expect(await section.getByLabel('Trigger point 1 Referral pattern').inputValue()).toBe(
      'low back and sacrum',
    );
    expect(await section.getByLabel('Trigger point 1 Active or latent').inputValue()).toBe('latent');
    expect(await section.getByLabel('Trigger point 2 Muscle').count()).toBe(0);
    // The API answers the same list.
    const assessmentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const fromApi = await api.call<{ content: { palpation?: { triggerPoints?: unknown } } }>(
      'GET',
      `/api/clinics/${clinicId}/patients/${patientId}/assessments/${assessmentId}`,
    );
    expect(fromApi.content.palpation?.triggerPoints).toEqual([latent]);

    expect(await seriousViolations(page), 'evaluation page with trigger points').toEqual([]);
  });

  it('marks pain 7 on a region, scores NPRS, signs, and the database holds it', async () => {
    await page.getByRole('button', { name: 'Low back', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Low back' });
    await dialog.getByLabel('Pain (0–10)').selectOption('7');
    await dialog.getByLabel('Tension').check();
    await dialog.getByLabel('Note').fill('Worse after sitting');
    await dialog.getByRole('button', { name: 'Save finding' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The region now says what it holds, in words as well as colour.
    await page.getByRole('button', { name: 'Low back: Pain 7/10, Tension', exact: true }).waitFor();
    await page.getByRole('list', { name: 'Body chart: findings' }).getByText('Low back').waitFor();
    expect(await page.locator('[data-region="low-back"]').first().getAttribute('class')).toContain(
      'bc-pain-high',
    );

    // ROM with the normal value, its source and percent of normal as you type.
    await page.getByRole('button', { name: 'Add a measurement' }).click();
    await page.getByLabel('Joint and motion').selectOption('lumbar.flexion');
    await page.getByLabel('Measured (degrees)').fill('30');
    await page.getByText(/Normal 60° \(Commonly cited\) · 50 % of normal · limited/).waitFor();

    await page.getByLabel(/^1\. Rate your pain/).selectOption('6');
    await page.getByRole('button', { name: 'Score NPRS' }).click();
    // Scored: the result is listed once (with the evaluation's measures) and the form says it was recorded,
    // instead of offering the emptied questionnaire again; the focus is on that confirmation.
    const administer = page.getByRole('form', { name: 'Administer an outcome measure' });
    const recorded = administer.getByText('NPRS recorded with this evaluation: its result is listed above.');
    await recorded.waitFor();
    expect(await page.getByText('NPRS score 6').count()).toBe(1);
    expect(await administer.getByRole('button', { name: 'Score NPRS' }).count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('NPRS recorded');
    // Scoring again is a choice: the form comes back, its focus on the measure to choose.
    await administer.getByRole('button', { name: 'Score another measure' }).click();
    await expect
      .poll(() => administer.getByLabel('Outcome measure').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.getByText(/^Saved at/).waitFor();

    await page.getByLabel('Type your full name to sign').fill(OWNER.name);
    await page.getByRole('button', { name: 'Sign evaluation' }).click();
    await page.getByText('Signed — read-only').waitFor();
    await page.getByText(/signed .* as “Olivia Owner”/).waitFor();

    const [row] = await server.database.db
      .select()
      .from(assessments)
      .where(and(eq(assessments.clinicId, clinicId), eq(assessments.patientId, patientId)));
    expect(row!.status).toBe('signed');
    expect(row!.kind).toBe('initial');
    const content = row!.content as Record<string, unknown>;
    expect(content.posture).toBe('Forward head, right shoulder elevated');
    expect(content.bodyChart).toEqual(
      expect.arrayContaining([
        { region: 'low-back', kind: 'pain', intensity: 7, note: 'Worse after sitting' },
        { region: 'low-back', kind: 'tension', note: 'Worse after sitting' },
      ]),
    );
    expect(content.rom).toEqual([{ jointMotion: 'lumbar.flexion', value: 30 }]);
    expect((content.palpation as Record<string, unknown>).triggerPoints).toEqual([
      {
        region: 'gluteal-left',
        muscle: 'gluteus medius',
        referralPattern: 'low back and sacrum',
        active: false,
      },
    ]);
    // The signed, read-only evaluation lists it in words.
    const points = page.getByRole('region', { name: 'Trigger points' });
    await points
      .getByRole('listitem')
      .filter({ hasText: 'Left buttock (gluteal) — gluteus medius; refers to low back and sacrum' })
      .getByText('Latent')
      .waitFor();

    // An amendment recorded, then a second one refused: the earlier success goes, and the refusal is said in
    // sentences beside the button, with the focus on it (in view on a tablet).
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByText('Amend (correct) this record').click();
    await page.getByLabel('Field to correct').selectOption('posture');
    await page.getByLabel('Corrected value').fill('Forward head, left shoulder elevated');
    await page.getByLabel('Reason for the amendment').fill('Wrong side written');
    await page.getByRole('button', { name: 'Record amendment' }).click();
    const success = page.getByText('Amendment recorded. The original stays visible.');
    await success.waitFor();
    await page.getByLabel('Reason for the amendment').fill('Same again by mistake');
    await page.getByRole('button', { name: 'Record amendment' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The amendment changes nothing.' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      'The amendment changes nothing. No field differs from the record.',
    );
    expect(await success.count()).toBe(0);
    await expect.poll(() => refusal.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await refusal.isVisible()).toBe(true);
    const [button, alert] = await Promise.all([
      page.getByRole('button', { name: 'Record amendment' }).boundingBox(),
      refusal.boundingBox(),
    ]);
    expect(alert!.y).toBeGreaterThan(button!.y);
    await page.setViewportSize({ width: 1280, height: 900 });
    const outcomes = await server.database.db
      .select()
      .from(outcomeAdministrations)
      .where(eq(outcomeAdministrations.assessmentId, row!.id));
    expect(outcomes.map((o) => [o.instrumentId, o.score])).toEqual([['nprs', 6]]);
  });

  it('draws the body chart without sideways scrolling on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/patients/${patientId}/outcomes`);
    await heading(page, 'Outcome measures').waitFor();
    await settled(page);
    await page.getByRole('cell', { name: 'Baseline' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    // A table wider than the phone scrolls in its own region, which a keyboard can focus to scroll it.
    const scores = page.getByRole('region', { name: /scores$/ }).first();
    await scores.focus();
    expect(await scores.evaluate((el) => el === document.activeElement)).toBe(true);
    // The trend chart is drawn for the eye only (the table says it in words): nothing in it takes focus.
    await page.locator('.trend-chart svg').first().waitFor();
    expect(await seriousViolations(page), 'outcomes page').toEqual([]);
    await page.goto(`${server.url}/patients/${patientId}/assessments/new`);
    await page
      .getByRole('button', { name: 'Start re-evaluation' })
      .or(page.getByRole('button', { name: /^Start/ }))
      .first()
      .click();
    await heading(page, /^(Initial evaluation|Re-evaluation) — /).waitFor();
    await settled(page);
    // A trigger-point row stacks its fields on a phone.
    await page.getByRole('button', { name: 'Add a trigger point' }).click();
    const muscle = await page.getByLabel('Trigger point 1 Muscle').boundingBox();
    expect(muscle!.width).toBeGreaterThan(250);
    await page
      .getByRole('region', { name: 'Trigger points' })
      .screenshot({ path: '/tmp/clinical-trigger-points-375.png' });
    // Every region of the body chart is a tap target of at least 24 × 24 px on the phone (WCAG 2.5.8).
    const smallTargets = await page.$$eval('[data-region][role="button"]', (regions) =>
      regions
        .map((r) => ({ region: r.getAttribute('data-region'), box: r.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ region, box }) => `${region} ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(smallTargets).toEqual([]);
    expect(await page.locator('[data-region][role="button"]').count()).toBe(
      Object.keys(LAYOUT.front).length + Object.keys(LAYOUT.back).length,
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/clinical-eval-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('.body-chart').first().screenshot({ path: '/tmp/clinical-bodychart-desktop.png' });

    // This draft was only to look at the layout: its author discards it, after a second yes.
    const draftId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('button', { name: 'Discard this draft…' }).click();
    await page.getByRole('button', { name: 'Discard the draft' }).click();
    await heading(page, 'Rosa Delgado').waitFor();
    await page.getByText('The draft evaluation was discarded.').waitFor();
    expect(await server.database.db.select().from(assessments).where(eq(assessments.id, draftId))).toEqual(
      [],
    );
  });
});
