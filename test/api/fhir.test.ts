import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { auditOf, type ClinicalWorld, clinicalWorld, patientWithReferral } from './clinical-support.ts';
import {
  expectValidFhir,
  fhir,
  fhirErrors,
  HEALTH_INSURANCE,
  INJURY_DATE,
  type SeededRecord,
  seedRecord,
} from './fhir-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let rec: SeededRecord;

// biome-ignore lint/suspicious/noExplicitAny: FHIR responses are read as loose JSON
type Json = Record<string, any>;
const entries = (bundle: Json, type?: string): Json[] =>
  (bundle.entry ?? []).map((e: Json) => e.resource).filter((r: Json) => !type || r.resourceType === type);
const codingsOf = (concept: Json | undefined) =>
  (concept?.coding ?? []) as { system: string; code: string }[];

const TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'ServiceRequest',
  'Condition',
  'AllergyIntolerance',
  'MedicationStatement',
  'Flag',
  'QuestionnaireResponse',
  'CarePlan',
  'Goal',
  'Appointment',
  'Encounter',
  'Procedure',
  'Observation',
  'DocumentReference',
  'Consent',
  'Coverage',
  'Provenance',
  'AuditEvent',
];

let everything: Json;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  rec = await seedRecord(w, { sessions: 3 });
  const response = await fhir(w.therapist.agent, `Patient/${rec.patientId}/$everything`);
  expect(response.statusCode, response.body).toBe(200);
  everything = response.json();
}, 60_000);
afterAll(() => t.close());

describe('metadata', () => {
  it('answers a valid CapabilityStatement without sign-in, listing every type and its search parameters', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const cs = response.json();
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    // The validator's schema is the R4 4.0.0 snapshot, whose fhirVersion enum predates the 4.0.1 technical
    // correction Palpa declares: that one value aside, the statement must validate.
    expect(new Set(fhirErrors(cs).map((e) => (e as { dataPath?: string }).dataPath))).toEqual(
      new Set(['.fhirVersion', '']),
    );
    expectValidFhir({ ...cs, fhirVersion: '4.0.0' });
    const resources = cs.rest[0].resource as Json[];
    expect(resources.map((r) => r.type)).toEqual(TYPES);
    const params = (type: string) =>
      resources.find((r) => r.type === type)!.searchParam.map((p: Json) => p.name);
    expect(params('Patient')).toEqual(
      expect.arrayContaining(['_id', '_count', 'name', 'birthdate', 'identifier']),
    );
    expect(params('Observation')).toEqual(
      expect.arrayContaining(['patient', 'subject', 'date', 'code', 'status']),
    );
    expect(resources.find((r) => r.type === 'Patient')!.operation[0].name).toBe('everything');
    expect(cs.rest[0].documentation).toMatch(/X-Palpa-Clinic/);
  });
});

