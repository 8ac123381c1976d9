import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useClinic } from '../../app/session.tsx';
import { clinical, type Provider } from '../patients/api.ts';
import { PROVIDER_KIND_LABELS } from '../patients/labels.tsx';
import { useDebounced } from '../patients/PatientsPage.tsx';
import { ProviderForm } from '../providers/ProviderForm.tsx';

/** Choose the referring provider: search by name, practice or NPI, or add a new one on the spot. */
export function ProviderPicker({
  value,
  onChange,
  error,
}: {
  value: Provider | null;
  onChange: (provider: Provider | null) => void;
  error?: string;
}) {
  const clinic = useClinic();
  const id = useId();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const term = useDebounced(q.trim(), 150);
  const results = useQuery({
    queryKey: ['providers', clinic.id, term],
    queryFn: () => clinical.providers(clinic.id, term || undefined),
    enabled: !value && !adding,
  });
  return (
    <section className={`card provider-picker${error ? ' field-invalid' : ''}`} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Referring provider — required</h2>
      {value ? (
        <p>
          <strong>{value.displayName}</strong>
          {value.practiceName ? ` · ${value.practiceName}` : ''}
          {value.npi ? ` · NPI ${value.npi}` : ''}{' '}
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Change
          </button>
        </p>
      ) : adding ? (
        <ProviderForm
          onSaved={(p) => {
            setAdding(false);
            onChange(p);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-q`}>Find the provider</label>
            <div id={`${id}-hint`} className="field-hint">
              Name, practice or NPI
            </div>
            <input
              id={`${id}-q`}
              type="search"
              value={q}
              autoComplete="off"
              aria-describedby={`${id}-hint ${id}-err`}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setQ(e.target.value)}
            />
            <div id={`${id}-err`} className="field-error" aria-live="polite">
              {error ?? ''}
            </div>
          </div>
          <ul className="option-list" aria-label="Providers">
            {(results.data?.items ?? []).slice(0, 8).map((p) => (
              <li key={p.id}>
                <button type="button" className="icd-option" onClick={() => onChange(p)}>
                  <strong>{p.displayName}</strong> · {PROVIDER_KIND_LABELS[p.kind]}
                  {p.practiceName ? ` · ${p.practiceName}` : ''}
                  {p.npi ? ` · NPI ${p.npi}` : ''}
                </button>
              </li>
            ))}
            {results.data && results.data.items.length === 0 ? (
              <li className="muted">No provider matches{term ? ` “${term}”` : ' yet'}.</li>
            ) : null}
          </ul>
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
            Add a new provider
          </button>
        </>
      )}
    </section>
  );
}
