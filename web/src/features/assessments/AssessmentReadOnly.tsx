import { useClinic } from '../../app/session.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { OutcomeResult } from '../outcomes/OutcomeResult.tsx';
import { AMENDABLE_ASSESSMENT_FIELDS, ASSESSMENT_LABELS as FIELD_LABELS, valueText } from './amend.ts';
import { type Assessment, assessmentsApi } from './api.ts';
import { RomResultTable } from './RomResultTable.tsx';
import { Addenda, AmendForm, AmendmentList, showValue } from './record.tsx';
import { TriggerPointList } from './TriggerPointEditor.tsx';

/** The editor labels its fields with the same words. */
export { ASSESSMENT_LABELS as FIELD_LABELS, ASSESSMENT_TEXT_FIELDS as TEXT_FIELDS } from './amend.ts';

const fieldAt = (path: string) => AMENDABLE_ASSESSMENT_FIELDS.find((f) => f.path === path);
/** A value in words: choices by their labels, lists one item each. */
const display = (path: string, v: unknown) => valueText(fieldAt(path), v) ?? showValue(v);

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
  const amendedFields = new Set(a.amendments.flatMap((am) => am.changes.map((ch) => ch.field)));
  /** The amended mark of a record part shown in its own section. */
  const amended = (path: string) =>
    amendedFields.has(path) ? <p className="badge badge-info">Amended</p> : null;
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
                <dd className="prewrap">
                  {display(k, get(k))}
                  {amendedFields.has(k) ? <span className="badge badge-info">Amended</span> : null}
                </dd>
              </div>
            ))}
        </dl>
      </section>
      {c.palpation?.triggerPoints?.length ? (
        <section className="card" aria-labelledby="ro-tp">
          <h2 id="ro-tp">Trigger points</h2>
          {amended('palpation.triggerPoints')}
          <TriggerPointList points={c.palpation.triggerPoints} />
        </section>
      ) : null}
      <section className="card" aria-label="Body chart">
        {amended('bodyChart')}
        <BodyChart findings={c.bodyChart ?? []} label="Body chart at this evaluation" />
      </section>
      {a.rom.length ? (
        <section className="card" aria-labelledby="ro-rom">
          <h2 id="ro-rom">Range of motion</h2>
          {amended('rom')}
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
      <AmendmentList amendments={a.amendments} label={(f) => FIELD_LABELS[f] ?? f} show={display} />
      <AmendForm
        fields={AMENDABLE_ASSESSMENT_FIELDS}
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
