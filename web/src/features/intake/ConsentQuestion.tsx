import { Checkbox, Field } from '../../components/Field.tsx';
import type { IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { RequiredMark } from './controls.tsx';

/** The consent text with its version, "I agree", and the typed-name signature. */
export function ConsentQuestion({
  questionnaire,
  value,
  onChange,
  errors,
  optional,
}: {
  questionnaire: Questionnaire;
  value: IntakeAnswers['consent'];
  onChange: (value: NonNullable<IntakeAnswers['consent']>) => void;
  errors: (path: string) => string | undefined;
  /** A health-history update need not sign again. */
  optional?: boolean;
}) {
  const c = questionnaire.consent;
  const current = value ?? {};
  const sign = (patch: Partial<NonNullable<IntakeAnswers['consent']>>) =>
    onChange({ ...current, ...patch, textVersion: c.version, textHash: c.textHash });
  return (
    <div className="question consent">
      <h3 className="question-label">
        {c.title}
        {optional ? null : <RequiredMark />}
      </h3>
      <p className="muted small">Consent text version {c.version}</p>
      <div className="consent-text">
        {c.text.split('\n\n').map((para) => (
          <p key={para}>{para}</p>
        ))}
      </div>
      <div className={errors('agreed') ? 'field-invalid' : ''}>
        <Checkbox
          label="I have read this consent and I agree to it"
          checked={current.agreed === true}
          onChange={(e) => sign({ agreed: e.target.checked })}
        />
        <div className="field-error" aria-live="polite">
          {errors('agreed') ?? errors('textVersion') ?? errors('') ?? ''}
        </div>
      </div>
      <Field
        label="Type your full name to sign"
        hint="Typing your name has the effect of your handwritten signature. The time is recorded when you submit."
        error={errors('typedName')}
      >
        {(p) => (
          <input
            {...p}
            className="signature-input"
            autoComplete="name"
            value={current.typedName ?? ''}
            onChange={(e) => sign({ typedName: e.target.value || undefined })}
          />
        )}
      </Field>
    </div>
  );
}
