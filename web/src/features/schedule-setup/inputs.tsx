import { type Ref, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { dollarsToCents, hasFractionOfCent, MORE_THAN_CENTS } from './text.ts';

interface NumberField {
  value?: number | null;
  onChange: (value: number) => void;
  onBlur: () => void;
  name: string;
  /** The form focuses the field when it is invalid (react-hook-form's `field.ref`). */
  ref?: Ref<HTMLInputElement>;
}

/** A whole-number input bound to a number field (empty → NaN, which the schema reports). */
export function NumberInput({
  label,
  hint,
  field,
  error,
}: {
  label: string;
  hint?: string;
  field: NumberField;
  error?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <input
          {...p}
          name={field.name}
          ref={field.ref}
          type="number"
          inputMode="numeric"
          value={Number.isFinite(field.value) ? String(field.value) : ''}
          onChange={(e) => field.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          onBlur={field.onBlur}
        />
      )}
    </Field>
  );
}

/** Dollars on screen, cents in the form; more than cents is refused here, where the typing is, not rounded. */
export function PriceInput({
  label,
  hint,
  field,
  error,
}: {
  label: string;
  hint?: string;
  field: NumberField;
  error?: string;
}) {
  const [text, setText] = useState(() =>
    Number.isFinite(field.value) ? ((field.value ?? 0) / 100).toFixed(2) : '',
  );
  return (
    <Field label={label} hint={hint} error={hasFractionOfCent(text) ? MORE_THAN_CENTS : error}>
      {(p) => (
        <input
          {...p}
          name={field.name}
          ref={field.ref}
          inputMode="decimal"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            field.onChange(dollarsToCents(e.target.value));
          }}
          onBlur={field.onBlur}
        />
      )}
    </Field>
  );
}

/** Comma-separated tags on screen, an array in the form. */
export function TagsInput({
  label,
  hint,
  field,
  error,
}: {
  label: string;
  hint?: string;
  field: { value?: string[]; onChange: (v: string[]) => void; onBlur: () => void; name: string };
  error?: string;
}) {
  const [text, setText] = useState(() => (field.value ?? []).join(', '));
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <input
          {...p}
          name={field.name}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            field.onChange(
              e.target.value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            );
          }}
          onBlur={field.onBlur}
        />
      )}
    </Field>
  );
}
