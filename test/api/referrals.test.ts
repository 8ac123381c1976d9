import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  emailOutbox,
  patients,
  physicianPatientLinks,
  referrals,
  referringProviders,
  users,
} from '../../src/db/schema/index.ts';
import { canonicalJson } from '../../src/modules/referrals/signature.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, PASSWORD, setUpClinic } from '../helpers/fixtures.ts';
import { plusDays } from './clinical-support.ts';

let t: TestApp;
let owner: Awaited<ReturnType<typeof setUpClinic>>['owner'];
let clinicId: string;
let api: string;
let providerId: string;
let patientId: string;

const VALID_NPI = '1234567893';

const referralBody = (overrides: Record<string, unknown> = {}) => ({
  patientId,
  providerId,
  referralDate: '2026-01-10',
  diagnoses: [{ code: 'M54.50' }, { code: 'M54.31' }],
  techniques: ['myofascial-release', 'trigger-point-therapy'],
  bodyRegions: ['low-back', 'gluteal-right'],
  frequencyPerWeek: 2,
  durationWeeks: 6,
  sessionMinutes: 60,
  precautions: 'L4-L5 herniation: no direct pressure over the spine',
  validFrom: '2026-01-12',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  api = `/api/clinics/${clinicId}`;
  const provider = await owner.post(`${api}/providers`, {
    kind: 'physician',
    firstName: 'Helen',
    lastName: 'Park',
    credentials: 'MD',
    practiceName: 'Hillcrest Spine & Sports',
    npi: VALID_NPI,
    email: 'dr.park@hillcrest.test',
    phone: '619-555-0150',
    fax: '619-555-0151',
  });
  expect(provider.statusCode).toBe(201);
  providerId = provider.json().id;
  patientId = (
    await owner.post(`${api}/patients`, {
      legalFirstName: 'Luis',
      legalLastName: 'Herrera',
      dateOfBirth: '1979-05-20',
    })
  ).json().id;
});
afterAll(() => t.close());

