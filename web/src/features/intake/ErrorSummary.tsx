import { type Ref, useId } from 'react';
import { type AnswerError, errorLinkText, errorSummaryTitle, questionAnchor } from './answer-errors.ts';

/**
 * What a refused submit found, as links: each names its question and the problem and takes focus there (on
 * its step). Focused after the submit, so a screen reader reads it first; it shrinks as answers are fixed.
 */
export function ErrorSummary({
  errors,
  onSelect,
  ref,
}: {
  errors: readonly AnswerError[];
  onSelect: (questionId: string, step: number) => void;
  ref?: Ref<HTMLElement>;
}) {
  const titleId = useId();
  if (errors.length === 0) return null;
  return (
    <section ref={ref} className="alert alert-error error-summary" tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary-title">
        {errorSummaryTitle(errors.length)}
      </h2>
      <ul>
        {errors.map((error) => {
          const { question } = error;
          return (
            <li key={error.path}>
              {question ? (
                <>
                  <a
                    href={`#${questionAnchor(question.id)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      onSelect(question.id, question.step);
                    }}
                  >
                    {errorLinkText(error)}
                  </a>{' '}
                  <span className="error-summary-step">(step {question.step + 1})</span>
                </>
              ) : (
                errorLinkText(error)
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