describe('Patient/$everything', () => {
  it('is a valid searchset Bundle holding every part of the record', () => {
    expectValidFhir(everything);
    expect(everything).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(everything.total).toBe(everything.entry.length);
    const types = new Set(entries(everything).map((r) => r.resourceType));
    // Everything but the reports (none yet), the audit log and PractitionerRole (not referenced by the record).
    for (const type of TYPES.filter(
      (x) => !['DocumentReference', 'AuditEvent', 'PractitionerRole'].includes(x),
    ))
      expect(types, type).toContain(type);
    expect(everything.entry[0].fullUrl).toBe(`http://palpa.test/fhir/R4/Patient/${rec.patientId}`);
    // The referring provider is no part of this record (a paper referral without one): only named practitioners.
    expect(entries(everything, 'Practitioner').map((p) => p.id)).toEqual([w.therapist.userId]);
  });

  it('carries the right codes, systems and units', () => {
    const conditions = entries(everything, 'Condition');
    // The referral's injury date is when the conditions began.
    expect(conditions.map((c) => c.onsetDateTime)).toEqual([INJURY_DATE, INJURY_DATE]);
    expect(conditions.map((c) => codingsOf(c.code)[0])).toEqual([
      expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M54.50' }),
      expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M62.838' }),
    ]);
    const sr = entries(everything, 'ServiceRequest')[0]!;
    expect(sr).toMatchObject({ id: rec.referralId, intent: 'order', status: 'active' });
    expect(sr.reasonCode.map((c: Json) => codingsOf(c)[0]!.code)).toEqual(['M54.50', 'M62.838']);
    expect(sr.performerType.coding[0].code).toBe('225700000X');

    const procedures = entries(everything, 'Procedure');
    expect(procedures).toHaveLength(3 * 2);
    const myofascial = procedures.find((p) => p.id === `${rec.noteIds[0]}-t1`)!;
    expect(codingsOf(myofascial.code)).toContainEqual({
      system: 'http://www.ama-assn.org/go/cpt',
      code: '97140',
    });
    expect(myofascial.bodySite[0].coding[0].code).toBe('low-back');
    expect(myofascial.extension[0].valueQuantity).toEqual({
      value: 15,
      unit: 'min',
      system: 'http://unitsofmeasure.org',
      code: 'min',
    });
    const swedish = procedures.find((p) => p.id === `${rec.noteIds[0]}-t2`)!;
    expect(codingsOf(swedish.code)[0]).toEqual({ system: 'http://www.ama-assn.org/go/cpt', code: '97124' });

    const observations = entries(everything, 'Observation');
    const painBefore = observations.find((o) => o.id === `${rec.noteIds[0]}-pain-before`)!;
    expect(codingsOf(painBefore.code)[0]).toMatchObject({ system: 'http://loinc.org', code: '72514-3' });
    expect(painBefore.valueQuantity.value).toBe(6);
    expect(painBefore.encounter.reference).toBe(`Encounter/${rec.noteIds[0]}`);
    const rom = observations.find((o) => o.id === `${rec.noteIds[1]}-rom1`)!;
    expect(rom.valueQuantity).toEqual({
      value: 41,
      unit: 'deg',
      system: 'http://unitsofmeasure.org',
      code: 'deg',
    });
    const tmj = observations.find((o) => o.id === `${rec.assessmentId}-rom2`)!;
    expect(tmj.valueQuantity).toMatchObject({ value: 35, code: 'mm', system: 'http://unitsofmeasure.org' });
    const minutes = observations.find((o) => o.id === `${rec.noteIds[0]}-minutes`)!;
    expect(minutes.valueQuantity).toMatchObject({ value: 23, code: 'min' });
    expect(minutes.component).toContainEqual(
      expect.objectContaining({
        code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '97140' }] },
      }),
    );
    const ndi = observations.find((o) => o.id === rec.administrationIds[0])!;
    expect(codingsOf(ndi.code)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: 'http://loinc.org', code: '82237-9' }),
        expect.objectContaining({
          system: 'https://palpa.dev/fhir/CodeSystem/outcome-instrument',
          code: 'ndi',
        }),
      ]),
    );
    expect(ndi.valueQuantity.value).toBe(20);
    expect(ndi.derivedFrom[0].reference).toBe(`QuestionnaireResponse/${rec.administrationIds[0]}`);
    const nprs = observations.find((o) => o.id === rec.administrationIds[1])!;
    expect(codingsOf(nprs.code)[0]).toMatchObject({ system: 'http://loinc.org', code: '72514-3' });

    const allergies = entries(everything, 'AllergyIntolerance');
    expect(allergies.map((a) => codingsOf(a.code)[0]!.code)).toEqual(['latex', 'massage-oils']);
    const meds = entries(everything, 'MedicationStatement');
    expect(meds.map((m) => m.medicationCodeableConcept.text)).toEqual([
      'Cyclobenzaprine 5 mg',
      'Lisinopril 10 mg',
    ]);
    expect(meds[0]!.effectivePeriod.start).toBe('2026-01-05');
    const consent = entries(everything, 'Consent')[0]!;
    expect(consent).toMatchObject({ status: 'active', patient: { reference: `Patient/${rec.patientId}` } });
    expect(consent.extension[0].extension[0]).toEqual({ url: 'typedName', valueString: 'Ana Lopez' });

    const encounters = entries(everything, 'Encounter');
    expect(encounters.map((e) => e.id).sort()).toEqual([...rec.noteIds].sort());
    expect(encounters[0]).toMatchObject({ status: 'finished', class: { code: 'AMB' } });
    expect(encounters[0]!.length).toMatchObject({ value: 23, code: 'min' });

    const carePlan = entries(everything, 'CarePlan')[0]!;
    expect(carePlan).toMatchObject({ id: rec.planId, status: 'active', intent: 'plan' });
    expect(carePlan.goal.map((g: Json) => g.reference)).toEqual(rec.goalIds.map((id) => `Goal/${id}`));
    const goals = entries(everything, 'Goal');
    const odiGoal = goals.find((g) => g.id === rec.goalIds[0])!;
    expect(codingsOf(odiGoal.target[0].measure)).toContainEqual(
      expect.objectContaining({ system: 'http://loinc.org', code: '97908-8' }),
    );
    expect(odiGoal.achievementStatus.coding[0].code).toBe('improving');
    const romGoal = goals.find((g) => g.id === rec.goalIds[1])!;
    expect(romGoal.target[0].detailQuantity).toMatchObject({ value: 55, code: 'deg' });

    const reports = entries(everything, 'DocumentReference').filter(
      (r) => r.type.coding[0].system === 'https://palpa.dev/fhir/CodeSystem/report-kind',
    );
    expect(reports.map((r) => r.id)).toEqual([rec.reportId]); // the draft is not shown
    expect(reports[0]).toMatchObject({ status: 'current', docStatus: 'final' });
    expect(reports[0]!.content[0].attachment).toMatchObject({
      contentType: 'application/pdf',
      url: `http://palpa.test/api/clinics/${w.clinicId}/patients/${rec.patientId}/reports/${rec.reportId}/pdf`,
    });

    // The documents in the record: who added each, the referral it is filed with, the file by URL.
    const documents = entries(everything, 'DocumentReference').filter((r) => r.id !== rec.reportId);
    const prescription = documents.find((d) => d.id === rec.documentIds.prescription)!;
    expect(prescription).toMatchObject({
      status: 'current',
      type: { coding: [{ code: 'prescription', display: 'Prescription (scanned referral)' }] },
      author: [{ reference: `Patient/${rec.patientId}` }],
      context: { related: [{ reference: `ServiceRequest/${rec.referralId}` }] },
    });
    expect(prescription.content[0].attachment).toMatchObject({
      contentType: 'application/pdf',
      size: 2048,
      title: 'prescription.pdf',
      url: `http://palpa.test/api/clinics/${w.clinicId}/patients/${rec.patientId}/attachments/${rec.documentIds.prescription}/download`,
    });
    const imaging = documents.find((d) => d.id === rec.documentIds.imaging)!;
    expect(imaging.author).toEqual([{ display: w.therapist.name }]);
    expect(imaging.context).toBeUndefined();
    expect(documents).toHaveLength(2);

    const appointments = entries(everything, 'Appointment');
    expect(appointments.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(appointments[0]!.minutesDuration).toBe(60);
  });

  it('is audited once, naming the patient', async () => {
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, rec.patientId), eq(auditLog.action, 'fhir.everything')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'allowed', actorUserId: w.therapist.userId });
  });
});

