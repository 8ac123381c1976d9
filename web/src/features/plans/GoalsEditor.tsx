import { useId } from 'react';
import { JOINT_MOTIONS, type JointMotion } from '../../../../src/domain/outcomes/rom.ts';
import { INSTRUMENT_IDS } from '../../../../src/domain/outcomes/types.ts';
import { motionLabel } from '../assessments/RomEditor.tsx';
import type { PlanBody } from './api.ts';

type Goal = PlanBody['goals'][number];
type Kind = Goal['kind'];

/** Measurable goals: an instrument or ROM with baseline, target and due date, or the patient's own words. */
export function GoalsEditor({ goals, onChange }: { goals: Goal[]; onChange: (g: Goal[]) => void }) {
  const id = useId();
  const setAt = (i: number, g: Goal) => onChange(goals.map((x, j) => (j === i ? g : x)));
  const switchKind = (g: Goal, kind: Kind): Goal => {
    const base = { dueDate: g.dueDate, ...(g.id ? { id: g.id } : {}) };
    if (kind === 'functional') return { ...base, kind, patientWords: '' };
    if (kind === 'instrument') return { ...base, kind, instrumentId: 'nprs', baseline: 0, target: 0 };
    return { ...base, kind, jointMotion: 'cervical.rotation', baseline: 0, target: 0 };
  };
  return (
    <section className="card">
      <h2>Goals</h2>
      {goals.map((g, i) => {
        const p = `${id}-g${i}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: goals without an id yet are edited in place
          <fieldset key={i} className="goal-row">
            <legend>Goal {i + 1}</legend>
            <div className="field">
              <label htmlFor={`${p}-k`}>Kind of goal</label>
              <select
                id={`${p}-k`}
                value={g.kind}
                onChange={(e) => setAt(i, switchKind(g, e.target.value as Kind))}
              >
                <option value="functional">Functional (patient’s words)</option>
                <option value="instrument">Outcome measure</option>
                <option value="rom">Range of motion</option>
              </select>
            </div>
            {g.kind === 'functional' ? (
              <div className="field">
                <label htmlFor={`${p}-w`}>Goal in the patient’s words</label>
                <input
                  id={`${p}-w`}
                  value={g.patientWords}
                  onChange={(e) => setAt(i, { ...g, patientWords: e.target.value })}
                />
              </div>
            ) : (
              <>
                {g.kind === 'instrument' ? (
                  <div className="field">
                    <label htmlFor={`${p}-i`}>Instrument</label>
                    <select
                      id={`${p}-i`}
                      value={g.instrumentId}
                      onChange={(e) =>
                        setAt(i, { ...g, instrumentId: e.target.value as typeof g.instrumentId })
                      }
                    >
                      {INSTRUMENT_IDS.map((x) => (
                        <option key={x} value={x}>
                          {x.toUpperCase()}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : (
                  <div className="field">
                    <label htmlFor={`${p}-m`}>Joint and motion</label>
                    <select
                      id={`${p}-m`}
                      value={g.jointMotion}
                      onChange={(e) => setAt(i, { ...g, jointMotion: e.target.value as JointMotion })}
                    >
                      {JOINT_MOTIONS.map((jm) => (
                        <option key={jm} value={jm}>
                          {motionLabel(jm)}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="field">
                  <label htmlFor={`${p}-b`}>Baseline</label>
                  <input
                    id={`${p}-b`}
                    type="number"
                    value={Number.isFinite(g.baseline) ? g.baseline : ''}
                    onChange={(e) => setAt(i, { ...g, baseline: e.target.valueAsNumber })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${p}-t`}>Target</label>
                  <input
                    id={`${p}-t`}
                    type="number"
                    value={Number.isFinite(g.target) ? g.target : ''}
                    onChange={(e) => setAt(i, { ...g, target: e.target.valueAsNumber })}
                  />
                </div>
              </>
            )}
            <div className="field">
              <label htmlFor={`${p}-d`}>Due date</label>
              <input
                id={`${p}-d`}
                type="date"
                value={g.dueDate}
                onChange={(e) => setAt(i, { ...g, dueDate: e.target.value })}
              />
            </div>
            {goals.length > 1 ? (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onChange(goals.filter((_, j) => j !== i))}
              >
                Remove goal {i + 1}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([...goals, { kind: 'functional', patientWords: '', dueDate: goals.at(-1)?.dueDate ?? '' }])
        }
      >
        Add a goal
      </button>
    </section>
  );
}
