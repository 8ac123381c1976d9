import { Link } from 'react-router';
import type { Appointment } from '../../api/scheduling.ts';

/**
 * For the front desk: this patient has not submitted the intake questionnaire yet. The mark opens the form to
 * fill in at the desk, on a device handed to the patient.
 */
export function IntakeMissing({ appointment }: { appointment: Appointment }) {
  const live = ['booked', 'confirmed', 'checked_in'].includes(appointment.status);
  if (appointment.intakeSubmitted !== false || !live) return null;
  return (
    <Link
      className="badge badge-warning intake-missing"
      to={`/patients/${appointment.patientId}/intake`}
      aria-label={`Intake not done: fill it in with ${appointment.patientName ?? 'the patient'}`}
    >
      Intake not done
    </Link>
  );
}
