import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachments,
  auditLog,
  referringProviders,
  treatmentPlanSignatures,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  planBody,
  plusDays,
} from './clinical-support.ts';
import { expectValidFhir, fhir } from './fhir-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let frontDesk: Awaited<ReturnType<typeof addMember>>;
/** A patient with a clot in the left calf and a muscle relaxant, a portal account, a plan, a signed and amended note. */
let rec: {
  patientId: string;
  patientUser: Awaited<ReturnType<typeof addMember>>;
  planId: string;
  noteId: string;
  amendmentId: string;
  signatureId: string;
};

// biome-ignore lint/suspicious/noExplicitAny: FHIR responses are read as loose JSON
type Json = Record<string, any>;
const entries = (bundle: Json, type?: string): Json[] =>
  (bundle.entry ?? []).map((e: Json) => e.resource).filter((r: Json) => !type || r.resourceType === type);
const ruleOf = (flag: Json) => flag.code.coding[0].code as string;
const SAFETY_RULE = 'https://palpa.dev/fhir/CodeSystem/safety-rule';
const SCREENING_ISSUE = 'https://palpa.dev/fhir/CodeSystem/screening-issue';
const XVER_PATIENT = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Provenance.patient';
const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

/** ext-1, which the schema validator does not check: every extension has a value or extensions of its own. */
function expectExtensionsFilled(value: unknown) {
  if (Array.isArray(value)) return value.forEach(expectExtensionsFilled);
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'extension')
      for (const ext of inner as Json[])
        expect(
          Object.keys(ext).some((k) => k.startsWith('value') || k === 'extension'),
          ext.url,
        ).toBe(true);
    expectExtensionsFilled(inner);
  }
}

async function chartFlags(patientId: string) {
  const response = await w.therapist.agent.get(`${base(w, patientId)}/safety`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Json;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  frontDesk = await addMember(t, w.clinicId, ['front_desk']);
  const patientUser = await addMember(t, w.clinicId, ['patient']);
  const { patientId, referralId } = await patientWithReferral(w, {
    userId: patientUser.userId,
    health: {
      conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }],
      medications: [{ class: 'muscle-relaxant', name: 'Cyclobenzaprine 5 mg' }],
    },
  });
  const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
  expect(plan.statusCode, plan.body).toBe(201);
  const planId = plan.json().id as string;
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    content: {
      subjective: { painToday: 6 },
      treatment: {
        rows: [
          { techniqueId: 'myofascial-release', region: 'upper-back', minutes: 15, pressure: 'moderate' },
        ],
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const noteId = created.json().id as string;
  const note = `${base(w, patientId)}/notes/${noteId}`;
  const signed = await w.therapist.agent.post(`${note}/sign`, { typedName: w.therapist.name });
  expect(signed.statusCode, signed.body).toBe(200);
  t.clock.advance(60_000);
  const amended = await w.therapist.agent.post(`${note}/amendments`, {
    reason: 'Pain was 5, not 6',
    changes: { subjective: { painToday: 5 } },
  });
  expect(amended.statusCode, amended.body).toBe(201);
  const amendmentId = amended.json().amendments[0].id as string;
  const certified = await w.physician.agent.post(
    `${base(w, patientId)}/plans/${planId}/physician-signature`,
    {
      typedName: w.physician.name,
    },
  );
  expect(certified.statusCode, certified.body).toBe(201);
  const [signature] = await t.database.db
    .select()
    .from(treatmentPlanSignatures)
    .where(eq(treatmentPlanSignatures.planId, planId));
  rec = { patientId, patientUser, planId, noteId, amendmentId, signatureId: signature!.id };
}, 60_000);
afterAll(() => t.close());

