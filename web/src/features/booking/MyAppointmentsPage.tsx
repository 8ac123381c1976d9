import '../calendar/calendar.css';
import './booking.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { type Appointment, scheduling } from '../../api/scheduling.ts';
import { useSession } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { useTherapistNames } from '../calendar/refs.ts';
import { addDays, todayIn, zoneLabel } from '../calendar/time.ts';
import { AppointmentCard } from './AppointmentCard.tsx';
import { linkedAppointmentNotice } from './appointment-link.ts';
import { EarlierTime } from './EarlierTime.tsx';
import { earlierTimeDefaults } from './earlier-time.ts';
import { usePatientRecord } from './usePatientRecord.ts';

/** How far back the patient's visits are read to start a general "earlier time" request (the list's limit). */
const RECENT_DAYS = 62;

/**
 * A patient's coming appointments (confirm, move, cancel, ask for an earlier time) and their waitlist requests.
 * Opened from an e-mail link (`/clinics/:clinicId/appointments/:appointmentId`), it highlights that appointment,
 * or says it was cancelled or moved.
 */
export function MyAppointmentsPage() {
  const { clinic: current, me, selectClinic } = useSession();
  const { clinicId: linkClinicId, appointmentId } = useParams();
  // A link to another of the patient's clinics switches to it, as the menu's clinic switcher would.
  const linkClinic = me.clinics.some((c) => c.id === linkClinicId) ? linkClinicId : undefined;
  useEffect(() => {
    if (linkClinic && current?.id !== linkClinic) selectClinic(linkClinic);
  }, [linkClinic, current?.id, selectClinic]);
  if (!current || (linkClinic && current.id !== linkClinic)) return <Loading />;
  return <Appointments clinicId={current.id} zone={current.timeZone} appointmentId={appointmentId} />;
}

function Appointments({
  clinicId,
  zone,
  appointmentId,
}: {
  clinicId: string;
  zone: string;
  appointmentId?: string;
}) {
  const today = todayIn(zone);
  const [message, setMessage] = useState<string | null>(null);
  const [waitFor, setWaitFor] = useState<Appointment | 'new' | null>(null);
  const patient = usePatientRecord(clinicId);
  const appointments = useQuery({
    queryKey: ['my-appointments', clinicId, today],
    queryFn: () => scheduling.appointments(clinicId, { from: today, to: addDays(today, 62) }),
  });
  // The general "earlier time" request starts from the patient's visits (a follow-up for someone seen).
  const recent = useQuery({
    queryKey: ['my-recent-appointments', clinicId, today],
    queryFn: () => scheduling.appointments(clinicId, { from: addDays(today, -RECENT_DAYS), to: today }),
    enabled: waitFor === 'new',
  });
  const linked = useQuery({
    queryKey: ['appointment', clinicId, appointmentId],
    queryFn: () => scheduling.appointment(clinicId, appointmentId!),
    enabled: Boolean(appointmentId),
  });
  const services = useQuery({
    queryKey: ['services', clinicId],
    queryFn: () => scheduling.services(clinicId),
  });
  const { therapists, therapistName } = useTherapistNames(clinicId);
  const waitlist = useQuery({
    queryKey: ['waitlist', clinicId],
    queryFn: () => scheduling.waitlist(clinicId),
  });
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name ?? 'Session';
  // Coming up: not what is over (cancelled, completed, missed).
  const upcoming = (appointments.data?.items ?? []).filter(
    (a) => a.status !== 'cancelled' && a.status !== 'completed' && a.status !== 'no_show',
  );
  const waiting = (waitlist.data?.items ?? []).filter((w) => w.status === 'waiting');
  const notice = linked.data ? linkedAppointmentNotice(linked.data, zone) : null;
  const highlighted = linked.data?.rescheduledTo ?? appointmentId;

  const earlierTime = (appointment: Appointment | null) => {
    if (patient.isPending || services.isPending || therapists.isPending || recent.isLoading)
      return <Loading />;
    const failed = patient.error ?? services.error ?? therapists.error;
    if (failed) return <LoadError error={failed} />;
    if (!patient.data || !services.data || !therapists.data)
      return (
        <Alert tone="warning">
          Your account is not linked to a patient record here yet. Please call the clinic to ask for an
          earlier time.
        </Alert>
      );
    return (
      <EarlierTime
        headingLevel={appointment ? 4 : 3}
        clinicId={clinicId}
        patientId={patient.data.id}
        services={services.data.items}
        therapists={therapists.data.items}
        defaults={earlierTimeDefaults({
          appointment,
          appointments: [...(recent.data?.items ?? []), ...(appointments.data?.items ?? [])],
          services: services.data.items,
          today,
        })}
        onClose={() => setWaitFor(null)}
        onJoined={() => {
          setWaitFor(null);
          setMessage('You are on the waiting list. We will e-mail you when an earlier time opens up.');
          void waitlist.refetch();
        }}
      />
    );
  };

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
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {linked.isError ? <LoadError error={linked.error} /> : null}
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
            {upcoming.map((a) => {
              const asking = waitFor !== 'new' && waitFor?.id === a.id;
              return (
                <li key={a.id} className={`card appointment-card${a.id === highlighted ? ' highlight' : ''}`}>
                  <AppointmentCard
                    appointment={a}
                    zone={zone}
                    nameOf={therapistName}
                    clinicId={clinicId}
                    asking={asking}
                    onEarlier={() => setWaitFor(a)}
                    onChanged={(text) => {
                      setMessage(text);
                      void appointments.refetch();
                    }}
                  />
                  {asking ? earlierTime(a) : null}
                </li>
              );
            })}
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
                      await scheduling.leaveWaitlist(clinicId, w.id);
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
        {waitFor === 'new' ? (
          earlierTime(null)
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
