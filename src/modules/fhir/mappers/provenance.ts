import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Provenance, ProvenanceAgent, Reference, Signature } from 'fhir/r4.js';
import {
  clinicalAmendments,
  referringProviders,
  treatmentPlanSignatures,
  treatmentPlans,
  users,
} from '../../../db/schema/index.ts';
import { EXTENSIONS, IDENTIFIERS, SYSTEMS } from '../codes.ts';
import { clean, type Item, instant, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings } from '../search.ts';
import { loadNotes, type NoteRow } from './clinical-source.ts';

const AUTHOR_SIGNATURE = {
  system: SYSTEMS.signatureType,
  code: '1.2.840.10065.1.12.1.1',
  display: "Author's Signature",
};
const VERIFICATION_SIGNATURE = {
  system: SYSTEMS.signatureType,
  code: '1.2.840.10065.1.12.1.5',
  display: 'Verification Signature',
};
const participant = (code: 'author' | 'verifier', display: string) => ({
  coding: [{ system: SYSTEMS.provenanceParticipant, code, display }],
});

/** `<note id>-signature`: a signed note has one signature (corrections are amendments, each its own Provenance). */
export const noteSignatureId = (noteId: string) => `${noteId}-signature`;

const patientExtension = (patientId: string) => ({
  url: EXTENSIONS.provenancePatient,
  valueReference: ref('Patient', patientId),
});

/**
 * A signature by typed name: the signer, signed in, typed their name and the server recorded the time. It is an
 * electronic signature, not a digital (cryptographic) one, so `data` is the typed name itself as `text/plain`
 * (base64, as base64Binary requires): nothing a consumer could mistake for a JWS or an XML DigSig.
 */
function typedSignature(
  type: typeof AUTHOR_SIGNATURE,
  when: Date,
  who: Reference,
  typedName: string,
): Signature {
  return {
    type: [type],
    when: when.toISOString(),
    who,
    sigFormat: 'text/plain',
    data: Buffer.from(typedName, 'utf8').toString('base64'),
  };
}

function staffAgent(clinicId: string, userId: string): ProvenanceAgent {
  return {
    type: participant('author', 'Author'),
    who: ref('Practitioner', userId)!,
    onBehalfOf: ref('Organization', clinicId),
  };
}

/** The author's signature of a session note (its Encounter): legally authenticated. */
export function noteSignatureProvenance(clinicId: string, note: NoteRow): Provenance | null {
  if (note.status !== 'signed' || !note.signedAt || !note.signatureTypedName) return null;
  return clean({
    resourceType: 'Provenance',
    id: noteSignatureId(note.id),
    extension: [patientExtension(note.patientId)],
    target: [ref('Encounter', note.id)],
    recorded: note.signedAt.toISOString(),
    activity: {
      coding: [{ system: SYSTEMS.documentCompletion, code: 'LA', display: 'legally authenticated' }],
      text: 'Session note signed',
    },
    agent: [staffAgent(clinicId, note.authorId)],
    signature: [
      typedSignature(
        AUTHOR_SIGNATURE,
        note.signedAt,
        ref('Practitioner', note.authorId)!,
        note.signatureTypedName,
      ),
    ],
  } as Provenance);
}

type AmendmentRow = Pick<
  typeof clinicalAmendments.$inferSelect,
  'id' | 'patientId' | 'sessionNoteId' | 'authorId' | 'at' | 'reason'
>;

/** A correction of a signed session note: who, when and why (the changed values are in the note itself). */
export function amendmentProvenance(clinicId: string, row: AmendmentRow): Provenance {
  return clean({
    resourceType: 'Provenance',
    id: row.id,
    extension: [patientExtension(row.patientId)],
    target: [ref('Encounter', row.sessionNoteId)],
    recorded: instant(row.at),
    reason: [{ text: row.reason }],
    activity: {
      coding: [{ system: SYSTEMS.dataOperation, code: 'UPDATE', display: 'revise' }],
      text: 'Signed session note amended',
    },
    agent: [staffAgent(clinicId, row.authorId)],
  } as Provenance);
}

export interface PlanSignatureRow {
  id: string;
  planId: string;
  version: number;
  patientId: string;
  physicianUserId: string;
  physicianName: string;
  /** The referring provider record the physician's account is linked to, when there is one. */
  providerId: string | null;
  typedName: string;
  signedAt: Date;
  signatureHash: string;
}

/**
 * The referring physician's certification of one plan version: the target is that version
 * (`CarePlan/<id>/_history/<version>`), since a signature does not cover a later version; the CarePlan read
 * serves the current version, named in its `meta.versionId`.
 */
export function planSignatureProvenance(row: PlanSignatureRow): Provenance {
  const physician: Reference = row.providerId
    ? ref('Practitioner', row.providerId, row.physicianName)!
    : { identifier: { system: IDENTIFIERS.user, value: row.physicianUserId }, display: row.physicianName };
  return clean({
    resourceType: 'Provenance',
    id: row.id,
    extension: [patientExtension(row.patientId)],
    target: [{ reference: `CarePlan/${row.planId}/_history/${row.version}` }],
    recorded: row.signedAt.toISOString(),
    activity: {
      coding: [{ system: SYSTEMS.documentCompletion, code: 'AU', display: 'authenticated' }],
      text: 'Plan of care certified by the referring physician',
    },
    agent: [{ type: participant('verifier', 'Verifier'), who: physician }],
    signature: [
      {
        ...typedSignature(VERIFICATION_SIGNATURE, row.signedAt, physician, row.typedName),
        // SHA-256 of exactly what was signed (the plan version, the signer and the time; src/modules/plans).
        extension: [{ url: EXTENSIONS.signedContentSha256, valueString: row.signatureHash }],
      },
    ],
  } as Provenance);
}

