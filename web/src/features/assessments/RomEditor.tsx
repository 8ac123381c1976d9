import { useId } from 'react';
import {
  getRomNorm,
  JOINT_MOTIONS,
  type JointMotion,
  romStatus,
} from '../../../../src/domain/outcomes/rom.ts';
import { romNeedsSide } from '../../../../src/modules/assessments/schemas.ts';
import { motionLabel, type RomRow, romProblem, romValueValid } from './rom-rows.ts';

export {
  incompleteRowsBlock,
  motionLabel,
  type RomRow,
  romProblem,
  romRowsOf,
  validRom,
} from './rom-rows.ts';

const STATUS: Record<string, string> = {
  'within-normal': 'within normal',
  limited: 'limited',
  impaired: 'impaired',
};

/** Live comparison with the reference value, computed with the same domain functions the server uses. */
function Comparison({ row }: { row: RomRow }) {
  if (row.value.trim() === '') return <span className="muted">Enter a value</span>;
  try {
    const a = romStatus(row.jointMotion, Number(row.value));
    const unit = a.unit === 'mm' ? 'mm' : '°';
    return (
      <span>
        Normal {a.normalUsed.normal}
        {unit} ({a.normalUsed.source})
        {a.percentOfNormal !== null ? ` · ${Math.round(a.percentOfNormal)} % of normal` : ''} ·{' '}
        <strong className={`rom-${a.status}`}>{STATUS[a.status]}</strong>
      </span>
    );
  } catch {
    return <span className="field-error">Not a valid measurement for this motion</span>;
  }
}

/** ROM entry per joint and motion, with the normal value, its source, percent of normal and status. */
export function RomEditor({ rows, onChange }: { rows: RomRow[]; onChange: (rows: RomRow[]) => void }) {
  const id = useId();
  const set = (key: string, patch: Partial<RomRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className="rom-editor">
      {rows.length === 0 ? <p className="muted">No range of motion recorded.</p> : null}
      {rows.map((r, i) => {
        const needs = romNeedsSide(r.jointMotion);
        const unit = getRomNorm(r.jointMotion).unit === 'mm' ? 'mm' : 'degrees';
        return (
          <fieldset key={r.key} className="rom-row">
            <legend className="visually-hidden">Measurement {i + 1}</legend>
            <div className="field">
              <label htmlFor={`${id}-${r.key}-m`}>Joint and motion</label>
              <select
                id={`${id}-${r.key}-m`}
                value={r.jointMotion}
                onChange={(e) => set(r.key, { jointMotion: e.target.value as JointMotion })}
              >
                {JOINT_MOTIONS.map((jm) => (
                  <option key={jm} value={jm}>
                    {motionLabel(jm)}
                  </option>
                ))}
              </select>
            </div>
            {needs ? (
              <div className="field">
                <label htmlFor={`${id}-${r.key}-s`}>Side</label>
                <select
                  id={`${id}-${r.key}-s`}
                  value={r.side}
                  onChange={(e) => set(r.key, { side: e.target.value as RomRow['side'] })}
                >
                  <option value="">Choose…</option>
                  <option value="left">Left</option>
                  <option value="right">Right</option>
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor={`${id}-${r.key}-v`}>Measured ({unit})</label>
              <input
                id={`${id}-${r.key}-v`}
                type="number"
                inputMode="decimal"
                value={r.value}
                onChange={(e) => set(r.key, { value: e.target.value })}
              />
            </div>
            <p className="rom-result" aria-live="polite">
              <Comparison row={r} />
            </p>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
              aria-label={`Remove measurement ${i + 1}`}
            >
              Remove
            </button>
            {/* A missing or invalid value is said next to the field already. */}
            {romValueValid(r) && romProblem(r) ? <p className="row-problem">{romProblem(r)}</p> : null}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([
            ...rows,
            { key: `n${Date.now()}`, jointMotion: 'cervical.rotation', side: '', value: '', note: '' },
          ])
        }
      >
        Add a measurement
      </button>
    </div>
  );
}
