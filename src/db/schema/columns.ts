import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every instant is stored as timestamptz in UTC. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => instant('created_at').notNull().defaultNow();

/**
 * Clinic-scoped tables carry `clinic_id` as the first primary-key column so the schema can later be
 * distributed by clinic (every foreign key between clinic tables includes clinic_id, too).
 */
export const clinicId = () => uuid('clinic_id').notNull();
export const id = () => uuid('id').notNull();
