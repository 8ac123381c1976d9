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
import { type InviteConflict, inviteConflictOf } from './invite-conflict.ts';

type Input = z.input<typeof invitationInput>;
type Output = z.output<typeof invitationInput>;

export function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const clinic = useClinic();
  const [formError, setFormError] = useState<string | null>(null);
  // The refused invitation, kept so "Send a new link" resends exactly what was asked.
  const [conflict, setConflict] = useState<{ reason: NonNullable<InviteConflict>; values: Output } | null>(
    null,
  );
  const [replacing, setReplacing] = useState(false);
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
  const send = async (values: Output) => {
    setFormError(null);
    setConflict(null);
    try {
      await endpoints.invite(clinic.id, values);
      reset({ email: '', role: values.role });
      onInvited(values.email);
    } catch (error) {
      const reason = inviteConflictOf(error);
      if (reason) setConflict({ reason, values });
      else setFormError(applyApiError(error, setError, ['email', 'role']));
    }
  };
  const onSubmit = handleSubmit(send);
  const replace = async () => {
    if (!conflict) return;
    setReplacing(true);
    await send({ ...conflict.values, replace: true });
    setReplacing(false);
  };
  return (
    <form className="form card inline-form" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      {conflict ? (
        <Alert tone="warning">
          <p>{conflict.reason.message}</p>
          {conflict.reason.kind === 'pending' ? (
            <button type="button" className="button button-secondary" onClick={replace} disabled={replacing}>
              {replacing ? 'Sending…' : 'Send a new link (the old one stops working)'}
            </button>
          ) : (
            <p>Their roles are in the Team table above.</p>
          )}
        </Alert>
      ) : null}
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
