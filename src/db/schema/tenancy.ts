import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';

export const ROLES = ['owner', 'front_desk', 'therapist', 'physician', 'patient'] as const;
export type Role = (typeof ROLES)[number];

export const clinics = pgTable(
  'clinics',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    idleTimeoutMinutes: integer('idle_timeout_minutes').notNull().default(30),
    require2faForStaff: boolean('require_2fa_for_staff').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    /** Printed on superbills: the employer identification number (12-3456789) and the organisation NPI. */
    taxId: text('tax_id'),
    npi: text('npi'),
    createdAt: createdAt(),
  },
  (t) => [
    check('clinics_idle_timeout_range', sql`${t.idleTimeoutMinutes} between 5 and 480`),
    check('clinics_tax_id', sql`${t.taxId} ~ '^[0-9]{2}-[0-9]{7}$'`),
    check('clinics_npi', sql`${t.npi} ~ '^[0-9]{10}$'`),
  ],
);

export const locations = pgTable(
  'locations',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    name: text('name').notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    city: text('city').notNull(),
    region: text('region').notNull(),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull().default('US'),
    phone: text('phone'),
    timeZone: text('time_zone').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const memberships = pgTable(
  'memberships',
  {
    clinicId: clinicId().references(() => clinics.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
    disabledAt: instant('disabled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.userId, t.role] }),
    index('memberships_user_idx').on(t.userId),
    check(
      'memberships_role_valid',
      sql`${t.role} in ('owner', 'front_desk', 'therapist', 'physician', 'patient')`,
    ),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: instant('expires_at').notNull(),
    acceptedAt: instant('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: instant('revoked_at'),
    /** A patient-portal invitation names the patient record the new account opens onto. */
    patientId: uuid('patient_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    // Created by migration 0013 (hand-written); declared here so export/import order and drizzle-kit know it.
    foreignKey({
      name: 'invitations_patient_fk',
      columns: [t.clinicId, t.patientId],
      foreignColumns: [patients.clinicId, patients.id],
    }),
    check(
      'invitations_role_valid',
      sql`${t.role} in ('owner', 'front_desk', 'therapist', 'physician', 'patient')`,
    ),
  ],
);
