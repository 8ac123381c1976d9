import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { LATERALITIES } from '../../../../src/modules/referrals/schemas.ts';
import { clinical, type Icd10Entry } from '../patients/api.ts';
import { useDebounced } from '../patients/PatientsPage.tsx';

export interface DiagnosisRow {
  code: string;
  description: string;
  /** The code states its own side (e.g. M79.661): no laterality to choose. */
  ownSide: string | null;
  laterality: string;
}
/** A diagnosis the API refused as a header code, with the billable codes it suggested. */
export interface Suggestions {
  message: string;
  items: Icd10Entry[];
}

const LATERALITY_LABELS: Record<string, string> = {
  left: 'Left',
  right: 'Right',
  bilateral: 'Both sides',
  unspecified: 'Not specified',
};

export const rowFromEntry = (e: Icd10Entry): DiagnosisRow => ({
  code: e.code,
  description: e.description,
  ownSide: e.laterality,
  laterality: '',
});

/**
 * ICD-10-CM diagnoses: search by code or words, add, choose a side for codes without their own, and replace a
 * refused header code with one of the billable codes the API suggested.
 */
export function DiagnosisPicker({
  rows,
  onChange,
  errors,
  suggestions,
}: {
  rows: DiagnosisRow[];
  onChange: (rows: DiagnosisRow[]) => void;
  errors: Record<string, string>;
  suggestions: Record<number, Suggestions>;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 150);
  const results = useQuery({
    queryKey: ['icd10', term],
    queryFn: () => clinical.icd10(term),
    enabled: term.length > 0,
    staleTime: 300_000,
  });
  const listError = errors.diagnoses;
  return (
    <fieldset className="diagnoses">
      <legend>Diagnoses (ICD-10-CM) — required</legend>
      {rows.length === 0 ? (
        <p className="muted">No diagnosis yet: search below and add at least one.</p>
      ) : null}
      <ol className="diagnosis-rows">
        {rows.map((row, i) => {
          const codeError = errors[`diagnoses.${i}.code`];
          const sideError = errors[`diagnoses.${i}.laterality`];
          const sugg = suggestions[i];
          return (
            <li key={row.code} className={`diagnosis-row${codeError || sugg ? ' field-invalid' : ''}`}>
              <div className="diagnosis-main">
                <code>{row.code}</code> <span>{row.description}</span>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${row.code}`}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
              {row.ownSide ? (
                <p className="field-hint">
                  Side: {LATERALITY_LABELS[row.ownSide] ?? row.ownSide} (stated by the code)
                </p>
              ) : (
                <div className="field field-inline">
                  <label htmlFor={`${id}-side-${i}`}>Side for {row.code}</label>
                  <select
                    id={`${id}-side-${i}`}
                    value={row.laterality}
                    aria-invalid={sideError ? true : undefined}
                    onChange={(e) =>
                      onChange(rows.map((r, j) => (j === i ? { ...r, laterality: e.target.value } : r)))
                    }
                  >
                    <option value="">Not stated</option>
                    {LATERALITIES.map((l) => (
                      <option key={l} value={l}>
                        {LATERALITY_LABELS[l]}
                      </option>
                    ))}
                  </select>
                  <div className="field-error">{sideError ?? ''}</div>
                </div>
              )}
              {codeError && !sugg ? (
                <div className="field-error" role="alert">
                  {codeError}
                </div>
              ) : null}
              {sugg ? (
                <div className="suggestions" role="alert">
                  <p className="field-error">{sugg.message}</p>
                  {sugg.items.length ? (
                    <>
                      <p className="small">Replace it with a billable code:</p>
                      <ul className="suggestion-list">
                        {sugg.items.map((s) => (
                          <li key={s.code}>
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              onClick={() => onChange(rows.map((r, j) => (j === i ? rowFromEntry(s) : r)))}
                            >
                              <code>{s.code}</code> {s.description}
                            </button>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className={`field${listError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-q`}>Search diagnoses</label>
        <div id={`${id}-hint`} className="field-hint">
          A code (M54.5, M545) or words (low back pain, plantar fasc).
        </div>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          autoComplete="off"
          aria-describedby={`${id}-hint ${id}-error`}
          aria-invalid={listError ? true : undefined}
          aria-controls={`${id}-results`}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
        <div id={`${id}-error`} className="field-error" aria-live="polite">
          {listError ?? ''}
        </div>
      </div>
      <ul id={`${id}-results`} className="icd-results" aria-label="Matching diagnoses">
        {(results.data?.items ?? []).map((e) => (
          <li key={e.code}>
            <button
              type="button"
              className="icd-option"
              onClick={() => {
                if (!rows.some((r) => r.code === e.code)) onChange([...rows, rowFromEntry(e)]);
                setQ('');
              }}
            >
              <code>{e.code}</code> {e.description}
              {e.billable ? null : (
                <span className="badge badge-muted">category: choose a more specific code</span>
              )}
            </button>
          </li>
        ))}
        {term && results.data && results.data.items.length === 0 ? (
          <li className="muted">No code matches “{term}”.</li>
        ) : null}
      </ul>
    </fieldset>
  );
}
