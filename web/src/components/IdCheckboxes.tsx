import { useId } from 'react';

/** A group of checkboxes bound to an array of ids, in the order they were ticked (e.g. main focus first). */
export function IdCheckboxes({
  legend,
  options,
  field,
  error,
}: {
  legend: string;
  options: { id: string; label: string }[];
  field: { value?: string[]; onChange: (v: string[]) => void };
  error?: string;
}) {
  const value = field.value ?? [];
  const base = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="muted">None yet.</p> : null}
      <div className="checkbox-columns">
        {options.map((o) => (
          <div className="checkbox" key={o.id}>
            <input
              type="checkbox"
              id={`${base}-${o.id}`}
              checked={value.includes(o.id)}
              onChange={(e) =>
                field.onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))
              }
            />
            <label htmlFor={`${base}-${o.id}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
