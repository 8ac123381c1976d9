import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Flag } from 'fhir/r4.js';
import { patients } from '../../../db/schema/index.ts';
import type { Severity } from '../../../domain/safety/types.ts';
import { type ClearanceRow, type SafetyFlags, safetyFlags } from '../../safety/service.ts';
import { EXTENSIONS, SYSTEMS } from '../codes.ts';
import { clean, type Item, instant, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';

const CLINICAL = {
  coding: [{ system: SYSTEMS.flagCategory, code: 'clinical', display: 'Clinical' }],
};

const SEVERITY: Record<Severity, string> = {
  defer: 'Defer all treatment',
  'avoid-area': 'Avoid the area',
  'avoid-technique': 'Avoid the technique',
  clearance: 'Physician clearance required',
  precaution: 'Precaution',
};

/**
 * `<patient id>-<16 hex>`: the hash of the finding key (`<rule>:<condition>@<sites>[#date]`) or of the screening
 * issue, so the id stays the same across reads while the health history behind it is unchanged.
 */
export const flagId = (patientId: string, key: string) =>
  `${patientId}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

interface PatientRow {
  id: string;
  userId: string | null;
  createdAt: Date;
}

/**
 * The physician's answer on the flag — cleared, cleared with limits (in their words) or not cleared — with who,
 * when, until when, the note of a refusal and the letter (a DocumentReference of the record); absent parts left out.
 */
function answerExtension(row: ClearanceRow) {
  return {
    url: EXTENSIONS.physicianClearance,
    extension: [
      { url: 'answer', valueCode: row.answer },
      { url: 'clearedBy', valueString: row.physicianName },
      { url: 'clearedOn', valueDate: row.clearedOn },
      ...(row.expiresOn ? [{ url: 'expiresOn', valueDate: row.expiresOn }] : []),
      ...(row.limits ? [{ url: 'limits', valueString: row.limits }] : []),
      ...(row.answer === 'not-cleared' && row.note ? [{ url: 'note', valueString: row.note }] : []),
      ...(row.attachmentId
        ? [{ url: 'document', valueReference: ref('DocumentReference', row.attachmentId) }]
        : []),
    ],
  };
}

/**
 * The chart's safety flags as Flags: one per finding of the screening (active; inactive while a physician
 * clearance without limits covers it) and, for clinicians, one per screening issue a person must review (no health history on
 * file, a condition that could not be screened). The patient reads their own findings as the chart shows them:
 * in plain words, without the physician's answer in detail or the review issues.
 */
export function toFlags(
  clinicId: string,
  patient: PatientRow,
  screening: SafetyFlags,
  audience: 'clinician' | 'patient',
): Flag[] {
  // When Palpa learned the facts: the health history the screening read, else the patient's registration.
  const start = screening.basedOn?.recordedAt ?? patient.createdAt.toISOString();
  const clearances = new Map(screening.clearances.map((c) => [c.id, c]));
  const base = {
    resourceType: 'Flag' as const,
    subject: ref('Patient', patient.id)!,
    author: ref('Organization', clinicId),
  };
  const findings = screening.flags.map((f) => {
    const clearance = f.clearance ? clearances.get(f.clearance.clearanceId) : undefined;
    const refusal = f.declined ? clearances.get(f.declined.clearanceId) : undefined;
    // A clearance with limits lifts the rule but still warns: massage is limited to what the physician wrote.
    const limits = clearance?.limits;
    // Inactive since the clearance was recorded; one older than the health history covers it from the start.
    const recorded = instant(clearance?.createdAt);
    const inactiveFrom = recorded === undefined || limits ? undefined : [start, recorded].sort()[1];
    const answer = clearance ?? refusal;
    return clean({
      ...base,
      id: flagId(patient.id, f.key),
      extension: answer && audience === 'clinician' ? [answerExtension(answer)] : [],
      status: f.acknowledged && !limits ? 'inactive' : 'active',
      category: [
        CLINICAL,
        { coding: [{ system: SYSTEMS.safetySeverity, code: f.severity, display: SEVERITY[f.severity] }] },
      ],
      code: {
        coding: [{ system: SYSTEMS.safetyRule, code: f.ruleId }],
        text: `${f.subject}: ${f.restriction} (${f.reason}).${limits ? ` Cleared by the physician with limits: ${limits}` : ''}`,
      },
      period: { start, end: inactiveFrom },
    } as Flag);
  });
  if (audience === 'patient') return findings;
  const issues = screening.issues
    .filter((i) => i.level === 'review')
    .map((i) =>
      clean({
        ...base,
        id: flagId(patient.id, `issue:${i.kind}:${i.value ?? ''}`),
        status: 'active',
        category: [CLINICAL],
        code: { coding: [{ system: SYSTEMS.screeningIssue, code: i.kind }], text: i.message },
        period: { start },
      } as Flag),
    );
  const unique = new Map([...findings, ...issues].map((f) => [f.id, f]));
  return [...unique.values()];
}

/**
 * The flags of the query's patients (every patient of the clinic for a clinic-wide search), each from the same
 * screening as the chart header (`safetyFlags` on the clinic's date today).
 */
async function loadFlags(q: LoadQuery): Promise<Item<Flag>[]> {
  const rows = await q.db
    .select({ id: patients.id, userId: patients.userId, createdAt: patients.createdAt })
    .from(patients)
    .where(
      and(
        eq(patients.clinicId, q.clinicId),
        q.patientIds ? inArray(patients.id, [...q.patientIds]) : undefined,
        q.rowId ? eq(patients.id, q.rowId) : undefined,
      ),
    );
  const items: Item<Flag>[] = [];
  // One patient at a time: each screening is a few small queries, and PGlite runs one query at a time anyway.
  for (const patient of rows) {
    const screening = await safetyFlags(q.db, q.clinicId, patient.id, q.today);
    // As in the chart: the patient reading their own record gets the plain-words view.
    const audience =
      q.viewer && !q.viewer.staff && patient.userId === q.viewer.userId ? 'patient' : 'clinician';
    for (const resource of toFlags(q.clinicId, patient, screening, audience))
      items.push({ resource, patientId: patient.id });
  }
  return items;
}

export const flagDef: ResourceDef<Flag> = {
  type: 'Flag',
  scope: 'patient',
  documentation:
    "Contraindication alerts: the chart header's safety flags on the clinic's date today, one per finding of the screening (code = the rule in https://palpa.dev/fhir/CodeSystem/safety-rule, text in plain words, severity as a second category), inactive while a physician clearance without limits covers it (period.end when it was recorded; a clearance with limits keeps it active, the limits in its text; the physician's answer in an extension); for clinicians also the screening issues a person must review (no health history on file, https://palpa.dev/fhir/CodeSystem/screening-issue). Id = `<patient id>-<hash of the finding>`, stable while the health history is unchanged.",
  sources: [{ name: 'safety-screening', permission: 'safety.read', allowSelf: true, load: loadFlags }],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'date', type: 'date', documentation: 'The period the flag is active', dates: (r) => [r.period] },
    {
      name: 'status',
      type: 'token',
      documentation: 'active | inactive (a physician clearance covers it)',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'category',
      type: 'token',
      documentation: 'clinical; the severity: defer | avoid-area | avoid-technique | clearance | precaution',
      tokens: (r) => codings(r.category ?? []),
    },
    {
      name: 'code',
      type: 'token',
      documentation: 'The screening rule (safety-rule) or the issue to review (screening-issue)',
      tokens: (r) => codings([r.code]),
    },
  ],
};
