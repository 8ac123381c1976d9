import type { Service, TherapistSchedule } from '../../api/scheduling.ts';
import { Field } from '../../components/Field.tsx';
import { serviceLabel } from './refs.ts';

/** The service to book (active ones, with their length): the calendar's new appointment and the series page. */
export function ServiceField({
  services,
  value,
  onChange,
  error,
}: {
  services: readonly Service[];
  value: string;
  onChange: (serviceId: string) => void;
  error?: string;
}) {
  return (
    <Field label="Service" error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a service</option>
          {services
            .filter((s) => !s.archived)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {serviceLabel(s)}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}

/** A therapist, or "First available" (empty): the calendar's new appointment and the series page. */
export function TherapistField({
  therapists,
  value,
  onChange,
  error,
}: {
  therapists: readonly TherapistSchedule[];
  value: string;
  onChange: (therapistId: string) => void;
  error?: string;
}) {
  return (
    <Field label="Therapist" error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">First available</option>
          {therapists.map((t) => (
            <option key={t.therapistId} value={t.therapistId}>
              {t.displayName}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
