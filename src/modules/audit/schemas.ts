import { z } from 'zod';
import { pageQuery } from '../../platform/pagination.ts';
import { isoDateTime } from '../../platform/schemas.ts';
import { AUDIT_ACTION_KIND_IDS } from './labels.ts';

// The audit log in words (actions, kinds, resources), shared by the page and the CSV export.
export {
  AUDIT_ACTION_CODES,
  AUDIT_ACTION_KINDS,
  type AuditActionKind,
  auditActionKind,
  auditActionName,
  auditActionText,
  auditResourceKind,
  isAccessCheck,
} from './labels.ts';

export const auditOutcome = z.enum(['allowed', 'refused', 'failed']);

const auditFilterFields = z.object({
  actorUserId: z.uuid().optional().describe('Who acted'),
  patientId: z
    .uuid()
    .optional()
    .describe('Rows about this patient, and reads of lists that showed them (details.patientIds)'),
  kind: z.enum(AUDIT_ACTION_KIND_IDS).optional().describe('A kind of action (AUDIT_ACTION_KINDS)'),
  action: z.string().max(100).optional().describe('Prefix match, e.g. "auth." or "patient.read"'),
  outcome: auditOutcome.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

const rangeInOrder = (q: { from?: string; to?: string }) =>
  !q.from || !q.to || new Date(q.from) <= new Date(q.to);
const rangeError = { message: 'The end is before the start', path: ['to'] };

export const auditQuery = auditFilterFields.refine(rangeInOrder, rangeError);
export const auditPageQuery = auditFilterFields.extend(pageQuery.shape).refine(rangeInOrder, rangeError);
export type AuditFilters = z.infer<typeof auditQuery>;

export const auditEvent = z.object({
  id: z.uuid(),
  at: isoDateTime,
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()).nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  patientId: z.uuid().nullable(),
  /** The patient's name now (preferred or legal first name, and last name), read from this clinic's records. */
  patientName: z.string().nullable(),
  outcome: auditOutcome,
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;
