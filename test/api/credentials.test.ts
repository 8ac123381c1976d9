import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, credentialExpiryNotices, emailOutbox } from '../../src/db/schema/index.ts';
import { checkCredentialExpiries } from '../../src/modules/credentials/expiry.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { publishClinic, publishTherapist } from './directory-support.ts';
import { fhir } from './fhir-support.ts';
import { buildWorld, ok, type SchedulingWorld, ZONE } from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;
let slug: string;
let therapistId: string;
const DAY = 86_400_000;
const today = () => DateTime.fromJSDate(t.clock.now(), { zone: ZONE }).toISODate()!;
const plusDays = (days: number) => DateTime.fromISO(today(), { zone: ZONE }).plus({ days }).toISODate()!;
const warningMails = () =>
  t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'owner@harbor.test'));
const run = () => checkCredentialExpiries(t.app.deps);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  therapistId = w.therapists[0]!.userId;
  await publishClinic(w.owner, w.clinicId);
  slug = (
    await publishTherapist(w.owner, w.clinicId, therapistId, {
      displayName: 'Ana Reyes',
      postNominals: 'CMT, BCTMB',
      conditions: ['sciatica'],
    })
  ).slug;
}, 120_000);
afterAll(() => t?.close());

describe('credentials', () => {
  let camtcId: string;
  it('shows a current credential the way California requires: certified name and certificate number', async () => {
    const created = await ok(
      await w.owner.post(`/api/clinics/${w.clinicId}/credentials`, {
        therapistId,
        kind: 'camtc',
        title: 'Certified Massage Therapist (CMT)',
        issuer: 'California Massage Therapy Council',
        number: '87654',
        certifiedName: 'Ana María Reyes',
        issuedOn: '2024-09-01',
        expiresOn: plusDays(70),
        verificationUrl: 'https://www.camtc.org/verify',
      }),
      201,
    );
    camtcId = created.id;
    expect(created).toMatchObject({
      state: 'current',
      daysToExpiry: 70,
      shownPublicly: true,
      verifiedAt: null,
    });
    const verified = await ok(await w.owner.post(`/api/clinics/${w.clinicId}/credentials/${camtcId}/verify`));
    expect(verified.verifiedByName).toBe('Olivia Owner');
    const page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('<dt>Certified as</dt><dd>Ana María Reyes</dd>');
    expect(page).toContain('<dt>CAMTC certificate no.</dt><dd>87654</dd>');
    // CMT is backed by the CAMTC certificate; BCTMB has no NCBTMB credential behind it.
    expect(page).toContain('<h1>Ana Reyes, CMT</h1>');
  });

  it('refuses bad input and other therapists editing someone else’s credentials', async () => {
    const bad = await w.owner.post(`/api/clinics/${w.clinicId}/credentials`, {
      therapistId,
      kind: 'camtc',
      title: 'CMT',
      issuer: 'CAMTC',
      certifiedName: 'Ana',
      issuedOn: '2025-01-01',
      expiresOn: '2024-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.expiresOn');
    const colleague = w.therapists[1]!.agent;
    const refused = await colleague.patch(`/api/clinics/${w.clinicId}/credentials/${camtcId}`, {
      number: '1',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('warns the owner once, 60 days before expiry, by e-mail without health data', async () => {
    expect((await run()).warned).toBe(0);
    expect(await warningMails()).toHaveLength(0);
    t.clock.advance(9 * DAY); // 61 days left: not yet
    expect((await run()).warned).toBe(0);
    t.clock.advance(1 * DAY); // 60 days left
    expect((await run()).warned).toBe(1);
    expect((await run()).warned).toBe(0);
    t.clock.advance(1 * DAY);
    expect((await run()).warned).toBe(0);
    const mails = await warningMails();
    expect(mails).toHaveLength(1);
    // The date as people read it: the day the credential on file expires.
    expect(mails[0]!.subject).toMatch(/^A credential expires on [A-Z][a-z]{2} \d{1,2}, \d{4}: /);
    expect(mails[0]!.textBody).toContain('Certified Massage Therapist (CMT)');
    const notices = await t.database.db
      .select()
      .from(credentialExpiryNotices)
      .where(eq(credentialExpiryNotices.credentialId, camtcId));
    expect(notices).toHaveLength(1);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'credential.expiry_warning.sent'), eq(auditLog.resourceId, camtcId)));
    expect(audits).toHaveLength(1);
    // The admin warning list shows it as expiring (sessions idle out after the clock moved: sign in again).
    await w.owner.signIn('owner@harbor.test', PASSWORD);
    const warnings = await ok(await w.owner.get(`/api/clinics/${w.clinicId}/credentials/warnings`));
    expect(warnings.items.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([
      [camtcId, 'expiring'],
    ]);
    expect(await warningMails()).toHaveLength(1);
  });

  it('hides an expired credential from the public page, decided by date in the clinic zone', async () => {
    const expiresOn = plusDays(59);
    // The last day of validity, late evening in Los Angeles (already the next day in UTC): still shown.
    const lastDay = DateTime.fromISO(`${expiresOn}T23:30`, { zone: ZONE }).toMillis();
    t.clock.advance(lastDay - t.clock.now().getTime());
    expect(new Date(t.clock.now()).toISOString().slice(0, 10) > expiresOn).toBe(true);
    let page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('87654');
    t.clock.advance(60 * 60_000); // 00:30 the next local day
    page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).not.toContain('87654');
    expect(page).not.toContain('Ana María Reyes');
    expect(page).toContain('<h1>Ana Reyes</h1>'); // CMT no longer backed
    const jsonLd = page.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!;
    expect(JSON.parse(jsonLd).hasCredential).toEqual([]);
    await w.owner.signIn('owner@harbor.test', PASSWORD);
    const list = await ok(await w.owner.get(`/api/clinics/${w.clinicId}/credentials`));
    expect(list.items[0]).toMatchObject({ id: camtcId, state: 'expired', shownPublicly: false });
    const physician = (await t.agent().get(`/therapists/${slug}/ask-my-physician`)).body;
    expect(physician).not.toContain('87654');
  });

  it('records one NPI per therapist, checked by its check digit, and shows it as an identifier, not a title', async () => {
    await w.owner.signIn('owner@harbor.test', PASSWORD);
    const url = `/api/clinics/${w.clinicId}/credentials`;
    const npi = (number?: string) => ({
      therapistId,
      kind: 'npi',
      title: 'National Provider Identifier',
      issuer: 'CMS (NPPES)',
      certifiedName: 'Ana María Reyes',
      ...(number === undefined ? {} : { number }),
    });
    for (const [number, message] of [
      [undefined, 'Enter the 10-digit NPI'],
      ['123456789', 'An NPI is exactly 10 digits'],
      ['1234567890', 'This NPI fails its check digit: re-check the number'],
    ] as const) {
      const bad = await w.owner.post(url, npi(number));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([{ path: 'body.number', message }]);
    }
    const created = await w.owner.post(url, npi('1245319599'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'npi', number: '1245319599', state: 'current' });
    // A person has one NPI for life: a second is a 409 that says where to go instead.
    const second = await w.owner.post(url, npi('1234567893'));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toEqual([
      { path: 'body.kind', message: 'Already recorded for this therapist' },
    ]);
    // A change is checked against the stored kind: an NPI's number stays a valid NPI.
    const badPatch = await w.owner.patch(`${url}/${created.json().id}`, { number: '1245319590' });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.details[0].path).toBe('body.number');
    const list = await ok(await w.owner.get(`${url}?therapistId=${therapistId}`));
    expect(list.items.filter((c: { kind: string }) => c.kind === 'npi')).toHaveLength(1);

    // The public page lists it as an NPI, and its structured data does not claim it as a qualification.
    const page = (await t.agent().get(`/therapists/${slug}`)).body;
    expect(page).toContain('<dt>NPI</dt><dd>1245319599</dd>');
    const jsonLd = JSON.parse(page.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!);
    expect(JSON.stringify(jsonLd.hasCredential)).not.toContain('National Provider Identifier');

    // FHIR: the therapist's Practitioner carries the NPI as an official identifier; the certificate that
    // expired is no longer among the qualifications.
    const licence = await w.owner.post(url, {
      therapistId,
      kind: 'state_license',
      title: 'Licensed Massage Therapist',
      issuer: 'Board of Massage',
      region: 'NV',
      number: 'NV-2231',
      certifiedName: 'Ana María Reyes',
      expiresOn: plusDays(400),
    });
    expect(licence.statusCode, licence.body).toBe(201);
    const practitioner = await ok(await fhir(w.owner, `Practitioner/${therapistId}`));
    expect(practitioner.identifier).toContainEqual({
      use: 'official',
      system: 'http://hl7.org/fhir/sid/us-npi',
      value: '1245319599',
    });
    expect(practitioner.qualification).toContainEqual({
      identifier: [{ value: 'NV-2231' }],
      code: { text: 'Licensed Massage Therapist' },
      period: { end: plusDays(400) },
      issuer: { display: 'Board of Massage (NV)' },
    });
    expect(JSON.stringify(practitioner.qualification)).toContain('225700000X');
    expect(JSON.stringify(practitioner.qualification)).not.toContain('87654');
  });
});
