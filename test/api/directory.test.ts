import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { jsonLdOf, publishClinic, publishTherapist, scripts } from './directory-support.ts';
import { buildWorld, ok, type SchedulingWorld } from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;
let t1: { userId: string; email: string };
let t2: { userId: string; email: string };
let hidden: { userId: string };
let other: { clinicId: string; therapistId: string };
let slug1: string;
let clinicSlug: string;

const search = async (query: string) => ok(await t.agent().get(`/api/directory/search?${query}`));

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const [a, b] = w.therapists;
  const emailOf = async (id: string) =>
    (await t.database.db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]!.email;
  t1 = { userId: a!.userId, email: await emailOf(a!.userId) };
  t2 = { userId: b!.userId, email: await emailOf(b!.userId) };
  const clinic = await publishClinic(w.owner, w.clinicId, {
    inclusiveLgbtq: true,
    inclusiveStatement: 'Everyone is welcome here, whatever their gender or sexuality.',
  });
  clinicSlug = clinic.slug;
  // The therapist edits their own profile; sciatica is their main focus.
  const p1 = await publishTherapist(a!.agent, w.clinicId, t1.userId, {
    displayName: 'Ana Reyes',
    postNominals: 'CMT',
    pronouns: 'she/her',
    languages: ['en', 'es'],
    gender: 'woman',
    bio: 'Ten years of medical massage. <script>alert("x")</script>',
    conditions: ['sciatica', 'chronic-back-pain'],
    techniques: ['myofascial-release', 'deep-tissue-massage'],
  });
  slug1 = p1.slug;
  await publishTherapist(w.owner, w.clinicId, t2.userId, {
    displayName: 'Ben Carter',
    pronouns: 'he/him',
    languages: ['en'],
    gender: 'man',
    conditions: ['neck-pain', 'migraine', 'whiplash', 'tendinitis', 'sciatica'],
    techniques: ['trigger-point-therapy'],
  });
  // A third therapist with an unpublished profile: never public.
  hidden = await addMember(t, w.clinicId, ['therapist']);
  await ok(
    await w.owner.put(`/api/clinics/${w.clinicId}/directory/therapists/${hidden.userId}`, {
      published: false,
      displayName: 'Hidden Harper',
      conditions: ['sciatica'],
    }),
  );
  // A published clinic in Albany, NY, with a therapist who has no hours (no opening).
  const elsewhere = await createOtherClinic(t);
  const th = await addMember(t, elsewhere.clinicId, ['therapist']);
  await publishClinic(elsewhere.owner, elsewhere.clinicId);
  await publishTherapist(elsewhere.owner, elsewhere.clinicId, th.userId, {
    displayName: 'Cora Albany',
    gender: 'woman',
    conditions: ['sciatica'],
    techniques: ['myofascial-release'],
  });
  other = { clinicId: elsewhere.clinicId, therapistId: th.userId };
}, 120_000);
afterAll(() => t?.close());

