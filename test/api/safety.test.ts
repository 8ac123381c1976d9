import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, patients, physicianPatientLinks, safetyClearances } from '../../src/db/schema/index.ts';
import { type ConditionAnswer, checklistWith } from '../../src/modules/intake/schemas.ts';
import {
  currentHealthProfile,
  safetyChartSection,
  screenTreatment,
} from '../../src/modules/safety/service.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { createTestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let owner: Agent;
let clinicId: string;
let therapist: { agent: Agent; userId: string };
let consent: { version: string; textHash: string };

const ZONE = 'America/Los_Angeles';
const today = () => DateTime.fromJSDate(t.clock.now(), { zone: ZONE }).toISODate()!;
const daysAgo = (n: number) =>
  DateTime.fromJSDate(t.clock.now(), { zone: ZONE }).minus({ days: n }).toISODate()!;
const base = (patientId: string) => `/api/clinics/${clinicId}/patients/${patientId}`;

async function createPatient(userId: string | null = null): Promise<string> {
  const id = uuidv7();
  await t.database.db.insert(patients).values({
    clinicId,
    id,
    userId,
    legalFirstName: 'Sam',
    legalLastName: 'Rivera',
    dateOfBirth: '1979-06-01',
  });
  return id;
}

/** A patient with a submitted intake holding these health answers. */
async function patientWith(health: Record<string, unknown>, userId: string | null = null): Promise<string> {
  const patientId = await createPatient(userId);
  const intake = (await therapist.agent.post(`${base(patientId)}/intakes`, {})).json();
  const response = await therapist.agent.post(`${base(patientId)}/intakes/${intake.id}/submit`, {
    answers: {
      medications: [],
      allergies: [],
      surgeries: [],
      pregnancy: { pregnant: false },
      implants: [],
      pain: { level: 3, regions: ['upper-back'] },
      goals: 'Feel looser',
      pressurePreference: 'moderate',
      ...health,
      conditions: checklistWith(health.conditions as ConditionAnswer[] | undefined),
      consent: {
        agreed: true,
        typedName: 'Sam Rivera',
        textVersion: consent.version,
        textHash: consent.textHash,
      },
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  return patientId;
}

type Flag = {
  ruleId: string;
  regions: string | string[];
  severity: string;
  acknowledged: boolean;
  blocking: boolean;
};

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, clinicId } = await setUpClinic(t));
  therapist = await addMember(t, clinicId, ['therapist']);
  const q = (await t.agent().get('/api/intake/questionnaire')).json();
  consent = { version: q.consent.version, textHash: q.consent.textHash };
});
afterAll(() => t.close());

