import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, patients, physicianPatientLinks, referrals } from '../../src/db/schema/index.ts';
import { localDate } from '../../src/modules/patients/dates.ts';
import { patientReferences } from '../../src/modules/patients/references.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Awaited<ReturnType<typeof setUpClinic>>['owner'];
let clinicId: string;
let base: string;

const person = (overrides: Record<string, unknown> = {}) => ({
  legalFirstName: 'Ana',
  legalLastName: 'Pérez',
  dateOfBirth: '1984-04-12',
  ...overrides,
});

async function create(body: Record<string, unknown>) {
  const response = await owner.post(base, body);
  if (response.statusCode !== 201) throw new Error(`create failed ${response.statusCode}: ${response.body}`);
  return response.json() as { id: string; updatedAt: string; displayName: string; age: number };
}

const auditFor = (action: string, patientId?: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), patientId ? eq(auditLog.patientId, patientId) : undefined));

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  base = `/api/clinics/${clinicId}/patients`;
});
afterAll(() => t.close());

describe('create, read, update', () => {
  it('creates a patient with every field, reads it back, and audits both', async () => {
    const body = person({
      legalFirstName: 'Alejandro',
      legalLastName: 'Ramírez',
      preferredName: 'Alex',
      pronouns: 'they/them',
      sexAssignedAtBirth: 'male',
      genderIdentity: 'non-binary',
      language: 'es',
      email: 'Alex.Ramirez@Example.com',
      phone: '+1 (619) 555-0142',
      contactPreferences: { channel: 'sms', reminders: true },
      emergencyContact: { name: 'Lucía Ramírez', relationship: 'sister', phone: '619-555-0199' },
      notes: 'Prefers afternoon appointments',
    });
    const created = await create(body);
    expect(created).toMatchObject({ displayName: 'Alex Ramírez', age: expect.any(Number) });
    const read = await owner.get(`${base}/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      legalFirstName: 'Alejandro',
      preferredName: 'Alex',
      pronouns: 'they/them',
      email: 'alex.ramirez@example.com',
      language: 'es',
      contactPreferences: { channel: 'sms', reminders: true },
      emergencyContact: { name: 'Lucía Ramírez', relationship: 'sister' },
      mergedIntoId: null,
    });
    const [stored] = await t.database.db.select().from(patients).where(eq(patients.id, created.id));
    expect(stored?.firstKey).toBe('alejandro');
    expect(stored?.lastKey).toBe('ramirez');
    expect(stored?.phoneKey).toBe('6195550142');
    expect(await auditFor('patient.created', created.id)).toHaveLength(1);
    expect(await auditFor('patient.read', created.id)).toHaveLength(1);
  });

  it('updates only the fields sent, moves updated_at and audits the field names', async () => {
    const created = await create(person({ legalFirstName: 'Grace', legalLastName: 'Okafor' }));
    t.clock.advance(60_000);
    const response = await owner.patch(`${base}/${created.id}`, {
      pronouns: 'she/her',
      phone: '858-555-0101',
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated).toMatchObject({ pronouns: 'she/her', phone: '858-555-0101', legalFirstName: 'Grace' });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime());
    const [audit] = await auditFor('patient.updated', created.id);
    expect(audit?.details).toEqual({ fields: ['phone', 'pronouns'] });
    expect((await owner.patch(`${base}/${created.id}`, {})).statusCode).toBe(400);
  });

  it('refuses bad input with field details, and writes nothing', async () => {
    const before = await t.database.db.select().from(patients);
    const bad = await owner.post(base, { legalFirstName: '', dateOfBirth: '12/31/1990', email: 'nope' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.legalFirstName', 'body.legalLastName', 'body.dateOfBirth', 'body.email']),
    );
    // A date field left empty, or an impossible date, is told what to do (the web form shows the same words).
    const blank = await owner.post(base, person({ dateOfBirth: '' }));
    expect(blank.json().error.details).toEqual([
      { path: 'body.dateOfBirth', message: 'Enter the date of birth' },
    ]);
    const impossible = await owner.post(base, person({ dateOfBirth: '1990-02-30' }));
    expect(impossible.json().error.details).toEqual([
      { path: 'body.dateOfBirth', message: 'Enter a real date' },
    ]);
    const future = await owner.post(base, person({ dateOfBirth: '2999-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('body.dateOfBirth');
    expect(await t.database.db.select().from(patients)).toHaveLength(before.length);
  });

  it('requires a guardian for a patient under 18 on the clinic date', async () => {
    const today = localDate(t.clock.now(), 'America/Los_Angeles');
    const [y, m, d] = today.split('-');
    const turns18Tomorrow = new Date(Date.UTC(Number(y) - 18, Number(m) - 1, Number(d) + 1))
      .toISOString()
      .slice(0, 10);
    const minor = person({ legalFirstName: 'Mateo', legalLastName: 'Soto', dateOfBirth: turns18Tomorrow });
    const refused = await owner.post(base, minor);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual([
      { path: 'body.guardian', message: expect.stringContaining('under 18') },
    ]);
    const created = await create({
      ...minor,
      guardian: { name: 'Rosa Soto', relationship: 'mother', phone: '619-555-0111' },
    });
    expect(created.age).toBe(17);
    // Removing the guardian of a minor is refused too.
    expect((await owner.patch(`${base}/${created.id}`, { guardian: null })).statusCode).toBe(422);
    const adult = await create(
      person({ legalFirstName: 'Eli', legalLastName: 'Soto', dateOfBirth: `${Number(y) - 18}-${m}-${d}` }),
    );
    expect(adult.age).toBe(18);
  });
});

describe('likely duplicates and merge', () => {
  it('warns of the same name (accents and case aside) and birth date, unless confirmed', async () => {
    const first = await create(
      person({ legalFirstName: 'José', legalLastName: 'Núñez', dateOfBirth: '1970-01-02' }),
    );
    const again = await owner.post(
      base,
      person({ legalFirstName: 'JOSE', legalLastName: 'nunez', dateOfBirth: '1970-01-02' }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('possible_duplicate');
    expect(again.json().error.details.candidates.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect(await auditFor('patient.duplicate_candidate_shown', first.id)).toHaveLength(1);
    const otherDob = await owner.post(
      base,
      person({ legalFirstName: 'José', legalLastName: 'Núñez', dateOfBirth: '1970-01-03' }),
    );
    expect(otherDob.statusCode).toBe(201);
    const confirmed = await owner.post(
      base,
      person({
        legalFirstName: 'Jose',
        legalLastName: 'Nunez',
        dateOfBirth: '1970-01-02',
        confirmNotDuplicate: true,
      }),
    );
    expect(confirmed.statusCode).toBe(201);
  });

  it('lists every patient-referencing table in the merge registry', () => {
    const tables = patientReferences().map((r) => `${r.table}.${r.column}`);
    expect(tables).toEqual(
      expect.arrayContaining([
        'attachments.patient_id',
        'physician_patient_links.patient_id',
        'referrals.patient_id',
      ]),
    );
    expect(tables).not.toContain('audit_log.patient_id');
  });

  it('merges a duplicate: child rows move, empty fields fill, the duplicate stays readable, and it is audited', async () => {
    const survivor = await create(
      person({ legalFirstName: 'Mai', legalLastName: 'Nguyễn', dateOfBirth: '1991-09-09' }),
    );
    const duplicate = await create(
      person({
        legalFirstName: 'Mai',
        legalLastName: 'Nguyen',
        dateOfBirth: '1991-09-09',
        email: 'mai@example.com',
        notes: 'Allergic to lavender oil',
        confirmNotDuplicate: true,
      }),
    );
    const provider = (
      await owner.post(`/api/clinics/${clinicId}/providers`, {
        kind: 'physician',
        firstName: 'Rita',
        lastName: 'Gomez',
      })
    ).json();
    const referral = await owner.post(`/api/clinics/${clinicId}/referrals`, {
      patientId: duplicate.id,
      providerId: provider.id,
      referralDate: '2026-01-05',
      diagnoses: [{ code: 'M54.2' }],
      validFrom: '2026-01-05',
      validUntil: '2026-03-05',
    });
    expect(referral.statusCode).toBe(201);
    const physician = await addMember(t, clinicId, ['physician']);
    expect(
      (await owner.post(`${base}/${duplicate.id}/physicians`, { userId: physician.userId })).statusCode,
    ).toBe(201);

    const merged = await owner.post(`${base}/${survivor.id}/merge`, { duplicateId: duplicate.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      duplicateId: duplicate.id,
      filledFields: expect.arrayContaining(['email', 'notes']),
      moved: { referrals: 1, physician_patient_links: 1, attachments: 0 },
      survivor: { id: survivor.id, email: 'mai@example.com', notes: 'Allergic to lavender oil' },
    });
    const [movedReferral] = await t.database.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, referral.json().id));
    expect(movedReferral?.patientId).toBe(survivor.id);
    const links = await t.database.db
      .select()
      .from(physicianPatientLinks)
      .where(eq(physicianPatientLinks.userId, physician.userId));
    expect(links.map((l) => l.patientId)).toEqual([survivor.id]);
    // The physician now reaches the survivor.
    expect((await physician.agent.get(`${base}/${survivor.id}`)).statusCode).toBe(200);

    const old = await owner.get(`${base}/${duplicate.id}`);
    expect(old.statusCode).toBe(200);
    expect(old.json().mergedIntoId).toBe(survivor.id);
    expect((await owner.patch(`${base}/${duplicate.id}`, { pronouns: 'she/her' })).statusCode).toBe(409);
    expect((await owner.post(`${base}/${survivor.id}/merge`, { duplicateId: duplicate.id })).statusCode).toBe(
      409,
    );
    expect((await owner.post(`${base}/${survivor.id}/merge`, { duplicateId: survivor.id })).statusCode).toBe(
      400,
    );

    const search = (await owner.get(`${base}?q=nguyen`)).json();
    expect(search.items.map((p: { id: string }) => p.id)).toEqual([survivor.id]);
    const withMerged = (await owner.get(`${base}?q=nguyen&includeMerged=true`)).json();
    expect(withMerged.items).toHaveLength(2);

    for (const id of [survivor.id, duplicate.id]) {
      const [audit] = await auditFor('patient.merged', id);
      expect(audit?.details).toMatchObject({ survivorId: survivor.id, duplicateId: duplicate.id });
    }
  });
});

describe('search', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const people = [
      [
        'zoe',
        person({
          legalFirstName: 'Zoë',
          legalLastName: "O'Brien",
          dateOfBirth: '1990-02-03',
          email: 'zoe.ob@example.org',
        }),
      ],
      [
        'renee',
        person({
          legalFirstName: 'Renée',
          legalLastName: 'Zúñiga',
          dateOfBirth: '1975-11-30',
          phone: '+1 858-555-7711',
        }),
      ],
      [
        'bill',
        person({
          legalFirstName: 'William',
          legalLastName: 'Zamora',
          preferredName: 'Bill',
          dateOfBirth: '1960-07-04',
        }),
      ],
      [
        'maria',
        person({ legalFirstName: 'María José', legalLastName: 'García López', dateOfBirth: '1988-08-08' }),
      ],
      ['cruz', person({ legalFirstName: 'Pilar', legalLastName: 'de la Cruz', dateOfBirth: '1999-12-12' })],
    ] as const;
    for (const [key, body] of people) ids[key] = (await create(body)).id;
  });

  const found = async (q: string) => {
    const response = await owner.get(`${base}?q=${encodeURIComponent(q)}&limit=200`);
    expect(response.statusCode, q).toBe(200);
    return response.json().items.map((p: { id: string }) => p.id) as string[];
  };

  it.each([
    ['zoe', 'zoe'],
    ['ZOË', 'zoe'],
    ['obri', 'zoe'],
    ["o'brien", 'zoe'],
    ['zoe.ob@', 'zoe'],
    ['renee zun', 'renee'],
    ['ZUNIGA', 'renee'],
    ['858-555-77', 'renee'],
    ['(858) 5557711', 'renee'],
    ['bill', 'bill'],
    ['lopez', 'maria'],
    ['garcia l', 'maria'],
    ['maria jose', 'maria'],
    ['de la cruz', 'cruz'],
    ['1988-08-08', 'maria'],
    ['08/08/1988', 'maria'],
    ['8/8/1988', 'maria'],
  ])('%s finds one patient', async (q, key) => {
    expect(await found(q)).toContain(ids[key]);
  });

  it('matches prefixes only, and every word', async () => {
    expect(await found('rien')).not.toContain(ids.zoe);
    expect(await found('renee garcia')).toEqual([]);
    expect(await found('02/30/1990')).toEqual([]);
  });

  it('orders and pages with a cursor without gaps or repeats, with and without a query', async () => {
    const all = (await owner.get(`${base}?q=z&limit=200`)).json().items as {
      id: string;
      legalLastName: string;
    }[];
    // "z" starts Zoë (a first name) and two last names: results come in the order of the name that matched.
    expect(all.map((p) => p.legalLastName)).toEqual(['Zamora', "O'Brien", 'Zúñiga']);
    const paged: string[] = [];
    let next: string | null = null;
    do {
      const body: { items: { id: string }[]; nextCursor: string | null } = (
        await owner.get(`${base}?q=z&limit=1${next ? `&cursor=${next}` : ''}`)
      ).json();
      paged.push(...body.items.map((p) => p.id));
      next = body.nextCursor;
    } while (next);
    expect(paged).toEqual(all.map((p) => p.id));
    const everyone = (await owner.get(`${base}?limit=200`)).json().items as { id: string }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await owner.get(`${base}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const body = response.json();
      seen.push(...body.items.map((p: { id: string }) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(everyone.map((p) => p.id));
    const [audit] = (await auditFor('patient.search')).slice(-1);
    expect(audit?.details).toMatchObject({ scope: 'staff', patientIds: expect.any(Array) });
  });
});

describe('who sees which patient', () => {
  it('a patient sees only their own record, in reads and in search', async () => {
    const mine = await create(person({ legalFirstName: 'Kai', legalLastName: 'Kahale' }));
    const theirs = await create(person({ legalFirstName: 'Lani', legalLastName: 'Kahale' }));
    const patientUser = await addMember(t, clinicId, ['patient']);
    await t.database.db.update(patients).set({ userId: patientUser.userId }).where(eq(patients.id, mine.id));
    expect((await patientUser.agent.get(`${base}/${mine.id}`)).statusCode).toBe(200);
    expect((await patientUser.agent.get(`${base}/${theirs.id}`)).statusCode).toBe(403);
    const listed = (await patientUser.agent.get(`${base}?q=kahale`))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(listed).toEqual([mine.id]);
    expect((await patientUser.agent.patch(`${base}/${mine.id}`, { pronouns: 'he/him' })).statusCode).toBe(
      403,
    );
    const refused = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, theirs.id), eq(auditLog.outcome, 'refused')));
    expect(refused.map((r) => r.action)).toContain('patient.read');
  });

  it('a physician sees only granted patients, until access is revoked', async () => {
    const patient = await create(person({ legalFirstName: 'Omar', legalLastName: 'Haddad' }));
    const doctor = await addMember(t, clinicId, ['physician']);
    expect((await doctor.agent.get(`${base}/${patient.id}`)).statusCode).toBe(403);
    expect((await doctor.agent.get(`${base}?q=haddad`)).json().items).toEqual([]);
    const granted = await owner.post(`${base}/${patient.id}/physicians`, { userId: doctor.userId });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().items).toMatchObject([{ userId: doctor.userId, reason: 'grant', revokedAt: null }]);
    expect((await doctor.agent.get(`${base}/${patient.id}`)).statusCode).toBe(200);
    expect((await doctor.agent.get(`${base}?q=haddad`)).json().items).toHaveLength(1);
    expect((await doctor.agent.patch(`${base}/${patient.id}`, { notes: 'x' })).statusCode).toBe(403);
    expect((await owner.delete(`${base}/${patient.id}/physicians/${doctor.userId}`)).statusCode).toBe(200);
    expect((await doctor.agent.get(`${base}/${patient.id}`)).statusCode).toBe(403);
    expect(await auditFor('patient.physician_access.revoked', patient.id)).toHaveLength(1);
    // Only physicians of the clinic can be granted access.
    const therapist = await addMember(t, clinicId, ['therapist']);
    expect(
      (await owner.post(`${base}/${patient.id}/physicians`, { userId: therapist.userId })).statusCode,
    ).toBe(422);
  });

  it("refuses another clinic's owner and audits it", async () => {
    const patient = await create(person({ legalFirstName: 'Ines', legalLastName: 'Costa' }));
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base}/${patient.id}`)).statusCode).toBe(403);
    expect((await other.owner.get(`${base}?q=costa`)).statusCode).toBe(403);
    // Their own clinic does not hold it either: same 403 answer, no existence leak.
    expect((await other.owner.get(`/api/clinics/${other.clinicId}/patients/${patient.id}`)).statusCode).toBe(
      403,
    );
    const refused = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinicId), eq(auditLog.outcome, 'refused')));
    expect(refused.length).toBeGreaterThan(0);
  });
});

describe('chart', () => {
  it('answers the header (preferred name first) and the registered sections in order', async () => {
    const patient = await create(
      person({
        legalFirstName: 'Katherine',
        legalLastName: 'Moore',
        preferredName: 'Kit',
        pronouns: 'she/they',
        dateOfBirth: '1980-01-15',
      }),
    );
    const response = await owner.get(`${base}/${patient.id}/chart`);
    expect(response.statusCode).toBe(200);
    const chart = response.json();
    expect(chart.header).toMatchObject({
      displayName: 'Kit Moore',
      pronouns: 'she/they',
      dateOfBirth: '1980-01-15',
      age: expect.any(Number),
    });
    const ids = chart.sections.map((s: { id: string }) => s.id);
    expect(ids.slice(0, 6)).toEqual(['flags', 'referrals', 'claims', 'appointments', 'intake', 'documents']);
    expect(chart.sections.find((s: { id: string }) => s.id === 'referrals')).toMatchObject({
      available: true,
      data: [],
    });
    expect(await auditFor('patient.chart.read', patient.id)).toHaveLength(1);
  });
});
