import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Appointment } from '../../api/scheduling.ts';
import { formatTimeRange } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert } from '../../components/Status.tsx';
import { zoneLabel } from '../calendar/time.ts';
import { clinical } from '../patients/api.ts';
import { intakeStanding } from './intake-standing.ts';
import { SiteAddress } from './SiteAddress.tsx';

/** After booking: the appointment, and the intake when the patient has not submitted one yet. */
export function Booked({
  clinicId,
  appointment,
  zone,
  therapist,
}: {
  clinicId: string;
  appointment: Appointment;
  zone: string;
  therapist?: string;
}) {
  // The patient's own questionnaires (the same query as their home page). Until it answers, and if it fails,
  // nothing is asked of them: a patient who has done their intake must not be told to do it again.
  const intakes = useQuery({
    queryKey: ['intakes', clinicId, appointment.patientId],
    queryFn: () => clinical.intakes(clinicId, appointment.patientId),
  });
  const intake = intakes.data ? intakeStanding(intakes.data.items) : null;
  const intakeToDo = intake === 'none' || intake === 'draft';
  return (
    <Page title="You’re booked">
      <div className="booking narrow">
        <section className="card" aria-labelledby="booked-summary">
          <h2 id="booked-summary">{appointment.serviceName}</h2>
          <p>
            {formatTimeRange(appointment.start, appointment.end, zone, true)}
            {therapist ? ` with ${therapist}` : ''}.
            <span className="muted small zone-line">{zoneLabel(zone, appointment.start)}</span>
          </p>
          <p>
            <SiteAddress location={appointment.location} />
          </p>
          {appointment.bookingNote ? <p>Your note to the clinic: {appointment.bookingNote}</p> : null}
          <p className="muted">A confirmation with a calendar invitation is on its way to your e-mail.</p>
        </section>
        {intakeToDo ? (
          <Alert tone="info">
            <strong>{intake === 'draft' ? 'Finish your intake.' : 'Complete your intake.'}</strong> Please
            fill in your health questionnaire before your first visit, so your therapist can prepare and your
            session can start on time. Your answers are saved as you go.
          </Alert>
        ) : null}
        <p className="booked-links">
          {intakeToDo ? (
            <Link className="button button-large" to="/intake">
              {intake === 'draft' ? 'Continue your intake' : 'Complete your intake'}
            </Link>
          ) : null}
          <Link className={`button button-large${intakeToDo ? ' button-secondary' : ''}`} to="/appointments">
            My appointments
          </Link>
        </p>
      </div>
    </Page>
  );
}
