import { useClinic } from '../../app/session.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { Addenda, AmendForm, AmendmentList, showValue } from '../assessments/record.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { OutcomeResult } from '../outcomes/OutcomeResult.tsx';
import { siteName, techniqueName } from '../patients/labels.tsx';
import { notesApi, type SessionNote } from './api.ts';
import { AMENDABLE_NOTE_FIELDS, NOTE_LABELS, POSITION_LABELS } from './fields.ts';

const SKIP = new Set(['objective.bodyChart', 'objective.rom', 'treatment.rows', 'assessment.goalProgress']);

/** A signed note: what it says now (amendments applied), each amendment with the original, addenda. */
export function NoteReadOnly({
  note: n,
  onUpdate,
}: {
  note: SessionNote;
  onUpdate: (n: SessionNote) => void;
}) {
  const clinic = useClinic();
  const c = n.current as Record<string, Record<string, unknown> | undefined>;
  const get = (path: string) => {
    const [head, sub] = path.split('.') as [string, string];
    return c[head]?.[sub];
  };
  const display = (path: string, v: unknown) => {
    if (path === 'treatment.position' && Array.isArray(v))
      return v.map((p) => POSITION_LABELS[p] ?? p).join(', ');
    if (path === 'subjective.healthChanges' && v && typeof v === 'object') {
      const h = v as { changed: boolean; note?: string };
      return h.changed ? `Yes${h.note ? `: ${h.note}` : ''}` : 'No';
    }
    return showValue(v);
  };
  const amendedFields = new Set(n.amendments.flatMap((a) => a.changes.map((ch) => ch.field)));
  const rows = n.current.treatment?.rows ?? [];
  return (
    <div className="record-view">
      <p className="badge badge-success">Signed — read-only</p>
      <section className="card" aria-label="Note">
        <dl className="facts">
          {Object.keys(NOTE_LABELS)
            .filter((k) => !SKIP.has(k) && get(k) !== undefined && get(k) !== '')
            .map((k) => (
              <div key={k}>
                <dt>{NOTE_LABELS[k]}</dt>
                <dd className="prewrap">
                  {display(k, get(k))}
                  {amendedFields.has(k) ? <span className="badge badge-info">Amended</span> : null}
                </dd>
              </div>
            ))}
        </dl>
      </section>
      {rows.length ? (
        <section className="card" aria-labelledby="ro-treat">
          <h2 id="ro-treat">Treatment given</h2>
          <TableScroll label="Treatment given">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Technique</th>
                  <th scope="col">Region</th>
                  <th scope="col">Minutes</th>
                  <th scope="col">Pressure</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the list is fixed once signed
                  <tr key={i}>
                    <td>{techniqueName(r.techniqueId)}</td>
                    <td>{siteName(r.region)}</td>
                    <td>{r.minutes}</td>
                    <td>{r.pressure ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="small">
            {n.billing.totalMinutes} minutes · {n.billing.explanation}
          </p>
        </section>
      ) : null}
      {n.current.objective?.bodyChart?.length ? (
        <section className="card" aria-label="Body chart">
          <BodyChart findings={n.current.objective.bodyChart} label="Body chart at this visit" />
        </section>
      ) : null}
      {n.outcomes.length ? (
        <section className="card" aria-labelledby="ro-out">
          <h2 id="ro-out">Outcome measures</h2>
          {n.outcomes.map((o) => (
            <OutcomeResult key={o.id} result={o} />
          ))}
        </section>
      ) : null}
      <AmendmentList amendments={n.amendments} label={(f) => NOTE_LABELS[f] ?? f} />
      <AmendForm
        fields={AMENDABLE_NOTE_FIELDS}
        current={get}
        onAmend={async (reason, changes) =>
          onUpdate(await notesApi.amend(clinic.id, n.patientId, n.id, reason, changes))
        }
      />
      <Addenda
        addenda={n.addenda}
        onAdd={async (text) => onUpdate(await notesApi.addendum(clinic.id, n.patientId, n.id, text))}
      />
    </div>
  );
}
