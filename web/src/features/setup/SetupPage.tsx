import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { setupBody } from '../../../../src/modules/setup/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useRefreshMe } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { LocationFields, withoutBlanks } from '../clinic-settings/LocationFields.tsx';

type Input = z.input<typeof setupBody>;
type Output = z.output<typeof setupBody>;

const FIELDS = [
  'clinic.name',
  'clinic.timeZone',
  'location.name',
  'location.addressLine1',
  'location.addressLine2',
  'location.city',
  'location.region',
  'location.postalCode',
  'location.phone',
  'owner.displayName',
  'owner.email',
  'owner.password',
] as const;

/** First-run set-up: the first clinic, its first location and the owner's account. */
export function SetupPage() {
  const status = useQuery({ queryKey: ['setup'], queryFn: endpoints.setupStatus });
  if (status.isPending) return <Loading />;
  if (status.isError) return <LoadError error={status.error} retry={() => status.refetch()} />;
  if (!status.data.needed) {
    return (
      <Page title="Palpa is set up">
        <p>This installation already has its clinic.</p>
        <p>
          <Link to="/sign-in">Sign in</Link>
        </p>
      </Page>
    );
  }
  return <SetupForm />;
}

function SetupForm() {
  const navigate = useNavigate();
  const refreshMe = useRefreshMe();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(setupBody),
    defaultValues: {
      clinic: { name: '', timeZone: 'America/Los_Angeles' },
      location: {
        name: '',
        addressLine1: '',
        addressLine2: '',
        city: '',
        region: '',
        postalCode: '',
        phone: '',
      },
      owner: { displayName: '', email: '', password: '' },
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await endpoints.setup({ ...values, location: withoutBlanks(values.location) });
      await refreshMe();
      navigate('/', { replace: true });
    } catch (error) {
      setFormError(applyApiError(error, setError, FIELDS, { password: 'owner.password' }));
    }
  });

  return (
    <Page
      title="Set up Palpa"
      intro={
        <p>
          Welcome. Tell us about your clinic and create the owner account. You can change all of this later.
        </p>
      }
    >
      <form className="form card" onSubmit={onSubmit} noValidate>
        <Alert>{formError}</Alert>
        <fieldset>
          <legend>Your clinic</legend>
          <Field label="Clinic name" error={errors.clinic?.name?.message}>
            {(p) => <input {...p} {...register('clinic.name')} autoComplete="organization" />}
          </Field>
          <Controller
            control={control}
            name="clinic.timeZone"
            render={({ field, fieldState }) => (
              <TimeZoneSelect
                value={field.value ?? ''}
                onChange={field.onChange}
                error={fieldState.error?.message}
                hint="Appointments and records are shown in this time zone."
              />
            )}
          />
        </fieldset>
        <fieldset>
          <legend>First location</legend>
          <LocationFields register={(name) => register(`location.${name}`)} errors={errors.location} />
        </fieldset>
        <fieldset>
          <legend>Owner account</legend>
          <Field label="Your name" error={errors.owner?.displayName?.message}>
            {(p) => <input {...p} {...register('owner.displayName')} autoComplete="name" />}
          </Field>
          <Field label="E-mail" error={errors.owner?.email?.message}>
            {(p) => <input {...p} {...register('owner.email')} type="email" autoComplete="email" />}
          </Field>
          <Field label="Password" hint={<PasswordRules />} error={errors.owner?.password?.message}>
            {(p) => (
              <input {...p} {...register('owner.password')} type="password" autoComplete="new-password" />
            )}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" disabled={isSubmitting}>
            {isSubmitting ? 'Setting up…' : 'Create clinic and sign in'}
          </button>
        </div>
      </form>
    </Page>
  );
}
