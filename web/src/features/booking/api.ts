import type { z } from 'zod';
import type {
  bookableClinic,
  patientRegistration,
  publicServices,
} from '../../../../src/modules/public-booking/schemas.ts';
import { api } from '../../api/client.ts';
import type { Availability } from '../../api/scheduling.ts';

/**
 * The public online-booking calls (no session needed): clinics that take online bookings, their bookable
 * services and therapists, free times (patient rules), and self-registration at the last step.
 */
export type BookableClinic = z.infer<typeof bookableClinic>;
export type PublicServices = z.infer<typeof publicServices>;
export type PublicTherapist = PublicServices['therapists'][number];
export type Registration = z.output<typeof patientRegistration>;

const publicClinic = (clinicId: string) => `/api/public/clinics/${encodeURIComponent(clinicId)}`;

export const publicBooking = {
  clinics: () => api<{ items: BookableClinic[] }>('/api/public/clinics', { auth: false }),
  services: (clinicId: string) => api<PublicServices>(`${publicClinic(clinicId)}/services`, { auth: false }),
  availability: (
    clinicId: string,
    query: {
      serviceId: string;
      from: string;
      to: string;
      therapistId?: string;
      locationId?: string;
      firstAvailable?: boolean;
    },
  ) =>
    api<Availability>(`${publicClinic(clinicId)}/availability`, {
      auth: false,
      query: { ...query, firstAvailable: query.firstAvailable ? 'true' : undefined },
    }),
  /** Creates the account and the patient record, and signs in (the answer carries the session's CSRF token). */
  register: (clinicId: string, body: Registration) =>
    api<{ patientId: string; csrfToken: string }>(`${publicClinic(clinicId)}/patient-accounts`, {
      body,
      auth: false,
    }),
};
