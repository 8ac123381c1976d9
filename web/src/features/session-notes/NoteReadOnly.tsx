import type { ReactNode } from 'react';
import type { TreatmentRow } from '../../../../src/modules/session-notes/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { amendableNoteFields, valueText } from '../assessments/amend.ts';
import { RomResultTable } from '../assessments/RomResultTable.tsx';
import { Addenda, AmendForm, AmendmentList, showValue } from '../assessments/record.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { OutcomeResult } from '../outcomes/OutcomeResult.tsx';
import { siteName, techniqueName } from '../patients/labels.tsx';
import { goalText } from '../plans/goals.ts';
import { useNotePlan } from '../plans/queries.ts';
import { notesApi, type SessionNote } from './api.ts';
import { GOAL_PROGRESS_LABELS, NOTE_LABELS } from './fields.ts';
import { OverrideNotice } from './OverrideSign.tsx';
import { noteOverrides } from './override.ts';
import { unitsLine } from './units-line.ts';

/** A signed note reads in SOAP order; the session's pain before and after sits with the treatment. */
const SECTIONS = [
  { title: 'Subjective', prefixes: ['subjective.'] },
  { title: 'Objective', prefixes: ['objective.'] },
  { title: 'Treatment', prefixes: ['treatment.', 'pain.'] },
  { title: 'Assessment', prefixes: ['assessment.'] },
  { title: 'Plan', prefixes: ['plan.'] },
] as const;
/** Fields drawn as a table, a chart or a list rather than as a fact. */
const OWN_DISPLAY = new Set([
  'objective.bodyChart',
  'objective.rom',
  'treatment.rows',
  'assessment.goalProgress',
]);

