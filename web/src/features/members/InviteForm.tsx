import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { invitationInput } from '../../../../src/modules/invitations/schemas.ts';
import { TEAM_ROLES } from '../../../../src/modules/members/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import { ROLE_LABELS } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert } from '../../components/Status.tsx';

type Input = z.input<typeof invitationInput>;
type Output = z.output<typeof invitationInput>;

export function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const clinic = useClinic();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(invitationInput),
    defaultValues: { email: '', role: 'therapist' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await endpoints.invite(clinic.id, values);
      reset({ email: '', role: values.role });
      onInvited(values.email);
    } catch (error) {
      setFormError(applyApiError(error, setError, ['email', 'role']));
    }
  });
  return (
    <form className="form card inline-form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <div className="field-row">
        <Field label="E-mail" error={errors.email?.message}>
          {(p) => <input {...p} {...register('email')} type="email" autoComplete="off" />}
        </Field>
        <Field label="Role" error={errors.role?.message}>
          {(p) => (
            <select {...p} {...register('role')}>
              {TEAM_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field field-button">
          <button type="submit" className="button" disabled={isSubmitting}>
            {isSubmitting ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </div>
      <p className="field-hint">The link works once and expires in 7 days.</p>
    </form>
  );
}