describe('Coverage', () => {
  it("carries the patient's health insurance, and the injury's workers' compensation claim for the desk only", async () => {
    const desk = (await fhir(w.owner, `Coverage?patient=${rec.patientId}`)).json();
    expectValidFhir(desk);
    const byId = new Map(entries(desk).map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual([`${rec.patientId}-insurance`, `${rec.referralId}-claim`].sort());
    expect(byId.get(`${rec.patientId}-insurance`)).toMatchObject({
      status: 'active',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HIP' }] },
      subscriberId: HEALTH_INSURANCE.memberId,
      beneficiary: { reference: `Patient/${rec.patientId}` },
      payor: [{ display: HEALTH_INSURANCE.payer }],
      class: [{ type: { coding: [{ code: 'group' }] }, value: HEALTH_INSURANCE.groupNumber }],
    });
    expect(byId.get(`${rec.referralId}-claim`)).toMatchObject({
      type: { coding: [{ code: 'WCBPOL' }] },
      identifier: [{ value: 'WC-2025-0042' }],
      policyHolder: { display: 'Harbor Logistics' },
      period: { start: INJURY_DATE },
      payor: [{ display: 'State Compensation Insurance Fund' }],
    });
    const byType = (
      await fhir(w.owner, 'Coverage?type=http://terminology.hl7.org/CodeSystem/v3-ActCode|WCBPOL')
    ).json();
    expect(entries(byType).map((c) => c.id)).toEqual([`${rec.referralId}-claim`]);
    const byClaim = (await fhir(w.owner, 'Coverage?identifier=WC-2025-0042')).json();
    expect(entries(byClaim).map((c) => c.id)).toEqual([`${rec.referralId}-claim`]);

    // The claim is the desk's business: a therapist and the patient see the health insurance only.
    for (const agent of [w.therapist.agent, rec.patientUser.agent]) {
      const seen = (await fhir(agent, `Coverage?patient=${rec.patientId}`)).json();
      expect(entries(seen).map((c) => c.id)).toEqual([`${rec.patientId}-insurance`]);
      expect((await fhir(agent, `Coverage/${rec.referralId}-claim`)).statusCode).toBe(403);
    }
    // The referring physician reads neither.
    expect((await fhir(w.physician.agent, `Coverage?patient=${rec.patientId}`)).statusCode).toBe(403);
  });
});

describe('read', () => {
  it('reads every type by id, each a valid resource, and audits patient reads', async () => {
    const ids: [string, string][] = [
      ...entries(everything).map((r) => [r.resourceType, r.id] as [string, string]),
    ];
    for (const [type, id] of ids) {
      const response = await fhir(w.owner, `${type}/${id}`);
      expect(response.statusCode, `${type}/${id}: ${response.body}`).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      const body = response.json();
      expect(body).toMatchObject({ resourceType: type, id });
      expectValidFhir(body);
    }
    const reads = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.patientId, rec.patientId),
          eq(auditLog.action, 'fhir.read'),
          eq(auditLog.outcome, 'allowed'),
        ),
      )
      // In the order the reads were made (PostgreSQL returns an unordered select in any order).
      .orderBy(asc(auditLog.id));
    expect(reads.length).toBe(
      ids.filter(([type]) => !['Organization', 'Location', 'Practitioner', 'PractitionerRole'].includes(type))
        .length,
    );
    expect(reads.find((r) => r.resourceType === 'Procedure')?.resourceId).toBe(`${rec.noteIds[0]}-t1`);
  });

  it('answers 404 OperationOutcome for an unknown id, and for an unknown type', async () => {
    const response = await fhir(w.owner, 'Patient/0190a1b2-0000-7000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expectValidFhir(response.json());
    expect(response.json().issue[0]).toMatchObject({ severity: 'error', code: 'not-found' });
    const unknownType = await fhir(w.owner, 'Medication/abc');
    expect(unknownType.statusCode).toBe(404);
    expect(unknownType.json().resourceType).toBe('OperationOutcome');
    const deep = await fhir(w.owner, 'Patient/a/b/c');
    expect(deep.statusCode).toBe(404);
    expect(deep.json().resourceType).toBe('OperationOutcome');
  });
});

