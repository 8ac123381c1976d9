import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';

/**
 * Append-only audit log. No foreign keys on purpose: it records refused attempts against clinics or
 * records that may not exist. A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    at: instant('at').notNull().defaultNow(),
    clinicId: uuid('clinic_id'),
    actorUserId: uuid('actor_user_id'),
    actorRoles: text('actor_roles').array(),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    patientId: uuid('patient_id'),
    outcome: text('outcome', { enum: ['allowed', 'refused', 'failed'] }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_clinic_idx').on(t.clinicId, t.id),
    index('audit_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('audit_actor_idx').on(t.actorUserId, t.id),
    // "Who saw this patient" includes list reads, which name the patients they showed in details.patientIds.
    index('audit_listed_patients_idx').using('gin', sql`(${t.details} -> 'patientIds')`),
  ],
);
