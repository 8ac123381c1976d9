import { type ReactNode, useId } from 'react';

/** A yes/no question as two large radio buttons (touch friendly). */
export function YesNo({
  label,
  value,
  onChange,
  error,
  hint,
  required,
}: {
  label: ReactNode;
  value: boolean | undefined;
  onChange: (value: boolean) => void;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}) {
  const id = useId();
  return (
    <fieldset
      className={`yes-no${error ? ' field-invalid' : ''}`}
      aria-describedby={
        [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend>
        {label}
        {required ? <RequiredMark /> : null}
      </legend>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      <div className="choice-pair">
        <label className={`choice${value === true ? ' checked' : ''}`}>
          <input type="radio" name={id} checked={value === true} onChange={() => onChange(true)} /> Yes
        </label>
        <label className={`choice${value === false ? ' checked' : ''}`}>
          <input type="radio" name={id} checked={value === false} onChange={() => onChange(false)} /> No
        </label>
      </div>
      <div id={`${id}-err`} className="field-error" aria-live="polite">
        {error ?? ''}
      </div>
    </fieldset>
  );
}

export function RequiredMark() {
  return <span className="required"> (required)</span>;
}

/** Radio options laid out as large tiles. */
export function ChoiceTiles({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  required,
  className = '',
}: {
  name?: string;
  legend: ReactNode;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`choice-tiles ${className}${error ? ' field-invalid' : ''}`}
      aria-describedby={
        [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend>
        {legend}
        {required ? <RequiredMark /> : null}
      </legend>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      <div className="tiles">
        {options.map((o) => (
          <label key={o.value} className={`choice${value === o.value ? ' checked' : ''}`}>
            <input
              type="radio"
              name={name ?? id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />{' '}
            {o.label}
          </label>
        ))}
      </div>
      <div id={`${id}-err`} className="field-error" aria-live="polite">
        {error ?? ''}
      </div>
    </fieldset>
  );
}
