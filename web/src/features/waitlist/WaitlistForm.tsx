import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { waitlistBody } from '../../../../src/modules/appointments/schemas.ts';
import { type PublicService, scheduling, type TherapistSchedule } from '../../api/scheduling.ts';
import { applyApiError } from '../../components/forms.ts';
import { Alert } from '../../components/Status.tsx';
import { WaitlistFields } from './WaitlistFields.tsx';

type Input = z.input<typeof waitlistBody>;
type Output = z.output<typeof waitlistBody>;

/** "Ask for an earlier time": the clinic e-mails an offer when a matching time opens up. */
export function WaitlistForm({
  clinicId,
  patientId,
  services,
  therapists,
  defaults,
  onJoined,
  onCancel,
}: {
  clinicId: string;
  patientId: string;
  services: PublicService[];
  therapists: TherapistSchedule[];
  defaults: { serviceId?: string; therapistId?: string; fromDate: string; toDate: string };
  onJoined: () => void;
  /** Closes the form without asking (a "Not now" button beside the submit). */
  onCancel?: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(waitlistBody),
    defaultValues: {
      patientId,
      serviceId: defaults.serviceId ?? services[0]?.id ?? '',
      therapistId: defaults.therapistId,
      fromDate: defaults.fromDate,
      toDate: defaults.toDate,
    },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await scheduling.joinWaitlist(clinicId, { ...values, therapistId: values.therapistId || undefined });
      onJoined();
    } catch (error) {
      setFormError(applyApiError(error, setError, ['serviceId', 'therapistId', 'fromDate', 'toDate']));
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <WaitlistFields
        register={register}
        errors={errors}
        services={services}
        therapists={therapists}
        whose="you"
      />
      <div className="form-actions">
        <button type="submit" className="button button-large" disabled={isSubmitting}>
          Ask for an earlier time
        </button>
        {onCancel ? (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Not now
          </button>
        ) : null}
      </div>
    </form>
  );
}
