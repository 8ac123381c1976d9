import type { Appointment } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { formatTimeRange } from '../../components/format.ts';
import { EmptyState } from '../../components/Status.tsx';
import { FirstVisitMark } from './FirstVisitMark.tsx';
import { IntakeMissing } from './IntakeMissing.tsx';
import { ReferralMark, ReferralMarksError, useReferralMarks } from './ReferralMark.tsx';
import { type ScheduleRefs, STATUS_LABELS } from './refs.ts';
import { dayLabel, timeLabel } from './time.ts';

/** The agenda: the same appointments as a list, for keyboards, screen readers and narrow screens. */
export function AppointmentList({
  appointments,
  zone,
  refs,
  onOpen,
}: {
  appointments: Appointment[];
  zone: string;
  refs: ScheduleRefs;
  onOpen: (appointment: Appointment) => void;
}) {
  const referralMarks = useReferralMarks(useClinic().id, zone, appointments);
  if (appointments.length === 0) return <EmptyState title="No appointments in this period" />;
  const days = new Map<string, Appointment[]>();
  for (const a of appointments) {
    const day = a.localStart.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), a]);
  }
  return (
    <div className="agenda">
      <ReferralMarksError error={referralMarks.error} />
      {[...days.entries()].map(([day, items]) => (
        <section key={day} aria-labelledby={`agenda-${day}`} className="agenda-day">
          <h2 id={`agenda-${day}`}>{dayLabel(items[0]!.start, zone)}</h2>
          <ul className="agenda-list">
            {items.map((a) => (
              <li key={a.id} className={`agenda-item appt-${a.status}`}>
                <span className="agenda-time">{formatTimeRange(a.start, a.end, zone)}</span>
                <span className="agenda-main">
                  <strong>{a.patientName ?? 'Patient'}</strong> · {a.serviceName}
                  <span className="agenda-meta">
                    {refs.therapistName(a.therapistId) ?? 'Therapist'} · {refs.roomName(a.roomId) ?? 'Room'}
                  </span>
                  <FirstVisitMark appointment={a} />
                  <IntakeMissing appointment={a} />
                  <ReferralMark mark={referralMarks.marks.get(a.id)} />
                </span>
                <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Open ${a.patientName ?? 'appointment'} at ${timeLabel(a.start, zone)}`}
                  onClick={() => onOpen(a)}
                >
                  Open
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
