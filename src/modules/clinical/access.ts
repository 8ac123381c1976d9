import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/auth-plugin.ts';
import { AppError } from '../../platform/errors.ts';
import {
  authorizePatient,
  type PatientAccess,
  type PatientAccessRequest,
} from '../../platform/patient-access.ts';
import { isOwnName } from './signature-name.ts';

export interface ClinicalGate extends PatientAccessRequest {
  /** Patients may read this (their own plan, home care, outcomes). Default: no, clinical documentation. */
  allowSelf?: boolean;
}

/**
 * The gate for clinical documentation: `authorizePatient`, except that a caller who is only the patient is
 * refused (and audited as refused, naming the patient) for records that are not theirs to read (therapist
 * drafts, assessments, notes) — unless `allowSelf`.
 */
export async function authorizeClinical(request: FastifyRequest, gate: ClinicalGate): Promise<PatientAccess> {
  if (!gate.allowSelf) {
    const principal = requireUser(request);
    const roles = principal.memberships.filter((m) => m.clinicId === gate.clinicId).map((m) => m.role);
    if (roles.length > 0 && roles.every((r) => r === 'patient')) {
      await request.audit({
        action: gate.action,
        outcome: 'refused',
        clinicId: gate.clinicId,
        actorRoles: roles,
        patientId: gate.patientId,
        resourceType: gate.resourceType ?? 'patient',
        resourceId: gate.resourceId ?? gate.patientId,
      });
      throw new AppError('forbidden', 'You do not have access to this');
    }
  }
  return authorizePatient(request, gate);
}

/** The refusal when someone other than a draft's author acts on it: "Only the author signs a report". */
export class NotAuthorError extends AppError {
  constructor(what: string) {
    super('forbidden', `Only the author ${what}`);
  }
}
export const notAuthor = (what: string) => new NotAuthorError(what);

/**
 * The gate and the audit writer for one kind of clinical record, shared by that record's routes: the gate reads
 * or writes (`clinical.read` / `clinical.write`) the record named by `params[idParam]` when there is one, and
 * `audit` records an action on a record of this kind for the patient the access was granted for.
 */
export function clinicalRecordAccess<K extends string>(resourceType: string, idParam: K) {
  return {
    gate: (
      request: FastifyRequest,
      params: { clinicId: string; patientId: string } & { [P in K]?: string },
      write: boolean,
      action: string,
    ): Promise<PatientAccess> => {
      const resourceId = params[idParam];
      return authorizeClinical(request, {
        clinicId: params.clinicId,
        patientId: params.patientId,
        permission: write ? 'clinical.write' : 'clinical.read',
        action,
        ...(resourceId ? { resourceType, resourceId } : {}),
      });
    },
    audit: (
      request: FastifyRequest,
      access: PatientAccess,
      action: string,
      resourceId: string,
      details?: Record<string, unknown>,
    ) => request.audit(recordEntry(access, action, resourceId, details)),
    /**
     * Runs an action only a record's author may take (sign, discard, edit a draft): a `notAuthor` refusal thrown
     * inside it, often inside its transaction (rolled back), is audited as refused once the work has ended.
     */
    authorOnly: async <T>(
      request: FastifyRequest,
      access: PatientAccess,
      action: string,
      resourceId: string,
      work: () => Promise<T>,
    ): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof NotAuthorError)
          await request.audit({ ...recordEntry(access, action, resourceId), outcome: 'refused' });
        throw error;
      }
    },
  };

  function recordEntry(
    access: PatientAccess,
    action: string,
    resourceId: string,
    details?: Record<string, unknown>,
  ) {
    return {
      action,
      clinicId: access.clinicId,
      actorRoles: access.roles,
      patientId: access.patientId,
      resourceType,
      resourceId,
      details,
    };
  }
}

/**
 * Two-level merge for autosave: each section's fields replace the stored ones, others are kept. `null` (at
 * either level) clears: the field is removed, so a cleared field reads exactly like one never filled in.
 */
export function mergeSections(
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    if (!isPlainObject(value)) {
      out[key] = value;
      continue;
    }
    const before = stored[key];
    const section: Record<string, unknown> = isPlainObject(before) ? { ...before } : {};
    for (const [field, v] of Object.entries(value)) {
      if (v === null) delete section[field];
      else if (v !== undefined) section[field] = v;
    }
    out[key] = section;
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf paths two levels deep (`subjective.painToday`) that a patch touches. */
export function touchedPaths(patch: Record<string, unknown>): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (isPlainObject(value)) {
      for (const [sub, v] of Object.entries(value)) if (v !== undefined) paths.push(`${key}.${sub}`);
    } else paths.push(key);
  }
  return paths;
}

export function getPath(content: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), content);
}

/** The fields a correction changes, with before and after values (for an amendment). */
export function changedFields(
  original: Record<string, unknown>,
  patch: Record<string, unknown>,
): { field: string; before: unknown; after: unknown }[] {
  return touchedPaths(patch)
    .map((field) => ({
      field,
      before: getPath(original, field) ?? null,
      after: getPath(patch, field) ?? null,
    }))
    .filter((c) => canonicalJson(c.before) !== canonicalJson(c.after));
}

/** JSON with each object's keys in one order: a value stored as jsonb (keys reordered) reads the same as sent. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** Applies amendments in order to the signed content: what the record says now. */
export function applyAmendments(
  content: Record<string, unknown>,
  amendments: readonly { changes: readonly { field: string; after: unknown }[] }[],
): Record<string, unknown> {
  const out = structuredClone(content);
  for (const amendment of amendments) {
    for (const change of amendment.changes) {
      const [head, sub] = change.field.split('.') as [string, string | undefined];
      if (sub === undefined) out[head] = change.after;
      else {
        const section = isPlainObject(out[head]) ? (out[head] as Record<string, unknown>) : {};
        out[head] = { ...section, [sub]: change.after };
      }
    }
  }
  return out;
}

/**
 * A typed-name signature is the signer's own name as on their account (case, accents, punctuation, spacing,
 * titles and credentials aside: `isOwnName`), never any text.
 */
export function requireOwnName(typedName: string, accountName: string, path = 'body.typedName'): void {
  if (!isOwnName(typedName, accountName))
    throw new AppError('unprocessable', 'Type your name as it appears on your account to sign', [
      { path, message: 'Does not match your name' },
    ]);
}
