import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import type { z } from 'zod';
import { patientRegistration } from '../../../../src/modules/public-booking/schemas.ts';
import { ApiError, setCsrfToken } from '../../api/client.ts';
import { useRefreshMe } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { Alert } from '../../components/Status.tsx';
import { publicBooking } from './api.ts';

type Input = z.input<typeof patientRegistration>;
type Output = z.output<typeof patientRegistration>;
const FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'password'] as const;

/**
 * The last step for a new patient: an account (and their patient record at the clinic), which also signs
 * them in. Adults only: a parent or guardian books for a minor by phone.
 */
export function CreateAccountForm({
  clinicId,
  clinicName,
  returnTo,
}: {
  clinicId: string;
  clinicName: string;
  /** Where sign-in brings the visitor back to (this page, with the choices kept). */
  returnTo: string;
}) {
  const refreshMe = useRefreshMe();
  const [formError, setFormError] = useState<string | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(patientRegistration),
    defaultValues: { firstName: '', lastName: '', dateOfBirth: '', email: '', phone: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setRegistered(null);
    try {
      const created = await publicBooking.register(clinicId, { ...values, phone: values.phone || undefined });
      setCsrfToken(created.csrfToken);
      // Signed in now: the page comes back as the signed-in booking page, at the confirm step.
      await refreshMe();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setError('email', { type: 'server', message: 'This e-mail already has an account' });
        setRegistered(values.email);
        return;
      }
      const unplaced = applyApiError(error, setError, FIELDS);
      // A minor: the date of birth says why, and the form says what to do instead.
      setFormError(
        unplaced ?? (error instanceof ApiError && error.code === 'unprocessable' ? error.message : null),
      );
    }
  });

  return (
    <form className="form account-form" onSubmit={onSubmit} noValidate aria-labelledby="create-account-title">
      <h3 id="create-account-title">Create your account</h3>
      <p className="muted small">
        Your account keeps your health information private. {clinicName} will see these details.
      </p>
      <Alert>{formError}</Alert>
      {registered ? (
        <div className="alert alert-warning" role="alert">
          <p>An account with {registered} already exists.</p>
          <Link className="button button-large" to="/sign-in" state={{ from: returnTo, email: registered }}>
            Sign in instead
          </Link>
        </div>
      ) : null}
      <Field label="First name" error={errors.firstName?.message}>
        {(p) => <input {...p} {...register('firstName')} autoComplete="given-name" />}
      </Field>
      <Field label="Last name" error={errors.lastName?.message}>
        {(p) => <input {...p} {...register('lastName')} autoComplete="family-name" />}
      </Field>
      <Field
        label="Date of birth"
        hint="Online accounts are for adults (18 or over). For a child, a parent or guardian books by phone."
        error={errors.dateOfBirth?.message}
      >
        {(p) => <input {...p} {...register('dateOfBirth')} type="date" autoComplete="bday" />}
      </Field>
      <Field
        label="E-mail"
        hint="Your booking confirmation goes here; you sign in with it."
        error={errors.email?.message}
      >
        {(p) => <input {...p} {...register('email')} type="email" autoComplete="email" />}
      </Field>
      <Field
        label="Phone (optional)"
        hint="So the clinic can reach you about your visit."
        error={errors.phone?.message}
      >
        {(p) => <input {...p} {...register('phone')} type="tel" autoComplete="tel" />}
      </Field>
      <Field label="Choose a password" hint={<PasswordRules />} error={errors.password?.message}>
        {(p) => (
          <input
            {...p}
            {...register('password')}
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
          />
        )}
      </Field>
      <Checkbox
        label="Show password"
        checked={showPassword}
        onChange={(e) => setShowPassword(e.target.checked)}
      />
      <button type="submit" className="button button-large button-block" disabled={isSubmitting}>
        {isSubmitting ? 'Creating your account…' : 'Create account and continue'}
      </button>
    </form>
  );
}
