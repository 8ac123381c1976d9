import type { Ref } from 'react';
import { OVERRIDE_REASON_MAX, OVERRIDE_REASON_MIN } from '../../../../src/modules/session-notes/schemas.ts';
import { Field } from '../../components/Field.tsx';
import type { RuledOutFinding } from './override.ts';

/** What rules the treatment out, as the therapist reads it before writing why it was given anyway. */
export function RuledOutList({ title, findings }: { title: string; findings: readonly RuledOutFinding[] }) {
  return (
    <>
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {findings.map((f) => (
          <li key={f.key ?? `${f.subject}|${f.restriction}`}>
            <strong>{f.subject}</strong>: {f.restriction}.
          </li>
        ))}
      </ul>
    </>
  );
}

/** The written reason a ruled-out treatment was given: one box, with its length and an example, at signing or amending. */
export function OverrideReasonField({
  value,
  onChange,
  error,
  inputRef,
  required = false,
}: {
  value: string;
  onChange: (reason: string) => void;
  error: string | null;
  inputRef: Ref<HTMLTextAreaElement>;
  /** In a form of its own (signing); not inside the amendment form, whose own submit must not wait for it. */
  required?: boolean;
}) {
  return (
    <Field
      label="Why this treatment was given"
      hint={`${OVERRIDE_REASON_MIN} to ${OVERRIDE_REASON_MAX} characters. For example: “The patient told us of the blood thinner a week after this visit.”`}
      error={error ?? undefined}
    >
      {(p) => (
        <textarea
          {...p}
          ref={inputRef}
          rows={3}
          maxLength={OVERRIDE_REASON_MAX}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required={required}
        />
      )}
    </Field>
  );
}
