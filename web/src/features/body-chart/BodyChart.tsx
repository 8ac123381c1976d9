import { useId, useState } from 'react';
import {
  BODY_REGIONS,
  getRegion,
  type RegionId,
  type View,
} from '../../../../src/domain/catalog/body-regions.ts';
import type { BodyChartFinding } from './api.ts';
import { FindingDialog } from './FindingDialog.tsx';
import { KIND_LABELS, KIND_MARKS, markOf, regionSummary, toneOf } from './findings.ts';
import { LAYOUT } from './geometry.ts';
import './body-chart.css';

const VIEWS: { view: View; label: string }[] = [
  { view: 'front', label: 'Front' },
  { view: 'back', label: 'Back' },
];

/**
 * The body chart: front and back figures whose regions (the catalog's ids, left and right) are buttons. A
 * region opens a small dialog to record pain 0–10, tension, trigger point, numbness/tingling, swelling or a
 * scar with a note. Regions with findings are coloured and carry a text mark (legend below); the findings are
 * also listed in words, and every region can be reached from a plain list too.
 * Without `onChange` the chart is read-only. `highlight` outlines regions (the comparison view).
 */
export function BodyChart({
  findings,
  onChange,
  label = 'Body chart',
  highlight,
}: {
  findings: BodyChartFinding[];
  onChange?: (next: BodyChartFinding[]) => void;
  label?: string;
  highlight?: Partial<Record<string, string>>;
}) {
  const id = useId();
  const [editing, setEditing] = useState<RegionId | null>(null);
  const byRegion = new Map<string, BodyChartFinding[]>();
  for (const f of findings) byRegion.set(f.region, [...(byRegion.get(f.region) ?? []), f]);
  const editable = Boolean(onChange);
  const marked = BODY_REGIONS.filter((r) => byRegion.has(r.id));

  const save = (region: RegionId, next: BodyChartFinding[]) => {
    onChange?.([...findings.filter((f) => f.region !== region), ...next]);
    setEditing(null);
  };

  return (
    <section className="body-chart" aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`} className="bc-title">
        {label}
        {editable ? <span className="muted small"> — choose a region to record a finding</span> : null}
      </p>
      <div className="bc-figures">
        {VIEWS.map(({ view, label: viewLabel }) => (
          <figure key={view} className="bc-figure">
            <svg
              viewBox="0 0 200 410"
              className="bc-svg"
              role={editable ? 'group' : 'img'}
              aria-label={`${viewLabel} of the body${editable ? '' : `: ${marked.length} regions with findings`}`}
            >
              <path className="bc-outline" d={OUTLINE} />
              <text x="2" y="300" className="bc-side">
                {view === 'front' ? 'Right' : 'Left'}
              </text>
              <text x="198" y="300" className="bc-side" textAnchor="end">
                {view === 'front' ? 'Left' : 'Right'}
              </text>
              {Object.entries(LAYOUT[view]).map(([region, s]) => {
                const list = byRegion.get(region) ?? [];
                const name = getRegion(region as RegionId).label;
                const summary = list.length ? `: ${regionSummary(list)}` : '';
                const mark = markOf(list);
                const cls = `bc-region ${toneOf(list)}${highlight?.[region] ? ` bc-hl bc-hl-${highlight[region]}` : ''}`;
                const shape = (
                  <>
                    <title>{`${name}${summary}`}</title>
                    <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={s.r ?? 5} />
                    {mark ? (
                      <text
                        x={s.x + s.w / 2}
                        y={s.y + s.h / 2}
                        className="bc-mark"
                        dominantBaseline="central"
                        textAnchor="middle"
                      >
                        {mark}
                      </text>
                    ) : null}
                  </>
                );
                if (!editable)
                  return (
                    <g key={region} className={cls} data-region={region}>
                      {shape}
                    </g>
                  );
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it behaves as one
                  <g
                    key={region}
                    className={cls}
                    data-region={region}
                    role="button"
                    tabIndex={0}
                    aria-label={`${name}${summary}`}
                    aria-haspopup="dialog"
                    onClick={() => setEditing(region as RegionId)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setEditing(region as RegionId);
                      }
                    }}
                  >
                    {shape}
                  </g>
                );
              })}
            </svg>
            <figcaption>{viewLabel}</figcaption>
          </figure>
        ))}
      </div>
      <Legend />
      {marked.length === 0 ? (
        <p className="muted">No findings marked.</p>
      ) : (
        <ul className="bc-findings" aria-label={`${label}: findings`}>
          {marked.map((r) => (
            <li key={r.id}>
              <strong>{r.label}</strong>: {regionSummary(byRegion.get(r.id)!)}
              {byRegion
                .get(r.id)!
                .filter((f) => f.note)
                .slice(0, 1)
                .map((f) => (
                  <span key="note" className="muted">
                    {' '}
                    — {f.note}
                  </span>
                ))}
              {editable ? (
                <button
                  type="button"
                  className="link-button bc-edit"
                  onClick={() => setEditing(r.id)}
                  aria-label={`Edit ${r.label}`}
                >
                  Edit
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <details className="bc-list">
          <summary>All regions as a list</summary>
          <ul>
            {BODY_REGIONS.map((r) => (
              <li key={r.id}>
                <button type="button" className="button button-quiet" onClick={() => setEditing(r.id)}>
                  {r.label}
                  {byRegion.has(r.id) ? ` (${regionSummary(byRegion.get(r.id)!)})` : ''}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {editing ? (
        <FindingDialog
          region={editing}
          findings={byRegion.get(editing) ?? []}
          onSave={(next) => save(editing, next)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}

function Legend() {
  return (
    <ul className="bc-legend" aria-label="Legend">
      <li>
        <span className="bc-swatch bc-pain-low" aria-hidden="true" /> Pain 0–3 (number shown)
      </li>
      <li>
        <span className="bc-swatch bc-pain-mid" aria-hidden="true" /> Pain 4–6
      </li>
      <li>
        <span className="bc-swatch bc-pain-high" aria-hidden="true" /> Pain 7–10
      </li>
      <li>
        <span className="bc-swatch bc-other" aria-hidden="true" /> Other finding
      </li>
      {Object.entries(KIND_MARKS)
        .filter(([k]) => k !== 'pain')
        .map(([k, m]) => (
          <li key={k}>
            <strong>{m}</strong> {KIND_LABELS[k as keyof typeof KIND_LABELS]}
          </li>
        ))}
    </ul>
  );
}

/** A simple silhouette behind the regions (decorative). */
const OUTLINE =
  'M100 2c14 0 24 10 24 26 0 14-6 26-12 30v4c0 4 8 10 20 12l14 4c10 4 16 14 16 26v44l4 40 6 32 6 30-10 4-12-30-6-36-8-40v30l4 40v20l-2 60 2 10-2 70 4 30-34 2 2-32-2-64-4-52-6-40h-4l-6 40-4 52-2 64 2 32-34-2 4-30-2-70 2-10-2-60v-20l4-40v-30l-8 40-6 36-12 30-10-4 6-30 6-32 4-40v-44c0-12 6-22 16-26l14-4c12-2 20-8 20-12v-4c-6-4-12-16-12-30 0-16 10-26 24-26z';
