import { AsyncLocalStorage } from 'node:async_hooks';
import type { Resource } from 'fhir/r4.js';
import type { Database } from '../../db/connection.ts';
import type { Permission } from '../../platform/permissions.ts';
import type { SearchParamDef } from './search.ts';

/** What a loader needs: the clinic, and optionally the patients or the one row a read is about. */
export interface LoadQuery {
  db: Database;
  clinicId: string;
  clinic: { id: string; name: string; timeZone: string };
  /** The clinic's calendar date today (derived statuses such as a referral's). */
  today: string;
  /** Restrict to these patients; undefined = every patient of the clinic. */
  patientIds?: readonly string[];
  /**
   * A read: the Palpa row id the FHIR id starts with (the whole id for most types; `<note id>-t1` → note id).
   * Loaders filter on it in SQL; the caller then picks the exact FHIR id.
   */
  rowId?: string;
  /**
   * Who reads, for rows only some callers see: a caller who is not clinic staff (a linked physician) is not
   * shown a self-referred plan, except of their own record (src/modules/plans). Undefined: no such narrowing.
   */
  viewer?: { userId: string; staff: boolean };
  /**
   * Signed session notes and evaluations only, whoever reads: a copy of the record sent out (records requests)
   * holds no drafts. Set by Patient/$everything inside `signedRecordCopy`; it only ever narrows.
   */
  signedOnly?: boolean;
  /** Shared loads within one request ($everything reads the notes once for five resource types). */
  memo?: Map<string, Promise<unknown>>;
}

/**
 * Runs around an internal call of Patient/$everything (`app.inject`, src/modules/records-requests) that produces
 * the copy of the record sent out: inside it the bundle holds signed notes and evaluations only, as the PDF does.
 * Only code in this process can set it (no header or parameter does), and it only narrows what the caller reads.
 */
export const signedRecordCopy = new AsyncLocalStorage<{ signedOnly: true }>();

/** Runs `load` once per request and key when the query carries a memo. */
export function memoised<T>(q: LoadQuery, key: string, load: () => Promise<T>): Promise<T> {
  if (!q.memo) return load();
  const full = `${key}|${q.patientIds?.join(',') ?? '*'}|${q.rowId ?? ''}`;
  let hit = q.memo.get(full) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    q.memo.set(full, hit);
  }
  return hit;
}

/** One emitted resource, with the patient it belongs to (null for clinic-level resources). */
export interface Item<R extends Resource = Resource> {
  resource: R;
  patientId: string | null;
}

/**
 * Where resources of a type come from, with the permission that reads them: a type may have several sources
 * (QuestionnaireResponse: intakes — `intake.read` — and outcome administrations — `clinical.read`).
 */
export interface Source<R extends Resource = Resource> {
  name: string;
  permission: Permission;
  /** The patient may read their own (as in the rest of the API). */
  allowSelf: boolean;
  load(q: LoadQuery): Promise<Item<R>[]>;
}

export interface ResourceDef<R extends Resource = Resource> {
  type: R['resourceType'];
  /** patient: patient data (authorizePatient, audited); clinic: clinic directory; audit: the audit log. */
  scope: 'patient' | 'clinic' | 'audit';
  sources: Source<R>[];
  params: SearchParamDef<R>[];
  documentation: string;
}

export const ref = (type: string, id: string | null | undefined, display?: string) =>
  id ? { reference: `${type}/${id}`, ...(display ? { display } : {}) } : undefined;

/** Removes undefined, null, empty arrays and empty objects: FHIR JSON must not carry empty values. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(clean).filter((v) => !isEmpty(v)) as T;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (!isEmpty(c)) out[k] = c;
    }
    return out as T;
  }
  return value;
}
const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** A FHIR instant/dateTime from a Date. */
export const instant = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
