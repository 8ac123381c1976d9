import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clinicalAmendments,
  outcomeAdministrations,
  sessionNotes,
  treatmentPlanDrafts,
  treatmentPlans,
  treatmentPlanVersions,
} from '../../src/db/schema/index.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { daysFromNow, seedPatient, seedReferral } from './clinical-support.ts';
import { clinicWithOwner, settled } from './patients-support.ts';
import { describedText, heading, launchBrowser, OWNER, pageWidth, seriousViolations } from './support.ts';

let server: TestServer;
let browser: Browser;
let clinicId: string;
let page: Page;
let patientId: string;
let api: Awaited<ReturnType<typeof clinicWithOwner>>['api'];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const setup = await clinicWithOwner(browser, server);
  clinicId = setup.clinicId;
  api = setup.api;
  patientId = await seedPatient(api, clinicId, { first: 'Dev', last: 'Patel' }, { dvtLeftCalf: true });
  await seedReferral(server, clinicId, patientId);
  page = await setup.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function fillPlan() {
  await page.getByRole('button', { name: 'New plan' }).click();
  const form = page.getByRole('form', { name: 'New plan of care' });
  await form.waitFor();
  await form.getByLabel('Problem 1').fill('Left calf tightness limits walking');
  await form.getByLabel('Goal in the patient’s words').fill('Walk the dog for 30 minutes');
  // The referral's technique and region are the defaults: deep tissue on the left calf.
  expect(await form.getByLabel('Deep tissue massage').isChecked()).toBe(true);
  await form.getByRole('list', { name: 'Body regions: chosen' }).getByText('Left calf').waitFor();
  return form;
}

/** The plan and pain parts of the patient's (one) session note, as stored. */
async function storedPlanAndPain() {
  const [row] = await server.database.db
    .select()
    .from(sessionNotes)
    .where(eq(sessionNotes.patientId, patientId));
  const content = row?.content as { plan?: unknown; pain?: unknown } | undefined;
  return { plan: content?.plan, pain: content?.pain };
}

/** The questionnaires begun in the patient's draft note, as stored. */
async function storedQuestionnaires() {
  const [row] = await server.database.db
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.patientId, patientId), eq(sessionNotes.status, 'draft')));
  return (row?.content as { questionnaires?: unknown } | undefined)?.questionnaires;
}

/** The patient's NDI administrations (scored), by the note they were given in. */
async function ndiAdministrations() {
  const rows = await server.database.db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(eq(outcomeAdministrations.patientId, patientId), eq(outcomeAdministrations.instrumentId, 'ndi')),
    );
  return rows.map((r) => r.sessionNoteId);
}

