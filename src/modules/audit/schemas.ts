import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';

export const auditQuery = z.object({
  actorUserId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  action: z.string().max(100).optional().describe('Prefix match, e.g. "auth." or "patient.read"'),
  outcome: z.enum(['allowed', 'refused', 'failed']).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

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
  outcome: z.enum(['allowed', 'refused', 'failed']),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;
