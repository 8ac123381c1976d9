import { Checkbox, Field } from '../../components/Field.tsx';
import type { IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { type ConsentSigning, consentStep } from './consent-step.ts';
import { RequiredMark } from './controls.tsx';

function ConsentText({ text }: { text: string }) {
  return (
    <div className="consent-text">
      {text.split('\n\n').map((para) => (
        <p key={para}>{para}</p>
      ))}
    </div>
  );
}

/** The consent step: the consent on file, or the text to read, "I agree", and the typed-name signature. */
export function ConsentQuestion({
  questionnaire,
  signing,
  timeZone,
  value,
  onChange,
  errors,
}: {
  questionnaire: Questionnaire;
  signing: ConsentSigning;
  /** The clinic's time zone, for the date of the signature on file. */
  timeZone: string;
  value: IntakeAnswers['consent'];
  onChange: (value: NonNullable<IntakeAnswers['consent']>) => void;
  errors: (path: string) => string | undefined;
}) {
  const c = questionnaire.consent;
  const shown = consentStep(signing, timeZone);
  if (shown.kind === 'on-file') {
    return (
      <div className="question consent">
        <h3 className="question-label">{c.title}</h3>
        <p className="alert alert-info">{shown.notice}</p>
        <details className="consent-on-file">
          <summary>Read the consent you signed</summary>
          <ConsentText text={c.text} />
        </details>
      </div>
    );
  }
  const current = value ?? {};
  const agreementError = errors('agreed') ?? errors('textVersion') ?? errors('textHash') ?? errors('');
  const sign = (patch: Partial<NonNullable<IntakeAnswers['consent']>>) =>
    onChange({ ...current, ...patch, textVersion: c.version, textHash: c.textHash });
  return (
    <div className="question consent">
      <h3 className="question-label">
        {c.title}
        <RequiredMark />
      </h3>
      {shown.notice ? <p className="alert alert-info">{shown.notice}</p> : null}
      <ConsentText text={c.text} />
      <div className={agreementError ? 'field-invalid' : ''}>
        <Checkbox
          label="I have read this consent and I agree to it"
          checked={current.agreed === true}
          onChange={(e) => sign({ agreed: e.target.checked })}
        />
        <div className="field-error" aria-live="polite">
          {agreementError ?? ''}
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