describe('referring providers', () => {
  it('validates the NPI check digit (422 with the field) and keeps NPIs unique in the clinic', async () => {
    const bad = await owner.post(`${api}/providers`, {
      kind: 'chiropractor',
      firstName: 'Sam',
      lastName: 'Lee',
      npi: '1234567890',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      { path: 'body.npi', message: expect.stringContaining('check digit') },
    ]);
    const short = await owner.post(`${api}/providers`, {
      kind: 'chiropractor',
      firstName: 'Sam',
      lastName: 'Lee',
      npi: '12345',
    });
    expect(short.statusCode).toBe(422);
    const dup = await owner.post(`${api}/providers`, {
      kind: 'other',
      firstName: 'Dup',
      lastName: 'Licate',
      npi: VALID_NPI,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('body.npi');
    expect(
      (await owner.post(`${api}/providers`, { kind: 'dentist', firstName: 'A', lastName: 'B' })).statusCode,
    ).toBe(400);
  });

  it('searches by name, practice or NPI, and updates', async () => {
    const found = async (q: string) =>
      (await owner.get(`${api}/providers?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((p: { id: string }) => p.id);
    expect(await found('park')).toEqual([providerId]);
    expect(await found('hillcrest')).toEqual([providerId]);
    expect(await found('12345')).toEqual([providerId]);
    expect(await found('nobody')).toEqual([]);
    const patched = await owner.patch(`${api}/providers/${providerId}`, { credentials: 'MD, FAAPMR' });
    expect(patched.json().displayName).toBe('Helen Park, MD, FAAPMR');
    const therapist = await addMember(t, clinicId, ['therapist']);
    expect((await therapist.agent.get(`${api}/providers`)).statusCode).toBe(200);
    expect(
      (await therapist.agent.post(`${api}/providers`, { kind: 'other', firstName: 'X', lastName: 'Y' }))
        .statusCode,
    ).toBe(403);
  });

  it('invites a provider to a physician account and links the record on acceptance', async () => {
    const created = await owner.post(`${api}/providers`, {
      kind: 'physical_therapist',
      firstName: 'Tomás',
      lastName: 'Vidal',
      credentials: 'DPT',
      email: 'Tomas.Vidal@PT.test',
    });
    const id = created.json().id;
    const invited = await owner.post(`${api}/providers/${id}/invite`);
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({
      role: 'physician',
      email: 'tomas.vidal@pt.test',
      status: 'pending',
    });
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'tomas.vidal@pt.test'));
    const token = /invitations\/([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1];
    const accepted = await t
      .agent()
      .post(`/api/invitations/${token}/accept`, { displayName: 'Tomás Vidal', password: PASSWORD });
    expect(accepted.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(referringProviders).where(eq(referringProviders.id, id));
    expect(row?.userId).toEqual(expect.any(String));
    expect((await owner.post(`${api}/providers/${id}/invite`)).statusCode).toBe(409);
    const noEmail = (
      await owner.post(`${api}/providers`, { kind: 'other', firstName: 'No', lastName: 'Mail' })
    ).json();
    expect((await owner.post(`${api}/providers/${noEmail.id}/invite`)).statusCode).toBe(422);
  });
});

describe('paper referrals by staff', () => {
  it('records a referral with its derived status, and audits it', async () => {
    const response = await owner.post(`${api}/referrals`, referralBody());
    expect(response.statusCode).toBe(201);
    const referral = response.json();
    expect(referral).toMatchObject({
      source: 'paper',
      provider: { id: providerId, npi: VALID_NPI },
      diagnoses: [
        { code: 'M54.50', laterality: null },
        { code: 'M54.31', laterality: 'right' },
      ],
      validUntil: '2026-02-22',
      visitsAllowed: 12,
      visitsUsed: 0,
      signature: null,
    });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'referral.created'), eq(auditLog.patientId, patientId)));
    expect(audit).toHaveLength(1);
  });

  it('refuses a malformed code (400), a header code with its billable children (422), an unknown code', async () => {
    const count = (await t.database.db.select().from(referrals)).length;
    const malformed = await owner.post(
      `${api}/referrals`,
      referralBody({ diagnoses: [{ code: 'M54.50' }, { code: '54.5M' }] }),
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].path).toBe('body.diagnoses.1.code');

    const header = await owner.post(`${api}/referrals`, referralBody({ diagnoses: [{ code: 'M54.5' }] }));
    expect(header.statusCode).toBe(422);
    expect(header.json().error.code).toBe('not_billable');
    const detail = header.json().error.details[0];
    expect(detail.path).toBe('body.diagnoses.0.code');
    expect(detail.suggestions.map((s: { code: string }) => s.code)).toEqual(
      expect.arrayContaining(['M54.50', 'M54.51', 'M54.59']),
    );

    const tmj = await owner.post(`${api}/referrals`, referralBody({ diagnoses: [{ code: 'm2660' }] }));
    expect(tmj.statusCode).toBe(422);
    expect(tmj.json().error.details[0].suggestions.map((s: { code: string }) => s.code)).toEqual(
      expect.arrayContaining(['M26.601', 'M26.602', 'M26.603', 'M26.609']),
    );
    const unknown = await owner.post(`${api}/referrals`, referralBody({ diagnoses: [{ code: 'Z99.99' }] }));
    expect(unknown.statusCode).toBe(422);
    const side = await owner.post(
      `${api}/referrals`,
      referralBody({ diagnoses: [{ code: 'M54.31', laterality: 'left' }] }),
    );
    expect(side.statusCode).toBe(422);
    expect(side.json().error.details[0].path).toBe('body.diagnoses.0.laterality');

    for (const bad of [
      { sessionMinutes: 20 },
      { techniques: ['hot-stones'] },
      { bodyRegions: ['elbow'] },
      { frequencyPerWeek: 2, durationWeeks: undefined },
      { validUntil: '2025-01-01' },
      { providerId: undefined },
      { signature: { typedName: 'Olivia Owner' } },
    ]) {
      const response = await owner.post(`${api}/referrals`, referralBody(bad));
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await t.database.db.select().from(referrals)).length).toBe(count);
  });

  it('derives expiring soon, expired, visits exhausted and superseded as time and visits pass', async () => {
    // Days in the clinic's time zone, as the server counts them.
    const iso = (days: number) => plusDays(t, days);
    const create = async (body: Record<string, unknown>) => {
      const response = await owner.post(`${api}/referrals`, referralBody(body));
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const soon = await create({
      validFrom: iso(-30),
      validUntil: iso(10),
      frequencyPerWeek: undefined,
      durationWeeks: undefined,
    });
    expect(soon.status).toBe('expiring_soon');
    const visits = await create({ validFrom: iso(-5), validUntil: iso(60), authorizedVisits: 2 });
    expect(visits.status).toBe('active');
    await owner.post(`${api}/referrals/${visits.id}/visits`, { visitDate: iso(-3) });
    const second = await owner.post(`${api}/referrals/${visits.id}/visits`, { visitDate: iso(-1) });
    expect(second.json()).toMatchObject({ status: 'visits_exhausted', visitsUsed: 2, visitsRemaining: 0 });

    const renewal = await create({ validFrom: iso(0), validUntil: iso(90), renewsReferralId: soon.id });
    expect(renewal.status).toBe('active');
    const old = (await owner.get(`${api}/referrals/${soon.id}`)).json();
    expect(old).toMatchObject({ status: 'superseded', supersededById: renewal.id });
    expect(
      (await owner.post(`${api}/referrals`, referralBody({ validFrom: iso(0), renewsReferralId: soon.id })))
        .statusCode,
    ).toBe(409);

    const expired = await create({ validFrom: iso(-60), validUntil: iso(-1) });
    expect(expired).toMatchObject({ status: 'expired', daysLeft: -1 });
    const pending = await create({ validFrom: iso(3), validUntil: iso(60) });
    expect(pending.status).toBe('pending');
    const list = (await owner.get(`${api}/patients/${patientId}/referrals?status=superseded`)).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([soon.id]);
  });
});

describe('physician e-referrals', () => {
  let doctor: Awaited<ReturnType<typeof addMember>>;
  let doctorProviderId: string;
  beforeAll(async () => {
    doctor = await addMember(t, clinicId, ['physician'], 'dr.ruiz@scripps.test');
    await t.database.db
      .update(users)
      .set({ displayName: 'Carmen Ruiz, DO' })
      .where(eq(users.id, doctor.userId));
    const provider = await owner.post(`${api}/providers`, {
      kind: 'physician',
      firstName: 'Carmen',
      lastName: 'Ruiz',
      credentials: 'DO',
      email: 'dr.ruiz@scripps.test',
    });
    doctorProviderId = provider.json().id;
    await t.database.db
      .update(referringProviders)
      .set({ userId: doctor.userId })
      .where(eq(referringProviders.id, doctorProviderId));
  });

  const newPatient = {
    legalFirstName: 'Beatriz',
    legalLastName: 'Almeida',
    dateOfBirth: '1968-03-03',
    phone: '619-555-0177',
  };

  it('requires the typed-name signature', async () => {
    const unsigned = await doctor.agent.post(
      `${api}/referrals`,
      referralBody({ patientId: undefined, providerId: undefined, newPatient }),
    );
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().error.details[0].path).toBe('body.signature.typedName');
  });

  it('refuses a signature typed with any name but the physician’s own, writing nothing', async () => {
    const before = (await t.database.db.select().from(referrals)).length;
    for (const typedName of ['x', 'Dr. Helen Park']) {
      const refused = await doctor.agent.post(
        `${api}/referrals`,
        referralBody({ patientId: undefined, providerId: undefined, newPatient, signature: { typedName } }),
      );
      expect(refused.statusCode, typedName).toBe(422);
      expect(refused.json().error).toEqual({
        code: 'unprocessable',
        message: 'Type your name as it appears on your account to sign',
        details: [{ path: 'body.signature.typedName', message: 'Does not match your name' }],
      });
    }
    expect((await t.database.db.select().from(referrals)).length).toBe(before);
    expect(
      await t.database.db.select().from(patients).where(eq(patients.legalLastName, newPatient.legalLastName)),
    ).toEqual([]);
  });

  it('submits a signed referral for a new patient: hash recomputes, physician linked, staff e-mailed a link only', async () => {
    const before = Date.now();
    const response = await doctor.agent.post(
      `${api}/referrals`,
      referralBody({
        patientId: undefined,
        providerId: undefined,
        newPatient,
        signature: { typedName: 'Carmen Ruiz, DO' },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const referral = response.json();
    expect(referral).toMatchObject({ source: 'electronic', provider: { id: doctorProviderId } });
    const signature = referral.signature;
    expect(signature).toMatchObject({
      typedName: 'Carmen Ruiz, DO',
      signedByUserId: doctor.userId,
      valid: true,
    });
    expect(new Date(signature.signedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(sha256(canonicalJson(signature.signedContent))).toBe(signature.hash);
    expect(signature.signedContent).toMatchObject({
      referralId: referral.id,
      patientId: referral.patientId,
      diagnoses: [
        { code: 'M54.50', laterality: null },
        { code: 'M54.31', laterality: 'right' },
      ],
      precautions: 'L4-L5 herniation: no direct pressure over the spine',
      signer: { userId: doctor.userId, typedName: 'Carmen Ruiz, DO' },
    });
    const [stored] = await t.database.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(stored?.signatureHash).toBe(signature.hash);

    const links = await t.database.db
      .select()
      .from(physicianPatientLinks)
      .where(
        and(
          eq(physicianPatientLinks.patientId, referral.patientId),
          eq(physicianPatientLinks.userId, doctor.userId),
        ),
      );
    expect(links).toMatchObject([{ reason: 'referral', revokedAt: null }]);
    expect((await doctor.agent.get(`${api}/patients/${referral.patientId}`)).json().legalLastName).toBe(
      'Almeida',
    );

    const mail = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'owner@harbor.test'));
    const notice = mail.find((m) => m.subject.startsWith('New referral'));
    expect(notice?.textBody).toContain(`http://palpa.test/clinics/${clinicId}/referrals/${referral.id}`);
    for (const word of ['Almeida', 'Beatriz', 'M54', 'herniation', '1968'])
      expect(notice?.textBody).not.toContain(word);
    const [receipt] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, doctor.email));
    expect(receipt?.subject).toBe('Harbor Medical Massage received your referral');
    for (const word of ['Almeida', 'Beatriz', 'M54', 'herniation', '1968'])
      expect(receipt?.textBody).not.toContain(word);

    // Changing what was signed shows: the signature no longer verifies.
    await t.database.db.update(referrals).set({ precautions: 'none' }).where(eq(referrals.id, referral.id));
    expect((await owner.get(`${api}/referrals/${referral.id}`)).json().signature.valid).toBe(false);
  });

  it('lets a physician see only their patients; another physician is refused and audited', async () => {
    const mine = (await doctor.agent.get(`${api}/patients`)).json().items;
    expect(mine.map((p: { legalLastName: string }) => p.legalLastName)).toEqual(['Almeida']);
    // Not linked to Luis Herrera: cannot read, nor refer him.
    expect((await doctor.agent.get(`${api}/patients/${patientId}`)).statusCode).toBe(403);
    const refer = await doctor.agent.post(
      `${api}/referrals`,
      referralBody({ providerId: undefined, signature: { typedName: 'Carmen Ruiz, DO' } }),
    );
    expect(refer.statusCode).toBe(403);
    expect(
      (await doctor.agent.get(`${api}/referrals`))
        .json()
        .items.every((r: { patientId: string }) => r.patientId !== patientId),
    ).toBe(true);

    const almeida = mine[0].id;
    const stranger = await addMember(t, clinicId, ['physician']);
    expect((await stranger.agent.get(`${api}/patients/${almeida}`)).statusCode).toBe(403);
    expect((await stranger.agent.get(`${api}/patients/${almeida}/referrals`)).statusCode).toBe(403);
    const refused = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorUserId, stranger.userId),
          eq(auditLog.patientId, almeida),
          eq(auditLog.outcome, 'refused'),
        ),
      );
    expect(refused.map((r) => r.action).sort()).toEqual(['patient.read', 'referral.list']);
    // A physician cannot refer as another provider.
    const asOther = await doctor.agent.post(
      `${api}/referrals`,
      referralBody({ patientId: almeida, providerId, signature: { typedName: 'Carmen Ruiz, DO' } }),
    );
    expect(asOther.statusCode).toBe(422);
    // A physician follows up for their own patient.
    const followUp = await doctor.agent.post(
      `${api}/referrals`,
      referralBody({
        patientId: almeida,
        providerId: undefined,
        signature: { typedName: 'Carmen Ruiz, DO' },
      }),
    );
    expect(followUp.statusCode).toBe(201);
    expect(
      (await t.database.db.select().from(patients).where(eq(patients.legalLastName, 'Almeida'))).length,
    ).toBe(1);
  });

  it("refuses another clinic's staff", async () => {
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${api}/patients/${patientId}/referrals`)).statusCode).toBe(403);
    expect((await other.owner.post(`${api}/referrals`, referralBody())).statusCode).toBe(403);
    expect((await other.owner.get(`${api}/providers`)).statusCode).toBe(403);
  });

  it('records an injury the condition is related to (cause, date, state of an auto accident), signed with it', async () => {
    const injury = { cause: 'auto_accident', date: '2026-01-02', state: 'CA' };
    const response = await doctor.agent.post(
      `${api}/referrals`,
      referralBody({
        patientId: undefined,
        providerId: undefined,
        newPatient: { ...newPatient, legalFirstName: 'Wren', email: 'wren@example.test' },
        injury,
        signature: { typedName: 'Carmen Ruiz, DO' },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const referral = response.json();
    expect(referral.injury).toEqual(injury);
    expect(referral.signature).toMatchObject({ valid: true, signedContent: { injury } });
    // The desk's prior authorisation number is billing, outside what the physician signed.
    const authorised = await owner.put(`${api}/referrals/${referral.id}/prior-authorization`, {
      number: 'PA-7731',
    });
    expect(authorised.json()).toMatchObject({
      priorAuthorizationNumber: 'PA-7731',
      signature: { valid: true },
    });
    // The injury is part of what was signed: moving its date shows.
    await t.database.db
      .update(referrals)
      .set({ injuryDate: '2026-01-03' })
      .where(eq(referrals.id, referral.id));
    expect((await owner.get(`${api}/referrals/${referral.id}`)).json().signature.valid).toBe(false);

    // Staff record one on paper; a work injury has no accident state.
    const paper = await owner.post(
      `${api}/referrals`,
      referralBody({ injury: { cause: 'employment', date: '2025-12-15' } }),
    );
    expect(paper.statusCode, paper.body).toBe(201);
    expect(paper.json().injury).toEqual({ cause: 'employment', date: '2025-12-15', state: null });
  });

  it('refuses an injury without the state of an auto accident, after the referral, or of an unknown cause', async () => {
    for (const [injury, path] of [
      [{ cause: 'auto_accident', date: '2026-01-02' }, 'body.injury.state'],
      [{ cause: 'employment', date: '2026-01-02', state: 'CA' }, 'body.injury.state'],
      [{ cause: 'other_accident', date: '2026-02-01' }, 'body.injury.date'],
      [{ cause: 'auto_accident', date: '2026-01-02', state: 'XX' }, 'body.injury.state'],
      [{ cause: 'illness', date: '2026-01-02' }, 'body.injury.cause'],
    ] as const) {
      const response = await owner.post(`${api}/referrals`, referralBody({ injury }));
      expect(response.statusCode, JSON.stringify(injury)).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // The database holds the same rule for any other writer.
    const [row] = await t.database.db.select().from(referrals).limit(1);
    const refused = await t.database.db
      .update(referrals)
      .set({ injuryCause: 'auto_accident', injuryDate: '2026-01-02', accidentState: null })
      .where(eq(referrals.id, row!.id))
      .then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(refused).toMatch(/referrals_injury/);
  });
});

describe('claims behind injury referrals', () => {
  it('the front desk records the auto claim; it shows in their chart, not in a therapist’s; changes are audited', async () => {
    const made = await owner.post(
      `${api}/referrals`,
      referralBody({ injury: { cause: 'auto_accident', date: '2026-01-02', state: 'CA' } }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const referralId = made.json().id as string;
    const desk = await addMember(t, clinicId, ['front_desk']);
    const body = {
      carrier: 'Pacific Auto Mutual',
      claimNumber: 'PAM-88231',
      adjusterName: 'Dana Whitfield',
      adjusterPhone: '(619) 555-0143',
      employer: null,
      firstContactDate: '2026-01-05',
    };
    const saved = await desk.agent.put(`${api}/referrals/${referralId}/claim`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ referralId, ...body });
    // PUT replaces: a cleared field is cleared.
    const replaced = await desk.agent.put(`${api}/referrals/${referralId}/claim`, {
      ...body,
      adjusterPhone: null,
    });
    expect(replaced.json().adjusterPhone).toBeNull();

    const chartOf = async (agent: typeof owner) =>
      (await agent.get(`${api}/patients/${patientId}/chart`)).json().sections as {
        id: string;
        data: unknown;
      }[];
    // A renewal for the same accident goes on under the claim until it gets one of its own.
    const renewal = await owner.post(
      `${api}/referrals`,
      referralBody({
        renewsReferralId: referralId,
        injury: { cause: 'auto_accident', date: '2026-01-02', state: 'CA' },
      }),
    );
    expect(renewal.statusCode, renewal.body).toBe(201);
    const claimsOf = async () => (await chartOf(desk.agent)).find((s) => s.id === 'claims')?.data;
    expect(await claimsOf()).toEqual([
      expect.objectContaining({
        referralId,
        claimNumber: 'PAM-88231',
        appliesTo: [referralId, renewal.json().id],
      }),
    ]);
    await desk.agent.put(`${api}/referrals/${renewal.json().id}/claim`, {
      ...body,
      claimNumber: 'PAM-88231-B',
    });
    expect(((await claimsOf()) as { appliesTo: string[] }[]).map((c) => c.appliesTo)).toEqual(
      expect.arrayContaining([[referralId], [renewal.json().id]]),
    );
    const therapist = await addMember(t, clinicId, ['therapist']);
    expect((await chartOf(therapist.agent)).map((s) => s.id)).not.toContain('claims');
    expect((await therapist.agent.put(`${api}/referrals/${referralId}/claim`, body)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.put(`${api}/referrals/${referralId}/claim`, body)).statusCode).toBe(403);

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'referral.claim_recorded'), eq(auditLog.actorUserId, desk.userId)));
    expect(audited.map((a) => a.outcome)).toEqual(['allowed', 'allowed', 'allowed']);
  });

  it('refuses a claim on a referral without an injury (422), bad fields (400) and an unknown referral (404)', async () => {
    const plain = await owner.post(`${api}/referrals`, referralBody());
    const body = {
      carrier: 'X',
      claimNumber: null,
      adjusterName: null,
      adjusterPhone: null,
      employer: null,
      firstContactDate: null,
    };
    const refused = await owner.put(`${api}/referrals/${plain.json().id}/claim`, body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/not related to an injury/);
    const work = await owner.post(
      `${api}/referrals`,
      referralBody({ injury: { cause: 'employment', date: '2026-01-02' } }),
    );
    const bad = await owner.put(`${api}/referrals/${work.json().id}/claim`, {
      ...body,
      adjusterPhone: 'call me',
      firstContactDate: '5 Jan',
      surprise: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.adjusterPhone', 'body.firstContactDate']),
    );
    expect(
      (await owner.put(`${api}/referrals/01a21793-0000-7000-8000-000000000000/claim`, body)).statusCode,
    ).toBe(404);
  });
});

describe('prior authorisation', () => {
  it('the desk records the payer’s number on a referral and clears it; audited with what it replaced', async () => {
    const made = await owner.post(`${api}/referrals`, referralBody());
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().priorAuthorizationNumber).toBeNull();
    const url = `${api}/referrals/${made.json().id}/prior-authorization`;
    const desk = await addMember(t, clinicId, ['front_desk']);
    const saved = await desk.agent.put(url, { number: '  EVI-2026-118842 ' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ id: made.json().id, priorAuthorizationNumber: 'EVI-2026-118842' });
    expect((await owner.get(`${api}/referrals/${made.json().id}`)).json().priorAuthorizationNumber).toBe(
      'EVI-2026-118842',
    );

    // Blank, too long, an unknown field: 400 naming the field; nothing changes.
    for (const body of [{ number: ' ' }, { number: 'X'.repeat(51) }, { number: 'A1', extra: true }, {}]) {
      const bad = await desk.agent.put(url, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error.details.length).toBeGreaterThan(0);
    }
    // Clinicians and other clinics may not; an unknown referral is a 404.
    const therapist = await addMember(t, clinicId, ['therapist']);
    expect((await therapist.agent.put(url, { number: 'T-1' })).statusCode).toBe(403);
    expect((await (await createOtherClinic(t)).owner.put(url, { number: 'O-1' })).statusCode).toBe(403);
    expect(
      (
        await desk.agent.put(`${api}/referrals/01a21793-0000-7000-8000-000000000000/prior-authorization`, {
          number: 'N-1',
        })
      ).statusCode,
    ).toBe(404);

    const cleared = await desk.agent.put(url, { number: null });
    expect(cleared.json().priorAuthorizationNumber).toBeNull();
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'referral.prior_authorization_recorded'),
          eq(auditLog.resourceId, made.json().id),
        ),
      )
      .orderBy(auditLog.id);
    expect(audited.map((a) => [a.outcome, a.actorUserId, a.details])).toEqual([
      ['allowed', desk.userId, { via: 'staff', number: 'EVI-2026-118842', previous: null }],
      ['allowed', desk.userId, { via: 'staff', number: null, previous: 'EVI-2026-118842' }],
    ]);
    // The therapist's refusal is audited at the clinic: their role may not record billing at all.
    const refusals = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, therapist.userId), eq(auditLog.outcome, 'refused')));
    expect(refusals).toHaveLength(1);
  });
});

describe('ICD-10-CM API', () => {
  it('searches and checks codes', async () => {
    const search = await owner.get('/api/icd10?q=plantar%20fasc');
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((e: { code: string }) => e.code)).toContain('M72.2');
    expect((await owner.get('/api/icd10/m5450')).json().entry).toMatchObject({
      code: 'M54.50',
      billable: true,
    });
    const header = await owner.get('/api/icd10/M54.5');
    expect(header.statusCode).toBe(422);
    expect(header.json().error).toMatchObject({
      code: 'not_billable',
      details: [{ path: 'params.code', code: 'M54.5' }],
    });
    expect(header.json().error.details[0].suggestions.length).toBeGreaterThanOrEqual(3);
    expect((await owner.get('/api/icd10/hello')).statusCode).toBe(400);
    expect((await owner.get('/api/icd10?q=')).statusCode).toBe(400);
    expect((await t.agent().get('/api/icd10?q=back')).statusCode).toBe(401);
  });
});