describe('plan of care and session notes', () => {
  it('blocks deep tissue on the left calf of a patient with a DVT until a clearance is recorded', async () => {
    await page.goto(`${server.url}/patients/${patientId}/plan`);
    await heading(page, 'Plan of care').waitFor();
    await settled(page);
    // A problem is said beside its field, in words; the first one takes the focus.
    await page.getByRole('button', { name: 'New plan' }).click();
    let form = page.getByRole('form', { name: 'New plan of care' });
    await form.getByLabel('Session length (30–90 minutes)').fill('120');
    await form.getByRole('button', { name: 'Save plan' }).click();
    await expect.poll(() => describedText(page, 'Problem 1')).toBe('Write at least one problem');
    expect(await describedText(page, 'Session length (30–90 minutes)')).toBe('Between 30 and 90');
    expect(await form.getByLabel('Problem 1').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousViolations(page), 'plan form with errors').toEqual([]);
    await form.getByLabel('Session length (30–90 minutes)').fill('60');
    expect(await describedText(page, 'Session length (30–90 minutes)')).toBe('');
    await form.getByRole('button', { name: 'Close' }).click();
    await page.getByText('Your draft is kept: it opens again when you come back to this plan.').waitFor();

    form = await fillPlan();
    expect(await seriousViolations(page), 'plan form').toEqual([]);
    // The form saves itself as the author's draft while it is written: a reload (or a closed tab) loses nothing.
    await form.getByText(/^Saved at /).waitFor();
    await page.reload();
    await heading(page, 'Plan of care').waitFor();
    await page.getByText(/^Your unsaved draft of a new plan, from /).waitFor();
    await page.getByRole('button', { name: 'Continue the draft' }).click();
    form = page.getByRole('form', { name: 'New plan of care' });
    await form.getByText(/^Your draft from .* is restored/).waitFor();
    expect(await form.getByLabel('Problem 1').inputValue()).toBe('Left calf tightness limits walking');
    expect(await form.getByLabel('Goal in the patient’s words').inputValue()).toBe(
      'Walk the dog for 30 minutes',
    );
    await form.getByRole('button', { name: 'Save plan' }).click();
    const refusal = page
      .getByRole('alert')
      .filter({ hasText: 'This plan version was not saved: the patient’s health rules out part of it.' });
    await refusal.getByText('Blocked: Deep tissue massage on Left calf').waitFor();
    // The autosaved draft is kept, and said so without reading as if the plan had been saved.
    await form.getByText(/^Your draft is kept.*, but no new plan version was saved/).waitFor();
    expect(await form.getByText(/^Saved at /).count()).toBe(0);
    expect(
      await server.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.patientId, patientId)),
    ).toEqual([]);

    await refusal.getByRole('link', { name: 'Record a clearance for this' }).click();
    const clearance = page.getByRole('form', { name: 'Record a physician clearance' });
    await clearance.waitFor();
    await clearance.getByRole('radio', { name: 'Cleared', exact: true }).check();
    await clearance.getByRole('checkbox').first().check();
    await clearance.getByLabel('Physician', { exact: true }).fill('Dr. Helen Park, MD');
    await clearance.getByLabel('Note (optional)').fill('Clot resolved on ultrasound');
    await clearance.getByRole('button', { name: 'Record the answer' }).click();
    await page.getByText('Clearance on file').first().waitFor();

    await page.goto(`${server.url}/patients/${patientId}/plan`);
    await heading(page, 'Plan of care').waitFor();
    await settled(page);
    form = await fillPlan();
    await form.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('Plan saved (version 1).').waitFor();
    await page.getByText('Awaiting the physician’s signature').waitFor();
    await page
      .getByText(/^Certification due by [A-Z][a-z]{2} \d{1,2}, \d{4}, 30 days after the start\.$/)
      .waitFor();
    const plans = await server.database.db
      .select()
      .from(treatmentPlans)
      .where(eq(treatmentPlans.patientId, patientId));
    expect(plans).toHaveLength(1);
    // Saved, the plan leaves no draft behind.
    expect(
      await server.database.db
        .select()
        .from(treatmentPlanDrafts)
        .where(eq(treatmentPlanDrafts.patientId, patientId)),
    ).toEqual([]);
    // The plan books its own sessions: the series page opens with its referral, frequency and weeks.
    await page.getByRole('link', { name: 'Book the sessions' }).click();
    await page.getByRole('heading', { level: 1, name: /^Book a series · / }).waitFor();
    // The referral and the plan load after the heading: wait for them.
    await expect.poll(() => page.getByLabel('Referral').inputValue()).toBe(plans[0]!.referralId);
    const [version] = await server.database.db
      .select()
      .from(treatmentPlanVersions)
      .where(eq(treatmentPlanVersions.planId, plans[0]!.id));
    await expect.poll(() => page.getByLabel('Weeks').inputValue()).toBe(String(version!.durationWeeks));
    await expect.poll(() => page.locator('.series-time').count()).toBe(version!.frequencyPerWeek);
  });

  it('writes a note fast (Enter adds a row), signs it, then amends it with the original shown', async () => {
    await page.goto(`${server.url}/patients/${patientId}`);
    await page
      .getByRole('navigation', { name: 'Treatment records' })
      .getByRole('link', { name: 'New session note' })
      .click();
    await heading(page, 'Session notes').waitFor();
    await page.getByRole('button', { name: 'Blank note' }).click();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    // The patient's safety flags are in sight before any treatment is written.
    const flags = page.getByRole('region', { name: /^Safety flags/ });
    await flags
      .getByText(/Blood clot|DVT/)
      .first()
      .waitFor();

    await page.getByLabel('Pain just before treatment (0–10)').selectOption('6');
    await page.getByLabel('Complaint today').fill('Calf tight after long drive');
    await page.getByLabel('Pain medication since the last visit').selectOption('less');
    await page.getByRole('button', { name: 'Add a treatment row' }).click();
    await page.getByLabel('Technique', { exact: true }).first().selectOption('swedish-massage');
    await page.getByLabel('Region', { exact: true }).first().selectOption('low-back');
    await page.getByLabel('Minutes', { exact: true }).first().fill('20');
    await page.getByLabel('Minutes', { exact: true }).first().press('Enter');
    // Enter added a row and moved focus to its technique.
    expect(
      await page
        .getByLabel('Technique', { exact: true })
        .nth(1)
        .evaluate((e) => e === document.activeElement),
    ).toBe(true);
    await page.getByLabel('Technique', { exact: true }).nth(1).selectOption('myofascial-release');
    await page.getByLabel('Region', { exact: true }).nth(1).selectOption('upper-back');
    await page.getByLabel('Minutes', { exact: true }).nth(1).fill('15');
    await page.getByText('Total: 35 minutes').waitFor();
    await page.getByText(/^Saved: 35 minutes in total · timed: 97124 20 min, 97140 15 min/).waitFor();
    // A row not complete says what it needs, is not counted, and keeps the note from being signed.
    await page.getByLabel('Minutes', { exact: true }).nth(1).press('Enter');
    const third = page.getByRole('group', { name: 'Treatment row 3' });
    await third.getByLabel('Technique', { exact: true }).selectOption('myofascial-release');
    await third.getByLabel('Region', { exact: true }).selectOption('');
    await third.getByLabel('Minutes', { exact: true }).fill('10');
    await third.getByText('Not saved yet: choose a region.').waitFor();
    await page.getByText('Total: 35 minutes (not counting the row not yet complete)').waitFor();
    const incomplete = page.getByText(
      'A row is not complete, so not saved: complete or remove it before signing.',
    );
    await incomplete.waitFor();
    await page.getByRole('button', { name: 'Remove treatment row 3' }).click();
    await incomplete.waitFor({ state: 'detached' });
    await page.getByText('Total: 35 minutes', { exact: true }).waitFor();
    // Beside the menu on a tablet the rows stack rather than cut the minutes to one digit.
    await page.setViewportSize({ width: 820, height: 1180 });
    expect((await page.getByLabel('Minutes', { exact: true }).first().boundingBox())!.width).toBeGreaterThan(
      80,
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Pain just after treatment (0–10)').selectOption('3');
    await page.getByLabel('Progress on goal 1').selectOption('progressing');
    await page.getByText(/^Saved at/).waitFor();
    expect(await seriousViolations(page), 'note page').toEqual([]);

    // Emptying a field clears it: it stays empty after a reload (and in the database).
    await page.getByLabel('Next focus').fill('Gluteals and hip flexors');
    await expect
      .poll(storedPlanAndPain)
      .toEqual({ plan: { nextFocus: 'Gluteals and hip flexors' }, pain: { before: 6, after: 3 } });
    await page.getByLabel('Next focus').fill('');
    await page.getByLabel('Pain just before treatment (0–10)').selectOption('');
    await expect.poll(storedPlanAndPain).toEqual({ plan: {}, pain: { after: 3 } });
    await page.reload();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    expect(await page.getByLabel('Complaint today').inputValue()).toBe('Calf tight after long drive');
    expect(await page.getByLabel('Next focus').inputValue()).toBe('');
    expect(await page.getByLabel('Pain just before treatment (0–10)').inputValue()).toBe('');
    expect(await page.getByLabel('Pain just after treatment (0–10)').inputValue()).toBe('3');

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/clinical-note-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: '/tmp/clinical-note-desktop.png', fullPage: true });

    await page.getByLabel('Type your full name to sign').fill(OWNER.name);
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page.getByText('Signed — read-only').waitFor();
    await expect
      .poll(
        async () =>
          (
            await server.database.db.select().from(sessionNotes).where(eq(sessionNotes.patientId, patientId))
          )[0]?.status,
      )
      .toBe('signed');
    // The signed note reads in SOAP order, the goal rated in words under Assessment.
    const sections = await page.locator('.record-view > section > h2').allTextContents();
    expect(sections.slice(0, 3)).toEqual(['Subjective', 'Treatment', 'Assessment']);
    await page
      .getByRole('region', { name: 'Assessment' })
      .getByText(/“Walk the dog for 30 minutes” by .+: Progressing/)
      .waitFor();
    const subjective = page.getByRole('region', { name: 'Subjective' });
    await subjective.getByText('Pain medication since the last visit').waitFor();
    await subjective.getByText('Less than before').waitFor();
    await page.getByRole('region', { name: 'Subjective' }).getByText('Calf tight after long drive').waitFor();

    await page.getByText('Amend (correct) this record').click();
    await page.getByLabel('Field to correct').selectOption('subjective.complaint');
    expect(await page.getByLabel('Corrected value').inputValue()).toBe('Calf tight after long drive');
    await page.getByLabel('Corrected value').fill('Low back tight after a long drive');
    await page.getByLabel('Reason for the amendment').fill('Wrong region written');
    await page.getByRole('button', { name: 'Record amendment' }).click();
    const amendments = page.getByRole('region', { name: 'Amendments' });
    await amendments.getByText(/Olivia Owner, .* — reason: Wrong region written/).waitFor();
    await amendments.getByText('Original: Calf tight after long drive').waitFor();
    await amendments.getByText('Corrected: Low back tight after a long drive').waitFor();
    // The note itself now reads as corrected, marked amended.
    await page.getByText('Low back tight after a long drive').first().waitFor();
    await page.getByText('Amended', { exact: true }).waitFor();
    // A multiple choice is corrected by ticking, and reads in words.
    await page.getByLabel('Field to correct').selectOption('treatment.position');
    await page.getByRole('group', { name: 'Corrected position' }).getByLabel('Seated').check();
    await page.getByLabel('Reason for the amendment').fill('Treated seated too');
    await page.getByRole('button', { name: 'Record amendment' }).click();
    await amendments.getByText(/Corrected: .*Seated/).waitFor();

    const [note] = await server.database.db
      .select()
      .from(sessionNotes)
      .where(eq(sessionNotes.patientId, patientId));
    expect((note!.content as { subjective: { complaint: string } }).subjective.complaint).toBe(
      'Calf tight after long drive',
    );
    expect(note!.totalMinutes).toBe(35);
    const rows = await server.database.db
      .select()
      .from(clinicalAmendments)
      .where(eq(clinicalAmendments.sessionNoteId, note!.id));
    expect(rows.map((r) => r.reason).sort()).toEqual(['Treated seated too', 'Wrong region written']);
  });

  it('keeps a half-answered questionnaire with the draft note: it comes back, and signing waits for its score', async () => {
    await page.goto(`${server.url}/patients/${patientId}/notes/new`);
    await heading(page, 'Session notes').waitFor();
    await page.getByRole('button', { name: 'Blank note' }).click();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    const noteUrl = page.url();
    await page.getByLabel('Complaint today').fill('Neck stiff in the mornings');
    const form = page.getByRole('form', { name: 'Administer an outcome measure' });
    await form.getByLabel('Outcome measure').selectOption('ndi');
    await form.getByLabel('Item 1 — pain intensity').selectOption('2');
    await form.getByLabel('Item 2 — personal care').selectOption('3');
    await form.getByText('Started, not scored yet (kept with this draft): NDI (2 of 10 answered).').waitFor();
    // Said beside the sign button, as an incomplete treatment row is.
    const blocked = page.locator('.sign-panel').getByRole('status').filter({
      hasText:
        'NDI is started but not scored, so not recorded: score it or clear its answers before signing.',
    });
    await blocked.waitFor();
    // The answers so far autosave with the draft; nothing is recorded as an outcome.
    await expect.poll(storedQuestionnaires).toEqual([{ instrumentId: 'ndi', answers: { q1: 2, q2: 3 } }]);
    expect(await ndiAdministrations()).toEqual([]);
    expect(await seriousViolations(page), 'note with a questionnaire begun').toEqual([]);

    // A reload (a closed tab) continues where the therapist stopped.
    await page.reload();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    expect(await form.getByLabel('Outcome measure').inputValue()).toBe('ndi');
    expect(await form.getByLabel('Item 1 — pain intensity').inputValue()).toBe('2');
    expect(await form.getByLabel('Item 2 — personal care').inputValue()).toBe('3');
    expect(await form.getByLabel('Item 3 — lifting').inputValue()).toBe('');
    await blocked.waitFor();

    // So does leaving for another page of the app and coming back.
    await form.getByLabel('Item 3 — lifting').selectOption('1');
    await page.getByRole('link', { name: 'Back to the chart' }).click();
    await expect
      .poll(storedQuestionnaires)
      .toEqual([{ instrumentId: 'ndi', answers: { q1: 2, q2: 3, q3: 1 } }]);
    await page.goBack();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    expect(page.url()).toBe(noteUrl);
    expect(await form.getByLabel('Item 3 — lifting').inputValue()).toBe('1');

    // Signing waits for the score.
    await page.getByLabel('Type your full name to sign').fill(OWNER.name);
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page.getByRole('alert').filter({ hasText: 'NDI is started but not scored' }).waitFor();
    expect(await storedQuestionnaires()).toEqual([{ instrumentId: 'ndi', answers: { q1: 2, q2: 3, q3: 1 } }]);

    // Completed and scored, it is recorded with the note and leaves the draft; then the note signs.
    const rest = ['reading', 'headaches', 'concentration', 'work', 'driving', 'sleeping', 'recreation'];
    for (const [i, domain] of rest.entries())
      await form.getByLabel(`Item ${i + 4} — ${domain}`, { exact: true }).selectOption(String(i % 3));
    await form.getByRole('button', { name: 'Score NDI' }).click();
    await page
      .getByText(/^NDI score /)
      .first()
      .waitFor();
    await blocked.waitFor({ state: 'detached' });
    await expect.poll(storedQuestionnaires).toBeUndefined();
    const [note] = await server.database.db
      .select()
      .from(sessionNotes)
      .where(and(eq(sessionNotes.patientId, patientId), eq(sessionNotes.status, 'draft')));
    expect(await ndiAdministrations()).toEqual([note!.id]);
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page.getByText('Signed — read-only').waitFor();
  });
  it('says on the plan and beside each note row what the patient’s health now rules out or asks care for', async () => {
    // Deep tissue on the clot's calf, cleared by the physician, planned; then the patient reports a blood thinner,
    // which rules deep work out whatever a physician writes.
    const id = await seedPatient(api, clinicId, { first: 'Mia', last: 'Lind' }, { dvtLeftCalf: true });
    const referralId = await seedReferral(server, clinicId, id);
    const patient = `/api/clinics/${clinicId}/patients/${id}`;
    await api.call('POST', `${patient}/safety/clearances`, {
      ruleIds: ['dvt-limb'],
      physicianName: 'Dr. Helen Park, MD',
      clearedOn: daysFromNow(-1),
    });
    await api.call('POST', `${patient}/plans`, {
      referralId,
      problems: ['Left calf tightness limits walking'],
      goals: [{ kind: 'functional', patientWords: 'Walk the dog for 30 minutes', dueDate: daysFromNow(42) }],
      techniques: ['deep-tissue-massage'],
      regions: ['calf-left'],
      frequencyPerWeek: 1,
      durationWeeks: 6,
      plannedVisits: 6,
      sessionMinutes: 60,
      startDate: daysFromNow(0),
      reEvaluationDate: daysFromNow(30),
    });
    const intake = await api.call<{ id: string }>('POST', `${patient}/intakes`);
    const { consent } = await api.call<{ consent: { version: string; textHash: string } }>(
      'GET',
      '/api/intake/questionnaire',
    );
    await api.call('POST', `${patient}/intakes/${intake.id}/submit`, {
      answers: {
        conditions: checklistWith([{ code: 'dvt', site: ['calf-left'], onset: daysFromNow(-20) }]),
        medications: [{ class: 'anticoagulant', name: 'Apixaban' }],
        allergies: [],
        surgeries: [],
        pregnancy: { pregnant: false },
        implants: [],
        pain: { level: 5, regions: ['low-back'] },
        goals: 'Walk the dog again',
        pressurePreference: 'moderate',
        consent: {
          agreed: true,
          typedName: 'Mia Lind',
          textVersion: consent.version,
          textHash: consent.textHash,
        },
      },
    });

    await page.goto(`${server.url}/patients/${id}/plan`);
    await heading(page, 'Plan of care').waitFor();
    await settled(page);
    const conflict = page.getByRole('alert').filter({ hasText: 'now rules out part of this plan' });
    // Each flag, then what of the plan it rules out, then whether a clearance can lift it.
    await conflict.getByText(/^Blood thinner .*In the plan: Deep tissue massage on Left calf\./).waitFor();
    await conflict.getByText('A physician clearance cannot lift this.').waitFor();
    await conflict
      .getByText('Change the plan: a physician clearance cannot lift this restriction.')
      .waitFor();
    // No clearance is offered where none can lift the restriction (the note editor says the same below).
    expect(await conflict.getByRole('link').count()).toBe(0);
    await page.getByText('Conflicts with a safety flag').first().waitFor();
    expect(await seriousViolations(page), 'plan ruled out by a later health fact').toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/clinical-plan-conflict-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${server.url}/patients/${id}/notes/new`);
    await heading(page, 'Session notes').waitFor();
    await page.getByRole('button', { name: 'Blank note' }).click();
    await heading(page, /^Session note — /).waitFor();
    await settled(page);
    await page.getByLabel('Complaint today').fill('Calf tight after a long walk');
    await page.getByRole('button', { name: 'Add a treatment row' }).click();
    const first = page.getByRole('group', { name: 'Treatment row 1' });
    await first.getByLabel('Technique', { exact: true }).selectOption('swedish-massage');
    await first.getByLabel('Region', { exact: true }).selectOption('low-back');
    await first.getByLabel('Minutes', { exact: true }).fill('20');
    await first.getByLabel('Pressure', { exact: true }).selectOption('light');
    // Outside the plan and the referral: said at once, and the row is still charted.
    await first
      .getByText('Not in the plan of care or on the referral: Swedish (relaxation) massage, Low back.')
      .waitFor();
    await first.getByLabel('Minutes', { exact: true }).press('Enter');
    const second = page.getByRole('group', { name: 'Treatment row 2' });
    await second.getByLabel('Technique', { exact: true }).selectOption('deep-tissue-massage');
    await second.getByLabel('Region', { exact: true }).selectOption('calf-left');
    await second.getByLabel('Minutes', { exact: true }).fill('10');
    await second.getByLabel('Pressure', { exact: true }).selectOption('deep');
    await second.getByText(/^Ruled out Blood thinner/).waitFor();
    // Light pressure is all the blood thinner asks: the light row, screened with the deep one, is not marked.
    expect(await first.getByText(/^Caution Blood thinner/).count()).toBe(0);
    // Heat is screened as a hot pack: ruled out beside Hot / cold.
    await page.getByLabel('Hot / cold', { exact: true }).selectOption('heat');
    const hotCold = page.getByRole('status', { name: 'Screening of hot / cold' });
    await hotCold.getByText('Ruled out Blood thinner (anticoagulant), Apixaban: no hot packs.').waitFor();
    await page.getByLabel('Hot / cold', { exact: true }).selectOption('none');
    await hotCold.getByText(/^Ruled out/).waitFor({ state: 'detached' });
    const ruledOut = page
      .getByRole('alert')
      .filter({ hasText: 'The screening rules out part of this treatment' });
    await ruledOut
      .getByText('Change the treatment: a physician clearance cannot lift this restriction.')
      .waitFor();
    expect(await ruledOut.getByRole('link').count()).toBe(0);
    expect(await seriousViolations(page), 'note rows with cautions').toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/clinical-note-rows-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Without the ruled-out row the note signs: a caution and unplanned work do not stop it.
    await page.getByRole('button', { name: 'Remove treatment row 2' }).click();
    await ruledOut.waitFor({ state: 'detached' });
    await page.getByText(/^Saved at/).waitFor();
    await page.getByLabel('Type your full name to sign').fill(OWNER.name);
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page.getByText('Signed — read-only').waitFor();
  });

  it('corrects a signed note’s progress per goal and health changes, and records why ruled-out treatment was given', async () => {
    // A clot in the left calf, no clearance: any work on the left calf is ruled out.
    const id = await seedPatient(api, clinicId, { first: 'Kai', last: 'Berg' }, { dvtLeftCalf: true });
    const patient = `/api/clinics/${clinicId}/patients/${id}`;
    const plan = await api.call<{ id: string; current: { goals: { id: string }[] } }>(
      'POST',
      `${patient}/plans`,
      {
        problems: ['Low back stiffness limits sitting'],
        goals: [
          { kind: 'functional', patientWords: 'Sit through a two-hour meeting', dueDate: daysFromNow(42) },
        ],
        techniques: ['myofascial-release'],
        regions: ['low-back'],
        frequencyPerWeek: 1,
        durationWeeks: 6,
        plannedVisits: 6,
        sessionMinutes: 60,
        startDate: daysFromNow(0),
        reEvaluationDate: daysFromNow(30),
      },
    );
    const back = { techniqueId: 'myofascial-release', region: 'low-back', minutes: 30, pressure: 'moderate' };
    const created = await api.call<{ id: string }>('POST', `${patient}/notes`, {
      planId: plan.id,
      content: {
        subjective: { complaint: 'Low back stiff after a long drive' },
        treatment: { rows: [back] },
        assessment: { goalProgress: [{ goalId: plan.current.goals[0]!.id, progress: 'progressing' }] },
      },
    });
    await api.call('POST', `${patient}/notes/${created.id}/sign`, { typedName: OWNER.name });

    await page.goto(`${server.url}/patients/${id}/notes/${created.id}`);
    await page.getByText('Signed — read-only').waitFor();
    await settled(page);
    await page.getByText('Amend (correct) this record').click();
    const field = page.getByLabel('Field to correct');
    const amendments = page.getByRole('region', { name: 'Amendments' });
    const reason = page.getByLabel('Reason for the amendment');

    // Progress per goal: one row per goal of the plan, starting from what the note says.
    await expect.poll(() => field.locator('option', { hasText: 'A: progress per goal' }).count()).toBe(1);
    await field.selectOption('assessment.goalProgress');
    const progress = page.getByRole('group', { name: 'Corrected progress per goal' });
    await progress.getByText(/^“Sit through a two-hour meeting” by /).waitFor();
    expect(await progress.getByLabel('Progress on goal 1').inputValue()).toBe('progressing');
    await progress.getByLabel('Progress on goal 1').selectOption('met');
    await progress.getByLabel('About goal 1 (optional)').fill('Sat through the Monday meeting');
    expect(await seriousViolations(page), 'amending progress per goal').toEqual([]);
    await reason.fill('Rated before the patient told us about Monday');
    await page.getByRole('button', { name: 'Record amendment', exact: true }).click();
    await amendments.getByText(/^Original: “Sit through a two-hour meeting” by .+: Progressing$/).waitFor();
    await amendments
      .getByText(
        /^Corrected: “Sit through a two-hour meeting” by .+: Met \(Sat through the Monday meeting\)$/,
      )
      .waitFor();
    await page
      .getByRole('region', { name: 'Assessment' })
      .getByText(/: Met — Sat through the Monday meeting$/)
      .waitFor();

    // Health changes: yes or no, and what changed.
    await field.selectOption('subjective.healthChanges');
    const health = page.getByRole('group', { name: 'Corrected health changes' });
    await health.getByLabel(/^Health changes since the last visit/).selectOption('yes');
    await health.getByLabel('What changed').fill('Started a blood thinner');
    await reason.fill('The patient told us at the door');
    await page.getByRole('button', { name: 'Record amendment', exact: true }).click();
    await amendments.getByText('Corrected: Yes: Started a blood thinner').waitFor();

    // A corrected treatment on the clot's calf is refused; a written reason records that it was really given.
    await field.selectOption('treatment.rows');
    const rows = page.getByRole('group', { name: 'Corrected treatment given' });
    await rows.getByRole('button', { name: 'Add a treatment row' }).click();
    const calf = rows.getByRole('group', { name: 'Treatment row 2' });
    await calf.getByLabel('Technique', { exact: true }).selectOption('swedish-massage');
    await calf.getByLabel('Region', { exact: true }).selectOption('calf-left');
    await calf.getByLabel('Minutes', { exact: true }).fill('10');
    await calf.getByLabel('Pressure', { exact: true }).selectOption('light');
    await reason.fill('The calf was treated too');
    await page.getByRole('button', { name: 'Record amendment', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The corrected treatment includes' }).waitFor();
    const override = page.getByRole('region', { name: 'Was this treatment given?' });
    await override
      .getByRole('listitem')
      .filter({ hasText: /Blood clot|DVT/ })
      .first()
      .waitFor();
    const why = 'Written by mistake on the day; the patient told us of the clot a week after this visit.';
    // Too short a reason is said beside it; nothing is recorded.
    await override.getByLabel('Why this treatment was given').fill('Was given');
    await override.getByRole('button', { name: 'Record amendment with this reason' }).click();
    await expect
      .poll(() => describedText(page, 'Why this treatment was given'))
      .toContain('Write at least 15 characters');
    expect(await seriousViolations(page), 'amendment over a contraindication').toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/clinical-amend-override-375.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await override.getByLabel('Why this treatment was given').fill(why);
    await override.getByRole('button', { name: 'Record amendment with this reason' }).click();
    await page
      .getByText('Amendment recorded, with why the treatment was given. The original stays visible.')
      .waitFor();
    await page
      .getByRole('note')
      .filter({ hasText: 'Given despite a contraindication (corrected treatment, in an amendment)' })
      .getByText(why)
      .waitFor();

    const stored = await server.database.db
      .select()
      .from(clinicalAmendments)
      .where(eq(clinicalAmendments.sessionNoteId, created.id));
    expect(stored.map((a) => a.changes.map((c) => c.field)).sort()).toEqual([
      ['assessment.goalProgress'],
      ['subjective.healthChanges'],
      ['treatment.rows'],
    ]);
    const overridden = stored.filter((a) => a.contraindicationOverride);
    expect(
      overridden.map((a) => [a.reason, (a.contraindicationOverride as { reason: string }).reason]),
    ).toEqual([['The calf was treated too', why]]);
  });

  it('writes a plan for a client who came without a referral: no diagnoses, no physician certification', async () => {
    const clientId = await seedPatient(api, clinicId, { first: 'Sol', last: 'Reyes' });
    await page.goto(`${server.url}/patients/${clientId}/plan`);
    await heading(page, 'Plan of care').waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'New plan' }).click();
    const form = page.getByRole('form', { name: 'New plan of care' });
    await form.waitFor();
    // Without a referral the form starts self-referred, and says what that means.
    expect(await form.getByLabel('Referral').locator('option:checked').textContent()).toBe(
      'No referral — the client came on their own (self-pay)',
    );
    expect(await describedText(page, 'Referral')).toContain('no physician certification');
    await form.getByLabel('Problem 1').fill('Tight shoulders after desk work');
    await form.getByLabel('Goal in the patient’s words').fill('Work a full day without a headache');
    await form.getByLabel('Myofascial release').check();
    await form.getByLabel('Body regions').selectOption({ label: 'Upper back' });
    expect(await seriousViolations(page), 'self-referred plan form').toEqual([]);
    await form.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('Plan saved (version 1).').waitFor();
    await page.getByText('Self-referred: no physician certification needed').waitFor();
    expect(await page.getByText('Awaiting the physician’s signature').count()).toBe(0);
    const [plan] = await server.database.db
      .select()
      .from(treatmentPlans)
      .where(eq(treatmentPlans.patientId, clientId));
    expect(plan?.referralId).toBeNull();
  });
});