describe('chart-header flags from the intake', () => {
  it('turns a DVT in the left calf on anticoagulants into "avoid the left leg", no lymphatic drainage and light pressure', async () => {
    const patientId = await patientWith({
      conditions: [{ code: 'dvt', site: ['calf-left'], onset: daysAgo(20) }],
      medications: [
        { class: 'anticoagulant', name: 'Apixaban' },
        { class: 'blood-pressure', name: 'Amlodipine' },
      ],
      allergies: [{ kind: 'latex' }, { kind: 'other', detail: 'Arnica gel' }],
    });
    const response = await therapist.agent.get(`${base(patientId)}/safety`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ audience: 'clinician', onDate: today(), highestSeverity: 'avoid-area' });
    const byRule = new Map<string, Flag>(body.flags.map((f: Flag) => [f.ruleId, f]));
    const limb = byRule.get('dvt-limb')!;
    expect(limb.severity).toBe('avoid-area');
    expect(limb.regions).toEqual(
      expect.arrayContaining(['calf-left', 'thigh-anterior-left', 'foot-left', 'gluteal-left']),
    );
    expect((limb.regions as string[]).some((r) => r.endsWith('-right'))).toBe(false);
    expect(byRule.get('dvt-mld')).toMatchObject({ ruledOut: ['lymphatic-drainage'], regions: 'everywhere' });
    expect(byRule.get('bleeding-light-pressure')).toBeDefined();
    expect(body.summary.join(' ')).toMatch(/Blood clot \(DVT\) in the left calf: no massage of the left leg/);
    expect(body.allergies).toEqual(['Latex', 'Arnica gel']);
    expect(body.basedOn).toMatchObject({ version: 1 });
    // The blood-pressure medicine is kept in the record but has no rule: nothing unknown reached the engine.
    expect(body.issues.filter((i: { level: string }) => i.level === 'review')).toEqual([]);
  });

  it('defers everything for a fever', async () => {
    const patientId = await patientWith({ conditions: [{ code: 'fever', onset: daysAgo(1) }] });
    const body = (await owner.get(`${base(patientId)}/safety`)).json();
    expect(body.highestSeverity).toBe('defer');
    expect(body.flags[0]).toMatchObject({
      ruleId: 'systemic-illness-defer',
      regions: 'everywhere',
      blocking: true,
    });
  });

  it('uses the latest health-history version, and says so when there is none', async () => {
    const patientId = await patientWith({ conditions: [{ code: 'fever', onset: daysAgo(1) }] });
    const update = await therapist.agent.post(`${base(patientId)}/health-history`, {
      answers: {
        conditions: checklistWith([{ code: 'fever', onset: daysAgo(1), resolvedOn: today() }]),
        medications: [],
        allergies: [],
        surgeries: [],
        pregnancy: { pregnant: false },
        implants: [],
        pain: { level: 0 },
        goals: 'Feel looser',
        pressurePreference: 'moderate',
      },
    });
    expect(update.statusCode, update.body).toBe(201);
    const body = (await owner.get(`${base(patientId)}/safety`)).json();
    expect(body.flags).toEqual([]);
    expect(body.basedOn.version).toBe(2);

    const blank = await createPatient();
    const none = (await owner.get(`${base(blank)}/safety`)).json();
    expect(none.basedOn).toBeNull();
    expect(none.issues[0]).toMatchObject({ kind: 'no-health-history', level: 'review' });
    const screened = await owner.post(`${base(blank)}/safety/screen`, {
      techniques: ['swedish-massage'],
      regions: ['upper-back'],
    });
    expect(screened.json().status).toBe('needs-review');
  });
});

