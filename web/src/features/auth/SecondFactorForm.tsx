import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { totpEnableBody } from '../../../../src/modules/auth/schemas.ts';
import { ApiError } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert } from '../../components/Status.tsx';

/** The server's rule for recovery codes (totpBody), with a message for people. */
const recoverySchema = z.object({
  recoveryCode: z.string().trim().min(8, 'Enter one of your recovery codes').max(32),
});

/** The second sign-in step: a 6-digit code from the authenticator app, or a recovery code. */
export function SecondFactorForm({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: () => Promise<void>;
  onRestart: (message: string) => void;
}) {
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  return (
    <div className="card">
      {mode === 'code' ? (
        <CodeForm onSignedIn={onSignedIn} onRestart={onRestart} />
      ) : (
        <RecoveryForm onSignedIn={onSignedIn} onRestart={onRestart} />
      )}
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => setMode(mode === 'code' ? 'recovery' : 'code')}
        >
          {mode === 'code' ? 'Use a recovery code instead' : 'Use a code from the authenticator app'}
        </button>
      </p>
    </div>
  );
}

function handleFailure(error: unknown, onRestart: (message: string) => void): boolean {
  if (error instanceof ApiError && error.code === 'unauthenticated') {
    onRestart('The sign-in took too long. Enter your e-mail and password again.');
    return true;
  }
  return false;
}

function CodeForm({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: () => Promise<void>;
  onRestart: (m: string) => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof totpEnableBody>>({
    resolver: zodResolver(totpEnableBody),
    defaultValues: { code: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async ({ code }) => {
    setFormError(null);
    try {
      await endpoints.secondFactor({ code });
      await onSignedIn();
    } catch (error) {
      if (handleFailure(error, onRestart)) return;
      if (error instanceof ApiError && error.code === 'invalid_totp') {
        form.setError(
          'code',
          { type: 'server', message: `${error.message}. Check the time on your phone and try again.` },
          { shouldFocus: true },
        );
      } else setFormError(applyApiError(error, form.setError, ['code']));
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field
        label="6-digit code"
        hint="Open your authenticator app and enter the code it shows for Palpa."
        error={errors.code?.message}
      >
        {(p) => (
          <input
            {...p}
            {...form.register('code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            className="input-code"
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Checking…' : 'Verify'}
        </button>
      </div>
    </form>
  );
}

function RecoveryForm({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: () => Promise<void>;
  onRestart: (m: string) => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof recoverySchema>>({
    resolver: zodResolver(recoverySchema),
    defaultValues: { recoveryCode: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async ({ recoveryCode }) => {
    setFormError(null);
    try {
      await endpoints.secondFactor({ recoveryCode });
      await onSignedIn();
    } catch (error) {
      if (handleFailure(error, onRestart)) return;
      if (error instanceof ApiError && error.code === 'invalid_totp') {
        form.setError(
          'recoveryCode',
          { type: 'server', message: 'That recovery code is not correct or was already used.' },
          { shouldFocus: true },
        );
      } else setFormError(applyApiError(error, form.setError, ['recoveryCode']));
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field
        label="Recovery code"
        hint="Each recovery code works once, e.g. abcde-12345."
        error={errors.recoveryCode?.message}
      >
        {(p) => <input {...p} {...form.register('recoveryCode')} autoComplete="off" spellCheck={false} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Checking…' : 'Verify'}
        </button>
      </div>
    </form>
  );
}
