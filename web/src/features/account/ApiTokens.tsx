import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  PERMISSION_DESCRIPTIONS,
  PERMISSION_NAMES,
  rolesAllow,
} from '../../../../src/platform/permissions.ts';
import { nameSchema } from '../../../../src/platform/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { formatDate } from '../../components/format.ts';
import { applyApiError } from '../../components/forms.ts';
import { Alert, EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';

/** The server's token body (tokens/routes.ts), with the expiry as a form choice. */
const tokenForm = z.object({
  name: nameSchema,
  scopes: z.array(z.string()).min(1, 'Choose at least one permission'),
  expiresInDays: z.enum(['30', '90', '365', 'never']),
});
type Values = z.infer<typeof tokenForm>;

export function ApiTokens() {
  const clinic = useClinic();
  const tokens = useQuery({ queryKey: ['tokens', clinic.id], queryFn: () => endpoints.tokens(clinic.id) });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="stack">
      <p>
        Tokens let other software use Palpa’s API for {clinic.name} as you, limited to the permissions you
        choose. Treat them like passwords.
      </p>
      {created ? (
        <div className="alert alert-success" role="status">
          <p>
            <strong>Copy the token “{created.name}” now — it is shown only once:</strong>
          </p>
          <p>
            <code className="secret" data-testid="new-token">
              {created.token}
            </code>
          </p>
        </div>
      ) : null}
      <LiveMessage message={message} />
      <Alert>{error}</Alert>
      <QueryList query={tokens} empty={<EmptyState title="No API tokens" />}>
        {(items) => (
          <DataTable
            caption={`Your API tokens for ${clinic.name}`}
            rows={items}
            rowKey={(token) => token.id}
            columns={[
              { label: 'Name', cell: (token) => token.name },
              { label: 'Permissions', cell: (token) => token.scopes.join(', ') },
              {
                label: 'Last used',
                cell: (token) => (token.lastUsedAt ? formatDate(token.lastUsedAt, clinic.timeZone) : 'Never'),
              },
              {
                label: 'Expires',
                cell: (token) => (token.expiresAt ? formatDate(token.expiresAt, clinic.timeZone) : 'Never'),
              },
              {
                label: 'Actions',
                hideLabel: true,
                className: 'actions',
                cell: (token) => (
                  <button
                    type="button"
                    className="button button-danger-quiet"
                    aria-label={`Revoke the token ${token.name}`}
                    onClick={async () => {
                      setError(null);
                      try {
                        await endpoints.revokeToken(clinic.id, token.id);
                        setCreated(null);
                        setMessage(`The token “${token.name}” was revoked.`);
                        await tokens.refetch();
                      } catch (e) {
                        setError(messageOf(e));
                      }
                    }}
                  >
                    Revoke
                  </button>
                ),
              },
            ]}
          />
        )}
      </QueryList>
      <CreateTokenForm
        onCreated={(name, token) => {
          setMessage(null);
          setCreated({ name, token });
          void tokens.refetch();
        }}
      />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (name: string, token: string) => void }) {
  const clinic = useClinic();
  const available = PERMISSION_NAMES.filter((p) => rolesAllow(clinic.roles, p));
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(tokenForm),
    defaultValues: { name: '', scopes: [], expiresInDays: '90' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await endpoints.createToken(clinic.id, {
        name: values.name,
        scopes: values.scopes,
        expiresInDays: values.expiresInDays === 'never' ? undefined : Number(values.expiresInDays),
      });
      reset();
      onCreated(result.name, result.token);
    } catch (error) {
      setFormError(applyApiError(error, setError, ['name', 'scopes']));
    }
  });
  return (
    <form className="form inline-editor" onSubmit={onSubmit} noValidate>
      <h3>Create a token</h3>
      <Alert>{formError}</Alert>
      <Field label="Token name" hint="What will use it, e.g. “Billing export”." error={errors.name?.message}>
        {(p) => <input {...p} {...register('name')} autoComplete="off" />}
      </Field>
      <fieldset aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
        <legend>Permissions</legend>
        <div className="checkbox-row">
          {available.map((permission) => (
            <Checkbox
              key={permission}
              label={
                <>
                  {PERMISSION_DESCRIPTIONS[permission]} <code className="small muted">{permission}</code>
                </>
              }
              value={permission}
              {...register('scopes')}
            />
          ))}
        </div>
        <div id="scopes-error" className="field-error" aria-live="polite">
          {errors.scopes?.message ?? ''}
        </div>
      </fieldset>
      <Field label="Expires after">
        {(p) => (
          <select {...p} {...register('expiresInDays')}>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
            <option value="never">Never</option>
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
