import type { Appointment } from 'fhir/r4.js';
import { SYSTEMS } from '../codes.ts';
import { clean, instant, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { type AppointmentRow, loadAppointments } from './clinical-source.ts';

const STATUS: Record<AppointmentRow['status'], Appointment['status']> = {
  booked: 'booked',
  confirmed: 'booked',
  checked_in: 'arrived',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
};

export function toAppointment(row: AppointmentRow): Appointment {
  const minutes = Math.round((row.endAt.getTime() - row.startAt.getTime()) / 60_000);
  return clean({
    resourceType: 'Appointment',
    id: row.id,
    meta: { lastUpdated: row.updatedAt.toISOString() },
    status: STATUS[row.status],
    cancelationReason:
      row.status === 'cancelled'
        ? { text: row.cancellationReason ?? `Cancelled by ${row.cancelledByRole ?? 'staff'}` }
        : undefined,
    serviceType: [
      {
        coding: [{ system: SYSTEMS.service, code: row.serviceId, display: row.serviceName ?? undefined }],
        text: row.serviceName ?? undefined,
      },
    ],
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    minutesDuration: minutes,
    created: instant(row.createdAt),
    basedOn: row.referralId ? [ref('ServiceRequest', row.referralId)] : [],
    participant: [
      { actor: ref('Patient', row.patientId), required: 'required', status: 'accepted' },
      { actor: ref('Practitioner', row.therapistId), required: 'required', status: 'accepted' },
      {
        actor: ref('Location', row.locationId),
        required: 'required',
        status: 'accepted',
      },
    ],
    comment: row.roomName ? `Room: ${row.roomName}` : undefined,
  } as Appointment);
}

const actors = (r: Appointment) => r.participant.map((p) => p.actor?.reference);

export const appointmentDef: ResourceDef<Appointment> = {
  type: 'Appointment',
  scope: 'patient',
  documentation:
    'Appointments. Status: booked (booked, confirmed), arrived (checked in), fulfilled (completed), cancelled, noshow.',
  sources: [
    {
      name: 'appointments',
      permission: 'appointments.read',
      allowSelf: true,
      async load(q) {
        const rows = await loadAppointments(q);
        return rows.map((row) => ({ resource: toAppointment(row), patientId: row.patientId }));
      },
    },
  ],
  params: [
    {
      name: 'patient',
      type: 'reference',
      documentation: 'The patient',
      refs: (r) => actors(r).filter((a) => a?.startsWith('Patient/')),
    },
    {
      name: 'practitioner',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'The therapist',
      refs: (r) => actors(r).filter((a) => a?.startsWith('Practitioner/')),
    },
    {
      name: 'location',
      type: 'reference',
      target: 'Location',
      documentation: 'The location',
      refs: (r) => actors(r).filter((a) => a?.startsWith('Location/')),
    },
    {
      name: 'date',
      type: 'date',
      documentation: 'Start time',
      dates: (r) => [r.start],
    },
    {
      name: 'status',
      type: 'token',
      documentation: 'booked | arrived | fulfilled | cancelled | noshow',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'service-type',
      type: 'token',
      documentation: 'The service (Palpa service id)',
      tokens: (r) => codings(r.serviceType ?? []),
    },
    {
      name: 'based-on',
      type: 'reference',
      target: 'ServiceRequest',
      documentation: 'The referral',
      refs: (r) => (r.basedOn ?? []).map((b) => b.reference),
    },
  ],
};