describe('metadata', () => {
  it('lists Flag and Provenance with their search parameters', async () => {
    const cs = (await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json();
    const resources = cs.rest[0].resource as Json[];
    const params = (type: string) =>
      resources.find((r) => r.type === type)!.searchParam.map((p: Json) => p.name as string);
    expect(params('Flag')).toEqual(
      expect.arrayContaining(['_id', 'patient', 'subject', 'date', 'status', 'category', 'code']),
    );
    expect(params('Provenance')).toEqual(
      expect.arrayContaining(['_id', 'patient', 'target', 'agent', 'recorded', 'signature-type']),
    );
  });
});

describe('Flag', () => {
  it("is the chart header's flags: one per finding, in plain words, valid R4, with ids stable across reads", async () => {
    const chart = await chartFlags(rec.patientId);
    const bundle = (await fhir(frontDesk.agent, `Flag?patient=${rec.patientId}`)).json();
    expectValidFhir(bundle);
    const flags = entries(bundle, 'Flag');
    expect(flags.map(ruleOf).sort()).toEqual(chart.flags.map((f: Json) => f.ruleId).sort());
    expect(flags.map(ruleOf)).toEqual(expect.arrayContaining(['dvt-limb', 'dvt-mld', 'sedation-heat']));
    for (const flag of flags) {
      const finding = chart.flags.find((f: Json) => f.ruleId === ruleOf(flag));
      expect(flag).toMatchObject({
        status: 'active',
        subject: { reference: `Patient/${rec.patientId}` },
        author: { reference: `Organization/${w.clinicId}` },
        period: { start: chart.basedOn.recordedAt },
        code: {
          coding: [{ system: SAFETY_RULE, code: finding.ruleId }],
          text: `${finding.subject}: ${finding.restriction} (${finding.reason}).`,
        },
      });
      expect(flag.id.startsWith(`${rec.patientId}-`)).toBe(true);
      expect(flag.category[0].coding[0]).toMatchObject({ code: 'clinical' });
      expect(flag.category[1].coding[0]).toMatchObject({ code: finding.severity });
      expect(flag.period.end).toBeUndefined();
    }
    const again = entries((await fhir(w.therapist.agent, `Flag?patient=${rec.patientId}`)).json());
    expect(again.map((f) => f.id)).toEqual(flags.map((f) => f.id));
    const limb = flags.find((f) => ruleOf(f) === 'dvt-limb')!;
    const read = await fhir(frontDesk.agent, `Flag/${limb.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expectValidFhir(read.json());
    expect(read.json().code.text).toBe(limb.code.text);
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.read'), eq(auditLog.resourceId, limb.id)));
    expect(audited).toMatchObject({
      outcome: 'allowed',
      actorUserId: frontDesk.userId,
      patientId: rec.patientId,
      resourceType: 'Flag',
    });
  });

  it('turns inactive under a physician clearance, keeping its id, with the clearance in an extension', async () => {
    const before = entries((await fhir(w.owner, `Flag?patient=${rec.patientId}`)).json());
    const limbId = before.find((f) => ruleOf(f) === 'dvt-limb')!.id;
    t.clock.advance(60_000);
    // The physician's letter, filed in the record (a DocumentReference); the clearance has no expiry.
    const letterId = uuidv7();
    await t.database.db.insert(attachments).values({
      clinicId: w.clinicId,
      id: letterId,
      patientId: rec.patientId,
      kind: 'clearance',
      fileName: 'clearance.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1024,
      sha256: 'ab',
      uploadedBy: w.therapist.userId,
    });
    const clearance = await w.therapist.agent.post(`${base(w, rec.patientId)}/safety/clearances`, {
      ruleIds: ['dvt-limb'],
      physicianName: 'Dr. Maya Rivera',
      attachmentId: letterId,
    });
    expect(clearance.statusCode, clearance.body).toBe(201);
    const chart = await chartFlags(rec.patientId);
    expect(chart.flags.find((f: Json) => f.ruleId === 'dvt-limb').acknowledged).toBe(true);

    const after = (await fhir(w.owner, `Flag?patient=${rec.patientId}`)).json();
    expectValidFhir(after);
    expectExtensionsFilled(after);
    const limb = entries(after).find((f) => ruleOf(f) === 'dvt-limb')!;
    expect(limb.id).toBe(limbId);
    expect(limb.status).toBe('inactive');
    expect(limb.period.end).toBe(clearance.json().createdAt);
    expect(limb.extension).toEqual([
      {
        url: 'https://palpa.dev/fhir/StructureDefinition/physician-clearance',
        extension: [
          { url: 'answer', valueCode: 'cleared' },
          { url: 'clearedBy', valueString: 'Dr. Maya Rivera' },
          { url: 'clearedOn', valueDate: clearance.json().clearedOn },
          { url: 'document', valueReference: { reference: `DocumentReference/${letterId}` } },
        ],
      },
    ]);
    // The clot's other restriction (no drainage anywhere) was not cleared: still active.
    expect(entries(after).find((f) => ruleOf(f) === 'dvt-mld')!.status).toBe('active');
    const active = entries((await fhir(w.owner, `Flag?patient=${rec.patientId}&status=active`)).json());
    expect(active.map(ruleOf)).not.toContain('dvt-limb');
    expect(active.map(ruleOf)).toContain('dvt-mld');
  });

  it("keeps warning under a clearance with limits, in the physician's words, and names a refusal to clear", async () => {
    const { patientId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
    });
    const answer = (body: Record<string, unknown>) =>
      w.therapist.agent.post(`${base(w, patientId)}/safety/clearances`, {
        physicianName: 'Dr. Maya Rivera',
        ...body,
      });
    const limited = await answer({
      ruleIds: ['dvt-limb'],
      answer: 'cleared-with-limits',
      limits: 'Light stroking of the left thigh only',
    });
    expect(limited.statusCode, limited.body).toBe(201);
    const refused = await answer({
      ruleIds: ['dvt-mld'],
      answer: 'not-cleared',
      note: 'Clot not resolved yet',
    });
    expect(refused.statusCode, refused.body).toBe(201);
    const chart = await chartFlags(patientId);
    expect(chart.flags.find((f: Json) => f.ruleId === 'dvt-limb').acknowledged).toBe(true);
    expect(chart.flags.find((f: Json) => f.ruleId === 'dvt-mld').acknowledged).toBe(false);

    const bundle = (await fhir(w.therapist.agent, `Flag?patient=${patientId}`)).json();
    expectValidFhir(bundle);
    expectExtensionsFilled(bundle);
    const limb = entries(bundle).find((f) => ruleOf(f) === 'dvt-limb')!;
    expect(limb.status).toBe('active');
    expect(limb.period.end).toBeUndefined();
    expect(limb.code.text).toMatch(
      /Cleared by the physician with limits: Light stroking of the left thigh only$/,
    );
    expect(limb.extension[0].extension).toEqual(
      expect.arrayContaining([
        { url: 'answer', valueCode: 'cleared-with-limits' },
        { url: 'limits', valueString: 'Light stroking of the left thigh only' },
      ]),
    );
    const drainage = entries(bundle).find((f) => ruleOf(f) === 'dvt-mld')!;
    expect(drainage.status).toBe('active');
    expect(drainage.extension[0].extension).toEqual(
      expect.arrayContaining([
        { url: 'answer', valueCode: 'not-cleared' },
        { url: 'clearedBy', valueString: 'Dr. Maya Rivera' },
        { url: 'note', valueString: 'Clot not resolved yet' },
      ]),
    );
  });

  it('tells clinicians when there is no health history to screen, and not the patient, as the chart does', async () => {
    const patientUser = await addMember(t, w.clinicId, ['patient']);
    const { patientId } = await patientWithReferral(w, { userId: patientUser.userId });
    const staff = entries((await fhir(w.therapist.agent, `Flag?patient=${patientId}`)).json());
    expect(staff).toHaveLength(1);
    expect(staff[0]).toMatchObject({
      status: 'active',
      code: { coding: [{ system: SCREENING_ISSUE, code: 'no-health-history' }] },
    });
    expect(staff[0]!.code.text).toMatch(/No health history on file/);
    const own = await fhir(patientUser.agent, `Flag?patient=${patientId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(0);
    const portal = (await patientUser.agent.get(`${base(w, patientId)}/safety`)).json();
    expect(portal.flags).toEqual([]);
  });

  it('lets the patient read their own flags in plain words, without the clearance details', async () => {
    const me = rec.patientUser.agent;
    const own = (await fhir(me, `Flag?patient=${rec.patientId}`)).json();
    expectValidFhir(own);
    const portal = (await me.get(`${base(w, rec.patientId)}/safety`)).json();
    expect(entries(own)).toHaveLength(portal.flags.length);
    for (const flag of entries(own)) {
      const shown = portal.flags.find(
        (f: Json) => flag.code.text === `${f.subject}: ${f.restriction} (${f.reason}).`,
      );
      expect(shown, flag.code.text).toBeDefined();
      expect(flag.status).toBe(shown.clearedByPhysician ? 'inactive' : 'active');
      expect(flag.extension).toBeUndefined();
    }
    const clinician = entries((await fhir(w.physician.agent, `Flag?patient=${rec.patientId}`)).json());
    expect(clinician.find((f) => ruleOf(f) === 'dvt-limb')!.extension).toHaveLength(1);
  });

  it('refuses another clinic, an unrelated physician and another patient, and audits it', async () => {
    const other = await createOtherClinic(t);
    const elsewhere = await fhir(other.owner, `Flag?patient=${rec.patientId}`, {
      'x-palpa-clinic': w.clinicId,
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().resourceType).toBe('OperationOutcome');
    const stranger = await addMember(t, w.clinicId, ['physician']);
    const refused = await fhir(stranger.agent, `Flag?patient=${rec.patientId}`);
    expect(refused.statusCode).toBe(403);
    expect(await auditOf(w, rec.patientId, stranger.userId)).toEqual(['fhir.search:refused']);
    expect((await fhir(stranger.agent, 'Flag')).json().total).toBe(0);
    const someoneElse = await patientWithReferral(w);
    const notMine = await fhir(rec.patientUser.agent, `Flag?patient=${someoneElse.patientId}`);
    expect(notMine.statusCode).toBe(403);
    // An API token without safety.read does not reach the flags.
    const created = await w.owner.post(`/api/clinics/${w.clinicId}/tokens`, {
      name: 'Scheduling sync',
      scopes: ['patients.read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const integration = t.agent();
    integration.bearer = created.json().token;
    expect((await fhir(integration, `Flag?patient=${rec.patientId}`)).statusCode).toBe(403);
  });

  it('audits a search across patients once per patient shown', async () => {
    // The clot's drainage flag, still active: the two patients with a clot (one under a refusal to clear it).
    const all = (
      await fhir(w.owner, 'Flag?code=https://palpa.dev/fhir/CodeSystem/safety-rule|dvt-mld&status=active')
    ).json();
    expectValidFhir(all);
    const shown = entries(all).map((f) => (f.subject.reference as string).replace('Patient/', ''));
    expect(shown).toHaveLength(2);
    expect(shown).toContain(rec.patientId);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'fhir.search'),
          eq(auditLog.resourceType, 'Flag'),
          eq(auditLog.actorUserId, w.ownerId),
        ),
      );
    expect(
      rows
        .filter((r) => r.details && (r.details as Json).via === 'clinic-search')
        .map((r) => r.patientId)
        .sort(),
    ).toEqual([...shown].sort());
  });
});

describe('Provenance', () => {
  it("records the note's signature, its amendment and the plan's certification, each valid R4", async () => {
    const bundle = (await fhir(w.therapist.agent, `Provenance?patient=${rec.patientId}`)).json();
    expectValidFhir(bundle);
    expectExtensionsFilled(bundle);
    const byId = new Map(entries(bundle).map((p) => [p.id as string, p]));
    expect([...byId.keys()].sort()).toEqual(
      [`${rec.noteId}-signature`, rec.amendmentId, rec.signatureId].sort(),
    );
    const patientExtension = [
      { url: XVER_PATIENT, valueReference: { reference: `Patient/${rec.patientId}` } },
    ];

    const note = (await w.therapist.agent.get(`${base(w, rec.patientId)}/notes/${rec.noteId}`)).json();
    const signature = byId.get(`${rec.noteId}-signature`)!;
    expect(signature).toMatchObject({
      extension: patientExtension,
      target: [{ reference: `Encounter/${rec.noteId}` }],
      recorded: note.signedAt,
      activity: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DocumentCompletion', code: 'LA' }],
      },
      agent: [
        {
          type: { coding: [{ code: 'author' }] },
          who: { reference: `Practitioner/${w.therapist.userId}` },
          onBehalfOf: { reference: `Organization/${w.clinicId}` },
        },
      ],
    });
    expect(signature.signature).toEqual([
      {
        type: [
          {
            system: 'urn:iso-astm:E1762-95:2013',
            code: '1.2.840.10065.1.12.1.1',
            display: "Author's Signature",
          },
        ],
        when: note.signedAt,
        who: { reference: `Practitioner/${w.therapist.userId}` },
        sigFormat: 'text/plain',
        data: expect.any(String),
      },
    ]);
    expect(decode(signature.signature[0].data)).toBe(w.therapist.name);

    const amendment = byId.get(rec.amendmentId)!;
    expect(amendment).toMatchObject({
      extension: patientExtension,
      target: [{ reference: `Encounter/${rec.noteId}` }],
      recorded: note.amendments[0].at,
      reason: [{ text: 'Pain was 5, not 6' }],
      activity: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'UPDATE' }],
      },
      agent: [{ who: { reference: `Practitioner/${w.therapist.userId}` } }],
    });
    expect(amendment.signature).toBeUndefined();

    const [row] = await t.database.db
      .select()
      .from(treatmentPlanSignatures)
      .where(eq(treatmentPlanSignatures.id, rec.signatureId));
    const certification = byId.get(rec.signatureId)!;
    const physician = {
      identifier: { system: 'https://palpa.dev/fhir/NamingSystem/user-id', value: w.physician.userId },
      display: w.physician.name,
    };
    expect(certification).toMatchObject({
      target: [{ reference: `CarePlan/${rec.planId}/_history/1` }],
      recorded: row!.signedAt.toISOString(),
      activity: { coding: [{ code: 'AU' }] },
      agent: [{ type: { coding: [{ code: 'verifier' }] }, who: physician }],
    });
    expect(certification.signature[0]).toMatchObject({
      type: [{ code: '1.2.840.10065.1.12.1.5', display: 'Verification Signature' }],
      who: physician,
      extension: [
        {
          url: 'https://palpa.dev/fhir/StructureDefinition/signed-content-sha256',
          valueString: row!.signatureHash,
        },
      ],
    });
    expect(decode(certification.signature[0].data)).toBe(w.physician.name);
  });

  it("names the physician's provider record once their account is linked to one", async () => {
    const providerId = uuidv7();
    await t.database.db.insert(referringProviders).values({
      clinicId: w.clinicId,
      id: providerId,
      kind: 'physician',
      firstName: 'Maya',
      lastName: 'Rivera',
      userId: w.physician.userId,
    });
    const read = await fhir(w.therapist.agent, `Provenance/${rec.signatureId}`);
    expect(read.statusCode, read.body).toBe(200);
    expectValidFhir(read.json());
    expect(read.json().agent[0].who).toEqual({
      reference: `Practitioner/${providerId}`,
      display: w.physician.name,
    });
  });

  it('searches by target (type and id, or id alone), agent and signature type', async () => {
    const ids = async (query: string) =>
      entries((await fhir(w.therapist.agent, `Provenance?${query}`)).json())
        .map((p) => p.id)
        .sort();
    expect(await ids(`target=Encounter/${rec.noteId}`)).toEqual(
      [`${rec.noteId}-signature`, rec.amendmentId].sort(),
    );
    expect(await ids(`target=${rec.noteId}`)).toEqual([`${rec.noteId}-signature`, rec.amendmentId].sort());
    expect(await ids(`target=CarePlan/${rec.planId}`)).toEqual([rec.signatureId]);
    expect(await ids(`target=Encounter/${rec.planId}`)).toEqual([]);
    expect(await ids(`patient=${rec.patientId}&agent=Practitioner/${w.therapist.userId}`)).toEqual(
      [`${rec.noteId}-signature`, rec.amendmentId].sort(),
    );
    expect(
      await ids(`patient=${rec.patientId}&signature-type=urn:iso-astm:E1762-95:2013|1.2.840.10065.1.12.1.5`),
    ).toEqual([rec.signatureId]);
  });

  it('reads by id, audited, and answers 404 for a draft note (no signature yet)', async () => {
    const read = await fhir(w.owner, `Provenance/${rec.noteId}-signature`);
    expect(read.statusCode, read.body).toBe(200);
    expectValidFhir(read.json());
    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.read'), eq(auditLog.resourceId, `${rec.noteId}-signature`)));
    expect(audited).toMatchObject({
      outcome: 'allowed',
      patientId: rec.patientId,
      resourceType: 'Provenance',
    });
    const draft = await w.therapist.agent.post(`${base(w, rec.patientId)}/notes`, {
      content: { subjective: { painToday: 4 } },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await fhir(w.owner, `Provenance/${draft.json().id}-signature`)).statusCode).toBe(404);
  });

  it('is clinical documentation: the linked physician reads it; the patient, the front desk, an unrelated physician and another clinic do not', async () => {
    const physician = (await fhir(w.physician.agent, `Provenance?patient=${rec.patientId}`)).json();
    expect(physician.total).toBe(3);
    const me = rec.patientUser;
    expect((await fhir(me.agent, `Provenance?patient=${rec.patientId}`)).statusCode).toBe(403);
    expect((await fhir(me.agent, `Provenance/${rec.noteId}-signature`)).statusCode).toBe(403);
    expect((await fhir(me.agent, 'Provenance')).statusCode).toBe(403);
    expect((await auditOf(w, rec.patientId, me.userId)).filter((a) => a.endsWith(':refused'))).toEqual([
      'fhir.search:refused',
      'fhir.read:refused',
    ]);
    expect((await fhir(frontDesk.agent, `Provenance?patient=${rec.patientId}`)).statusCode).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await fhir(stranger.agent, `Provenance/${rec.noteId}-signature`)).statusCode).toBe(403);
    expect(await auditOf(w, rec.patientId, stranger.userId)).toEqual(['fhir.read:refused']);
    const other = await createOtherClinic(t);
    const elsewhere = await fhir(other.owner, `Provenance?patient=${rec.patientId}`, {
      'x-palpa-clinic': w.clinicId,
    });
    expect(elsewhere.statusCode).toBe(403);
    expect((await fhir(other.owner, `Provenance/${rec.noteId}-signature`)).statusCode).toBe(404);
  });
});

describe('Patient/$everything', () => {
  it('holds the flags and the provenance for clinicians, and the flags only for the patient', async () => {
    const staff = (await fhir(w.therapist.agent, `Patient/${rec.patientId}/$everything`)).json();
    expectValidFhir(staff);
    expect(entries(staff, 'Flag').map(ruleOf)).toEqual(expect.arrayContaining(['dvt-limb', 'dvt-mld']));
    expect(entries(staff, 'Provenance')).toHaveLength(3);
    const own = (await fhir(rec.patientUser.agent, `Patient/${rec.patientId}/$everything`)).json();
    expectValidFhir(own);
    expect(entries(own, 'Flag').length).toBeGreaterThan(0);
    expect(entries(own, 'Provenance')).toEqual([]);
  });
});
