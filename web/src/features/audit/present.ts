import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTION_KINDS,
  type AuditActionKind,
  auditActionKind,
  auditActionName,
  auditResourceKind,
  isAccessCheck,
} from '../../../../src/modules/audit/schemas.ts';
import type { AuditEvent } from '../../api/types.ts';

/**
 * The end of an id, to tell records apart. A UUIDv7 starts with its creation time, so records made the same
 * day share their first characters; the last ones are random.
 */
export const idTail = (id: string) => (id.length > 12 ? `…${id.slice(-6)}` : id);

/**
 * Who a row is about: the patient by name, with the id of the chart to link to; the random end of the id where
 * this clinic has no such patient (a refused probe of another clinic's id); or the size of a list read that
 * showed several patients (`details.patientIds`).
 */
export function patientOf(event: AuditEvent): { text: string; chartOf?: string; idTail?: string } {
  if (event.patientId && event.patientName) return { text: event.patientName, chartOf: event.patientId };
  if (event.patientId) return { text: 'Not a patient of this clinic', idTail: idTail(event.patientId) };
  const listed = event.details?.patientIds;
  if (Array.isArray(listed) && listed.length > 0)
    return { text: `A list of ${listed.length === 1 ? '1 patient' : `${listed.length} patients`}` };
  return { text: '—' };
}

/**
 * The record a row is about, in words, and the random end of its id: "Plan of care", "…3f9c2a". The
 * patient's own record needs no id: the Patient column names them.
 */
export function recordOf(event: AuditEvent): { kind: string; idTail?: string } {
  if (!event.resourceType) return { kind: '—' };
  const kind = auditResourceKind(event.resourceType);
  const aboutThePatient = event.resourceType === 'patient' && event.resourceId === event.patientId;
  return event.resourceId && !aboutThePatient ? { kind, idTail: idTail(event.resourceId) } : { kind };
}

export interface ActionChoices {
  kind: AuditActionKind;
  label: string;
  actions: { code: string; name: string }[];
}

/**
 * The action filter's choices: each kind, then its actions by name. Access checks are left out (a write's
 * check comes with the write): a kind with the Refused outcome finds the refusals.
 */
export function actionChoices(): ActionChoices[] {
  return (Object.keys(AUDIT_ACTION_KINDS) as AuditActionKind[]).map((kind) => ({
    kind,
    label: AUDIT_ACTION_KINDS[kind].label,
    actions: AUDIT_ACTION_CODES.filter((code) => auditActionKind(code) === kind && !isAccessCheck(code))
      .map((code) => ({ code, name: auditActionName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** "front_desk" → "front desk". */
export const roleWords = (roles: readonly string[] | null) =>
  (roles ?? []).map((r) => r.replaceAll('_', ' ')).join(', ');
