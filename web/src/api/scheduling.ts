import type { z } from 'zod';
import type {
  AppointmentDto,
  alternatives,
  bookingBody,
  CancelResult,
  cancelBody,
  rebookList,
  rescheduleBody,
  seriesCreateBody,
  seriesCreated,
  seriesPreview,
  seriesPreviewBody,
  waitlistBody,
  waitlistEntry,
  waitlistOffer,
} from '../../../src/modules/appointments/schemas.ts';
import type { patientSummary } from '../../../src/modules/patients/schemas.ts';
import type {
  AppointmentsInTimeOff,
  availabilityResponse,
  bookingRules,
  bookingRulesPatch,
  exceptionCreated,
  exceptionInput,
  exceptionOut,
  feedCreated,
  feedStatus,
  publicService,
  room,
  roomInput,
  ServiceDto,
  SlotDto,
  serviceInput,
  therapistSchedule,
  therapistScheduleOut,
} from '../../../src/modules/scheduling/schemas.ts';
import { ApiError, api } from './client.ts';

/** Scheduling and appointment calls (calendar, online booking, schedule set-up, waitlist), typed. */
export type Appointment = AppointmentDto;
export type Slot = SlotDto;
export type Service = ServiceDto;
export type PublicService = z.infer<typeof publicService>;
export type Room = z.infer<typeof room>;
export type TherapistSchedule = z.infer<typeof therapistScheduleOut>;
export type TherapistException = z.infer<typeof exceptionOut>;
/** A saved time off, holiday or extra hours, with the booked appointments it covers (still booked). */
export type ExceptionCreated = z.infer<typeof exceptionCreated>;
export type { AppointmentsInTimeOff };
export type BookingRules = z.infer<typeof bookingRules>;
export type Alternatives = z.infer<typeof alternatives>;
export type Availability = z.infer<typeof availabilityResponse>;
export type WaitlistEntry = z.infer<typeof waitlistEntry>;
export type RebookItem = z.infer<typeof rebookList>['items'][number];
export type WaitlistOffer = z.infer<typeof waitlistOffer>;
export type PatientSummary = z.infer<typeof patientSummary>;
export type SeriesPreview = z.infer<typeof seriesPreview>;
export type SeriesPreviewBody = z.input<typeof seriesPreviewBody>;
/** The booking body, plus a free-text note from the patient ("I have a referral for…"). */
export type BookingBody = z.output<typeof bookingBody> & { note?: string };

const clinic = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;

/** A fresh Idempotency-Key: one per booking attempt, reused if the same attempt is sent again. */
export const newIdempotencyKey = () => `web-${crypto.randomUUID()}`;

