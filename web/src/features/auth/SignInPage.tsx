import './sign-in.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { z } from 'zod';
import { loginBody } from '../../../../src/modules/auth/schemas.ts';
import { setCsrfToken } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useMeQuery, useRefreshMe } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, Loading } from '../../components/Status.tsx';
import { newPatientPath } from './new-patient.ts';
import { SecondFactorForm } from './SecondFactorForm.tsx';

const NOTICES: Record<string, string> = {
  idle: 'You were signed out after a period of inactivity. Sign in again to continue.',
  signed_out: 'You are signed out.',
  everywhere: 'You were signed out on every device.',
  password_changed: 'Your password was changed. Sign in with the new password.',
  password_reset: 'Your new password is set, and you were signed out everywhere. Sign in with it.',
};

interface SignInState {
  notice?: string;
  from?: string;
  email?: string;
}

export function SignInPage() {
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;
  const navigate = useNavigate();
  const refreshMe = useRefreshMe();
  const me = useMeQuery();
  const setup = useQuery({ queryKey: ['setup'], queryFn: endpoints.setupStatus });
  const [step, setStep] = useState<'password' | 'second-factor'>('password');
  const [stepNotice, setStepNotice] = useState<string | null>(null);

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (me.isPending || setup.isPending) return <Loading />;
  if (me.data && step === 'password') return <Navigate to={state.from ?? '/'} replace />;

  async function finish() {
    await refreshMe();
    navigate(state.from && state.from !== '/sign-in' ? state.from : '/', { replace: true });
  }

  const notice = stepNotice ?? (state.notice ? NOTICES[state.notice] : null);
  return (
    <Page title={step === 'password' ? 'Sign in' : 'Two-factor sign-in'}>
      <div className="narrow stack">
        {notice ? <Alert tone="info">{notice}</Alert> : null}
        {step === 'password' ? (
          <>
            <PasswordForm
              defaultEmail={state.email}
              onSignedIn={finish}
              onSecondFactor={() => {
                setStepNotice(null);
                setStep('second-factor');
              }}
            />
            <NewPatient from={state.from} />
          </>
        ) : (
          <SecondFactorForm
            onSignedIn={finish}
            onRestart={(message) => {
              setStepNotice(message);
              setStep('password');
            }}
          />
        )}
      </div>
    </Page>
  );
}

type Input = z.input<typeof loginBody>;
type Output = z.output<typeof loginBody>;

function PasswordForm({
  defaultEmail,
  onSignedIn,
  onSecondFactor,
}: {
  defaultEmail?: string;
  onSignedIn: () => Promise<void>;
  onSecondFactor: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(loginBody),
    defaultValues: { email: defaultEmail ?? '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await endpoints.login(values);
      setCsrfToken(result.csrfToken);
      if (result.status === 'mfa_required') onSecondFactor();
      else await onSignedIn();
    } catch (error) {
      setFormError(applyApiError(error, setError, ['email', 'password']));
    }
  });
  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field label="E-mail" error={errors.email?.message}>
        {(p) => <input {...p} {...register('email')} type="email" autoComplete="username" />}
      </Field>
      <Field label="Password" error={errors.password?.message}>
        {(p) => <input {...p} {...register('password')} type="password" autoComplete="current-password" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      <p className="small">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </form>
  );
}

/** The way in for someone without an account: the visitor landing here from `/` is often a new patient. */
function NewPatient({ from }: { from?: string }) {
  const { intro, links } = newPatientPath(from);
  return (
    <section className="card new-patient" aria-labelledby="new-patient">
      <h2 id="new-patient">New patient?</h2>
      <p>{intro}</p>
      <p className="new-patient-links">
        {links.map((link, i) => {
          const className = `button${i > 0 ? ' button-secondary' : ''}`;
          return link.spa ? (
            <Link key={link.href} className={className} to={link.href}>
              {link.label}
            </Link>
          ) : (
            <a key={link.href} className={className} href={link.href}>
              {link.label}
            </a>
          );
        })}
      </p>
    </section>
  );
}
