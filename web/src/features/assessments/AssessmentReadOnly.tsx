import { useClinic } from '../../app/session.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { OutcomeResult } from '../outcomes/OutcomeResult.tsx';
import type { AmendableField } from './amend.ts';
import { type Assessment, assessmentsApi } from './api.ts';
import { RomResultTable } from './RomResultTable.tsx';
import { Addenda, AmendForm, AmendmentList, showValue } from './record.tsx';
import { TriggerPointList } from './TriggerPointEditor.tsx';

export const TEXT_FIELDS = [
  'chiefComplaint',
  'posture',
  'gait',
  'functionalLimitations',
  'clinicalImpression',
  'notes',
] as const;

export const FIELD_LABELS: Record<string, string> = {
  chiefComplaint: 'Chief complaint',
  posture: 'Posture',
  gait: 'Gait',
  functionalLimitations: 'Functional limitations',
  clinicalImpression: 'Clinical impression',
  notes: 'Notes',
  'palpation.tone': 'Palpation: tone',
  'palpation.tenderness': 'Palpation: tenderness',
  'palpation.temperature': 'Palpation: temperature',
  'palpation.texture': 'Palpation: texture',
  'palpation.triggerPoints': 'Palpation: trigger points',
  'palpation.notes': 'Palpation: notes',
  bodyChart: 'Body chart',
  rom: 'Range of motion',
};

const AMENDABLE: AmendableField[] = [
  ...TEXT_FIELDS.map((f) => ({ path: f, label: FIELD_LABELS[f]!, type: 'text' as const })),
  { path: 'palpation.tenderness', label: FIELD_LABELS['palpation.tenderness']!, type: 'text' },
  { path: 'palpation.texture', label: FIELD_LABELS['palpation.texture']!, type: 'text' },
];

/** Shown in their own sections, not as plain facts. */
const OWN_SECTION = new Set(['bodyChart', 'rom', 'palpation.triggerPoints']);

/** A signed evaluation: what it says now (amendments applied), the amendments with the originals, addenda. */
export function AssessmentReadOnly({
  assessment: a,
  onUpdate,
}: {
  assessment: Assessment;
  onUpdate: (a: Assessment) => void;
}) {
  const clinic = useClinic();
  const c = a.current;
  const get = (path: string) => {
    const [head, sub] = path.split('.') as [string, string | undefined];
    const v = (c as Record<string, unknown>)[head];
    return sub ? (v as Record<string, unknown> | undefined)?.[sub] : v;
  };
  return (
    <div className="record-view">
      <p className="badge badge-success">Signed — read-only</p>
      <section className="card">
        <dl className="facts">
          {Object.keys(FIELD_LABELS)
            .filter((k) => !OWN_SECTION.has(k) && get(k) !== undefined && get(k) !== '')
            .map((k) => (
              <div key={k}>
                <dt>{FIELD_LABELS[k]}</dt>
                <dd className="prewrap">{showValue(get(k))}</dd>
              </div>
            ))}
        </dl>
      </section>
      {c.palpation?.triggerPoints?.length ? (
        <section className="card" aria-labelledby="ro-tp">
          <h2 id="ro-tp">Trigger points</h2>
          <TriggerPointList points={c.palpation.triggerPoints} />
        </section>
      ) : null}
      <section className="card" aria-label="Body chart">
        <BodyChart findings={c.bodyChart ?? []} label="Body chart at this evaluation" />
      </section>
      {a.rom.length ? (
        <section className="card" aria-labelledby="ro-rom">
          <h2 id="ro-rom">Range of motion</h2>
          <RomResultTable rows={a.rom} />
        </section>
      ) : null}
      {a.outcomes.length ? (
        <section className="card" aria-labelledby="ro-outcomes">
          <h2 id="ro-outcomes">Outcome measures</h2>
          {a.outcomes.map((o) => (
            <OutcomeResult key={o.id} result={o} />
          ))}
        </section>
      ) : null}
      <AmendmentList amendments={a.amendments} label={(f) => FIELD_LABELS[f] ?? f} />
      <AmendForm
        fields={AMENDABLE}
        current={get}
        onAmend={async (reason, changes) =>
          onUpdate(await assessmentsApi.amend(clinic.id, a.patientId, a.id, reason, changes))
        }
      />
      <Addenda
        addenda={a.addenda}
        onAdd={async (text) => onUpdate(await assessmentsApi.addendum(clinic.id, a.patientId, a.id, text))}
      />
    </div>
  );
}
