import '../calendar/calendar.css';
import './booking.css';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { type Appointment, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay, formatTimeRange } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { CancellationNote } from '../calendar/CancellationNote.tsx';
import { STATUS_LABELS, useTherapistNames } from '../calendar/refs.ts';
import { addDays, laterDate, todayIn, zoneLabel } from '../calendar/time.ts';
import { WaitlistForm } from '../waitlist/WaitlistForm.tsx';
import { ChangeTime } from './ChangeTime.tsx';
import { SiteAddress } from './SiteAddress.tsx';
import { usePatientRecord } from './usePatientRecord.ts';

/** A patient's coming appointments (confirm, move, cancel, ask for an earlier time) and their waitlist requests. */
export function MyAppointmentsPage() {
  const clinic = useClinic();
  const zone = clinic.timeZone;
  const { appointmentId } = useParams();
  const today = todayIn(zone);
  const [message, setMessage] = useState<string | null>(null);
  const [waitFor, setWaitFor] = useState<Appointment | 'new' | null>(null);
  const patient = usePatientRecord(clinic.id);
  const appointments = useQuery({
    queryKey: ['my-appointments', clinic.id, today],
    queryFn: () => scheduling.appointments(clinic.id, { from: today, to: addDays(today, 62) }),
  });
  const services = useQuery({
    queryKey: ['services', clinic.id],
    queryFn: () => scheduling.services(clinic.id),
  });
  const { therapists, therapistName } = useTherapistNames(clinic.id);
  const waitlist = useQuery({
    queryKey: ['waitlist', clinic.id],
    queryFn: () => scheduling.waitlist(clinic.id),
  });
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name ?? 'Session';
  // Coming up: not what is over (cancelled, completed, missed).
  const upcoming = (appointments.data?.items ?? []).filter(
    (a) => a.status !== 'cancelled' && a.status !== 'completed' && a.status !== 'no_show',
  );
  const waiting = (waitlist.data?.items ?? []).filter((w) => w.status === 'waiting');

  return (
    <Page
      title="My appointments"
      intro={<p>Times in {zoneLabel(zone)}.</p>}
      actions={
        <Link className="button" to="/book">
          Book a session
        </Link>
      }
    >
      <LiveMessage message={message} />
      <section className="section booking" aria-labelledby="coming-heading">
        <h2 id="coming-heading">Coming up</h2>
        {appointments.isPending ? (
          <Loading />
        ) : appointments.isError ? (
          <LoadError error={appointments.error} retry={() => appointments.refetch()} />
        ) : upcoming.length === 0 ? (
          <EmptyState title="No appointments booked">
            <p>
              <Link to="/book">Book a session</Link>
            </p>
          </EmptyState>
        ) : (
          <ul className="appointment-cards">
            {upcoming.map((a) => (
              <li key={a.id} className={`card appointment-card${a.id === appointmentId ? ' highlight' : ''}`}>
                <AppointmentCard
                  appointment={a}
                  zone={zone}
                  nameOf={therapistName}
                  clinicId={clinic.id}
                  onEarlier={() => setWaitFor(a)}
                  onChanged={(text) => {
                    setMessage(text);
                    void appointments.refetch();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section booking" aria-labelledby="waitlist-heading">
        <h2 id="waitlist-heading">Earlier times</h2>
        <p>
          If you would like to come in sooner, ask for an earlier time: we e-mail you when one opens up, and
          the first to accept gets it.
        </p>
        {waiting.length > 0 ? (
          <ul className="appointment-cards">
            {waiting.map((w) => (
              <li key={w.id} className="card">
                <p>
                  <strong>{serviceName(w.serviceId)}</strong>
                  {w.therapistId ? ` with ${therapistName(w.therapistId) ?? 'your therapist'}` : ''}, between{' '}
                  {formatDay(w.fromDate)} and {formatDay(w.toDate)}
                </p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    try {
                      await scheduling.leaveWaitlist(clinic.id, w.id);
                      setMessage('You left the waiting list.');
                    } catch (error) {
                      setMessage(messageOf(error));
                    }
                    void waitlist.refetch();
                  }}
                >
                  Stop waiting
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {waitFor && patient.data && services.data && therapists.data ? (
          <div className="card">
            <h3>Ask for an earlier time</h3>
            <WaitlistForm
              clinicId={clinic.id}
              patientId={patient.data.id}
              services={services.data.items}
              therapists={therapists.data.items}
              defaults={{
                serviceId: waitFor === 'new' ? undefined : waitFor.serviceId,
                therapistId: waitFor === 'new' ? undefined : waitFor.therapistId,
                fromDate: today,
                toDate:
                  waitFor === 'new'
                    ? addDays(today, 14)
                    : laterDate(addDays(waitFor.localStart.slice(0, 10), -1), today),
              }}
              onJoined={() => {
                setWaitFor(null);
                setMessage('You are on the waiting list. We will e-mail you when an earlier time opens up.');
                void waitlist.refetch();
              }}
            />
          </div>
        ) : patient.data ? (
          <button
            type="button"
            className="button button-secondary button-large"
            onClick={() => setWaitFor('new')}
          >
            Ask for an earlier time
          </button>
        ) : null}
      </section>
    </Page>
  );
}

function AppointmentCard({
  appointment: a,
  zone,
  nameOf,
  clinicId,
  onEarlier,
  onChanged,
}: {
  appointment: Appointment;
  zone: string;
  nameOf: (therapistId: string) => string | undefined;
  clinicId: string;
  onEarlier: () => void;
  onChanged: (message: string) => void;
}) {
  const [open, setOpen] = useState<'move' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const live = a.status === 'booked' || a.status === 'confirmed';
  const therapist = nameOf(a.therapistId);
  // Each appointment repeats the same buttons: they are described by the appointment's time.
  const headingId = useId();
  return (
    <>
      <h3 id={headingId}>{formatTimeRange(a.start, a.end, zone, true)}</h3>
      <p>
        {a.serviceName}
        {therapist ? ` with ${therapist}` : ''}.{' '}
        <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
      </p>
      <p>
        <SiteAddress location={a.location} />
      </p>
      {live && !open ? (
        <div className="action-bar">
          {a.status === 'booked' ? (
            <button
              type="button"
              className="button"
              aria-describedby={headingId}
              onClick={async () => {
                try {
                  await scheduling.transition(clinicId, a.id, 'confirm');
                  onChanged('Thank you, your appointment is confirmed.');
                } catch (e) {
                  onChanged(messageOf(e));
                }
              }}
            >
              Confirm I’m coming
            </button>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            aria-describedby={headingId}
            onClick={() => setOpen('move')}
          >
            Change the time
          </button>
          <button
            type="button"
            className="button button-secondary"
            aria-describedby={headingId}
            onClick={onEarlier}
          >
            Ask for an earlier time
          </button>
          <button
            type="button"
            className="button button-danger-quiet"
            aria-describedby={headingId}
            onClick={() => setOpen('cancel')}
          >
            Cancel…
          </button>
        </div>
      ) : null}
      {open === 'move' ? (
        <ChangeTime
          clinicId={clinicId}
          zone={zone}
          appointment={a}
          nameOf={nameOf}
          onClose={() => setOpen(null)}
          onMoved={(moved) =>
            onChanged(`Your appointment is moved to ${formatTimeRange(moved.start, moved.end, zone, true)}.`)
          }
        />
      ) : null}
      {open === 'cancel' ? (
        <form
          className="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!reason.trim()) return setError('Give a reason');
            try {
              const u = await scheduling.cancel(clinicId, a.id, reason.trim());
              onChanged(
                u.cancelledLate
                  ? 'Your appointment is cancelled (late cancellation).'
                  : 'Your appointment is cancelled.',
              );
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          <CancellationNote clinicId={clinicId} start={a.start} />
          <Field label="Why are you cancelling?" error={error}>
            {(p) => (
              <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-danger">
              Cancel appointment
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(null)}>
              Keep it
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
