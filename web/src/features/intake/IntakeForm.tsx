import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api/client.ts';
import { formatTime } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import type { AnswersPatch, IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { answerErrors, focusQuestion, questionAnchor, stepsWithErrors } from './answer-errors.ts';
import { ConsentQuestion } from './ConsentQuestion.tsx';
import { urgentYes } from './conditions.ts';
import type { ConsentSigning } from './consent-step.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { QuestionView } from './questions.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { StepNav } from './StepNav.tsx';
import { readLocal, useAutosave } from './useAutosave.ts';
import '../patients/clinical.css';
import './intake.css';

/**
 * The intake questionnaire, drawn from its definition: one step per section, autosaved as you go (and kept on
 * the device when the connection fails), submitted with the consent signature when one is needed; the 422 of
 * a refused submit puts each message next to its question, lists them in a summary whose links lead to each
 * question, and opens the first step with a problem.
 */
export function IntakeForm({
  questionnaire,
  initial,
  storageKey,
  consentSigning,
  timeZone,
  save,
  submit,
  onSubmitted,
}: {
  questionnaire: Questionnaire;
  initial: { answers: IntakeAnswers; savedAt: string };
  storageKey: string;
  consentSigning: ConsentSigning;
  /** The clinic's time zone: every time on the form is the clinic's. */
  timeZone: string;
  save: (patch: AnswersPatch) => Promise<{ savedAt: string }>;
  submit: (patch: AnswersPatch) => Promise<{ submittedAt: string | null }>;
  /** `urgent`: the answers said "yes" to an emergency red flag (the thank-you page repeats the advice). */
  onSubmitted: (submittedAt: string | null, urgent: boolean) => void;
}) {
  const restored = useMemo(() => {
    const local = readLocal(storageKey);
    if (!local || local.editedAt <= initial.savedAt) return null;
    return local;
  }, [storageKey, initial.savedAt]);
  const [opening] = useState(() => {
    const answers = restored?.answers ?? initial.answers;
    const pending = restored
      ? restored.pending.length
        ? restored.pending
        : Object.keys(restored.answers)
      : [];
    if (consentSigning.signatureRequired || answers.consent === undefined) return { answers, pending };
    // The consent on file holds and the step shows no signature box: a signature begun before would only
    // block the submit, so it is cleared.
    const { consent: _unfinished, ...rest } = answers;
    return { answers: rest, pending: [...pending, 'consent'] };
  });
  const [answers, setAnswers] = useState<IntakeAnswers>(opening.answers);
  const autosave = useAutosave({ storageKey, save, initialPending: opening.pending });
  const { start } = autosave;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the starting answers
  useEffect(() => start(answers), [start]);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLElement>(null);
  const sections = questionnaire.sections;
  const section = sections[step]!;
  const last = step === sections.length - 1;
  const problems = answerErrors(sections, errors);
  const stepsToFix = stepsWithErrors(problems);

  const set = (id: string, value: unknown) => {
    const next = { ...answers, [id]: value } as IntakeAnswers;
    if (value === undefined) delete (next as Record<string, unknown>)[id];
    setAnswers(next);
    autosave.changed(next, id);
    if (Object.keys(errors).some((k) => k.startsWith(`answers.${id}`)))
      setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith(`answers.${id}`))));
  };
  const errorsOf = (id: string) => (path: string) => errors[path ? `answers.${id}.${path}` : `answers.${id}`];

  // Focus moves once the step (and any error summary) is drawn.
  const [focusRequest, setFocusRequest] = useState<{ focus: () => void } | null>(null);
  useEffect(() => focusRequest?.focus(), [focusRequest]);
  const go = (next: number, focus: () => void = () => heading.current?.focus()) => {
    setStep(next);
    window.scrollTo({ top: 0 });
    setFocusRequest({ focus });
  };

  async function onSubmit() {
    setBusy(true);
    setFormError(null);
    if (autosave.inFlight.current) await autosave.inFlight.current.catch(() => undefined);
    const patch = autosave.takePending();
    try {
      const result = await submit(patch);
      localStorage.removeItem(storageKey);
      onSubmitted(result.submittedAt, urgentYes(answers.conditions).length > 0);
    } catch (error) {
      for (const key of Object.keys(patch)) autosave.changed(answers, key);
      if (error instanceof ApiError && error.fieldIssues.length > 0) {
        const found: Record<string, string> = {};
        for (const issue of error.fieldIssues) found[issue.path] ??= issue.message;
        setErrors(found);
        const first = answerErrors(sections, found).find((e) => e.question)?.question?.step ?? step;
        go(first, () => summary.current?.focus());
      } else {
        setFormError(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="intake">
      {restored ? (
        <Alert tone="info">
          Answers you typed on this device at {formatTime(restored.editedAt, timeZone)} were restored; they
          are being saved now.
        </Alert>
      ) : null}
      <StepNav sections={sections} current={step} withErrors={stepsToFix} onGo={(i) => go(i)} />
      <SaveStatus state={autosave.state} timeZone={timeZone} />
      <ErrorSummary
        ref={summary}
        errors={problems}
        onSelect={(questionId, at) =>
          at === step ? focusQuestion(questionId) : go(at, () => focusQuestion(questionId))
        }
      />
      <Alert>{formError}</Alert>
      <form
        className="intake-step"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (last) void onSubmit();
          else go(step + 1);
        }}
      >
        <h2 ref={heading} tabIndex={-1} className="step-heading">
          Step {step + 1} of {sections.length}: {section.title}
        </h2>
        {section.intro ? <p className="muted">{section.intro}</p> : null}
        {section.questions.map((q) => (
          <div key={q.id} id={questionAnchor(q.id)} className="question-anchor">
            {q.kind === 'consent' ? (
              <ConsentQuestion
                questionnaire={questionnaire}
                signing={consentSigning}
                timeZone={timeZone}
                value={answers.consent}
                onChange={(v) => set(q.id, v)}
                errors={errorsOf(q.id)}
              />
            ) : (
              <QuestionView
                question={q}
                questionnaire={questionnaire}
                answers={answers}
                set={set}
                errors={errorsOf(q.id)}
              />
            )}
          </div>
        ))}
        <div className="step-actions">
          {step > 0 ? (
            <button type="button" className="button button-secondary" onClick={() => go(step - 1)}>
              Back
            </button>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            {last
              ? busy
                ? 'Submitting…'
                : consentSigning.signatureRequired
                  ? 'Sign and submit'
                  : 'Submit'
              : 'Next'}
          </button>
        </div>
        <p className="muted small">
          You can stop at any time: your answers are saved and you can finish later.
        </p>
      </form>
    </div>
  );
}
