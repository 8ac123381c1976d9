import { type Resolver, useForm } from 'react-hook-form';
import type { z } from 'zod';
import {
  npiProblem,
  PROVIDER_KIND_VALUES,
  providerInput,
} from '../../../../src/modules/providers/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { blankAsNullResolver } from '../../components/forms.ts';
import { ServerForm } from '../../components/ServerForm.tsx';
import { clinical, type Provider } from '../patients/api.ts';
import { PROVIDER_KIND_LABELS } from '../patients/labels.tsx';

const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'credentials',
  'practiceName',
  'npi',
  'phone',
  'fax',
  'email',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
] as const;
type Values = { kind: string } & Record<(typeof TEXT_FIELDS)[number], string>;
type Output = z.output<typeof providerInput>;

const fromSchema = blankAsNullResolver<Values, Output>(providerInput);

/** The server's schema, plus the NPI check digit (the API answers it 422; checked here first too). */
const resolver: Resolver<Values, unknown, Output> = (async (values: Values, ctx: unknown, options: never) => {
  const result = await fromSchema(values, ctx, options);
  const npi = values.npi.trim();
  const problem = npi ? npiProblem(npi) : undefined;
  if (problem) return { values: {}, errors: { ...result.errors, npi: { type: 'npi', message: problem } } };
  return result;
}) as unknown as Resolver<Values, unknown, Output>;

const toValues = (p?: Provider): Values => ({
  kind: p?.kind ?? 'physician',
  ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, (p?.[f] as string | null) ?? ''])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >),
});

/** Add or edit a referring provider; NPI and other server errors are shown at their field. */
export function ProviderForm({
  provider,
  onSaved,
  onCancel,
}: {
  provider?: Provider;
  onSaved: (provider: Provider) => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  const form = useForm<Values, unknown, Output>({ resolver, defaultValues: toValues(provider) });
  const { register } = form;
  const errors = form.formState.errors;
  const text = (name: (typeof TEXT_FIELDS)[number], label: string, hint?: string, type = 'text') => (
    <Field label={label} hint={hint} error={errors[name]?.message}>
      {(p) => <input {...p} {...register(name)} type={type} autoComplete="off" />}
    </Field>
  );
  return (
    <ServerForm
      form={form}
      fields={['kind', ...TEXT_FIELDS]}
      onSave={async (values) =>
        onSaved(
          provider
            ? await clinical.updateProvider(clinic.id, provider.id, values)
            : await clinical.createProvider(clinic.id, values),
        )
      }
      submitLabel={provider ? 'Save provider' : 'Add provider'}
      onCancel={onCancel}
      className="form card provider-form"
      label={provider ? `Edit ${provider.displayName}` : 'New referring provider'}
    >
      <div className="field-grid">
        <Field label="Kind of provider" error={errors.kind?.message}>
          {(p) => (
            <select {...p} {...register('kind')}>
              {PROVIDER_KIND_VALUES.map((k) => (
                <option key={k} value={k}>
                  {PROVIDER_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('npi', 'NPI', '10 digits, checked with its check digit')}
        {text('firstName', 'First name')}
        {text('lastName', 'Last name')}
        {text('credentials', 'Credentials', 'e.g. MD, DO, DC, PT')}
        {text('practiceName', 'Practice')}
        {text('phone', 'Phone', undefined, 'tel')}
        {text('fax', 'Fax', undefined, 'tel')}
        {text('email', 'Provider e-mail', 'Needed to invite them to Palpa', 'email')}
        {text('addressLine1', 'Street address')}
        {text('city', 'City')}
        {text('region', 'State')}
        {text('postalCode', 'ZIP code')}
      </div>
    </ServerForm>
  );
}
