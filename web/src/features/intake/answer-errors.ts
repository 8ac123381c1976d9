import type { Questionnaire } from '../patients/api.ts';

/** One problem a refused submit named, placed at its question (when its path names one). */
export interface AnswerError {
  /** The API's path, `answers.<question>[.<field>…]`. */
  path: string;
  message: string;
  question: { id: string; label: string; step: number } | null;
}

/** The element id of a question in the form, for the error summary's links. */
export const questionAnchor = (questionId: string) => `intake-question-${questionId}`;

const questionIdOf = (path: string) => /^answers\.([^.]+)/.exec(path)?.[1];

/** The errors of a refused submit in the order of the form (those at no question last), with their questions. */
export function answerErrors(
  sections: Questionnaire['sections'],
  errors: Readonly<Record<string, string>>,
): AnswerError[] {
  const placed: AnswerError[] = [];
  const paths = Object.keys(errors);
  sections.forEach((section, step) => {
    for (const q of section.questions) {
      for (const path of paths.filter((p) => questionIdOf(p) === q.id)) {
        placed.push({ path, message: errors[path]!, question: { id: q.id, label: q.label, step } });
      }
    }
  });
  const unplaced = paths
    .filter((path) => !placed.some((e) => e.path === path))
    .map((path) => ({ path, message: errors[path]!, question: null }));
  return [...placed, ...unplaced];
}

/** The steps (indexes) holding at least one of these errors. */
export const stepsWithErrors = (errors: readonly AnswerError[]): Set<number> =>
  new Set(errors.flatMap((e) => (e.question ? [e.question.step] : [])));

/** The error summary's heading. */
export const errorSummaryTitle = (count: number) =>
  count === 1 ? 'One answer is missing or needs a change' : `${count} answers are missing or need a change`;

/** The words of an error summary link: the question, then what its answer lacks. */
export const errorLinkText = (error: AnswerError) =>
  error.question ? `${error.question.label}: ${error.message}` : error.message;

/**
 * How a step's button reads: its number and title and, when answers there need fixing, a mark in words and a
 * sign, so the step does not rely on its border colour alone.
 */
export function stepButton(index: number, title: string, toFix: boolean) {
  return {
    name: `Step ${index + 1}: ${title}${toFix ? ' (needs attention)' : ''}`,
    mark: toFix ? { sign: '!', text: 'Needs attention' } : null,
  };
}

/**
 * Moves focus to a question, as the error summary's links do: to the first control of its part that has an
 * error (or of the question), the question's start scrolled into view so its label shows above the control.
 */
export function focusQuestion(questionId: string): void {
  const question = document.getElementById(questionAnchor(questionId));
  if (!question) return;
  const invalid = question.querySelector<HTMLElement>('.field-invalid');
  const control = (invalid ?? question).querySelector<HTMLElement>('input, textarea, select, button');
  (invalid ?? question).scrollIntoView({ block: 'start' });
  control?.focus({ preventScroll: true });
}
