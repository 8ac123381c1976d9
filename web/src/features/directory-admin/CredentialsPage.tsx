import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CREDENTIAL_KIND_VALUES, credentialInput } from '../../../../src/modules/credentials/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDate, formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, QueryList } from '../../components/Status.tsx';
import { type Credential, directoryApi } from './api.ts';
import { DirectoryTabs } from './DirectoryTabs.tsx';

const KIND_LABELS: Record<(typeof CREDENTIAL_KIND_VALUES)[number], string> = {
  state_license: 'State licence',
  camtc: 'CAMTC certificate (California)',
  ncbtmb: 'NCBTMB board certification',
  other_certification: 'Other certification',
  npi: 'NPI (National Provider Identifier)',
};
/** What an NPI record says, so the form is filled for the therapist (they still choose where it shows). */
const NPI_DEFAULTS = { title: 'National Provider Identifier', issuer: 'CMS (NPPES)' };
const STATE_LABELS: Record<Credential['state'], string> = {
  current: 'Current',
  expiring: 'Expires soon',
  expired: 'Expired (hidden from the public page)',
  not_active: 'Not active (hidden)',
};

/** Credentials with expiry warnings; the owner verifies them with the issuer. */
export function CredentialsPage() {
  const { clinic, roles, me } = useSession();
  const clinicId = clinic!.id;
  const isOwner = roles.includes('owner');
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['credentials', clinicId],
    queryFn: () => directoryApi.credentials(clinicId),
  });
  const warnings = useQuery({
    queryKey: ['credential-warnings', clinicId],
    queryFn: () => directoryApi.warnings(clinicId),
  });
  const therapists = useQuery({
    queryKey: ['directory-therapists', clinicId],
    queryFn: () => directoryApi.therapists(clinicId),
  });
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['credentials', clinicId] });
    client.invalidateQueries({ queryKey: ['credential-warnings', clinicId] });
  };
  const verify = useMutation({
    mutationFn: (id: string) => directoryApi.verifyCredential(clinicId, id),
    onSuccess: refresh,
  });
  return (
    <Page
      title="Credentials"
      intro={
        <p>
          Licences and certifications shown on the public profiles. Expired ones are hidden automatically;
          owners are e-mailed 60 days before expiry. A therapist's licence and NPI also name them on
          superbills.
        </p>
      }
    >
      <DirectoryTabs />
      <section aria-labelledby="warnings-h">
        <h2 id="warnings-h">Expiry warnings</h2>
        <QueryList query={warnings} retry={false} empty={<p>Nothing expires in the next 60 days.</p>}>
          {(items) => (
            <ul className="card-list">
              {items.map((c) => (
                <li key={c.id} className="card">
                  <Alert tone="warning">
                    {c.therapistName}: {c.title} —{' '}
                    {c.state === 'expired'
                      ? `expired on ${formatDay(c.expiresOn)}`
                      : `expires on ${formatDay(c.expiresOn)} (in ${c.daysToExpiry} days)`}
                  </Alert>
                </li>
              ))}
            </ul>
          )}
        </QueryList>
      </section>
      <section aria-labelledby="all-h">
        <h2 id="all-h">All credentials</h2>
        <QueryList query={list} empty={<EmptyState title="No credentials yet" />}>
          {(items) => (
            <DataTable
              caption="All credentials"
              rows={items}
              rowKey={(c) => c.id}
              columns={[
                { label: 'Therapist', cell: (c) => c.therapistName },
                {
                  label: 'Credential',
                  cell: (c) => (
                    <>
                      {c.title}
                      <br />
                      <span className="muted">
                        {KIND_LABELS[c.kind]} · {c.issuer} · certified as {c.certifiedName}
                      </span>
                    </>
                  ),
                },
                { label: 'Number', cell: (c) => c.number ?? '—' },
                { label: 'Expires', cell: (c) => (c.expiresOn ? formatDay(c.expiresOn) : 'No expiry') },
                { label: 'State', cell: (c) => STATE_LABELS[c.state] },
                {
                  label: 'Verified',
                  cell: (c) => (
                    <>
                      {c.verifiedAt
                        ? `${formatDate(c.verifiedAt, clinic!.timeZone)} by ${c.verifiedByName}`
                        : 'Not yet'}
                      {isOwner ? (
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => verify.mutate(c.id)}
                        >
                          Mark verified today
                          <span className="visually-hidden">
                            {' '}
                            ({c.title}, {c.therapistName})
                          </span>
                        </button>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          )}
        </QueryList>
      </section>
      {therapists.data ? (
        <AddCredential
          clinicId={clinicId}
          therapists={therapists.data.items
            .filter((t) => isOwner || t.therapistId === me.user.id)
            .map((t) => ({ id: t.therapistId, name: t.accountName }))}
          onAdded={refresh}
        />
      ) : null}
    </Page>
  );
}

function AddCredential({
  clinicId,
  therapists,
  onAdded,
}: {
  clinicId: string;
  therapists: { id: string; name: string }[];
  onAdded: () => void;
}) {
  const empty = {
    therapistId: therapists[0]?.id ?? '',
    kind: 'camtc' as const,
    title: '',
    issuer: '',
    number: '',
    certifiedName: '',
    expiresOn: '',
  };
  const [form, setForm] = useState<Record<string, string>>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: Parameters<typeof directoryApi.addCredential>[1]) =>
      directoryApi.addCredential(clinicId, body),
    onSuccess: () => {
      setForm(empty);
      onAdded();
    },
  });
  const input = (key: string, label: string, type = 'text') => (
    <Field label={label} error={errors[key]}>
      {(p) => (
        <input
          {...p}
          type={type}
          value={form[key] ?? ''}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <section className="card" aria-labelledby="add-h">
      <h2 id="add-h">Add a credential</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = credentialInput.safeParse({
            ...form,
            number: form.number || null,
            // An NPI does not expire.
            expiresOn: (form.kind !== 'npi' && form.expiresOn) || null,
          });
          if (!parsed.success) {
            setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
            return;
          }
          setErrors({});
          add.mutate(parsed.data);
        }}
      >
        <Field label="Therapist">
          {(p) => (
            <select
              {...p}
              value={form.therapistId}
              onChange={(e) => setForm({ ...form, therapistId: e.target.value })}
            >
              {therapists.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Type">
          {(p) => (
            <select
              {...p}
              value={form.kind}
              onChange={(e) => {
                const kind = e.target.value;
                // Fill in what an NPI record says; take it away again when the type changes back.
                const keep = (key: 'title' | 'issuer') =>
                  kind === 'npi'
                    ? form[key] || NPI_DEFAULTS[key]
                    : form[key] === NPI_DEFAULTS[key]
                      ? ''
                      : form[key];
                setForm({ ...form, kind, title: keep('title') ?? '', issuer: keep('issuer') ?? '' });
                setErrors({});
              }}
            >
              {CREDENTIAL_KIND_VALUES.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('title', 'Title')}
        {input('issuer', 'Issuer')}
        {input('number', form.kind === 'npi' ? 'NPI (10 digits)' : 'Number')}
        {input('certifiedName', form.kind === 'npi' ? 'Name on the NPI record' : 'Name certified under')}
        {form.kind === 'npi' ? null : input('expiresOn', 'Expiry date', 'date')}
        {add.isError ? <Alert>{messageOf(add.error)}</Alert> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={add.isPending}>
            Add credential
          </button>
        </div>
      </form>
    </section>
  );
}
