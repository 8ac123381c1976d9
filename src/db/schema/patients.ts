import { date, foreignKey, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { clinics } from './tenancy.ts';
import { users } from './identity.ts';

export interface ContactPerson {
  name: string;
  relationship?: string;
  phone?: string;
  email?: string;
}

export interface ContactPreferences {
  channel: 'email' | 'phone' | 'sms';
  reminders: boolean;
}

/** The patient record. Legal and preferred name, pronouns, sex at birth and gender identity are all kept. */
export const patients = pgTable(
  'patients',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    userId: uuid('user_id').references(() => users.id),
    legalFirstName: text('legal_first_name').notNull(),
    legalLastName: text('legal_last_name').notNull(),
    preferredName: text('preferred_name'),
    pronouns: text('pronouns'),
    sexAssignedAtBirth: text('sex_assigned_at_birth'),
    genderIdentity: text('gender_identity'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    language: text('language').notNull().default('en'),
    email: text('email'),
    phone: text('phone'),
    contactPreferences: jsonb('contact_preferences').$type<ContactPreferences>(),
    emergencyContact: jsonb('emergency_contact').$type<ContactPerson>(),
    guardian: jsonb('guardian').$type<ContactPerson>(),
    notes: text('notes'),
    mergedIntoId: uuid('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.mergedIntoId], foreignColumns: [t.clinicId, t.id] }),
  ],
);

/**
 * Which physician accounts may see which patients: those who referred them, and those a clinic granted.
 * Physicians see nothing else (least privilege).
 */
export const physicianPatientLinks = pgTable(
  'physician_patient_links',
  {
    clinicId: clinicId(),
    patientId: uuid('patient_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason', { enum: ['referral', 'grant'] }).notNull(),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId, t.userId, t.reason] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
  ],
);
