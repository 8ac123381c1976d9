import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { changePasswordBody } from '../../../../src/modules/auth/schemas.ts';
import { ApiError } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useRefreshMe } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { Alert, LiveMessage } from '../../components/Status.tsx';

const schema = changePasswordBody
  .extend({
    currentPassword: z.string().min(1, 'Enter your current password').max(200),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });
type Values = z.infer<typeof schema>;

export function ChangePasswordForm() {
  const refreshMe = useRefreshMe();
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setDone(null);
    setFormError(null);
    try {
      await endpoints.changePassword({ currentPassword, newPassword });
      // The server starts a fresh session (new CSRF token) and signs out every other one.
      await refreshMe();
      reset();
      setDone('Your password was changed. Your other devices were signed out.');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        setError('currentPassword', { type: 'server', message: error.message }, { shouldFocus: true });
      } else
        setFormError(
          applyApiError(error, setError, ['currentPassword', 'newPassword'], { password: 'newPassword' }),
        );
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field label="Current password" error={errors.currentPassword?.message}>
        {(p) => (
          <input {...p} {...register('currentPassword')} type="password" autoComplete="current-password" />
        )}
      </Field>
      <Field label="New password" hint={<PasswordRules />} error={errors.newPassword?.message}>
        {(p) => <input {...p} {...register('newPassword')} type="password" autoComplete="new-password" />}
      </Field>
      <Field label="New password again" error={errors.confirmPassword?.message}>
        {(p) => <input {...p} {...register('confirmPassword')} type="password" autoComplete="new-password" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Changing…' : 'Change password'}
        </button>
      </div>
      <LiveMessage message={done} />
    </form>
  );
}
