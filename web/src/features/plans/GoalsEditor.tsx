import { JOINT_MOTIONS, type JointMotion } from '../../../../src/domain/outcomes/rom.ts';
import { INSTRUMENT_IDS } from '../../../../src/domain/outcomes/types.ts';
import { INSTRUMENT_NAMES } from '../../../../src/modules/outcome-measures/schemas.ts';
import { Field } from '../../components/Field.tsx';
import { motionLabel } from '../assessments/RomEditor.tsx';
import type { PlanBody } from './api.ts';

type Goal = PlanBody['goals'][number];
type Kind = Goal['kind'];

/**
 * Measurable goals: an instrument or ROM with baseline, target and due date, or the patient's own words.
 * `errors` are the plan's field errors by path (`goals.0.target`), shown beside their field.
 */
export function GoalsEditor({
  goals,
  errors,
  onChange,
}: {
  goals: Goal[];
  errors: Record<string, string>;
  onChange: (g: Goal[]) => void;
}) {
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
      {errors.goals ? <p className="field-error">{errors.goals}</p> : null}
      {goals.map((g, i) => {
        const error = (field: string) => errors[`goals.${i}.${field}`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: goals without an id yet are edited in place
          <fieldset key={i} className="goal-row">
            <legend>Goal {i + 1}</legend>
            <Field label="Kind of goal" className="goal-kind">
              {(p) => (
                <select
                  {...p}
                  value={g.kind}
                  onChange={(e) => setAt(i, switchKind(g, e.target.value as Kind))}
                >
                  <option value="functional">Functional (patient’s words)</option>
                  <option value="instrument">Outcome measure</option>
                  <option value="rom">Range of motion</option>
                </select>
              )}
            </Field>
            {g.kind === 'functional' ? (
              <Field label="Goal in the patient’s words" error={error('patientWords')} className="goal-words">
                {(p) => (
                  <input
                    {...p}
                    value={g.patientWords}
                    onChange={(e) => setAt(i, { ...g, patientWords: e.target.value })}
                  />
                )}
              </Field>
            ) : (
              <>
                {g.kind === 'instrument' ? (
                  <Field label="Instrument">
                    {(p) => (
                      <select
                        {...p}
                        value={g.instrumentId}
                        onChange={(e) =>
                          setAt(i, { ...g, instrumentId: e.target.value as typeof g.instrumentId })
                        }
                      >
                        {INSTRUMENT_IDS.map((x) => (
                          <option key={x} value={x}>
                            {INSTRUMENT_NAMES[x]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : (
                  <Field label="Joint and motion" error={error('side')}>
                    {(p) => (
                      <select
                        {...p}
                        value={g.jointMotion}
                        onChange={(e) => setAt(i, { ...g, jointMotion: e.target.value as JointMotion })}
                      >
                        {JOINT_MOTIONS.map((jm) => (
                          <option key={jm} value={jm}>
                            {motionLabel(jm)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                {(['baseline', 'target'] as const).map((field) => (
                  <Field
                    key={field}
                    label={field === 'baseline' ? 'Baseline' : 'Target'}
                    error={error(field)}
                  >
                    {(p) => (
                      <input
                        {...p}
                        type="number"
                        value={Number.isFinite(g[field]) ? g[field] : ''}
                        onChange={(e) => setAt(i, { ...g, [field]: e.target.valueAsNumber })}
                      />
                    )}
                  </Field>
                ))}
              </>
            )}
            <Field label="Due date" error={error('dueDate')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={g.dueDate}
                  onChange={(e) => setAt(i, { ...g, dueDate: e.target.value })}
                />
              )}
            </Field>
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
