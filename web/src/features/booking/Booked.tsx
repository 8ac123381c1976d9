import { Link } from 'react-router';
import type { Appointment } from '../../api/scheduling.ts';
import { formatTimeRange } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert } from '../../components/Status.tsx';
import { zoneLabel } from '../calendar/time.ts';
import { SiteAddress } from './SiteAddress.tsx';

/** After booking: the appointment, and the intake still to do. */
export function Booked({
  appointment,
  zone,
  therapist,
}: {
  appointment: Appointment;
  zone: string;
  therapist?: string;
}) {
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
        <Alert tone="info">
          <strong>Complete your intake.</strong> Please fill in your health questionnaire before your first
          visit, so your therapist can prepare and your session can start on time.
        </Alert>
        <p className="booked-links">
          <Link className="button button-large" to="/intake">
            Complete your intake
          </Link>
          <Link className="button button-secondary button-large" to="/appointments">
            My appointments
          </Link>
        </p>
      </div>
    </Page>
  );
}