/** "S: complaint" reads "Complaint" under its SOAP heading. */
function inSectionLabel(path: string): string {
  const label = (NOTE_LABELS[path] ?? path).replace(/^[SOAP]: /, '');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** A signed note: what it says now (amendments applied), each amendment with the original, addenda. */
export function NoteReadOnly({
  note: n,
  onUpdate,
}: {
  note: SessionNote;
  onUpdate: (n: SessionNote) => void;
}) {
  const clinic = useClinic();
  // The plan's goals in words: progress per goal is corrected against them (and only when the note has a plan).
  const plan = useNotePlan(clinic.id, n);
  const goals =
    n.planId && plan.data ? plan.data.current.goals.map((g) => ({ id: g.id, text: goalText(g) })) : null;
  const amendable = amendableNoteFields(goals);
  const shown = amendableNoteFields(goals ?? []);
  const c = n.current as Record<string, Record<string, unknown> | undefined>;
  const get = (path: string) => {
    const [head, sub] = path.split('.') as [string, string];
    return c[head]?.[sub];
  };
  const display = (path: string, v: unknown) => {
    if (path === 'treatment.rows' && Array.isArray(v))
      return (v as TreatmentRow[])
        .map((r) => `${techniqueName(r.techniqueId)}, ${siteName(r.region)}, ${r.minutes} min`)
        .join('; ');
    return (
      valueText(
        shown.find((f) => f.path === path),
        v,
      ) ?? showValue(v)
    );
  };
  const overrides = noteOverrides(n);
  const amendedFields = new Set(n.amendments.flatMap((a) => a.changes.map((ch) => ch.field)));
  /** The amended mark of a record part drawn on its own (a table, the body chart). */
  const amended = (path: string) =>
    amendedFields.has(path) ? <p className="badge badge-info">Amended</p> : null;
  const rows = n.current.treatment?.rows ?? [];
  const bodyChart = n.current.objective?.bodyChart ?? [];
  /** What each section shows besides its facts. */
  const extras: Record<(typeof SECTIONS)[number]['title'], ReactNode> = {
    Subjective: null,
    Objective:
      n.rom.length || bodyChart.length ? (
        <>
          {n.rom.length ? (
            <>
              {amended('objective.rom')}
              <RomResultTable rows={n.rom} />
            </>
          ) : null}
          {bodyChart.length ? (
            <>
              {amended('objective.bodyChart')}
              <BodyChart findings={bodyChart} label="Body chart at this visit" />
            </>
          ) : null}
        </>
      ) : null,
    Treatment: rows.length ? (
      <>
        {amended('treatment.rows')}
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
          {n.billing.totalMinutes} minutes in total · {unitsLine(n.billing)}
        </p>
      </>
    ) : null,
    Assessment: n.current.assessment?.goalProgress?.length ? (
      <>
        {amended('assessment.goalProgress')}
        <GoalProgressList note={n} />
      </>
    ) : null,
    Plan: null,
  };
  return (
    <div className="record-view">
      <p className="badge badge-success">Signed — read-only</p>
      {overrides.current.map((o) => (
        <OverrideNotice key={o.key} override={o.override} amendment={o.amendment} />
      ))}
      {overrides.replaced.map((o) => (
        <OverrideNotice key={o.key} override={o.override} amendment={o.amendment} />
      ))}
      {SECTIONS.map(({ title, prefixes }) => {
        const facts = Object.keys(NOTE_LABELS).filter(
          (k) =>
            prefixes.some((p) => k.startsWith(p)) &&
            !OWN_DISPLAY.has(k) &&
            get(k) !== undefined &&
            get(k) !== '',
        );
        const extra = extras[title];
        if (facts.length === 0 && !extra) return null;
        const id = `ro-${title.toLowerCase()}`;
        return (
          <section key={title} className="card" aria-labelledby={id}>
            <h2 id={id}>{title}</h2>
            {facts.length ? (
              <dl className="facts">
                {facts.map((k) => (
                  <div key={k}>
                    <dt>{inSectionLabel(k)}</dt>
                    <dd className="prewrap">
                      {display(k, get(k))}
                      {amendedFields.has(k) ? <span className="badge badge-info">Amended</span> : null}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {extra}
          </section>
        );
      })}
      {n.outcomes.length ? (
        <section className="card" aria-labelledby="ro-out">
          <h2 id="ro-out">Outcome measures</h2>
          {n.outcomes.map((o) => (
            <OutcomeResult key={o.id} result={o} />
          ))}
        </section>
      ) : null}
      <AmendmentList amendments={n.amendments} label={(f) => NOTE_LABELS[f] ?? f} show={display} />
      <AmendForm
        fields={amendable}
        current={get}
        overridable
        onAmend={async (reason, changes, overrideReason) =>
          onUpdate(await notesApi.amend(clinic.id, n.patientId, n.id, reason, changes, overrideReason))
        }
      />
      <Addenda
        addenda={n.addenda}
        onAdd={async (text) => onUpdate(await notesApi.addendum(clinic.id, n.patientId, n.id, text))}
      />
    </div>
  );
}

/** Progress on the plan's goals as the note rated it, each goal in words (goal ids stay across plan versions). */
function GoalProgressList({ note }: { note: SessionNote }) {
  const clinic = useClinic();
  const rated = note.current.assessment?.goalProgress ?? [];
  const plan = useNotePlan(clinic.id, note);
  const goals = new Map((plan.data?.current.goals ?? []).map((g) => [g.id, g]));
  return (
    <>
      <h3>Progress per goal</h3>
      <ul className="goal-progress">
        {rated.map((r) => {
          const goal = goals.get(r.goalId);
          return (
            <li key={r.goalId}>
              {goal
                ? goalText(goal)
                : plan.isPending
                  ? 'Goal'
                  : // A plan the reader may not see (a physician and a self-referred plan): no claim about it.
                    plan.isError
                    ? 'A goal of the plan'
                    : 'A goal no longer in the plan'}
              : <strong>{GOAL_PROGRESS_LABELS[r.progress] ?? r.progress}</strong>
              {r.note ? ` — ${r.note}` : ''}
            </li>
          );
        })}
      </ul>
    </>
  );
}
