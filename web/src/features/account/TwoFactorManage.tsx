import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { passwordConfirmBody } from '../../../../src/modules/auth/schemas.ts';
import { ApiError } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useRefreshMe } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert, LiveMessage } from '../../components/Status.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

type Action = 'regenerate' | 'disable';

/** Two-factor is on: replace the recovery codes, or turn it off (both confirm the password). */
export function TwoFactorManage() {
  const refreshMe = useRefreshMe();
  const [action, setAction] = useState<Action | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div>
      <p>
        <span className="badge badge-allowed">On</span> Signing in asks for a code from your authenticator
        app.
      </p>
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {action ? (
        <PasswordConfirm
          action={action}
          onCancel={() => setAction(null)}
          onConfirmed={async (password) => {
            if (action === 'regenerate') {
              const result = await endpoints.recoveryCodes(password);
              setCodes(result.recoveryCodes);
              setMessage('New recovery codes were made; the old ones no longer work.');
            } else {
              await endpoints.totpDisable(password);
              setMessage('Two-factor sign-in is off.');
              await refreshMe();
            }
            setAction(null);
          }}
        />
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setCodes(null);
              setAction('regenerate');
            }}
          >
            Make new recovery codes
          </button>
          <button type="button" className="button button-danger-quiet" onClick={() => setAction('disable')}>
            Turn off two-factor sign-in
          </button>
        </div>
      )}
      <LiveMessage message={message} />
    </div>
  );
}

function PasswordConfirm({
  action,
  onConfirmed,
  onCancel,
}: {
  action: Action;
  onConfirmed: (password: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<z.infer<typeof passwordConfirmBody>>({
    resolver: zodResolver(passwordConfirmBody),
    defaultValues: { password: '' },
  });
  useEffect(() => setFocus('password'), [setFocus]);
  const onSubmit = handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await onConfirmed(password);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        setError('password', { type: 'server', message: error.message }, { shouldFocus: true });
      } else setFormError(applyApiError(error, setError, ['password']));
    }
  });
  return (
    <form className="form inline-editor" onSubmit={onSubmit} noValidate>
      <p>
        {action === 'regenerate'
          ? 'Confirm your password to make new recovery codes.'
          : 'Confirm your password to turn off two-factor sign-in.'}
      </p>
      <Alert>{formError}</Alert>
      <Field label="Your password" error={errors.password?.message}>
        {(p) => <input {...p} {...register('password')} type="password" autoComplete="current-password" />}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className={`button${action === 'disable' ? ' button-danger' : ''}`}
          disabled={isSubmitting}
        >
          {action === 'regenerate' ? 'Make new codes' : 'Turn off'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