describe('search', () => {
  it('answers a valid searchset Bundle for every type', async () => {
    for (const type of TYPES) {
      const query = ['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'AuditEvent'].includes(
        type,
      )
        ? ''
        : type === 'Patient'
          ? `?_id=${rec.patientId}`
          : `?patient=${rec.patientId}`;
      const response = await fhir(w.owner, `${type}${query}`);
      expect(response.statusCode, `${type}: ${response.body}`).toBe(200);
      const bundle = response.json();
      expectValidFhir(bundle);
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
      expect(typeof bundle.total).toBe('number');
      expect(bundle.link[0]).toMatchObject({ relation: 'self' });
      expect(bundle.total, type).toBeGreaterThan(0);
    }
  });

  it('filters by code (system|code), date prefixes and status', async () => {
    const pain = (
      await fhir(w.owner, `Observation?patient=Patient/${rec.patientId}&code=http://loinc.org|72514-3`)
    ).json();
    // 3 sessions × (today, before, after) + the NPRS administration.
    expect(pain.total).toBe(3 * 3 + 1);
    expect(entries(pain).every((o) => codingsOf(o.code).some((c) => c.code === '72514-3'))).toBe(true);
    const cpt = (
      await fhir(w.owner, `Procedure?subject=${rec.patientId}&code=http://www.ama-assn.org/go/cpt|97124`)
    ).json();
    expect(cpt.total).toBe(3);
    const wrongSystem = (
      await fhir(w.owner, `Procedure?patient=${rec.patientId}&code=http://loinc.org|97124`)
    ).json();
    expect(wrongSystem.total).toBe(0);
    const dx = (await fhir(w.owner, `Condition?patient=${rec.patientId}&code=M62.838`)).json();
    expect(entries(dx).map((c) => c.id)).toEqual([`${rec.referralId}-dx2`]);

    const all = entries((await fhir(w.owner, `Encounter?patient=${rec.patientId}`)).json());
    const dates = all.map((e) => e.period.start as string).sort();
    const second = dates[1]!;
    const ge = (await fhir(w.owner, `Encounter?patient=${rec.patientId}&date=ge${second}`)).json();
    expect(ge.total).toBe(2);
    const lt = (await fhir(w.owner, `Encounter?patient=${rec.patientId}&date=lt${second}`)).json();
    expect(lt.total).toBe(1);
    const day = second.slice(0, 10);
    const eq1 = (await fhir(w.owner, `Encounter?patient=${rec.patientId}&date=${day}`)).json();
    expect(eq1.total).toBe(1);
    const range = (
      await fhir(w.owner, `Encounter?patient=${rec.patientId}&date=gt1990-01-01&date=le1999-12-31`)
    ).json();
    expect(range.total).toBe(0);
    const fulfilled = (await fhir(w.owner, `Appointment?patient=${rec.patientId}&status=fulfilled`)).json();
    expect(fulfilled.total).toBe(3);
    const booked = (await fhir(w.owner, `Appointment?patient=${rec.patientId}&status=booked`)).json();
    expect(booked.total).toBe(0);
  });

  it('finds patients by name, birthdate and identifier', async () => {
    const byName = (await fhir(w.owner, 'Patient?name=lopez')).json();
    expect(entries(byName).map((p) => p.id)).toContain(rec.patientId);
    const byBirth = (await fhir(w.owner, `Patient?birthdate=1980-03-14&_id=${rec.patientId}`)).json();
    expect(byBirth.total).toBe(1);
    const notBorn = (await fhir(w.owner, `Patient?birthdate=gt1980-03-14&_id=${rec.patientId}`)).json();
    expect(notBorn.total).toBe(0);
    const byIdentifier = (
      await fhir(
        w.owner,
        `Patient?identifier=https://palpa.dev/fhir/NamingSystem/patient-id|${rec.patientId}`,
      )
    ).json();
    expect(entries(byIdentifier).map((p) => p.id)).toEqual([rec.patientId]);
  });

  it('pages with _count and a cursor in link.next', async () => {
    const first = (await fhir(w.owner, `Observation?patient=${rec.patientId}&_count=4`)).json();
    expect(first.entry).toHaveLength(4);
    const next = first.link.find((l: Json) => l.relation === 'next').url as string;
    expect(next).toMatch(/_cursor=/);
    const seen = new Set(entries(first).map((o) => o.id));
    let url: string | undefined = next;
    while (url) {
      const page: Json = (await w.owner.get(url.replace('http://palpa.test', ''))).json();
      expectValidFhir(page);
      expect(page.total).toBe(first.total);
      for (const o of entries(page)) {
        expect(seen.has(o.id)).toBe(false);
        seen.add(o.id);
      }
      url = page.link.find((l: Json) => l.relation === 'next')?.url;
    }
    expect(seen.size).toBe(first.total);
  });

  it('refuses an unknown parameter with 400 OperationOutcome, unless Prefer: handling=lenient', async () => {
    const strict = await fhir(w.owner, `Observation?patient=${rec.patientId}&colour=blue`);
    expect(strict.statusCode).toBe(400);
    expectValidFhir(strict.json());
    expect(strict.json().issue[0]).toMatchObject({ code: 'not-supported', expression: ['colour'] });
    const badDate = await fhir(w.owner, `Observation?patient=${rec.patientId}&date=yesterday`);
    expect(badDate.statusCode).toBe(400);
    const lenient = await fhir(w.owner, `Observation?patient=${rec.patientId}&colour=blue`, {
      prefer: 'handling=lenient',
    });
    expect(lenient.statusCode).toBe(200);
    expect(lenient.json().link[0].url).not.toMatch(/colour/);
  });
});

