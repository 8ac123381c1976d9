import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { bookingBody } from '../../../../src/modules/appointments/schemas.ts';
import { localDate } from '../../../../src/modules/scheduling/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useAttemptKey } from '../../api/idempotency.ts';
import { type Appointment, type Slot, scheduling } from '../../api/scheduling.ts';
import { Field } from '../../components/Field.tsx';
import { Alert } from '../../components/Status.tsx';
import { Alternatives } from './Alternatives.tsx';
import { calendarApi } from './api.ts';
import { Dialog } from './Dialog.tsx';
import { PatientSearch } from './PatientSearch.tsx';
import { roomLabel, type ScheduleRefs } from './refs.ts';
import { type Refusal, refusalOf } from './refusal.ts';
import { ServiceField, TherapistField } from './ScheduleFields.tsx';
import { dateTimeLabel, localToIso, todayIn } from './time.ts';
import { referralNotes } from './visit-warnings.ts';

export interface NewAppointmentDraft {
  /** Local `YYYY-MM-DDTHH:mm` in the clinic zone. */
  start: string;
  therapistId?: string;
  roomId?: string;
  /** Booking for a patient chosen before (from their chart): no search needed. */
  patient?: { id: string; displayName: string };
}

/**
 * Book from the calendar: find the patient (or keep the one chosen on their chart), pick the service;
 * therapist, room and time come prefilled.
 */
export function NewAppointmentDialog({
  clinicId,
  zone,
  draft,
  refs,
  onClose,
  onBooked,
}: {
  clinicId: string;
  zone: string;
  draft: NewAppointmentDraft | null;
  refs: ScheduleRefs;
  onClose: () => void;
  onBooked: (appointment: Appointment & { warning?: string }) => void;
}) {
  const [patientId, setPatientId] = useState('');
  /** Counts the openings: a new one starts the patient search afresh. */
  const [opened, setOpened] = useState(0);
  const [preset, setPreset] = useState<NewAppointmentDraft['patient']>();
  const [serviceId, setServiceId] = useState('');
  const [therapistId, setTherapistId] = useState('');
  const [roomId, setRoomId] = useState('');
  const [start, setStart] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** The server's answer to a refused booking: its reason, and the nearest free times. */
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const keyFor = useAttemptKey();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!draft) return;
    setStart(draft.start);
    setTherapistId(draft.therapistId ?? '');
    setRoomId(draft.roomId ?? '');
    setPatientId(draft.patient?.id ?? '');
    setPreset(draft.patient);
    setOpened((n) => n + 1);
    setErrors({});
    setRefusal(null);
  }, [draft]);
  // The dialog opens on its first button (Close): the first field (finding the patient, or the service when the
  // patient is already chosen) is where the front desk types. Runs after the dialog's own effect has opened it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when the dialog opens or the patient field comes or goes
  useEffect(() => {
    if (draft) formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [draft, preset]);

  // Before booking, where one more visit stands on the patient's referral (expired, visits used or booked).
  const day = start.slice(0, 10);
  const standing = useQuery({
    queryKey: ['referral-standing-to-book', clinicId, patientId, day],
    queryFn: () => calendarApi.referralStandingToBook(clinicId, patientId, day),
    enabled: draft !== null && patientId !== '' && localDate.safeParse(day).success,
  });
  const referralWarnings = standing.isError
    ? [`The referral could not be checked: ${messageOf(standing.error)}`]
    : standing.data
      ? referralNotes(standing.data, todayIn(zone), 'booking')
      : [];

  const services = refs.services.data?.items ?? [];
  const therapists = refs.therapists.data?.items ?? [];
  const rooms = (refs.rooms.data?.items ?? []).filter((r) => !r.archived);

  async function book(override?: Slot) {
    const body = {
      patientId,
      serviceId,
      therapistId: override?.therapistId ?? (therapistId || undefined),
      roomId: override?.roomId ?? (roomId || undefined),
      start: override?.start ?? (start ? localToIso(start, zone) : ''),
    };
    const parsed = bookingBody.safeParse(body);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        next[field] ??=
          field === 'patientId'
            ? 'Choose a patient'
            : field === 'serviceId'
              ? 'Choose a service'
              : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setRefusal(null);
    setBusy(true);
    try {
      onBooked(await scheduling.book(clinicId, parsed.data, keyFor(parsed.data)));
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="New appointment" open={draft !== null} onClose={onClose} wide>
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void book();
        }}
      >
        {refusal?.alternatives ? null : <Alert>{refusal?.message}</Alert>}
        {preset ? (
          <p className="preset-patient">
            Patient: <strong>{preset.displayName}</strong>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setPreset(undefined);
                setPatientId('');
              }}
            >
              Choose another patient
            </button>
          </p>
        ) : (
          <PatientSearch
            key={opened}
            clinicId={clinicId}
            chosenId={patientId}
            onChoose={(patient) => setPatientId(patient.id)}
            error={errors.patientId}
          />
        )}
        <div className="field-grid">
          <ServiceField
            services={services}
            value={serviceId}
            onChange={setServiceId}
            error={errors.serviceId}
          />
          <Field label="Start" hint={`Clinic time (${zone.replaceAll('_', ' ')})`} error={errors.start}>
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                step={300}
                value={start}
                onChange={(e) => setStart(e.target.value)}
              />
            )}
          </Field>
          <TherapistField
            therapists={therapists}
            value={therapistId}
            onChange={setTherapistId}
            error={errors.therapistId}
          />
          <Field label="Room" error={errors.roomId}>
            {(p) => (
              <select {...p} value={roomId} onChange={(e) => setRoomId(e.target.value)}>
                <option value="">Any suitable room</option>
                {rooms.map((r) => (
                  <option key={r.id} value={r.id}>
                    {roomLabel(r, refs.locations.data?.items)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {refusal?.alternatives ? (
          <Alternatives
            alternatives={refusal.alternatives}
            timeZone={zone}
            nameOf={refs.therapistName}
            busy={busy}
            reason={refusal.message}
            onPick={(slot) => void book(slot)}
          />
        ) : null}
        {referralWarnings.length > 0 ? (
          <Alert tone="warning">
            <p className="before-booking-title">Before booking</p>
            <ul className="warning-list">
              {referralWarnings.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Booking…' : 'Book appointment'}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
        {start ? (
          <p className="muted small">Starts {dateTimeLabel(localToIso(start, zone), zone)} clinic time.</p>
        ) : null}
      </form>
    </Dialog>
  );
}
