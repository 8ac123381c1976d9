import { useId } from 'react';
import type { HomeCareLibrary, PlanBody } from './api.ts';

type HomeCare = NonNullable<PlanBody['homeCare']>;

/** Home care from the library (instructions, dosage that can be adjusted) and self-care advice. */
export function HomeCareEditor({
  library,
  value,
  onChange,
}: {
  library: HomeCareLibrary;
  value: HomeCare;
  onChange: (v: HomeCare) => void;
}) {
  const id = useId();
  const exercises = value.exercises ?? [];
  const advice = value.advice ?? [];
  return (
    <section className="card">
      <h2>Home care</h2>
      <details>
        <summary>Stretches and exercises ({exercises.length} chosen)</summary>
        <ul className="choice-list">
          {library.exercises.map((e) => {
            const chosen = exercises.find((x) => x.id === e.id);
            return (
              <li key={e.id}>
                <div className="checkbox">
                  <input
                    type="checkbox"
                    id={`${id}-${e.id}`}
                    checked={Boolean(chosen)}
                    onChange={(ev) =>
                      onChange({
                        ...value,
                        exercises: ev.target.checked
                          ? [...exercises, { id: e.id as never }]
                          : exercises.filter((x) => x.id !== e.id),
                      })
                    }
                  />
                  <label htmlFor={`${id}-${e.id}`}>
                    {e.name} <span className="small muted">({e.kind})</span>
                  </label>
                </div>
                <p className="small">{e.instructions}</p>
                {chosen ? (
                  <div className="field">
                    <label htmlFor={`${id}-${e.id}-d`}>Dosage for {e.name}</label>
                    <input
                      id={`${id}-${e.id}-d`}
                      value={chosen.dosage ?? e.dosage}
                      onChange={(ev) =>
                        onChange({
                          ...value,
                          exercises: exercises.map((x) =>
                            x.id === e.id ? { ...x, dosage: ev.target.value } : x,
                          ),
                        })
                      }
                    />
                  </div>
                ) : (
                  <p className="small muted">Dosage: {e.dosage}</p>
                )}
              </li>
            );
          })}
        </ul>
      </details>
      <fieldset className="check-group">
        <legend>Hydration and self-care advice</legend>
        {library.advice.map((a) => (
          <div className="checkbox" key={a.id}>
            <input
              type="checkbox"
              id={`${id}-a-${a.id}`}
              checked={advice.includes(a.id as never)}
              onChange={(ev) =>
                onChange({
                  ...value,
                  advice: ev.target.checked ? [...advice, a.id as never] : advice.filter((x) => x !== a.id),
                })
              }
            />
            <label htmlFor={`${id}-a-${a.id}`}>{a.title}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Home-care notes</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          value={value.notes ?? ''}
          onChange={(e) => onChange({ ...value, notes: e.target.value || undefined })}
        />
      </div>
    </section>
  );
}
