import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api/client.ts';
import { Alert } from '../../components/Status.tsx';
import type { AnswersPatch, IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { ConsentQuestion } from './ConsentQuestion.tsx';
import { QuestionView } from './questions.tsx';
import { readLocal, type SaveState, useAutosave } from './useAutosave.ts';
import '../patients/clinical.css';

const time = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving'
      ? 'Saving…'
      : state.kind === 'saved'
        ? `Saved at ${time(state.at)}`
        : state.kind === 'offline' || state.kind === 'error'
          ? state.message
          : 'Your answers are saved as you go.';
  return (
    <p
      className={`save-status save-${state.kind}`}
      role="status"
      aria-live="polite"
      data-testid="save-status"
    >
      {text}
    </p>
  );
}

/**
 * The intake questionnaire, drawn from its definition: one step per section, autosaved as you go (and kept on
 * the device when the connection fails), submitted with the consent signature; the 422 of a refused submit
 * puts each message next to its question and opens the first step with a problem.
 */
export function IntakeForm({
  questionnaire,
  initial,
  storageKey,
  save,
  submit,
  consentOptional = false,
  onSubmitted,
}: {
  questionnaire: Questionnaire;
  initial: { answers: IntakeAnswers; savedAt: string };
  storageKey: string;
  save: (patch: AnswersPatch) => Promise<{ savedAt: string }>;
  submit: (patch: AnswersPatch) => Promise<{ submittedAt: string | null }>;
  consentOptional?: boolean;
  onSubmitted: (submittedAt: string | null) => void;
}) {
  const restored = useMemo(() => {
    const local = readLocal(storageKey);
    if (!local || local.editedAt <= initial.savedAt) return null;
    return local;
  }, [storageKey, initial.savedAt]);
  const [answers, setAnswers] = useState<IntakeAnswers>(restored?.answers ?? initial.answers);
  const autosave = useAutosave({
    storageKey,
    save,
    initialPending: restored
      ? restored.pending.length
        ? restored.pending
        : Object.keys(restored.answers)
      : [],
  });
  const { start } = autosave;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the starting answers
  useEffect(() => start(answers), [start]);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const sections = questionnaire.sections;
  const section = sections[step]!;
  const last = step === sections.length - 1;

  const set = (id: string, value: unknown) => {
    const next = { ...answers, [id]: value } as IntakeAnswers;
    if (value === undefined) delete (next as Record<string, unknown>)[id];
    setAnswers(next);
    autosave.changed(next, id);
    if (Object.keys(errors).some((k) => k.startsWith(`answers.${id}`)))
      setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith(`answers.${id}`))));
  };
  const errorsOf = (id: string) => (path: string) => errors[path ? `answers.${id}.${path}` : `answers.${id}`];
  const sectionHasError = (i: number) =>
    sections[i]!.questions.some((q) =>
      Object.keys(errors).some((k) => k === `answers.${q.id}` || k.startsWith(`answers.${q.id}.`)),
    );

  const go = (next: number) => {
    setStep(next);
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => heading.current?.focus());
  };

  async function onSubmit() {
    setBusy(true);
    setFormError(null);
    if (autosave.inFlight.current) await autosave.inFlight.current.catch(() => undefined);
    const patch = autosave.takePending();
    try {
      const result = await submit(patch);
      localStorage.removeItem(storageKey);
      onSubmitted(result.submittedAt);
    } catch (error) {
      for (const key of Object.keys(patch)) autosave.changed(answers, key);
      if (error instanceof ApiError && error.fieldIssues.length > 0) {
        const found: Record<string, string> = {};
        for (const issue of error.fieldIssues) found[issue.path] ??= issue.message;
        setErrors(found);
        const first = sections.findIndex((s) =>
          s.questions.some((q) =>
            Object.keys(found).some((k) => k === `answers.${q.id}` || k.startsWith(`answers.${q.id}.`)),
          ),
        );
        setFormError(
          `Some answers are missing or need a change (${Object.keys(found).length}). They are marked next to the questions.`,
        );
        if (first >= 0 && first !== step) go(first);
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
          Answers you typed on this device at {time(restored.editedAt)} were restored; they are being saved
          now.
        </Alert>
      ) : null}
      <nav aria-label="Questionnaire steps" className="steps">
        <ol>
          {sections.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`step${i === step ? ' current' : ''}${sectionHasError(i) ? ' has-error' : ''}`}
                aria-current={i === step ? 'step' : undefined}
                aria-label={`Step ${i + 1}: ${s.title}${sectionHasError(i) ? ' (needs attention)' : ''}`}
                onClick={() => go(i)}
              >
                <span className="step-number">{i + 1}</span> <span className="step-title">{s.title}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <SaveStatus state={autosave.state} />
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
        {section.questions.map((q) =>
          q.kind === 'consent' ? (
            <ConsentQuestion
              key={q.id}
              questionnaire={questionnaire}
              value={answers.consent}
              onChange={(v) => set(q.id, v)}
              errors={errorsOf(q.id)}
              optional={consentOptional}
            />
          ) : (
            <QuestionView
              key={q.id}
              question={q}
              questionnaire={questionnaire}
              answers={answers}
              set={set}
              errors={errorsOf(q.id)}
            />
          ),
        )}
        <div className="step-actions">
          {step > 0 ? (
            <button type="button" className="button button-secondary" onClick={() => go(step - 1)}>
              Back
            </button>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            {last ? (busy ? 'Submitting…' : 'Sign and submit') : 'Next'}
          </button>
        </div>
        <p className="muted small">
          You can stop at any time: your answers are saved and you can finish later.
        </p>
      </form>
    </div>
  );
}
