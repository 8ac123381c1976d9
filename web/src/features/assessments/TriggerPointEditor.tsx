import { useEffect, useId, useRef, useState } from 'react';
import { BODY_REGIONS, type RegionId } from '../../../../src/domain/catalog/body-regions.ts';
import { activityLabel, regionLabel, type TriggerPoint, type TriggerPointRow } from './trigger-point-rows.ts';

export {
  activityLabel,
  regionLabel,
  type TriggerPoint,
  type TriggerPointRow,
  triggerPointRowsOf,
  validTriggerPoints,
} from './trigger-point-rows.ts';

import './trigger-points.css';

const MUSCLE_MAX = 120;
const REFERRAL_MAX = 500;
let nextKey = 0;

/**
 * Palpation trigger points, one row each: body region (the body chart's region list), muscle, where it refers
 * pain, active or latent. Every field's label names its row (accessible name "Trigger point 2 Muscle").
 * Adding a row moves focus to its region; removing one moves focus to the row that takes its place (or to
 * "Add a trigger point"). A row is saved once it has a region.
 */
export function TriggerPointEditor({
  rows,
  onChange,
}: {
  rows: TriggerPointRow[];
  onChange: (rows: TriggerPointRow[]) => void;
}) {
  const id = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  // What to focus after the next render: a row's region select, or the add button (null key).
  const focusNext = useRef<{ key: string | null } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target.key === null) addButton.current?.focus();
    else document.getElementById(`${id}-${target.key}-region`)?.focus();
  });

  const set = (key: string, patch: Partial<TriggerPointRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = `n${++nextKey}`;
    focusNext.current = { key };
    setAnnouncement(`Trigger point ${rows.length + 1} added`);
    onChange([...rows, { key, region: '', muscle: '', referralPattern: '', activity: '' }]);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    focusNext.current = { key: (next[index] ?? next[index - 1])?.key ?? null };
    setAnnouncement(`Trigger point ${index + 1} removed`);
    onChange(next);
  };

  return (
    <div className="tp-editor">
      {rows.length === 0 ? <p className="tp-empty">No trigger points recorded.</p> : null}
      {rows.length > 0 ? (
        <p className="muted small" id={`${id}-hint`}>
          Active: refers pain on its own. Latent: refers pain only when pressed.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <ol className="tp-rows">
          {rows.map((r, i) => {
            const n = i + 1;
            const field = (suffix: string) => `${id}-${r.key}-${suffix}`;
            const name = (what: string) => (
              <>
                <span className="visually-hidden">Trigger point {n} </span>
                {what}
              </>
            );
            return (
              <li key={r.key}>
                <fieldset className="tp-row">
                  <legend className="tp-legend">Trigger point {n}</legend>
                  <div className="field tp-region">
                    <label htmlFor={field('region')}>{name('Body region')}</label>
                    <select
                      id={field('region')}
                      value={r.region}
                      aria-describedby={r.region ? undefined : field('unsaved')}
                      onChange={(e) => set(r.key, { region: e.target.value as RegionId | '' })}
                    >
                      <option value="">Choose a region…</option>
                      {BODY_REGIONS.map((b) => (
                        <option key={b.id} value={b.id}>
                          {b.label}
                        </option>
                      ))}
                    </select>
                    {r.region ? null : (
                      <p className="field-hint" id={field('unsaved')}>
                        Choose a region to save this trigger point.
                      </p>
                    )}
                  </div>
                  <div className="field tp-muscle">
                    <label htmlFor={field('muscle')}>{name('Muscle')}</label>
                    <input
                      id={field('muscle')}
                      value={r.muscle}
                      maxLength={MUSCLE_MAX}
                      autoComplete="off"
                      onChange={(e) => set(r.key, { muscle: e.target.value })}
                    />
                  </div>
                  <div className="field tp-referral">
                    <label htmlFor={field('referral')}>{name('Referral pattern')}</label>
                    <input
                      id={field('referral')}
                      value={r.referralPattern}
                      maxLength={REFERRAL_MAX}
                      autoComplete="off"
                      onChange={(e) => set(r.key, { referralPattern: e.target.value })}
                    />
                  </div>
                  <div className="field tp-activity">
                    <label htmlFor={field('activity')}>{name('Active or latent')}</label>
                    <select
                      id={field('activity')}
                      value={r.activity}
                      aria-describedby={`${id}-hint`}
                      onChange={(e) =>
                        set(r.key, { activity: e.target.value as TriggerPointRow['activity'] })
                      }
                    >
                      <option value="">Not recorded</option>
                      <option value="active">Active</option>
                      <option value="latent">Latent</option>
                    </select>
                  </div>
                  <button
                    type="button"
                    className="button button-quiet tp-remove"
                    onClick={() => remove(i)}
                    aria-label={`Remove trigger point ${n}`}
                  >
                    Remove
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
      ) : null}
      <button type="button" className="button button-secondary" ref={addButton} onClick={add}>
        Add a trigger point
      </button>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

/** A signed evaluation's trigger points: region, muscle, "refers to …", active or latent. */
export function TriggerPointList({ points }: { points: TriggerPoint[] }) {
  return (
    <ul className="tp-list">
      {points.map((p, i) => {
        const activity = activityLabel(p);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a signed record's list never changes order
          <li key={i}>
            <strong>{regionLabel(p.region)}</strong>
            {p.muscle ? ` — ${p.muscle}` : ''}
            {p.referralPattern ? `; refers to ${p.referralPattern}` : '; no referral recorded'}
            {activity ? (
              <span className={`badge ${p.active ? 'badge-warning' : 'badge-muted'}`}>{activity}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
