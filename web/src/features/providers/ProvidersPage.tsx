import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { clinical, type Provider } from '../patients/api.ts';
import { PROVIDER_KIND_LABELS } from '../patients/labels.tsx';
import { useDebounced } from '../patients/PatientsPage.tsx';
import { ProviderForm } from './ProviderForm.tsx';
import '../patients/clinical.css';

/**
 * Referring providers: search, add, edit, remove one added by mistake (never one named on a referral), and
 * invite a provider to a physician account in Palpa.
 */
export function ProvidersPage() {
  const clinic = useClinic();
  const id = useId();
  const canManage = clinic.roles.some((r) => r === 'owner' || r === 'front_desk');
  const canInvite = clinic.roles.includes('owner');
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['providers', clinic.id, term, 'page'],
    queryFn: ({ pageParam }) => clinical.providers(clinic.id, term || undefined, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // Whose Palpa account a provider is linked to: the team list, for those who manage it.
  const members = useQuery({
    queryKey: ['members', clinic.id],
    queryFn: () => endpoints.members(clinic.id),
    enabled: canManage,
  });
  const accountName = (userId: string) =>
    members.data?.items.find((m) => m.id === userId)?.displayName ?? 'Linked';
  const saved = (p: Provider, verb: string) => {
    setEditing(null);
    setMessage(`${p.displayName} was ${verb}.`);
    void list.refetch();
  };
  async function remove(p: Provider) {
    setError(null);
    try {
      await clinical.removeProvider(clinic.id, p.id);
      setRemoving(null);
      setMessage(`${p.displayName} was removed.`);
      void list.refetch();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  async function invite(p: Provider) {
    setError(null);
    try {
      const sent = await clinical.inviteProvider(clinic.id, p.id);
      setMessage(`An invitation to a physician account was sent to ${sent.email}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <Page
      title="Referring providers"
      intro={<p>Physicians, chiropractors and therapists who refer patients to {clinic.name}.</p>}
    >
      <LiveMessage message={message} />
      <Alert>{error}</Alert>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-q`}>Search providers</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            placeholder="Name, practice or NPI"
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        {canManage ? (
          <div className="field field-button">
            <button type="button" className="button" onClick={() => setEditing('new')}>
              Add a provider
            </button>
          </div>
        ) : null}
      </div>
      {editing === 'new' ? (
        <ProviderForm onSaved={(p) => saved(p, 'added')} onCancel={() => setEditing(null)} />
      ) : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={term ? `No provider matches “${term}”` : 'No referring providers yet'}>
          Providers are added here or while recording a referral.
        </EmptyState>
      ) : (
        <DataTable
          caption="Referring providers"
          className="section-tight"
          rows={items}
          rowKey={(p) => p.id}
          columns={[
            {
              label: 'Name',
              cell: (p) => (
                <>
                  {p.displayName}
                  {p.practiceName ? <div className="muted small">{p.practiceName}</div> : null}
                </>
              ),
            },
            { label: 'Kind', cell: (p) => PROVIDER_KIND_LABELS[p.kind] },
            { label: 'NPI', cell: (p) => p.npi ?? '—' },
            {
              label: 'Contact',
              className: 'break',
              cell: (p) =>
                [p.phone, p.fax ? `fax ${p.fax}` : null, p.email].filter(Boolean).join(' · ') || '—',
            },
            { label: 'Palpa account', cell: (p) => (p.userId ? accountName(p.userId) : 'None') },
            canManage && {
              label: 'Actions',
              hideLabel: true,
              className: 'actions',
              cell: (p) => (
                <>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Edit ${p.displayName}`}
                    onClick={() => {
                      setRemoving(null);
                      setEditing(p.id);
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-danger-quiet"
                    aria-label={`Remove ${p.displayName}…`}
                    onClick={() => {
                      setEditing(null);
                      setRemoving(p.id);
                    }}
                  >
                    Remove…
                  </button>
                  {canInvite && !p.userId ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={`Invite ${p.displayName} to Palpa`}
                      disabled={!p.email}
                      title={p.email ? undefined : 'Add an e-mail address first'}
                      onClick={() => invite(p)}
                    >
                      Invite to Palpa
                    </button>
                  ) : null}
                </>
              ),
            },
          ]}
          rowDetail={(p) =>
            editing === p.id ? (
              <ProviderForm
                provider={p}
                onSaved={(s) => saved(s, 'saved')}
                onCancel={() => setEditing(null)}
              />
            ) : removing === p.id ? (
              <div className="inline-confirm" role="alert">
                Remove {p.displayName} from the list? A provider named on a referral stays on file.{' '}
                <button type="button" className="button button-danger" onClick={() => void remove(p)}>
                  Remove
                </button>
                <button type="button" className="button button-quiet" onClick={() => setRemoving(null)}>
                  Keep
                </button>
              </div>
            ) : null
          }
        />
      )}
      {list.hasNextPage ? (
        <button type="button" className="button button-secondary" onClick={() => list.fetchNextPage()}>
          Load more
        </button>
      ) : null}
    </Page>
  );
}
