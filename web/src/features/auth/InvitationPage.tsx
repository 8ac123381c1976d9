import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { nameSchema, newPasswordSchema } from '../../../../src/platform/schemas.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { type InvitationPreview, ROLE_LABELS } from '../../api/types.ts';
import { ME_KEY, useMeQuery, useRefreshMe } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDateTimeWithZone } from '../../components/format.ts';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { Alert, Loading } from '../../components/Status.tsx';

/** The server's acceptBody, with both fields required for someone new. */
const newPersonSchema = z.object({ displayName: nameSchema, password: newPasswordSchema });

/** Someone opened an invitation link: a new person creates their account, an existing one signs in and accepts. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => endpoints.previewInvitation(token),
    retry: false,
  });
  const me = useMeQuery();
  if (preview.isPending || me.isPending) return <Loading />;
  if (preview.isError) {
    const error = preview.error;
    const gone = error instanceof ApiError && error.status === 410;
    const invalid = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <Page title={gone ? 'This invitation can no longer be used' : 'Invitation not found'}>
        <Alert>
          {invalid
            ? 'This invitation link is not valid. Check that you copied the whole link.'
            : messageOf(error)}
        </Alert>
        <p>Ask the clinic to send you a new invitation. If you already have an account, you can sign in.</p>
        <p>
          <Link to="/sign-in">Go to sign-in</Link>
        </p>
      </Page>
    );
  }
  const invitation = preview.data;
  return (
    <Page
      title={`Join ${invitation.clinicName}`}
      intro={
        <p>
          {invitation.clinicName} invites <strong>{invitation.email}</strong> to Palpa as{' '}
          <strong>{ROLE_LABELS[invitation.role].toLowerCase()}</strong>. The invitation expires on{' '}
          {formatDateTimeWithZone(invitation.expiresAt, invitation.clinicTimeZone)}.
        </p>
      }
    >
      <div className="narrow">
        {invitation.accountExists ? (
          <ExistingAccount token={token} invitation={invitation} signedInAs={me.data?.user.email ?? null} />
        ) : (
          <NewAccountForm token={token} />
        )}
      </div>
    </Page>
  );
}

function useFinish() {
  const navigate = useNavigate();
  const refreshMe = useRefreshMe();
  return async (clinicId: string) => {
    localStorage.setItem('palpa.clinicId', clinicId);
    await refreshMe();
    navigate('/', { replace: true });
  };
}

function NewAccountForm({ token }: { token: string }) {
  const finish = useFinish();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof newPersonSchema>>({
    resolver: zodResolver(newPersonSchema),
    defaultValues: { displayName: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const accepted = await endpoints.acceptInvitation(token, values);
      await finish(accepted.clinicId);
    } catch (error) {
      setFormError(applyApiError(error, setError, ['displayName', 'password']));
    }
  });
  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <h2>Create your account</h2>
      <Alert>{formError}</Alert>
      <Field
        label="Your name"
        hint="As your colleagues and patients will see it."
        error={errors.displayName?.message}
      >
        {(p) => <input {...p} {...register('displayName')} autoComplete="name" />}
      </Field>
      <Field label="Choose a password" hint={<PasswordRules />} error={errors.password?.message}>
        {(p) => <input {...p} {...register('password')} type="password" autoComplete="new-password" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Joining…' : 'Join and sign in'}
        </button>
      </div>
    </form>
  );
}

function ExistingAccount({
  token,
  invitation,
  signedInAs,
}: {
  token: string;
  invitation: InvitationPreview;
  signedInAs: string | null;
}) {
  const finish = useFinish();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = `/invitations/${token}`;

  if (signedInAs?.toLowerCase() === invitation.email.toLowerCase()) {
    return (
      <div className="card">
        <p>You are signed in as {signedInAs}.</p>
        <Alert>{error}</Alert>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              const accepted = await endpoints.acceptInvitation(token, {});
              await finish(accepted.clinicId);
            } catch (e) {
              setError(messageOf(e));
              setBusy(false);
            }
          }}
        >
          Accept invitation
        </button>
      </div>
    );
  }
  return (
    <div className="card">
      <p>
        You already have a Palpa account with {invitation.email}. Sign in first, then accept the invitation.
        {signedInAs ? ` (You are signed in as ${signedInAs} at the moment.)` : ''}
      </p>
      <button
        type="button"
        className="button"
        onClick={async () => {
          if (signedInAs) {
            await endpoints.logout().catch(() => undefined);
            queryClient.setQueryData(ME_KEY, null);
          }
          navigate('/sign-in', { state: { from, email: invitation.email } });
        }}
      >
        {signedInAs ? `Sign out and sign in as ${invitation.email}` : `Sign in as ${invitation.email}`}
      </button>
    </div>
  );
}