describe('screening a proposed treatment', () => {
  it('blocks a ruled-out technique or area and lets the rest through', async () => {
    const patientId = await patientWith({
      conditions: [{ code: 'dvt', site: ['calf-left'], onset: daysAgo(20) }],
      medications: [{ class: 'anticoagulant' }],
    });
    const screen = (body: Record<string, unknown>) =>
      therapist.agent.post(`${base(patientId)}/safety/screen`, body);

    const leg = (
      await screen({ techniques: ['swedish-massage'], regions: ['leg-left'], pressure: 'light' })
    ).json();
    expect(leg).toMatchObject({ status: 'blocked', blocked: true, onDate: today() });
    expect(leg.findings[0]).toMatchObject({ ruleId: 'dvt-limb', blocking: true });

    const mld = (await screen({ techniques: ['manual-lymphatic-drainage'], regions: ['upper-back'] })).json();
    expect(mld.blocked).toBe(true);
    expect(mld.findings.find((f: Flag) => f.blocking).ruleId).toBe('dvt-mld');

    const deep = (await screen({ techniques: ['deep-tissue-massage'], regions: ['shoulder-right'] })).json();
    expect(deep.findings.find((f: Flag) => f.blocking).ruleId).toBe('bleeding-light-pressure');

    const ok = (
      await screen({
        techniques: ['swedish-massage'],
        regions: ['shoulder-right', 'upper-back'],
        pressure: 'light',
      })
    ).json();
    expect(ok.blocked).toBe(false);
    expect(ok.status).toBe('proceed-with-precautions');

    // The same through the plain service function other modules call.
    const direct = await screenTreatment(t.database.db, {
      clinicId,
      patientId,
      proposed: { techniques: ['swedish-massage'], regions: ['calf-left'], pressure: 'light' },
      onDate: today(),
    });
    expect(direct.blocked).toBe(true);
    // A date after the clot is recorded as resolved would still block: resolution is only what the record says.
    const profile = await currentHealthProfile(t.database.db, clinicId, patientId);
    expect(profile.conditions).toEqual([{ code: 'dvt', site: ['calf-left'], onset: daysAgo(20) }]);
    expect(profile.medications).toEqual([{ class: 'anticoagulant' }]);
  });

  it('screens surgery sites by date and pregnancy by weeks from the intake', async () => {
    const patientId = await patientWith({
      surgeries: [{ date: daysAgo(28), site: ['knee-right'], description: 'Meniscus repair' }],
      pregnancy: { pregnant: true, weeks: 10, highRisk: false },
    });
    const knee = (
      await therapist.agent.post(`${base(patientId)}/safety/screen`, {
        techniques: ['swedish-massage'],
        regions: ['knee-right'],
      })
    ).json();
    expect(knee.findings.map((f: Flag) => f.ruleId)).toEqual(
      expect.arrayContaining(['surgery-site', 'pregnancy-first-trimester']),
    );
    // Six weeks after surgery the site rule no longer applies; the pregnancy has moved on to week 16.
    const later = DateTime.fromISO(today()).plus({ days: 42 }).toISODate()!;
    const after = (
      await therapist.agent.post(`${base(patientId)}/safety/screen`, {
        techniques: ['swedish-massage'],
        regions: ['knee-right'],
        onDate: later,
      })
    ).json();
    const rules = [...after.findings, ...after.notApplicable].map((f: Flag) => f.ruleId);
    expect(rules).not.toContain('surgery-site');
    expect(rules).not.toContain('pregnancy-first-trimester');
    expect(rules).toContain('pregnancy-consult');
  });

  it('refuses bad proposals with 400', async () => {
    const patientId = await patientWith({});
    for (const body of [
      { techniques: ['reiki-from-mars'], regions: ['upper-back'] },
      { techniques: ['swedish-massage'], regions: [] },
      { techniques: ['swedish-massage'], regions: ['tail'] },
      { techniques: ['swedish-massage'], regions: ['upper-back'], onDate: '2025-13-01' },
      { techniques: ['swedish-massage'], regions: ['upper-back'], pressure: 'crushing' },
      { techniques: ['swedish-massage'], regions: ['upper-back'], extra: true },
    ]) {
      const response = await therapist.agent.post(`${base(patientId)}/safety/screen`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

describe('physician clearances', () => {
  it('acknowledge a clearance-required finding while keeping both facts, and can be revoked but never deleted', async () => {
    const patientId = await patientWith({
      conditions: [{ code: 'lymphoedema', site: ['arm-left'] }, { code: 'heart-failure-controlled' }],
    });
    const proposal = { techniques: ['manual-lymphatic-drainage'], regions: ['arm-left'] };
    const before = (await therapist.agent.post(`${base(patientId)}/safety/screen`, proposal)).json();
    expect(before.blocked).toBe(true);
    expect(before.findings[0]).toMatchObject({
      ruleId: 'heart-failure-controlled-mld',
      severity: 'clearance',
      acknowledged: false,
    });
    expect((await therapist.agent.get(`${base(patientId)}/safety`)).json().clearancesNeeded).toEqual([
      'heart-failure-controlled-mld',
    ]);

    const recorded = await therapist.agent.post(`${base(patientId)}/safety/clearances`, {
      ruleIds: ['heart-failure-controlled-mld'],
      physicianName: 'Dr. Amal Chen',
      clearedOn: daysAgo(2),
      expiresOn: DateTime.fromISO(today()).plus({ months: 3 }).toISODate(),
      note: 'Stable; MLD of the left arm is fine.',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const clearance = recorded.json();
    expect(clearance).toMatchObject({
      physicianName: 'Dr. Amal Chen',
      recordedVia: 'staff',
      recordedBy: { userId: therapist.userId },
      status: 'active',
      physicianUserId: null,
    });

    const after = (await therapist.agent.post(`${base(patientId)}/safety/screen`, proposal)).json();
    expect(after.blocked).toBe(false);
    const finding = after.findings.find((f: Flag) => f.ruleId === 'heart-failure-controlled-mld');
    // Both facts: the condition's finding, unchanged in severity, and the clearance that acknowledges it.
    expect(finding).toMatchObject({
      severity: 'clearance',
      acknowledged: true,
      blocking: false,
      clearance: { clearanceId: clearance.id, physicianName: 'Dr. Amal Chen', clearedOn: daysAgo(2) },
    });
    const flags = (await therapist.agent.get(`${base(patientId)}/safety`)).json();
    expect(flags.clearancesNeeded).toEqual([]);
    expect(flags.clearances.map((c: { id: string }) => c.id)).toEqual([clearance.id]);
    expect(flags.summary.join(' ')).toMatch(/Physician clearance on file/);

    const revoked = await therapist.agent.post(
      `${base(patientId)}/safety/clearances/${clearance.id}/revoke`,
      {
        reason: 'Cardiologist withdrew approval after new symptoms',
      },
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: { userId: therapist.userId } });
    expect((await therapist.agent.post(`${base(patientId)}/safety/screen`, proposal)).json().blocked).toBe(
      true,
    );
    expect(
      (
        await therapist.agent.post(`${base(patientId)}/safety/clearances/${clearance.id}/revoke`, {
          reason: 'again',
        })
      ).statusCode,
    ).toBe(409);

    const list = (await owner.get(`${base(patientId)}/safety/clearances`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      status: 'revoked',
      revokeReason: 'Cardiologist withdrew approval after new symptoms',
    });
    const deletion = await t.database.db
      .execute(sql`delete from safety_clearances where id = ${clearance.id}`)
      .then(
        () => undefined,
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(deletion).toMatch(/never deleted/);
    const unrevoke = await t.database.db
      .execute(
        sql`update safety_clearances set revoked_at = null, revoke_reason = null where id = ${clearance.id}`,
      )
      .then(
        () => undefined,
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(unrevoke).toMatch(/only revoked once/);
  });

  it('refuses clearances that make no sense with 4xx, writing nothing', async () => {
    const patientId = await patientWith({ pregnancy: { pregnant: true, weeks: 9, highRisk: false } });
    const post = (body: Record<string, unknown>) =>
      therapist.agent.post(`${base(patientId)}/safety/clearances`, body);
    const valid = { ruleIds: ['pregnancy-first-trimester'], physicianName: 'Dr. Ng' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...valid, ruleIds: ['no-such-rule'] }, 422, 'body.ruleIds.0'],
      [{ ...valid, ruleIds: ['systemic-illness-defer'] }, 422, 'body.ruleIds.0'],
      [{ ruleIds: ['pregnancy-first-trimester'] }, 422, 'body.physicianName'],
      [
        { ...valid, clearedOn: DateTime.fromISO(today()).plus({ days: 3 }).toISODate() },
        422,
        'body.clearedOn',
      ],
      [{ ...valid, clearedOn: daysAgo(1), expiresOn: daysAgo(5) }, 422, 'body.expiresOn'],
      [{ ...valid, attachmentId: uuidv7() }, 422, 'body.attachmentId'],
      [{ ...valid, ruleIds: [] }, 400, 'body.ruleIds'],
      // A rule that is not a flag of this patient: its clearance would lift nothing.
      [{ ...valid, ruleIds: ['dvt-mld'] }, 422, 'body.ruleIds.0'],
      [{ ...valid, ruleIds: ['pregnancy-first-trimester', 'dvt-mld'] }, 422, 'body.ruleIds.1'],
      [{ ...valid, techniques: ['tickling'] }, 400, 'body.techniques.0'],
      [{ ...valid, clearedOn: 'yesterday' }, 400, 'body.clearedOn'],
      [{ ...valid, secret: 1 }, 400, 'body'],
    ];
    for (const [body, status, path] of cases) {
      const response = await post(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(
        response.json().error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await post({ ...valid, ruleIds: [] })).json().error.details).toEqual([
      { path: 'body.ruleIds', message: 'Tick at least one restriction the clearance lifts' },
    ]);
    expect((await post({ ...valid, ruleIds: ['dvt-mld'] })).json().error.details).toEqual([
      {
        path: 'body.ruleIds.0',
        message: 'Not a current flag of this patient: a clearance of it lifts nothing',
      },
    ]);
    const rows = await t.database.db
      .select()
      .from(safetyClearances)
      .where(eq(safetyClearances.patientId, patientId));
    expect(rows).toEqual([]);
    expect(
      (await therapist.agent.post(`${base(patientId)}/safety/clearances/${uuidv7()}/revoke`, { reason: 'x' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('access', () => {
  it('lets a linked physician read flags and record their own clearance; refuses (and audits) an unlinked one', async () => {
    const patientId = await patientWith({ pregnancy: { pregnant: true, weeks: 9, highRisk: false } });
    const linked = await addMember(t, clinicId, ['physician'], 'dr.linked@clinic.test');
    const unlinked = await addMember(t, clinicId, ['physician'], 'dr.unlinked@clinic.test');
    await t.database.db
      .insert(physicianPatientLinks)
      .values({ clinicId, patientId, userId: linked.userId, reason: 'referral' });

    const refused = await unlinked.agent.get(`${base(patientId)}/safety`);
    expect(refused.statusCode).toBe(403);
    expect(
      (
        await unlinked.agent.post(`${base(patientId)}/safety/clearances`, {
          ruleIds: ['pregnancy-first-trimester'],
        })
      ).statusCode,
    ).toBe(403);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.actorUserId, unlinked.userId)));
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'safety.read:refused',
      'safety.clearance.record:refused',
    ]);

    const flags = await linked.agent.get(`${base(patientId)}/safety`);
    expect(flags.statusCode).toBe(200);
    expect(flags.json().clearancesNeeded).toEqual(['pregnancy-first-trimester']);
    const own = await linked.agent.post(`${base(patientId)}/safety/clearances`, {
      ruleIds: ['pregnancy-first-trimester'],
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      recordedVia: 'physician',
      physicianUserId: linked.userId,
      physicianName: 'dr.linked',
      clearedOn: today(),
    });
    expect((await linked.agent.get(`${base(patientId)}/safety`)).json().clearancesNeeded).toEqual([]);
    // A physician clears in their own name, never another's.
    const asSomeoneElse = await linked.agent.post(`${base(patientId)}/safety/clearances`, {
      ruleIds: ['pregnancy-first-trimester'],
      physicianName: 'Dr. Amal Chen',
    });
    expect(asSomeoneElse.statusCode).toBe(422);
    expect(asSomeoneElse.json().error.details).toEqual([
      { path: 'body.physicianName', message: 'Leave it out: you record a clearance in your own name' },
    ]);
    // Intake answers stay out of a physician's reach.
    expect((await linked.agent.get(`${base(patientId)}/intakes`)).statusCode).toBe(403);
  });

  it('lets a patient read only their own flags, in plain words', async () => {
    const { agent: patientAgent, userId } = await addMember(t, clinicId, ['patient']);
    const own = await patientWith({ conditions: [{ code: 'raynauds' }] }, userId);
    const someoneElse = await patientWith({ conditions: [{ code: 'fever', onset: daysAgo(1) }] });
    const response = await patientAgent.get(`${base(own)}/safety`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.audience).toBe('patient');
    expect(body.flags).toEqual([
      expect.objectContaining({
        subject: "Raynaud's",
        restriction: 'no cold therapy anywhere',
        clearedByPhysician: false,
      }),
    ]);
    expect(Object.keys(body.flags[0]).sort()).toEqual([
      'clearedByPhysician',
      'reason',
      'restriction',
      'severity',
      'subject',
    ]);
    expect(body).not.toHaveProperty('clearances');
    expect((await patientAgent.get(`${base(someoneElse)}/safety`)).statusCode).toBe(403);
    expect(
      (
        await patientAgent.post(`${base(own)}/safety/clearances`, {
          ruleIds: ['dvt-limb'],
          physicianName: 'Me',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('shows front desk the flags but not clinical screening; keeps other clinics out', async () => {
    const patientId = await patientWith({});
    const { agent: frontDesk } = await addMember(t, clinicId, ['front_desk']);
    expect((await frontDesk.get(`${base(patientId)}/safety`)).statusCode).toBe(200);
    const screen = await frontDesk.post(`${base(patientId)}/safety/screen`, {
      techniques: ['swedish-massage'],
      regions: ['upper-back'],
    });
    expect(screen.statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base(patientId)}/safety`)).statusCode).toBe(403);
    expect(
      (
        await other.owner.post(`/api/clinics/${other.clinicId}/patients/${patientId}/safety/screen`, {
          techniques: ['swedish-massage'],
          regions: ['upper-back'],
        })
      ).statusCode,
    ).toBe(403);
    const refused = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.outcome, 'refused')));
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });

  it('audits every read and write naming the patient', async () => {
    const patientId = await patientWith({ conditions: [{ code: 'heart-failure-controlled' }] });
    await therapist.agent.get(`${base(patientId)}/safety`);
    await therapist.agent.post(`${base(patientId)}/safety/screen`, {
      techniques: ['swedish-massage'],
      regions: ['upper-back'],
    });
    const c = (
      await therapist.agent.post(`${base(patientId)}/safety/clearances`, {
        ruleIds: ['heart-failure-controlled-mld'],
        physicianName: 'Dr. A',
      })
    ).json();
    await therapist.agent.get(`${base(patientId)}/safety/clearances`);
    await therapist.agent.post(`${base(patientId)}/safety/clearances/${c.id}/revoke`, {
      reason: 'Entered on the wrong chart',
    });
    const actions = (
      await t.database.db.select().from(auditLog).where(eq(auditLog.patientId, patientId))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'safety.read',
        'safety.screen',
        'safety.clearance.record',
        'safety.clearance.recorded',
        'safety.clearances.read',
        'safety.clearance.revoke',
        'safety.clearance.revoked',
      ]),
    );
  });
});

describe('chart section and demo data', () => {
  it('summarises the flags for the chart', async () => {
    const patientId = await patientWith({ conditions: [{ code: 'herniated-disc', site: ['low-back'] }] });
    const section = await safetyChartSection(t.database.db, clinicId, patientId, today());
    expect(section).toMatchObject({ hasHealthHistory: true, highestSeverity: 'precaution' });
    expect(section.flags).toEqual([expect.objectContaining({ ruleId: 'disc-care', acknowledged: false })]);
    expect(section.summary[0]).toMatch(/Herniated disc in the low back/);
  });

  it('seeds demo intakes with real flags and one clearance', async () => {
    const { seedIntakeDemo } = await import('../../src/modules/intake/demo.ts');
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push(await createPatient());
    await t.database.db
      .update(patients)
      .set({ sexAssignedAtBirth: 'female' })
      .where(eq(patients.id, ids[5]!));
    const result = await seedIntakeDemo(t.database.db, { clinicId, patientIds: ids, now: t.clock.now() });
    expect(result).toEqual({ submitted: 14, drafts: 1, clearances: 1 });
    const rulesOf = async (patientId: string) =>
      (await safetyChartSection(t.database.db, clinicId, patientId, today())).flags.map((f) => f.ruleId);
    expect(await rulesOf(ids[0]!)).toEqual(
      expect.arrayContaining(['dvt-limb', 'dvt-mld', 'bleeding-light-pressure']),
    );
    expect(await rulesOf(ids[5]!)).toContain('pregnancy-consult');
    expect(await rulesOf(ids[5]!)).not.toContain('pregnancy-first-trimester');
    const all = await Promise.all(ids.map(rulesOf));
    const flat = all.flat();
    for (const rule of [
      'surgery-site',
      'systemic-illness-defer',
      'cold-intolerance',
      'disc-care',
      'lymphoedema-mld-check',
    ]) {
      expect(flat, rule).toContain(rule);
    }
    const lymph = ids[all.findIndex((rules) => rules.includes('lymphoedema-mld-check'))]!;
    const section = await safetyChartSection(t.database.db, clinicId, lymph, today());
    expect(section.flags.find((f) => f.ruleId === 'heart-failure-controlled-mld')).toMatchObject({
      acknowledged: true,
    });
    // Running it again adds nothing.
    expect(await seedIntakeDemo(t.database.db, { clinicId, patientIds: ids, now: t.clock.now() })).toEqual({
      submitted: 0,
      drafts: 0,
      clearances: 0,
    });
  });
});

describe('patient chart and merge', () => {
  it('shows the safety flags and the intake in the chart sections', async () => {
    const patientId = await patientWith({ conditions: [{ code: 'fever', onset: daysAgo(1) }] });
    const response = await therapist.agent.get(`${base(patientId)}/chart`);
    expect(response.statusCode, response.body).toBe(200);
    const sections = response.json().sections as {
      id: string;
      available: boolean;
      data: Record<string, unknown>;
    }[];
    const flags = sections.find((s) => s.id === 'flags')!;
    expect(flags.available).toBe(true);
    expect(flags.data).toMatchObject({ hasHealthHistory: true, highestSeverity: 'defer' });
    expect(sections[0]!.id).toBe('flags');
    const intake = sections.find((s) => s.id === 'intake')!;
    expect(intake.data).toMatchObject({ status: 'submitted', current: { version: 1 }, draft: null });
  });

  it('moves questionnaires, confirmations and clearances to the surviving record without losing any', async () => {
    const survivor = await patientWith({ conditions: [{ code: 'raynauds' }] });
    const duplicate = await patientWith({
      conditions: [{ code: 'herniated-disc', site: ['low-back'] }, { code: 'heart-failure-controlled' }],
    });
    await therapist.agent.post(`${base(duplicate)}/health-history/confirm`, {});
    const cleared = await therapist.agent.post(`${base(duplicate)}/safety/clearances`, {
      ruleIds: ['heart-failure-controlled-mld'],
      physicianName: 'Dr. B',
    });
    expect(cleared.statusCode, cleared.body).toBe(201);
    // Both have an open draft: the duplicate's answers fill what the survivor's lacks.
    const survivorDraft = (await therapist.agent.post(`${base(survivor)}/intakes`, {})).json();
    await therapist.agent.put(`${base(survivor)}/intakes/${survivorDraft.id}/answers`, {
      answers: { goals: 'Survivor goal' },
    });
    const duplicateDraft = (await therapist.agent.post(`${base(duplicate)}/intakes`, {})).json();
    await therapist.agent.put(`${base(duplicate)}/intakes/${duplicateDraft.id}/answers`, {
      answers: { goals: 'Duplicate goal', mobilityLimits: 'No kneeling' },
    });

    const merged = await owner.post(`${base(survivor)}/merge`, { duplicateId: duplicate });
    expect(merged.statusCode, merged.body).toBe(200);

    const history = (await owner.get(`${base(survivor)}/health-history`)).json();
    expect(history.versions.map((v: { version: number }) => v.version).sort()).toEqual([1, 2]);
    const moved = history.versions.find((v: { version: number }) => v.version === 2);
    expect(moved.confirmations).toHaveLength(1);
    const draft = (await owner.get(`${base(survivor)}/intakes/${survivorDraft.id}`)).json();
    expect(draft.answers).toMatchObject({ goals: 'Survivor goal', mobilityLimits: 'No kneeling' });
    const clearances = (await owner.get(`${base(survivor)}/safety/clearances`)).json();
    expect(clearances.items).toHaveLength(1);
    // The current profile is the most recently recorded one: the duplicate's, submitted last.
    const profile = await currentHealthProfile(t.database.db, clinicId, survivor);
    expect(profile.conditions?.map((c) => c.code)).toEqual(['herniated-disc', 'heart-failure-controlled']);
  });
});
