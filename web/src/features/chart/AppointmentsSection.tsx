import '../calendar/calendar.css';
import { Link } from 'react-router';
import type { AppointmentsChartSection } from '../../../../src/modules/appointments/schemas.ts';
import type { Appointment } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { formatWeekdayTime } from '../../components/format.ts';
import { EmptyState } from '../../components/Status.tsx';
import { STATUS_LABELS, useTherapistNames } from '../calendar/refs.ts';
import { InsuranceClaim } from '../superbills/InsuranceClaim.tsx';
import { SuperbillDownload } from '../superbills/SuperbillDownload.tsx';
import { SectionHeading } from './sections.tsx';

/** A past or coming appointment's status as the front desk says it: a move is not a cancellation. */
function statusText(a: Appointment): string {
  if (a.status === 'cancelled' && a.rescheduledTo) return 'Moved';
  if (a.status === 'cancelled' && a.cancelledLate) return 'Cancelled late';
  return STATUS_LABELS[a.status];
}

/**
 * The chart's appointments: attendance at a glance, what is coming, what happened lately, and (for staff) the
 * superbill of the visits. `bookFor`: the patient id when the caller books (staff); the calendar then opens
 * with the patient chosen.
 */
export function AppointmentsSection({ data, bookFor }: { data: AppointmentsChartSection; bookFor?: string }) {
  const clinic = useClinic();
  // Therapists' names come from the clinic's set-up, which only staff read; the list reads fine without them.
  const staff = clinic.roles.some((r) => r === 'owner' || r === 'front_desk' || r === 'therapist');
  const { therapistName } = useTherapistNames(clinic.id, staff);
  // Insurance claims are prepared by the billing staff (the owner and the front desk).
  const billingStaff = clinic.roles.some((r) => r === 'owner' || r === 'front_desk');
  const { upcoming, recent, tally } = data;
  const row = (a: Appointment) => (
    <li key={a.id} className={`agenda-item appt-${a.status}`}>
      <span className="agenda-time">{formatWeekdayTime(a.start, clinic.timeZone)}</span>
      <span className="agenda-main">
        {a.serviceName}
        {therapistName(a.therapistId) ? (
          <span className="agenda-meta">{therapistName(a.therapistId)}</span>
        ) : null}
      </span>
      <span className={`status-badge status-${a.status}`}>{statusText(a)}</span>
    </li>
  );
  return (
    <section className="section chart-section" aria-labelledby="section-appointments">
      <SectionHeading
        id="appointments"
        title="Appointments"
        actions={
          bookFor ? (
            <>
              <Link className="button button-secondary" to={`/calendar?patient=${bookFor}`}>
                Book an appointment
              </Link>
              <Link className="button button-secondary" to={`/patients/${bookFor}/series`}>
                Book a series
              </Link>
            </>
          ) : null
        }
      />
      {upcoming.length === 0 && recent.length === 0 ? (
        <EmptyState title="No appointments yet" />
      ) : (
        <div className="card">
          <p className="small">
            Attended {tally.completed} · No-shows {tally.noShows} · Cancelled {tally.cancelled}
            {tally.cancelledLate > 0 ? ` (${tally.cancelledLate} late)` : ''}
          </p>
          <h3>Coming up</h3>
          {upcoming.length === 0 ? (
            <p className="muted">Nothing booked.</p>
          ) : (
            <ul className="agenda-list" aria-label="Coming appointments">
              {upcoming.map(row)}
            </ul>
          )}
          <h3>Recent</h3>
          {recent.length === 0 ? (
            <p className="muted">No visit yet.</p>
          ) : (
            <ul className="agenda-list" aria-label="Recent appointments">
              {recent.map(row)}
            </ul>
          )}
          {bookFor && recent.length > 0 ? (
            <SuperbillDownload clinicId={clinic.id} patientId={bookFor} timeZone={clinic.timeZone} staff />
          ) : null}
          {bookFor && recent.length > 0 && billingStaff ? (
            <InsuranceClaim clinicId={clinic.id} patientId={bookFor} timeZone={clinic.timeZone} />
          ) : null}
        </div>
      )}
    </section>
  );
}
