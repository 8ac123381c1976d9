import { useEffect, useId, useRef } from 'react';
import { BODY_REGIONS } from '../../../../src/domain/catalog/body-regions.ts';
import { TECHNIQUES, type TechniqueId } from '../../../../src/domain/catalog/techniques.ts';
import { PRESSURES } from '../../../../src/modules/session-notes/schemas.ts';
import { ROW_MARK_LABELS, type RowMark } from './row-safety.ts';
import { noPressure, type RowDraft, rowProblem, validRows } from './rows.ts';

export const MARK_BADGES: Record<RowMark['kind'], string> = {
  blocked: 'badge-danger',
  caution: 'badge-warning',
  outside: 'badge-info',
};

/**
 * Treatment given: technique × region × minutes × pressure, one row a line. Enter in a row adds the next row
 * and moves focus to it; the total updates as you type. A row not complete says what it needs and is left out
 * of the total, as it is of what is saved. Beside each row, what the screening or the plan says of it (`marks`):
 * read with its technique and region, and announced when it appears.
 */
export function TreatmentRows({
  rows,
  onChange,
  marks,
}: {
  rows: RowDraft[];
  onChange: (rows: RowDraft[]) => void;
  marks?: ReadonlyMap<string, readonly RowMark[]>;
}) {
  const id = useId();
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current) {
      document.getElementById(`${id}-${focusNext.current}-tech`)?.focus();
      focusNext.current = null;
    }
  });
  const set = (key: string, patch: Partial<RowDraft>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = `n${Date.now()}`;
    focusNext.current = key;
    const last = rows.at(-1);
    onChange([
      ...rows,
      { key, techniqueId: '', region: last?.region ?? '', minutes: '', pressure: last?.pressure ?? '' },
    ]);
  };
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  const total = validRows(rows).reduce((sum, r) => sum + r.minutes, 0);
  const incomplete = rows.filter((r) => rowProblem(r)).length;
  return (
    <div className="treatment-rows">
      {rows.map((r, i) => {
        const flags = marks?.get(r.key) ?? [];
        const described = flags.length ? `${id}-${r.key}-flags` : undefined;
        return (
          <fieldset key={r.key} className="treatment-row">
            <legend className="visually-hidden">Treatment row {i + 1}</legend>
            <div className="field">
              <label htmlFor={`${id}-${r.key}-tech`}>Technique</label>
              <select
                id={`${id}-${r.key}-tech`}
                aria-describedby={described}
                value={r.techniqueId}
                onKeyDown={onEnter}
                onChange={(e) => set(r.key, { techniqueId: e.target.value as TechniqueId })}
              >
                <option value="">Choose…</option>
                {TECHNIQUES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.cpt})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-${r.key}-region`}>Region</label>
              <select
                id={`${id}-${r.key}-region`}
                aria-describedby={described}
                value={r.region}
                onKeyDown={onEnter}
                onChange={(e) => set(r.key, { region: e.target.value })}
              >
                <option value="">Choose…</option>
                {BODY_REGIONS.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field-minutes">
              <label htmlFor={`${id}-${r.key}-min`}>Minutes</label>
              <input
                id={`${id}-${r.key}-min`}
                type="number"
                inputMode="numeric"
                min={1}
                max={120}
                value={r.minutes}
                onKeyDown={onEnter}
                onChange={(e) => set(r.key, { minutes: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-${r.key}-p`}>Pressure</label>
              <select
                id={`${id}-${r.key}-p`}
                value={noPressure(r.techniqueId) ? '' : r.pressure}
                disabled={noPressure(r.techniqueId)}
                onKeyDown={onEnter}
                onChange={(e) => set(r.key, { pressure: e.target.value })}
              >
                <option value="">{noPressure(r.techniqueId) ? 'Not applicable' : 'Not recorded'}</option>
                {PRESSURES.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button button-quiet"
              aria-label={`Remove treatment row ${i + 1}`}
              onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
            >
              Remove
            </button>
            {rowProblem(r) ? <p className="row-problem">{rowProblem(r)}</p> : null}
            {/* Kept in the page (empty) so that a mark the next save brings is announced. */}
            <div className="row-flags" role="status" id={`${id}-${r.key}-flags`}>
              {flags.map((m) => (
                <p key={m.text} className={`row-flag row-flag-${m.kind}`}>
                  <span className={`badge ${MARK_BADGES[m.kind]}`}>{ROW_MARK_LABELS[m.kind]}</span> {m.text}
                </p>
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={add}>
          Add a treatment row
        </button>
        <p className="total-minutes" aria-live="polite">
          Total: <strong>{total} minutes</strong>
          {incomplete
            ? ` (not counting ${incomplete === 1 ? 'the row' : `${incomplete} rows`} not yet complete)`
            : ''}
        </p>
      </div>
      <p className="small muted">Tip: press Enter in a row to add the next one.</p>
    </div>
  );
}
