import { and, eq } from 'drizzle-orm';
import { appointments, services } from './schema/index.ts';

/** Join conditions used across capabilities, written once (both sides scoped to the same clinic). */

/** An appointment's service: its name, duration and price. */
export const serviceOfAppointment = and(
  eq(services.clinicId, appointments.clinicId),
  eq(services.id, appointments.serviceId),
)!;
