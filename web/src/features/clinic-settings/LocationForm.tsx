import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { locationInput } from '../../../../src/modules/clinics/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { Location } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
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
  const form = useForm<Input, unknown, Output>({
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
  return (
    <ServerForm
      form={form}
      fields={[...LOCATION_KEYS, 'timeZone']}
      onSave={async (values) => {
        const body = withoutBlanks(values);
        onSaved(
          location
            ? await endpoints.updateLocation(clinic.id, location.id, body)
            : await endpoints.addLocation(clinic.id, body),
        );
      }}
      submitLabel={location ? 'Save location' : 'Add location'}
      submittingLabel="Saving…"
      onCancel={onCancel}
    >
      <LocationFields register={(name) => form.register(name)} errors={form.formState.errors} />
      <Controller
        control={form.control}
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
    </ServerForm>
  );
}
