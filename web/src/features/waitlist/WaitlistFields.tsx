import type { ReactNode } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { z } from 'zod';
import type { waitlistBody } from '../../../../src/modules/appointments/schemas.ts';
import { Field } from '../../components/Field.tsx';

type Input = z.input<typeof waitlistBody>;

/**
 * What a waitlist entry asks for: the session, a therapist or anyone, and the days that would suit. The patient's
 * "Ask for an earlier time" and the front desk's "Add to the waitlist" both use it; `children` adds fields
 * between the therapist and the days (the desk's location).
 */
export function WaitlistFields({
  register,
  errors,
  services,
  therapists,
  whose,
  children,
}: {
  register: UseFormRegister<Input>;
  errors: FieldErrors<Input>;
  services: { id: string; name: string }[];
  therapists: { therapistId: string; displayName: string }[];
  /** Whose days: the patient's own ("you") or the caller's ("them"). */
  whose: 'you' | 'them';
  children?: ReactNode;
}) {
  return (
    <div className="field-grid">
      <Field label="Session" error={errors.serviceId ? 'Choose a session' : undefined}>
        {(p) => (
          <select {...p} {...register('serviceId')}>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Therapist" error={errors.therapistId?.message}>
        {(p) => (
          <select {...p} {...register('therapistId', { setValueAs: (v: string) => v || undefined })}>
            <option value="">Anyone</option>
            {therapists.map((t) => (
              <option key={t.therapistId} value={t.therapistId}>
                {t.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {children}
      <Field label="From" error={errors.fromDate?.message}>
        {(p) => <input {...p} type="date" {...register('fromDate')} />}
      </Field>
      <Field label="Until" hint={`The last day that would suit ${whose}`} error={errors.toDate?.message}>
        {(p) => <input {...p} type="date" {...register('toDate')} />}
      </Field>
    </div>
  );
}
