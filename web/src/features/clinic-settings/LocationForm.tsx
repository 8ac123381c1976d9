import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { locationInput } from '../../../../src/modules/clinics/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { Location } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert } from '../../components/Status.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { LOCATION_KEYS, LocationFields, withoutBlanks } from './LocationFields.tsx';

type Input = z.input<typeof locationInput>;
type Output = z.output<typeof locationInput>;

export function LocationForm({
  location,
  clinicTimeZone,
  onSaved,
  onCancel,
}: {
  location?: Location;
  clinicTimeZone: string;
  onSaved: (location: Location) => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(locationInput),
    defaultValues: {
      name: location?.name ?? '',
      addressLine1: location?.addressLine1 ?? '',
      addressLine2: location?.addressLine2 ?? '',
      city: location?.city ?? '',
      region: location?.region ?? '',
      postalCode: location?.postalCode ?? '',
      country: location?.country ?? 'US',
      phone: location?.phone ?? '',
      timeZone: location?.timeZone ?? clinicTimeZone,
    },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const body = withoutBlanks(values);
      const saved = location
        ? await endpoints.updateLocation(clinic.id, location.id, body)
        : await endpoints.addLocation(clinic.id, body);
      onSaved(saved);
    } catch (error) {
      setFormError(applyApiError(error, setError, [...LOCATION_KEYS, 'timeZone']));
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <LocationFields register={(name) => register(name)} errors={errors} />
      <Controller
        control={control}
        name="timeZone"
        render={({ field, fieldState }) => (
          <TimeZoneSelect
            label="Location time zone"
            value={field.value ?? clinicTimeZone}
            onChange={field.onChange}
            error={fieldState.error?.message}
          />
        )}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : location ? 'Save location' : 'Add location'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
