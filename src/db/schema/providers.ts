import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { clinics } from './tenancy.ts';

export const PROVIDER_KINDS = ['physician', 'chiropractor', 'physical_therapist', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * Referring providers (physicians, chiropractors, physical therapists…) known to a clinic. `user_id` links the
 * record to the provider's Palpa account once they accept an invitation (role `physician`).
 */
export const referringProviders = pgTable(
  'referring_providers',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    kind: text('kind', { enum: PROVIDER_KINDS }).notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    credentials: text('credentials'),
    practiceName: text('practice_name'),
    /** 10 digits with a valid check digit (checked by the app), unique per clinic. */
    npi: text('npi'),
    phone: text('phone'),
    fax: text('fax'),
    email: text('email'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    nameKey: text('name_key').generatedAlwaysAs(
      sql`public.palpa_search_key(last_name || ' ' || first_name || ' ' || coalesce(practice_name, ''))`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('referring_providers_npi_unique').on(t.clinicId, t.npi),
    index('referring_providers_name_idx').on(t.clinicId, t.nameKey),
    index('referring_providers_email_idx').on(t.clinicId, sql`lower(${t.email})`),
    index('referring_providers_user_idx').on(t.clinicId, t.userId),
    check(
      'referring_providers_kind_valid',
      sql`${t.kind} in ('physician', 'chiropractor', 'physical_therapist', 'other')`,
    ),
    check('referring_providers_npi_shape', sql`${t.npi} ~ '^[0-9]{10}$'`),
  ],
);