describe('access', () => {
  it('refuses the patient data of another clinic (403 OperationOutcome), and answers 404 for its ids here', async () => {
    const other = await createOtherClinic(t);
    const refused = await fhir(other.owner, `Patient/${rec.patientId}`, { 'x-palpa-clinic': w.clinicId });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().resourceType).toBe('OperationOutcome');
    expect(refused.json().issue[0].code).toBe('forbidden');
    const elsewhere = await fhir(other.owner, `Patient/${rec.patientId}`);
    expect(elsewhere.statusCode).toBe(404);
    const search = (await fhir(other.owner, 'Patient')).json();
    expect(entries(search).map((p) => p.id)).not.toContain(rec.patientId);
  });

  it('refuses an unrelated physician, and audits the refusal', async () => {
    const stranger = await addMember(t, w.clinicId, ['physician']);
    const response = await fhir(stranger.agent, `Observation?patient=${rec.patientId}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().resourceType).toBe('OperationOutcome');
    const read = await fhir(stranger.agent, `Patient/${rec.patientId}/$everything`);
    expect(read.statusCode).toBe(403);
    expect(await auditOf(w, rec.patientId, stranger.userId)).toEqual([
      'fhir.search:refused',
      'fhir.everything:refused',
    ]);
    // Without naming a patient, the stranger's search finds no one.
    const all = (await fhir(stranger.agent, 'Patient')).json();
    expect(all.total).toBe(0);
  });

  it('lets the linked physician read clinical data but not the intake', async () => {
    const obs = (await fhir(w.physician.agent, `Observation?patient=${rec.patientId}`)).json();
    expect(obs.total).toBeGreaterThan(0);
    const allergies = await fhir(w.physician.agent, `AllergyIntolerance?patient=${rec.patientId}`);
    expect(allergies.statusCode).toBe(403);
    const all = (await fhir(w.physician.agent, `Patient/${rec.patientId}/$everything`)).json();
    const types = new Set(entries(all).map((r) => r.resourceType));
    expect(types).toContain('Encounter');
    expect(types).not.toContain('AllergyIntolerance');
  });

  it('shows the linked physician signed notes and evaluations only, as the API does; staff see drafts too', async () => {
    const base = `/api/clinics/${w.clinicId}/patients/${rec.patientId}`;
    const draft = await w.therapist.agent.post(`${base}/notes`, {
      content: {
        treatment: { rows: [{ techniqueId: 'myofascial-release', region: 'low-back', minutes: 10 }] },
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const draftEvaluation = await w.therapist.agent.post(`${base}/assessments`, {
      kind: 'initial',
      content: { rom: [{ jointMotion: 'lumbar.flexion', value: 30 }] },
    });
    expect(draftEvaluation.statusCode, draftEvaluation.body).toBe(201);
    const ids = async (agent: typeof w.owner, query: string) =>
      entries((await fhir(agent, query)).json()).map((r) => r.id);
    const fromDrafts = (id: string) =>
      id.startsWith(draft.json().id) || id.startsWith(draftEvaluation.json().id);
    for (const query of [`Procedure?patient=${rec.patientId}`, `Observation?patient=${rec.patientId}`]) {
      expect((await ids(w.owner, query)).some(fromDrafts), `staff: ${query}`).toBe(true);
      expect((await ids(w.physician.agent, query)).some(fromDrafts), `physician: ${query}`).toBe(false);
    }
    const everything = (await fhir(w.physician.agent, `Patient/${rec.patientId}/$everything`)).json();
    expect(entries(everything).some((r) => fromDrafts(r.id))).toBe(false);
    expect((await fhir(w.physician.agent, `Procedure/${draft.json().id}-t1`)).statusCode).toBe(404);
    // The drafts are discarded again, so the rest of this file reads the record as seeded.
    expect((await w.therapist.agent.delete(`${base}/notes/${draft.json().id}`)).statusCode).toBe(204);
    expect(
      (await w.therapist.agent.delete(`${base}/assessments/${draftEvaluation.json().id}`)).statusCode,
    ).toBe(204);
  });

  it('lets a patient read only their own record, without the clinical notes', async () => {
    const me = rec.patientUser.agent;
    const own = await fhir(me, `Patient/${rec.patientId}`);
    expect(own.statusCode).toBe(200);
    const list = (await fhir(me, 'Patient')).json();
    expect(entries(list).map((p) => p.id)).toEqual([rec.patientId]);
    const someoneElse = await patientWithReferral(w);
    const other = await fhir(me, `Patient/${someoneElse.patientId}`);
    expect(other.statusCode).toBe(403);
    const notes = await fhir(me, `Encounter?patient=${rec.patientId}`);
    expect(notes.statusCode).toBe(403);
    const scores = (await fhir(me, `Observation?patient=${rec.patientId}`)).json();
    expect(
      entries(scores)
        .map((o) => o.id)
        .sort(),
    ).toEqual([...rec.administrationIds].sort());
    const procedure = await fhir(me, `Procedure/${rec.noteIds[0]}-t1`);
    expect(procedure.statusCode).toBe(403);
    // Their documents, but not the clinician's reports to the physician.
    const documents = (await fhir(me, `DocumentReference?patient=${rec.patientId}`)).json();
    expect(
      entries(documents)
        .map((d) => d.id)
        .sort(),
    ).toEqual([rec.documentIds.prescription, rec.documentIds.imaging].sort());
    expect(await auditOf(w, someoneElse.patientId, rec.patientUser.userId)).toEqual(['fhir.read:refused']);
  });

  it('answers 401 OperationOutcome without sign-in, and works with a bearer token of the clinic', async () => {
    const anonymous = await fhir(t.agent(), `Patient/${rec.patientId}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().resourceType).toBe('OperationOutcome');
    const bad = t.agent();
    bad.bearer = 'not-a-token';
    expect((await fhir(bad, 'Patient')).statusCode).toBe(401);

    const created = await w.owner.post(`/api/clinics/${w.clinicId}/tokens`, {
      name: 'EHR sync',
      scopes: ['patients.read', 'clinical.read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const integration = t.agent();
    integration.bearer = created.json().token;
    const bundle = (await fhir(integration, `Procedure?patient=${rec.patientId}`)).json();
    expect(bundle.total).toBe(6);
    // The token does not carry intake.read: the intake is refused.
    expect((await fhir(integration, `Consent?patient=${rec.patientId}`)).statusCode).toBe(403);
  });

  it('serves the audit log as AuditEvent to owners only', async () => {
    const owner = (await fhir(w.owner, `AuditEvent?patient=${rec.patientId}&_count=200`)).json();
    expectValidFhir(owner);
    expect(owner.total).toBeGreaterThan(0);
    const refused = entries(owner).filter((e) => e.outcome === '4');
    expect(refused.length).toBeGreaterThan(0);
    expect(
      entries(owner).every((e) =>
        e.entity.some((x: Json) => x.what?.reference === `Patient/${rec.patientId}`),
      ),
    ).toBe(true);
    expect((await fhir(w.therapist.agent, 'AuditEvent')).statusCode).toBe(403);
  });

  it('audits a search across patients once per patient it shows', async () => {
    const response = (await fhir(w.therapist.agent, `Appointment?status=fulfilled&_count=200`)).json();
    expect(
      entries(response)
        .map((a) => a.id)
        .sort(),
    ).toEqual([...rec.appointmentIds].sort());
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorUserId, w.therapist.userId),
          eq(auditLog.action, 'fhir.search'),
          eq(auditLog.resourceType, 'Appointment'),
        ),
      );
    expect(rows.map((r) => r.patientId)).toEqual([rec.patientId]);
  });

  it('answers FHIR JSON only, and OperationOutcome for other methods', async () => {
    const xml = await fhir(w.owner, `Patient/${rec.patientId}`, { accept: 'application/fhir+xml' });
    expect(xml.statusCode).toBe(406);
    expect(xml.json().resourceType).toBe('OperationOutcome');
    const json = await fhir(w.owner, `Patient/${rec.patientId}`, { accept: 'application/json' });
    expect(json.statusCode).toBe(200);
    const post = await w.owner.post('/fhir/R4/Patient', { resourceType: 'Patient' });
    expect(post.statusCode).toBe(404);
    expect(post.json().resourceType).toBe('OperationOutcome');
  });

  it('keeps the rest of the API on its own error shape', async () => {
    const api = await w.owner.get('/api/clinics/not-a-uuid/patients/also-not');
    expect(api.json()).toHaveProperty('error');
  });
});
