import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { type LicensedTextInput, outcomesApi } from './api.ts';

type Items = LicensedTextInput['items'];

/** JSON `{ itemId: { text, answerLabels? } }` or CSV `item id,text` (one item a line, text may be quoted). */
export function parseItems(raw: string): Items {
  const text = raw.trim();
  if (text.startsWith('{')) return JSON.parse(text) as Items;
  const items: Items = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const comma = line.indexOf(',');
    if (comma < 0) throw new Error(`Line "${line}" has no comma: use "item id,text"`);
    const key = line.slice(0, comma).trim();
    let value = line.slice(comma + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replaceAll('""', '"');
    if (key.toLowerCase() === 'id' || key.toLowerCase() === 'item') continue; // a header row
    items[key] = { text: value };
  }
  return items;
}

/** Owner: load the item text of a licensed instrument the clinic holds a licence for. */
export function LicensedTextPage() {
  const clinic = useClinic();
  const id = useId();
  const [params] = useSearchParams();
  const [instrumentId, setInstrumentId] = useState(params.get('instrument') ?? '');
  const [licence, setLicence] = useState('');
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const instruments = useQuery({
    queryKey: ['instruments', clinic.id],
    queryFn: () => outcomesApi.instruments(clinic.id),
  });
  if (instruments.isPending) return <Loading />;
  if (instruments.isError)
    return (
      <Page title="Load licensed item text">
        <LoadError error={instruments.error} />
      </Page>
    );
  const licensed = instruments.data.items.filter((i) => !i.licensing.itemTextShipped);
  const chosen = licensed.find((i) => i.id === instrumentId) ?? licensed[0];
  return (
    <Page
      title="Load licensed item text"
      intro={
        <p>
          Some outcome measures are licensed: Palpa ships their scoring, not their wording. If the clinic
          holds a licence, paste the item text here as JSON (<code>{'{ "item1": { "text": "…" } }'}</code>) or
          CSV (<code>item id,text</code>, one item a line). Item ids must match the instrument’s.
        </p>
      }
    >
      <LiveMessage message={done} />
      <Alert>{error}</Alert>
      <form
        className="form card"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setDone(null);
          if (!chosen) return;
          try {
            const items = parseItems(raw);
            const r = await outcomesApi.loadLicensedText(clinic.id, chosen.id, { licence, items });
            setDone(`${r.itemCount} items of ${chosen.name} loaded. Therapists now see the licensed text.`);
            void instruments.refetch();
          } catch (err) {
            const issues =
              err instanceof ApiError ? err.fieldIssues.map((i) => `${i.path}: ${i.message}`) : [];
            setError([messageOf(err), ...issues].join(' · '));
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-i`}>Instrument</label>
          <select id={`${id}-i`} value={chosen?.id ?? ''} onChange={(e) => setInstrumentId(e.target.value)}>
            {licensed.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} — {i.licensing.clinicTextLoaded ? 'text loaded' : 'no text loaded'}
              </option>
            ))}
          </select>
        </div>
        {chosen ? (
          <p className="small muted">
            {chosen.licensing.licence}. Item ids: {chosen.items.map((i) => i.id).join(', ')}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-l`}>Licence held (number, holder, terms)</label>
          <input id={`${id}-l`} value={licence} onChange={(e) => setLicence(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>Or read a file (JSON or CSV)</label>
          <input
            id={`${id}-f`}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={async (e) => setRaw((await e.target.files?.[0]?.text()) ?? raw)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-t`}>Item text</label>
          <textarea id={`${id}-t`} rows={10} value={raw} onChange={(e) => setRaw(e.target.value)} required />
        </div>
        <button type="submit" className="button">
          Load item text
        </button>
      </form>
    </Page>
  );
}
