import { useEffect, useId, useRef, useState } from 'react';
import { getRegion, type RegionId } from '../../../../src/domain/catalog/body-regions.ts';
import type { BodyFindingKind } from '../../../../src/modules/clinical/body-chart.ts';
import type { BodyChartFinding } from './api.ts';
import { KIND_LABELS } from './findings.ts';

const OTHER_KINDS: BodyFindingKind[] = ['tension', 'trigger_point', 'numbness_tingling', 'swelling', 'scar'];
const SCALE = Array.from({ length: 11 }, (_, i) => i);

type Draft = Record<BodyFindingKind, { on: boolean; intensity: string }>;

function draftOf(findings: BodyChartFinding[]): Draft {
  const entry = (kind: BodyFindingKind) => {
    const f = findings.find((x) => x.kind === kind);
    return { on: Boolean(f), intensity: f?.intensity === undefined ? '' : String(f.intensity) };
  };
  return {
    pain: entry('pain'),
    tension: entry('tension'),
    trigger_point: entry('trigger_point'),
    numbness_tingling: entry('numbness_tingling'),
    swelling: entry('swelling'),
    scar: entry('scar'),
  };
}

/** The modal dialog that records the findings on one region (native <dialog>: focus stays inside, Esc closes). */
export function FindingDialog({
  region,
  findings,
  onSave,
  onClose,
}: {
  region: RegionId;
  findings: BodyChartFinding[];
  onSave: (next: BodyChartFinding[]) => void;
  onClose: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(findings));
  const [note, setNote] = useState(findings.find((f) => f.note)?.note ?? '');
  const name = getRegion(region).label;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const set = (kind: BodyFindingKind, patch: Partial<Draft[BodyFindingKind]>) =>
    setDraft((d) => ({ ...d, [kind]: { ...d[kind], ...patch } }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: BodyChartFinding[] = [];
    const trimmed = note.trim();
    for (const kind of ['pain', ...OTHER_KINDS] as BodyFindingKind[]) {
      const entry = draft[kind];
      const on = kind === 'pain' ? entry.intensity !== '' : entry.on;
      if (!on) continue;
      next.push({
        region,
        kind,
        ...(entry.intensity !== '' && kind !== 'scar' ? { intensity: Number(entry.intensity) } : {}),
        ...(trimmed ? { note: trimmed } : {}),
      });
    }
    onSave(next);
  };

  return (
    <dialog ref={ref} className="bc-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <h2 id={`${id}-title`}>{name}</h2>
        <div className="field">
          <label htmlFor={`${id}-pain`}>Pain (0–10)</label>
          <select
            id={`${id}-pain`}
            value={draft.pain.intensity}
            onChange={(e) => set('pain', { intensity: e.target.value, on: e.target.value !== '' })}
          >
            <option value="">No pain recorded</option>
            {SCALE.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="bc-kinds">
          <legend>Other findings</legend>
          {OTHER_KINDS.map((kind) => (
            <div key={kind} className="bc-kind">
              <div className="checkbox">
                <input
                  type="checkbox"
                  id={`${id}-${kind}`}
                  checked={draft[kind].on}
                  onChange={(e) => set(kind, { on: e.target.checked })}
                />
                <label htmlFor={`${id}-${kind}`}>{KIND_LABELS[kind]}</label>
              </div>
              {kind !== 'scar' && draft[kind].on ? (
                <select
                  aria-label={`${KIND_LABELS[kind]} intensity (optional)`}
                  value={draft[kind].intensity}
                  onChange={(e) => set(kind, { intensity: e.target.value })}
                >
                  <option value="">Intensity —</option>
                  {SCALE.map((n) => (
                    <option key={n} value={n}>
                      {n}/10
                    </option>
                  ))}
                </select>
              ) : null}
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>Note</label>
          <input
            id={`${id}-note`}
            maxLength={280}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. worse after sitting"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Save finding
          </button>
          {findings.length ? (
            <button type="button" className="button button-secondary" onClick={() => onSave([])}>
              Clear region
            </button>
          ) : null}
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