export const scheduling = {
  services: (clinicId: string) => api<{ items: Service[] }>(`${clinic(clinicId)}/services`),
  createService: (clinicId: string, body: z.output<typeof serviceInput>) =>
    api<Service>(`${clinic(clinicId)}/services`, { body }),
  updateService: (clinicId: string, id: string, body: z.output<typeof serviceInput>) =>
    api<Service>(`${clinic(clinicId)}/services/${id}`, { method: 'PUT', body }),
  archiveService: (clinicId: string, id: string) =>
    api<{ ok: true }>(`${clinic(clinicId)}/services/${id}`, { method: 'DELETE' }),

  rooms: (clinicId: string) => api<{ items: Room[] }>(`${clinic(clinicId)}/rooms`),
  createRoom: (clinicId: string, body: z.output<typeof roomInput>) =>
    api<Room>(`${clinic(clinicId)}/rooms`, { body }),
  updateRoom: (clinicId: string, id: string, body: z.output<typeof roomInput>) =>
    api<Room>(`${clinic(clinicId)}/rooms/${id}`, { method: 'PUT', body }),
  archiveRoom: (clinicId: string, id: string) =>
    api<{ ok: true }>(`${clinic(clinicId)}/rooms/${id}`, { method: 'DELETE' }),

  therapists: (clinicId: string) => api<{ items: TherapistSchedule[] }>(`${clinic(clinicId)}/therapists`),
  saveSchedule: (clinicId: string, therapistId: string, body: z.output<typeof therapistSchedule>) =>
    api<TherapistSchedule>(`${clinic(clinicId)}/therapists/${therapistId}/schedule`, {
      method: 'PUT',
      body,
    }),
  exceptions: (clinicId: string, therapistId: string, from?: string) =>
    api<{ items: TherapistException[] }>(`${clinic(clinicId)}/therapists/${therapistId}/exceptions`, {
      query: { from },
    }),
  addException: (clinicId: string, therapistId: string, body: z.output<typeof exceptionInput>) =>
    api<ExceptionCreated>(`${clinic(clinicId)}/therapists/${therapistId}/exceptions`, { body }),
  removeException: (clinicId: string, therapistId: string, id: string) =>
    api<{ ok: true }>(`${clinic(clinicId)}/therapists/${therapistId}/exceptions/${id}`, {
      method: 'DELETE',
    }),

  rules: (clinicId: string) => api<BookingRules>(`${clinic(clinicId)}/scheduling/rules`),
  updateRules: (clinicId: string, body: z.output<typeof bookingRulesPatch>) =>
    api<BookingRules>(`${clinic(clinicId)}/scheduling/rules`, { method: 'PATCH', body }),

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
    api<Availability>(`${clinic(clinicId)}/availability`, {
      query: { ...query, firstAvailable: query.firstAvailable ? 'true' : undefined },
    }),

  appointments: (
    clinicId: string,
    query: { from: string; to: string; therapistId?: string; roomId?: string; patientId?: string },
  ) =>
    api<{ items: Appointment[]; nextCursor: string | null }>(`${clinic(clinicId)}/appointments`, {
      query: { ...query, limit: 1000 },
    }),
  appointment: (clinicId: string, id: string) => api<Appointment>(`${clinic(clinicId)}/appointments/${id}`),
  /** `warning` (staff): the therapist's licence had expired by the visit's date, booked all the same. */
  book: (clinicId: string, body: BookingBody, idempotencyKey: string) =>
    api<Appointment & { warning?: string }>(`${clinic(clinicId)}/appointments`, {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    }),
  transition: (
    clinicId: string,
    id: string,
    action: 'confirm' | 'check-in' | 'undo-check-in' | 'no-show' | 'complete',
  ) =>
    api<Appointment>(`${clinic(clinicId)}/appointments/${id}/${action}`, {
      method: 'POST',
      body: action === 'complete' ? {} : undefined,
    }),
  /** Staff say who cancelled (`cancelledBy`) and may waive a late fee; a patient sends the reason only. */
  cancel: (clinicId: string, id: string, body: z.input<typeof cancelBody>) =>
    api<CancelResult>(`${clinic(clinicId)}/appointments/${id}/cancel`, { body }),
  reschedule: (clinicId: string, id: string, body: z.output<typeof rescheduleBody>, idempotencyKey: string) =>
    api<Appointment>(`${clinic(clinicId)}/appointments/${id}/reschedule`, {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    }),

  rebook: (clinicId: string) => api<{ items: RebookItem[] }>(`${clinic(clinicId)}/rebook`),
  remindToBook: (clinicId: string, patientId: string) =>
    api<{ sentAt: string; delivered: boolean }>(`${clinic(clinicId)}/rebook/${patientId}/reminder`, {
      method: 'POST',
      body: {},
    }),

  calendarFeed: (clinicId: string, therapistId: string) =>
    api<z.infer<typeof feedStatus>>(`${clinic(clinicId)}/therapists/${therapistId}/calendar-feed`),
  createCalendarFeed: (clinicId: string, therapistId: string, includePatientNames: boolean) =>
    api<z.infer<typeof feedCreated>>(`${clinic(clinicId)}/therapists/${therapistId}/calendar-feed`, {
      body: { includePatientNames },
    }),
  revokeCalendarFeed: (clinicId: string, therapistId: string) =>
    api<{ revoked: number }>(`${clinic(clinicId)}/therapists/${therapistId}/calendar-feed`, {
      method: 'DELETE',
    }),
  previewSeries: (clinicId: string, body: SeriesPreviewBody) =>
    api<SeriesPreview>(`${clinic(clinicId)}/appointments/series/preview`, { body }),
  bookSeries: (clinicId: string, body: z.input<typeof seriesCreateBody>, idempotencyKey: string) =>
    api<z.infer<typeof seriesCreated>>(`${clinic(clinicId)}/appointments/series`, {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    }),

  patients: (clinicId: string, q?: string) =>
    api<{ items: PatientSummary[]; nextCursor: string | null }>(`${clinic(clinicId)}/patients`, {
      query: { q, limit: 20 },
    }),

  waitlist: (clinicId: string) => api<{ items: WaitlistEntry[] }>(`${clinic(clinicId)}/waitlist`),
  joinWaitlist: (clinicId: string, body: z.output<typeof waitlistBody>) =>
    api<WaitlistEntry>(`${clinic(clinicId)}/waitlist`, { body }),
  leaveWaitlist: (clinicId: string, id: string) =>
    api<WaitlistEntry>(`${clinic(clinicId)}/waitlist/${id}`, { method: 'DELETE' }),
  offer: (clinicId: string, offerId: string) =>
    api<WaitlistOffer>(`${clinic(clinicId)}/waitlist/offers/${offerId}`),
  acceptOffer: (clinicId: string, offerId: string) =>
    api<Appointment>(`${clinic(clinicId)}/waitlist/offers/${offerId}/accept`, { method: 'POST' }),
};

/** The nearest free times a 409 `slot_taken` (or a 422) carries, if any. */
/** 409 appointments_in_time_off: the booked appointments a time off or holiday would cover. */
export function bookedInTimeOffOf(error: unknown): AppointmentsInTimeOff | null {
  if (!(error instanceof ApiError) || error.code !== 'appointments_in_time_off') return null;
  const details = error.details as Partial<AppointmentsInTimeOff> | undefined;
  if (!details || !Array.isArray(details.appointments)) return null;
  return { total: details.total ?? details.appointments.length, appointments: details.appointments };
}

export function alternativesOf(error: unknown): Alternatives | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { alternatives?: Alternatives } | undefined;
  const alts = details?.alternatives;
  if (!alts || !Array.isArray(alts.before) || !Array.isArray(alts.after)) return null;
  return alts;
}
