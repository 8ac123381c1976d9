import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { clinics } from './tenancy.ts';

export interface ContactPerson {
  name: string;
  relationship?: string;
  phone?: string;
  email?: string;
}

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
}

/** The patient's health insurance, as printed on superbills (the patient sends the claim). */
export interface Insurance {
  payer: string;
  memberId: string;
  groupNumber?: string;
}

export interface ContactPreferences {
  channel?: 'email' | 'phone' | 'sms';
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
    address: jsonb('address').$type<PostalAddress>(),
    insurance: jsonb('insurance').$type<Insurance>(),
    notes: text('notes'),
    mergedIntoId: uuid('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    // Search keys, maintained by the database (functions in migration 0003): lower case, accents removed.
    firstKey: text('first_key').generatedAlwaysAs(sql`public.palpa_search_key(legal_first_name)`),
    lastKey: text('last_key').generatedAlwaysAs(sql`public.palpa_search_key(legal_last_name)`),
    /** Last word of a compound last name ("garcia lopez" → "lopez"), so either surname finds the patient. */
    lastWordKey: text('last_word_key').generatedAlwaysAs(
      sql`substring(public.palpa_search_key(legal_last_name) from ' ([^ ]+)$')`,
    ),
    preferredKey: text('preferred_key').generatedAlwaysAs(sql`public.palpa_search_key(preferred_name)`),
    emailKey: text('email_key').generatedAlwaysAs(sql`lower(btrim(email))`),
    phoneKey: text('phone_key').generatedAlwaysAs(sql`public.palpa_phone_key(phone)`),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.mergedIntoId], foreignColumns: [t.clinicId, t.id] }),
    // Prefix search: one ordered btree range scan per key (text_pattern_ops compares bytes, so `~>=~`/`~<~`
    // ranges work whatever the database collation); `id` last so (key, id) order needs no sort and a page stops early.
    index('patients_first_key_idx').on(t.clinicId, t.firstKey.op('text_pattern_ops'), t.id),
    index('patients_last_key_idx').on(t.clinicId, t.lastKey.op('text_pattern_ops'), t.id),
    index('patients_last_word_key_idx').on(t.clinicId, t.lastWordKey.op('text_pattern_ops'), t.id),
    index('patients_preferred_key_idx').on(t.clinicId, t.preferredKey.op('text_pattern_ops'), t.id),
    index('patients_email_key_idx').on(t.clinicId, t.emailKey.op('text_pattern_ops'), t.id),
    index('patients_phone_key_idx').on(t.clinicId, t.phoneKey.op('text_pattern_ops'), t.id),
    // The phone digits reversed: "the last 4 digits" is a prefix range of this index.
    index('patients_phone_suffix_idx').on(t.clinicId, sql`reverse(${t.phoneKey}) text_pattern_ops`, t.id),
    index('patients_dob_idx').on(t.clinicId, t.dateOfBirth),
    // The list order (last name, first name, id), also used for keyset paging.
    index('patients_name_order_idx').on(t.clinicId, t.lastKey, t.firstKey, t.id),
    index('patients_user_idx').on(t.userId),
  ],
);

/**
 * A record a patient created by registering online that the duplicate check (same legal name and date of birth)
 * matched to an existing record of the clinic. Staff review the pair and merge it, or dismiss it as not the same
 * person; the online account is never linked to the existing record automatically. Merging either record hides
 * the pair (src/modules/patients/possible-duplicates.ts).
 */
export const patientPossibleDuplicates = pgTable(
  'patient_possible_duplicates',
  {
    clinicId: clinicId(),
    /** The record created by the online registration. */
    patientId: uuid('patient_id').notNull(),
    /** The clinic's existing record it may duplicate. */
    existingPatientId: uuid('existing_patient_id').notNull(),
    createdAt: createdAt(),
    dismissedAt: instant('dismissed_at'),
    dismissedBy: uuid('dismissed_by').references(() => users.id),
  },
  (t) => [
    primaryKey({
      name: 'patient_possible_duplicates_pk',
      columns: [t.clinicId, t.patientId, t.existingPatientId],
    }),
    foreignKey({
      name: 'patient_possible_duplicates_patient_fk',
      columns: [t.clinicId, t.patientId],
      foreignColumns: [patients.clinicId, patients.id],
    }),
    foreignKey({
      name: 'patient_possible_duplicates_existing_fk',
      columns: [t.clinicId, t.existingPatientId],
      foreignColumns: [patients.clinicId, patients.id],
    }),
    index('patient_possible_duplicates_existing_idx').on(t.clinicId, t.existingPatientId),
    check('patient_possible_duplicates_pair', sql`${t.patientId} <> ${t.existingPatientId}`),
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
    index('physician_patient_links_user_idx').on(t.clinicId, t.userId),
  ],
);