describe('profile editing', () => {
  it('lets a therapist edit only their own profile and the owner only publish the clinic', async () => {
    const [a] = w.therapists;
    const refused = await a!.agent.put(`/api/clinics/${w.clinicId}/directory/therapists/${t2.userId}`, {
      displayName: 'Not mine',
    });
    expect(refused.statusCode).toBe(403);
    const clinic = await a!.agent.put(`/api/clinics/${w.clinicId}/directory/profile`, { published: false });
    expect(clinic.statusCode).toBe(403);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'access.directory.self'));
    expect(audits.some((r) => r.outcome === 'refused' && r.resourceId === t2.userId)).toBe(true);
  });

  it('refuses unknown catalog ids and a taken slug with field details', async () => {
    const bad = await w.owner.put(`/api/clinics/${w.clinicId}/directory/therapists/${t2.userId}`, {
      displayName: 'Ben Carter',
      conditions: ['broken-heart'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.conditions.0');
    const taken = await w.owner.put(`/api/clinics/${w.clinicId}/directory/therapists/${t2.userId}`, {
      displayName: 'Ben Carter',
      slug: slug1,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details).toEqual([{ path: 'body.slug', message: expect.any(String) }]);
  });

  it('accepts a PNG photo checked by its bytes and refuses anything else (415)', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const fake = Buffer.from('GIF89a not really an image at all, just text pretending');
    const refused = await w.owner.put(`/api/clinics/${w.clinicId}/directory/therapists/${t2.userId}/photo`, {
      dataBase64: fake.toString('base64'),
    });
    expect(refused.statusCode).toBe(415);
    const saved = await ok(
      await w.owner.put(`/api/clinics/${w.clinicId}/directory/therapists/${t2.userId}/photo`, {
        dataBase64: png.toString('base64'),
      }),
    );
    expect(saved.photoUrl).toMatch(/^\/directory\/photos\//);
    const photo = await t.agent().get(saved.photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(png)).toBe(true);
  });
});

describe('search', () => {
  it('filters by condition and ranks the therapist whose main focus it is first, with a one-line explanation', async () => {
    const result = await search('condition=sciatica&zip=92101');
    const names = result.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(['Ana Reyes', 'Ben Carter']); // Albany is > 25 mi; Hidden Harper is unpublished
    const [first] = result.items;
    expect(first.explanation).toMatch(
      /^treats sciatica · myofascial release · 0 mi · next opening \w{3} \d{1,2}:\d{2} [AP]M$/,
    );
    expect(first.nextOpening.start).toBeTruthy();
    expect(first.score).toBeGreaterThan(result.items[1].score);
    expect(result.ranking).toMatch(/focus.*distance.*how soon.*reviews/);
    expect(first.bookUrl).toBe(`/book?clinicId=${w.clinicId}&therapistId=${t1.userId}`);
  });

  it('filters by technique, language, gender and inclusive practice', async () => {
    expect(
      (await search('technique=trigger-point-therapy')).items.map((i: { name: string }) => i.name),
    ).toEqual(['Ben Carter']);
    expect((await search('language=es')).items.map((i: { name: string }) => i.name)).toEqual(['Ana Reyes']);
    const women = (await search('gender=woman')).items.map((i: { name: string }) => i.name).sort();
    expect(women).toEqual(['Ana Reyes', 'Cora Albany']);
    const inclusive = (await search('inclusive=lgbtq')).items.map((i: { clinicId: string }) => i.clinicId);
    expect(new Set(inclusive)).toEqual(new Set([w.clinicId]));
  });

  it('filters by distance from a ZIP code (haversine miles from the ZIP centroid)', async () => {
    const near = await search('zip=92103&distance=10');
    expect(near.items).toHaveLength(2);
    for (const item of near.items) expect(item.distanceMiles).toBeGreaterThan(0.5);
    for (const item of near.items) expect(item.distanceMiles).toBeLessThan(3);
    const albany = await search('zip=12207&distance=5');
    expect(albany.items.map((i: { therapistId: string }) => i.therapistId)).toEqual([other.therapistId]);
    const la = await search('zip=90012&distance=50');
    expect(la.items).toHaveLength(0); // San Diego is ~110 miles from downtown Los Angeles
    const byCity = await search('city=albany');
    expect(byCity.items).toHaveLength(1);
  });

  it('keeps only therapists with an opening in the next 7 days when asked', async () => {
    const all = await search('condition=sciatica');
    expect(all.items.map((i: { name: string }) => i.name)).toContain('Cora Albany');
    const cora = all.items.find((i: { name: string }) => i.name === 'Cora Albany');
    expect(cora.nextOpening).toBeNull();
    expect(cora.explanation).toContain('no opening this week');
    const available = await search('condition=sciatica&available=true');
    expect(available.items.map((i: { name: string }) => i.name).sort()).toEqual(['Ana Reyes', 'Ben Carter']);
  });

  it('answers bad input with 400 and field details', async () => {
    const cases: [string, string][] = [
      ['condition=broken-heart', 'querystring.condition'],
      ['technique=magic', 'querystring.technique'],
      ['zip=9210', 'querystring.zip'],
      ['zip=00000', 'querystring.zip'],
      ['zip=92101&distance=500', 'querystring.distance'],
      ['zip=92101&distance=abc', 'querystring.distance'],
      ['distance=10', 'querystring.distance'],
      ['language=xx', 'querystring.language'],
      ['inclusive=lgbtq,nope', 'querystring.inclusive'],
      ['limit=1000', 'querystring.limit'],
    ];
    for (const [query, path] of cases) {
      const response = await t.agent().get(`/api/directory/search?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(
        response.json().error.details.map((d: { path: string }) => d.path),
        query,
      ).toContain(path);
    }
  });
});

describe('public pages', () => {
  it('renders a therapist page with title, description, canonical, Person JSON-LD and no executable script', async () => {
    const response = await t.agent().get(`/therapists/${slug1}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html).toContain('<title>Ana Reyes · Harbor Medical Massage</title>');
    expect(html).toMatch(
      /<meta name="description" content="Ana Reyes, medical massage therapist at Harbor Medical Massage: sciatica/,
    );
    expect(html).toContain(`<link rel="canonical" href="http://palpa.test/therapists/${slug1}">`);
    const ld = jsonLdOf(html);
    expect(ld['@type']).toBe('Person');
    expect(ld.name).toBe('Ana Reyes');
    for (const script of scripts(html)) {
      expect(script.type).toBe('application/ld+json');
      expect(script.src).toBeNull();
    }
    // Escaped, never interpolated raw.
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // CMT is a protected title: without a current CAMTC credential it is not shown.
    expect(html).not.toContain('Ana Reyes, CMT');
    expect(html).toContain(`href="/book?clinicId=${w.clinicId}&amp;therapistId=${t1.userId}"`);
    expect(html).toContain(`/therapists/${slug1}/ask-my-physician`);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    // No private data: no staff e-mail, no unpublished colleague.
    expect(html).not.toContain(t1.email);
    expect(html).not.toContain('Hidden Harper');
  });

  it('renders the clinic page with MedicalBusiness JSON-LD, hours from the weekly hours, inclusive statement', async () => {
    const response = await t.agent().get(`/clinics/${clinicSlug}`);
    expect(response.statusCode).toBe(200);
    const ld = jsonLdOf(response.body);
    expect(ld['@type']).toBe('MedicalBusiness');
    expect(ld.medicalSpecialty).toBe('Musculoskeletal'); // a value of schema.org's MedicalSpecialty
    expect(ld.address).toMatchObject({ addressLocality: 'San Diego', postalCode: '92101' });
    // The 12-hour clock online booking uses.
    expect(response.body).toContain('<th scope="row">Monday</th><td>9:00 AM – 5:00 PM</td>');
    expect(response.body).toContain('LGBTQ+ welcoming');
    expect(response.body).toContain('Ana Reyes');
    expect(response.body).not.toContain('Hidden Harper');
    expect(response.body).not.toContain('owner@harbor.test');
    expect(response.body).toContain('$110');
  });

  it('renders the printable physician summary with what a referral needs', async () => {
    const response = await t.agent().get(`/therapists/${slug1}/ask-my-physician`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('ICD-10');
    expect(response.body).toContain('NPI');
    expect(response.body).toContain('Fax: +1 619 555 0199');
    expect(response.body).toContain('<link rel="stylesheet" href="/directory/directory.css">');
    const css = await t.agent().get('/directory/directory.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('@media print');
    // Prices and lengths are not broken in half on a phone by the page-wide `overflow-wrap: anywhere`.
    expect(css.body).toMatch(
      /\.services td:not\(:first-child\),[^}]*overflow-wrap: normal;\s*white-space: nowrap;/,
    );
    expect(scripts(response.body)).toHaveLength(0);
  });

  it('answers unknown or unpublished pages with a 404 page and bad queries with a 400 page', async () => {
    const hiddenSlug = (
      await ok(await w.owner.get(`/api/clinics/${w.clinicId}/directory/therapists`))
    ).items.find((p: { therapistId: string }) => p.therapistId === hidden.userId).slug;
    for (const path of [
      '/therapists/no-such-person',
      `/therapists/${hiddenSlug}`,
      '/therapists/%3Cscript%3E',
      `/therapists/${'a'.repeat(300)}`,
      '/clinics/NOPE',
      '/therapists/no-such-person/ask-my-physician',
    ]) {
      const response = await t.agent().get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type'], path).toContain('text/html');
      expect(response.body).not.toContain('<script');
    }
    const bad = await t.agent().get('/find?zip=abc&condition=%3Cb%3Ebold');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('A ZIP code is 5 digits');
    expect(bad.body).not.toContain('<b>bold');
    const found = await t
      .agent()
      .get('/find?condition=sciatica&zip=92101&inclusive=lgbtq&inclusive=accessible');
    expect(found.statusCode).toBe(200);
    const ok200 = await t.agent().get('/find?condition=sciatica&zip=92101');
    expect(ok200.body).toContain('treats sciatica');
    // Results first: the search folds behind a summary of what was asked (a fresh or invalid search does not).
    expect(ok200.body).toMatch(/<details class="refine"><summary>.*Sciatica · within 25 mi of 92101/);
    expect(bad.body).not.toContain('<details class="refine">');
    expect((await t.agent().get('/find')).body).not.toContain('<details class="refine">');
    // Search pressed with every filter left empty lists every published therapist.
    const everyone = await t.agent().get('/find?condition=&technique=&zip=&distance=&language=&gender=');
    expect(everyone.statusCode).toBe(200);
    expect(everyone.body).toMatch(/<h2 id="results-h">\d+ therapists? found<\/h2>/);
    expect(everyone.body).toContain('Ana Reyes');
    expect(everyone.body).not.toContain('Hidden Harper');
    expect(ok200.body).toContain('Ana Reyes');
    expect(scripts(ok200.body)).toHaveLength(0);
  });

  it('unpublishing the clinic hides its pages and search results', async () => {
    await publishClinic(w.owner, w.clinicId, { published: false });
    expect((await t.agent().get(`/clinics/${clinicSlug}`)).statusCode).toBe(404);
    expect((await t.agent().get(`/therapists/${slug1}`)).statusCode).toBe(404);
    expect((await search('condition=sciatica&zip=92101')).items).toHaveLength(0);
    await publishClinic(w.owner, w.clinicId, { published: true, inclusiveLgbtq: true });
    expect((await t.agent().get(`/clinics/${clinicSlug}`)).statusCode).toBe(200);
  });
});
