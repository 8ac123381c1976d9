import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { waitlistBody } from '../../../../src/modules/appointments/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { scheduling } from '../../api/scheduling.ts';
import { waitlist } from '../../api/waitlist.ts';
import { Field } from '../../components/Field.tsx';
import { formatDay, plusDays } from '../../components/format.ts';
import { applyApiError } from '../../components/forms.ts';
import { Alert } from '../../components/Status.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';

type Input = z.input<typeof waitlistBody>;
type Output = z.output<typeof waitlistBody>;

/**
 * The front desk puts a caller on the waitlist: find the patient, the session, a therapist or anyone, a location
 * or any (when the clinic has several), and the days that would suit them.
 */
export function WaitlistAddForm({
  clinicId,
  today,
  refs,
  onAdded,
  onCancel,
}: {
  clinicId: string;
  today: string;
  refs: ScheduleRefs;
  onAdded: (patientName: string) => void;
  onCancel: () => void;
}) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const services = (refs.services.data?.items ?? []).filter((s) => !s.archived);
  const therapists = refs.therapists.data?.items ?? [];
  const locations = refs.locations.data?.items ?? [];
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(waitlistBody),
    defaultValues: {
      patientId: '',
      serviceId: services[0]?.id ?? '',
      fromDate: today,
      toDate: plusDays(today, 14),
    },
  });
  const serviceId = watch('serviceId');
  // The services load after the form may have opened: pick the first once they are there.
  useEffect(() => {
    if (!serviceId && services[0]) setValue('serviceId', services[0].id);
  }, [serviceId, services, setValue]);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const patients = useQuery({
    queryKey: ['patient-search', clinicId, debounced],
    queryFn: () => scheduling.patients(clinicId, debounced),
    enabled: debounced.length >= 2,
  });
  const patientRadio = register('patientId');
  // Only the therapists who give the chosen session.
  const service = services.find((s) => s.id === serviceId);
  const offering = service
    ? therapists.filter((t) => service.therapistIds.includes(t.therapistId))
    : therapists;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await waitlist.add(clinicId, {
        ...values,
        therapistId: values.therapistId || undefined,
        locationId: values.locationId || undefined,
      });
      onAdded(chosenName ?? 'The patient');
    } catch (error) {
      setFormError(
        applyApiError(error, setError, [
          'patientId',
          'serviceId',
          'therapistId',
          'locationId',
          'fromDate',
          'toDate',
        ]),
      );
    }
  });

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field
        label="Find the patient"
        hint="Name, phone, e-mail or birth date"
        error={errors.patientId ? 'Choose a patient' : undefined}
      >
        {(p) => (
          <input
            {...p}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        )}
      </Field>
      {debounced.length >= 2 ? (
        <fieldset className="waitlist-patient-results">
          <legend>Patients found</legend>
          {patients.isPending ? (
            <p className="muted">Searching…</p>
          ) : patients.isError ? (
            <p className="field-error">{messageOf(patients.error)}</p>
          ) : patients.data.items.length === 0 ? (
            <p className="muted">No patient matches “{debounced}”.</p>
          ) : (
            patients.data.items.map((patient) => (
              <div className="checkbox" key={patient.id}>
                <input
                  type="radio"
                  id={`waitlist-patient-${patient.id}`}
                  value={patient.id}
                  {...patientRadio}
                  onChange={(e) => {
                    setChosenName(patient.displayName);
                    void patientRadio.onChange(e);
                  }}
                />
                <label htmlFor={`waitlist-patient-${patient.id}`}>
                  {patient.displayName}
                  {patient.dateOfBirth ? (
                    <span className="muted"> · born {formatDay(patient.dateOfBirth)}</span>
                  ) : null}
                </label>
              </div>
            ))
          )}
        </fieldset>
      ) : null}
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
              {offering.map((t) => (
                <option key={t.therapistId} value={t.therapistId}>
                  {t.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        {locations.length > 1 ? (
          <Field label="Location" error={errors.locationId?.message}>
            {(p) => (
              <select {...p} {...register('locationId', { setValueAs: (v: string) => v || undefined })}>
                <option value="">Any</option>
                {locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label="From" error={errors.fromDate?.message}>
          {(p) => <input {...p} type="date" {...register('fromDate')} />}
        </Field>
        <Field label="Until" hint="The last day that would suit them" error={errors.toDate?.message}>
          {(p) => <input {...p} type="date" {...register('toDate')} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          Add to the waitlist
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
