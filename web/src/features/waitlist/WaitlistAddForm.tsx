import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { waitlistBody } from '../../../../src/modules/appointments/schemas.ts';
import { waitlist } from '../../api/waitlist.ts';
import { Field } from '../../components/Field.tsx';
import { plusDays } from '../../components/format.ts';
import { applyApiError } from '../../components/forms.ts';
import { Alert } from '../../components/Status.tsx';
import { PatientSearch } from '../calendar/PatientSearch.tsx';
import type { ScheduleRefs } from '../calendar/refs.ts';
import { WaitlistFields } from './WaitlistFields.tsx';

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
    formState: { errors, isSubmitting, isSubmitted },
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
  const patientId = watch('patientId');
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
      <PatientSearch
        clinicId={clinicId}
        chosenId={patientId}
        onChoose={(patient) => {
          setChosenName(patient.displayName);
          setValue('patientId', patient.id, { shouldValidate: isSubmitted });
        }}
        error={errors.patientId ? 'Choose a patient' : undefined}
      />
      <WaitlistFields
        register={register}
        errors={errors}
        services={services}
        therapists={offering}
        whose="them"
      >
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
      </WaitlistFields>
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