async function loadAmendments(q: LoadQuery): Promise<Item<Provenance>[]> {
  const rows = await q.db
    .select({
      id: clinicalAmendments.id,
      patientId: clinicalAmendments.patientId,
      sessionNoteId: clinicalAmendments.sessionNoteId,
      authorId: clinicalAmendments.authorId,
      at: clinicalAmendments.at,
      reason: clinicalAmendments.reason,
    })
    .from(clinicalAmendments)
    .where(
      and(
        eq(clinicalAmendments.clinicId, q.clinicId),
        isNotNull(clinicalAmendments.sessionNoteId),
        q.patientIds ? inArray(clinicalAmendments.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(clinicalAmendments.id, q.rowId) : undefined,
      ),
    );
  return rows.map((row) => ({ resource: amendmentProvenance(q.clinicId, row), patientId: row.patientId }));
}

async function loadPlanSignatures(q: LoadQuery): Promise<Item<Provenance>[]> {
  const rows = await q.db
    .select({
      id: treatmentPlanSignatures.id,
      planId: treatmentPlanSignatures.planId,
      version: treatmentPlanSignatures.version,
      patientId: treatmentPlans.patientId,
      physicianUserId: treatmentPlanSignatures.physicianUserId,
      physicianName: users.displayName,
      providerId: referringProviders.id,
      typedName: treatmentPlanSignatures.typedName,
      signedAt: treatmentPlanSignatures.signedAt,
      signatureHash: treatmentPlanSignatures.signatureHash,
    })
    .from(treatmentPlanSignatures)
    .innerJoin(
      treatmentPlans,
      and(
        eq(treatmentPlans.clinicId, treatmentPlanSignatures.clinicId),
        eq(treatmentPlans.id, treatmentPlanSignatures.planId),
      ),
    )
    .innerJoin(users, eq(users.id, treatmentPlanSignatures.physicianUserId))
    .leftJoin(
      referringProviders,
      and(
        eq(referringProviders.clinicId, treatmentPlanSignatures.clinicId),
        eq(referringProviders.userId, treatmentPlanSignatures.physicianUserId),
      ),
    )
    .where(
      and(
        eq(treatmentPlanSignatures.clinicId, q.clinicId),
        q.patientIds ? inArray(treatmentPlans.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(treatmentPlanSignatures.id, q.rowId) : undefined,
      ),
    );
  // A physician's account linked to two provider records would repeat a signature: keep one.
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [...byId.values()].map((row) => ({
    resource: planSignatureProvenance(row),
    patientId: row.patientId,
  }));
}

const withoutVersion = (reference: string | undefined) => reference?.replace(/\/_history\/[^/]+$/, '');

export const provenanceDef: ResourceDef<Provenance> = {
  type: 'Provenance',
  scope: 'patient',
  documentation:
    "Authorship and signature of clinical records: the author's signature of each signed session note (target its Encounter; id = `<note id>-signature`; activity LA), each amendment of a signed note (id = the amendment id; activity UPDATE, the reason, the amending author), and each physician certification of a plan of care (id = the signature id; target the signed CarePlan version; activity AU, Verification Signature, the SHA-256 of the signed content in an extension). Signatures are by typed name: `data` is the typed name as text/plain, not a cryptographic signature. The patient is in R5's Provenance.patient cross-version extension.",
  sources: [
    {
      name: 'note-signatures',
      permission: 'clinical.read',
      allowSelf: false,
      async load(q) {
        const notes = await loadNotes(q);
        return notes.flatMap((note) => {
          const resource = noteSignatureProvenance(q.clinicId, note);
          return resource ? [{ resource, patientId: note.patientId }] : [];
        });
      },
    },
    { name: 'note-amendments', permission: 'clinical.read', allowSelf: false, load: loadAmendments },
    { name: 'plan-signatures', permission: 'clinical.read', allowSelf: false, load: loadPlanSignatures },
  ],
  params: [
    {
      name: 'patient',
      type: 'reference',
      documentation: 'The patient whose record the target is',
      refs: (r) =>
        (r.extension ?? [])
          .filter((e) => e.url === EXTENSIONS.provenancePatient)
          .map((e) => e.valueReference?.reference),
    },
    {
      name: 'target',
      type: 'reference',
      documentation: 'The record signed or amended: Encounter/<note id> or CarePlan/<plan id>',
      refs: (r) => r.target.map((t) => withoutVersion(t.reference)),
    },
    {
      name: 'agent',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'Who signed or amended',
      refs: (r) => r.agent.map((a) => a.who.reference),
    },
    { name: 'recorded', type: 'date', documentation: 'When it was recorded', dates: (r) => [r.recorded] },
    {
      name: 'signature-type',
      type: 'token',
      documentation: "urn:iso-astm:E1762-95:2013 codes: Author's Signature, Verification Signature",
      tokens: (r) => codings((r.signature ?? []).map((s) => ({ coding: s.type }))),
    },
  ],
};
