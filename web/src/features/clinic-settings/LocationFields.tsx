import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '../../components/Field.tsx';

export type LocationKey =
  | 'name'
  | 'addressLine1'
  | 'addressLine2'
  | 'city'
  | 'region'
  | 'postalCode'
  | 'phone';
export const LOCATION_KEYS: LocationKey[] = [
  'name',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'phone',
];

/** The address fields of a location, shared by first-run set-up and the locations page. */
export function LocationFields({
  register,
  errors,
}: {
  register: (name: LocationKey) => UseFormRegisterReturn;
  errors?: Partial<Record<LocationKey, FieldError>>;
}) {
  return (
    <div className="field-grid">
      <Field
        label="Location name"
        hint="As patients know it, e.g. “Downtown”"
        error={errors?.name?.message}
        className="span-2"
      >
        {(p) => <input {...p} {...register('name')} autoComplete="organization" />}
      </Field>
      <Field label="Street address" error={errors?.addressLine1?.message} className="span-2">
        {(p) => <input {...p} {...register('addressLine1')} autoComplete="address-line1" />}
      </Field>
      <Field label="Suite, floor (optional)" error={errors?.addressLine2?.message} className="span-2">
        {(p) => <input {...p} {...register('addressLine2')} autoComplete="address-line2" />}
      </Field>
      <Field label="City" error={errors?.city?.message}>
        {(p) => <input {...p} {...register('city')} autoComplete="address-level2" />}
      </Field>
      <Field label="State" error={errors?.region?.message}>
        {(p) => <input {...p} {...register('region')} autoComplete="address-level1" />}
      </Field>
      <Field
        label="ZIP code"
        hint="Insurance claims need the ZIP+4, e.g. 92101-3204"
        error={errors?.postalCode?.message}
      >
        {(p) => <input {...p} {...register('postalCode')} autoComplete="postal-code" inputMode="numeric" />}
      </Field>
      <Field label="Phone (optional)" error={errors?.phone?.message}>
        {(p) => <input {...p} {...register('phone')} type="tel" autoComplete="tel" />}
      </Field>
    </div>
  );
}

/** Optional text left empty is not sent. */
export function withoutBlanks<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as T;
}
