import { and, eq, inArray } from 'drizzle-orm';
import type { Encounter } from 'fhir/r4.js';
import { sessionNotes } from '../../../db/schema/index.ts';
import { SYSTEMS, ucum } from '../codes.ts';
import { clean, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { type AppointmentRow, loadAppointments, loadNotes, type NoteRow } from './clinical-source.ts';

const AMBULATORY = { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' };
const SESSION = {
  coding: [{ system: SYSTEMS.service, code: 'massage-session', display: 'Medical massage session' }],
  text: 'Medical massage session',
};

/** A session: its note (id = the note id), with the appointment's times when the note documents one. */
export function noteEncounter(clinicId: string, note: NoteRow, appointment?: AppointmentRow): Encounter {
  return clean({
    resourceType: 'Encounter',
    id: note.id,
    status: note.status === 'signed' ? 'finished' : 'in-progress',
    class: AMBULATORY,
    type: [SESSION],
    serviceType: appointment?.serviceName ? { text: appointment.serviceName } : undefined,
    subject: ref('Patient', note.patientId),
    participant: [{ individual: ref('Practitioner', note.authorId) }],
    appointment: note.appointmentId ? [ref('Appointment', note.appointmentId)] : [],
    period: appointment
      ? { start: appointment.startAt.toISOString(), end: appointment.endAt.toISOString() }
      : { start: note.visitDate, end: note.visitDate },
    length: note.totalMinutes > 0 ? ucum(note.totalMinutes, 'min') : undefined,
    location: appointment ? [{ location: ref('Location', appointment.locationId) }] : [],
    serviceProvider: ref('Organization', clinicId),
  } as Encounter);
}

/** A completed appointment without a note yet (id = the appointment id). */
export function appointmentEncounter(clinicId: string, a: AppointmentRow): Encounter {
  return clean({
    resourceType: 'Encounter',
    id: a.id,
    status: 'finished',
    class: AMBULATORY,
    type: [SESSION],
    serviceType: a.serviceName ? { text: a.serviceName } : undefined,
    subject: ref('Patient', a.patientId),
    participant: [{ individual: ref('Practitioner', a.therapistId) }],
    appointment: [ref('Appointment', a.id)],
    period: { start: a.startAt.toISOString(), end: a.endAt.toISOString() },
    location: [{ location: ref('Location', a.locationId) }],
    serviceProvider: ref('Organization', clinicId),
  } as Encounter);
}

export async function loadEncounters(q: LoadQuery, notes?: NoteRow[]) {
  const [noteRows, completed] = await Promise.all([
    notes ? Promise.resolve(notes) : loadNotes(q),
    loadAppointments(q, { completedOnly: true }),
  ]);
  const byId = new Map(completed.map((a) => [a.id, a]));
  const missing = [
    ...new Set(noteRows.map((n) => n.appointmentId).filter((id): id is string => !!id && !byId.has(id))),
  ];
  if (missing.length > 0) {
    for (const a of await loadAppointments(
      { ...q, rowId: undefined, patientIds: undefined },
      { ids: missing },
    ))
      byId.set(a.id, a);
  }
  // A completed appointment whose note exists is that note's encounter (on a read, that note is not loaded).
  const documented = new Set(noteRows.map((n) => n.appointmentId));
  const unknown = completed.map((a) => a.id).filter((id) => !documented.has(id));
  if (unknown.length > 0 && q.rowId) {
    const rows = await q.db
      .select({ appointmentId: sessionNotes.appointmentId })
      .from(sessionNotes)
      .where(and(eq(sessionNotes.clinicId, q.clinicId), inArray(sessionNotes.appointmentId, unknown)));
    for (const r of rows) documented.add(r.appointmentId);
  }
  return [
    ...noteRows.map((n) => ({
      resource: noteEncounter(q.clinicId, n, n.appointmentId ? byId.get(n.appointmentId) : undefined),
      patientId: n.patientId,
    })),
    ...completed
      .filter((a) => !documented.has(a.id))
      .map((a) => ({ resource: appointmentEncounter(q.clinicId, a), patientId: a.patientId })),
  ];
}

export const encounterDef: ResourceDef<Encounter> = {
  type: 'Encounter',
  scope: 'patient',
  documentation:
    'Sessions: one per session note (id = the note id; finished when signed, in-progress while a draft; length in UCUM min), and one per completed appointment without a note (id = the appointment id).',
  sources: [
    {
      name: 'sessions',
      permission: 'clinical.read',
      allowSelf: false,
      load: (q) => loadEncounters(q),
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject?.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject?.reference] },
    { name: 'date', type: 'date', documentation: 'The session period', dates: (r) => [r.period] },
    {
      name: 'status',
      type: 'token',
      documentation: 'finished | in-progress',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'class',
      type: 'token',
      documentation: 'AMB',
      tokens: (r) => (r.class.code ? [{ system: r.class.system, code: r.class.code }] : []),
    },
    { name: 'type', type: 'token', documentation: 'massage-session', tokens: (r) => codings(r.type ?? []) },
    {
      name: 'participant',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'The therapist',
      refs: (r) => (r.participant ?? []).map((p) => p.individual?.reference),
    },
    {
      name: 'appointment',
      type: 'reference',
      target: 'Appointment',
      documentation: 'The appointment',
      refs: (r) => (r.appointment ?? []).map((a) => a.reference),
    },
  ],
};
