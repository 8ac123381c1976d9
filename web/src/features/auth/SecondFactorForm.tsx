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

type Mode = 'code' | 'recovery';

/** What differs between the two ways to pass the second step; the form around them is the same. */
const MODES = {
  code: {
    // The server's rules (totpEnableBody, totpBody), with messages for people.
    schema: z.object({ value: totpEnableBody.shape.code }),
    body: (value: string) => ({ code: value }),
    label: '6-digit code',
    hint: 'Open your authenticator app and enter the code it shows for Palpa.',
    refused: (message: string) => `${message}. Check the time on your phone and try again.`,
    input: { inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6, className: 'input-code' },
    switchTo: 'Use a recovery code instead',
  },
  recovery: {
    schema: z.object({ value: z.string().trim().min(8, 'Enter one of your recovery codes').max(32) }),
    body: (value: string) => ({ recoveryCode: value }),
    label: 'Recovery code',
    hint: 'Each recovery code works once, e.g. abcde-12345.',
    refused: () => 'That recovery code is not correct or was already used.',
    input: { autoComplete: 'off', spellCheck: false },
    switchTo: 'Use a code from the authenticator app',
  },
} as const;

/** The second sign-in step: a 6-digit code from the authenticator app, or a recovery code. */
export function SecondFactorForm({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: () => Promise<void>;
  onRestart: (message: string) => void;
}) {
  const [mode, setMode] = useState<Mode>('code');
  return (
    <div className="card">
      {/* keyed: switching starts a fresh, empty form */}
      <FactorForm key={mode} mode={mode} onSignedIn={onSignedIn} onRestart={onRestart} />
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => setMode(mode === 'code' ? 'recovery' : 'code')}
        >
          {MODES[mode].switchTo}
        </button>
      </p>
    </div>
  );
}

function FactorForm({
  mode,
  onSignedIn,
  onRestart,
}: {
  mode: Mode;
  onSignedIn: () => Promise<void>;
  onRestart: (m: string) => void;
}) {
  const factor = MODES[mode];
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ value: string }>({
    resolver: zodResolver(factor.schema),
    defaultValues: { value: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async ({ value }) => {
    setFormError(null);
    try {
      await endpoints.secondFactor(factor.body(value));
      await onSignedIn();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') {
        onRestart('The sign-in took too long. Enter your e-mail and password again.');
      } else if (error instanceof ApiError && error.code === 'invalid_totp') {
        form.setError(
          'value',
          { type: 'server', message: factor.refused(error.message) },
          { shouldFocus: true },
        );
      } else
        setFormError(
          applyApiError(error, form.setError, ['value'], { code: 'value', recoveryCode: 'value' }),
        );
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field label={factor.label} hint={factor.hint} error={errors.value?.message}>
        {(p) => <input {...p} {...form.register('value')} {...factor.input} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Checking…' : 'Verify'}
        </button>
      </div>
    </form>
  );
}
