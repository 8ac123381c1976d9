import type { Questionnaire } from '../patients/api.ts';
import { stepButton } from './answer-errors.ts';

/**
 * The questionnaire's steps. A step with answers to fix says so in words and with a "!" mark (kept on a phone,
 * where the titles are hidden), not by its border colour alone.
 */
export function StepNav({
  sections,
  current,
  withErrors,
  onGo,
}: {
  sections: Questionnaire['sections'];
  current: number;
  withErrors: ReadonlySet<number>;
  onGo: (step: number) => void;
}) {
  return (
    <nav aria-label="Questionnaire steps" className="steps">
      <ol>
        {sections.map((s, i) => {
          const toFix = withErrors.has(i);
          const { name, mark } = stepButton(i, s.title, toFix);
          return (
            <li key={s.id}>
              <button
                type="button"
                className={`step${i === current ? ' current' : ''}${toFix ? ' has-error' : ''}`}
                aria-current={i === current ? 'step' : undefined}
                aria-label={name}
                onClick={() => onGo(i)}
              >
                <span className="step-number">{i + 1}</span> <span className="step-title">{s.title}</span>
                {mark ? (
                  <span className="step-flag">
                    <span className="step-flag-icon" aria-hidden="true">
                      {mark.sign}
                    </span>
                    <span className="step-flag-text">{mark.text}</span>
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
