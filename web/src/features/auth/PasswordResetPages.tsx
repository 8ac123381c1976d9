import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { PASSWORD_RESET_MINUTES, passwordResetRequestBody } from '../../../../src/modules/auth/schemas.ts';
import { newPasswordSchema } from '../../../../src/platform/schemas.ts';
import { ApiError } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useMeQuery } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { Alert } from '../../components/Status.tsx';

type AskInput = z.input<typeof passwordResetRequestBody>;
type AskOutput = z.output<typeof passwordResetRequestBody>;

/** Asks for a link to choose a new password. The answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  useMeQuery(); // someone signed in sends their session's CSRF token with the form
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AskInput, unknown, AskOutput>({
    resolver: zodResolver(passwordResetRequestBody),
    defaultValues: { email: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await endpoints.askPasswordReset(values);
      setSentTo(values.email);
    } catch (error) {
      setFormError(applyApiError(error, setError, ['email']));
    }
  });
  return (
    <Page title="Choose a new password">
      <div className="narrow">
        {sentTo ? (
          <>
            <Alert tone="success">
              If an account uses {sentTo}, we have e-mailed it a link to choose a new password. The link works
              for {PASSWORD_RESET_MINUTES} minutes.
            </Alert>
            <p>
              No e-mail after a few minutes? Check your spam folder, or ask your clinic which address they
              have.
            </p>
            <p>
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          </>
        ) : (
          <form className="form card" onSubmit={onSubmit} noValidate>
            <p>Enter the e-mail address you sign in with. We will send it a link to choose a new password.</p>
            <Alert>{formError}</Alert>
            <Field label="E-mail" error={errors.email?.message}>
              {(p) => <input {...p} {...register('email')} type="email" autoComplete="username" />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="button" disabled={isSubmitting}>
                {isSubmitting ? 'Sending…' : 'Send me a link'}
              </button>
              <Link to="/sign-in">Back to sign-in</Link>
            </div>
          </form>
        )}
      </div>
    </Page>
  );
}

const newPasswordForm = z.object({ password: newPasswordSchema });
type NewPassword = z.infer<typeof newPasswordForm>;

/** The e-mailed link: choose the new password, then sign in with it. */
export function ResetPasswordPage() {
  useMeQuery(); // someone signed in sends their session's CSRF token with the form
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewPassword>({ resolver: zodResolver(newPasswordForm), defaultValues: { password: '' } });
  const onSubmit = handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await endpoints.resetPassword({ token, password });
      navigate('/sign-in', { replace: true, state: { notice: 'password_reset' } });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 410 || error.code === 'validation_failed'))
        setExpired(true);
      else setFormError(applyApiError(error, setError, ['password']));
    }
  });
  return (
    <Page title="Choose a new password">
      <div className="narrow">
        {expired ? (
          <>
            <Alert>This link has expired or was already used.</Alert>
            <p>
              <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/sign-in">Sign in</Link>
            </p>
          </>
        ) : (
          <form className="form card" onSubmit={onSubmit} noValidate>
            <Alert>{formError}</Alert>
            <Field label="New password" hint={<PasswordRules />} error={errors.password?.message}>
              {(p) => <input {...p} {...register('password')} type="password" autoComplete="new-password" />}
            </Field>
            <p className="muted small">Setting it signs you out on every device.</p>
            <div className="form-actions">
              <button type="submit" className="button" disabled={isSubmitting}>
                {isSubmitting ? 'Saving…' : 'Set my new password'}
              </button>
            </div>
          </form>
        )}
      </div>
    </Page>
  );
}
