import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { addendumView, amendmentView } from '../../../../src/modules/clinical/schemas.ts';
import { GOAL_PROGRESS } from '../../../../src/modules/session-notes/schemas.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { formatDateTime, formatTime } from '../../components/format.ts';
import { Alert, LiveMessage } from '../../components/Status.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { GOAL_PROGRESS_LABELS } from '../session-notes/fields.ts';
import { OverrideReasonField, RuledOutList } from '../session-notes/OverrideFields.tsx';
import { overrideReasonProblem, type RuledOutFinding } from '../session-notes/override.ts';
import { TreatmentRows } from '../session-notes/TreatmentRows.tsx';
import {
  type AmendableField,
  type AmendDraft,
  amendmentChanges,
  amendRefusal,
  correctedValue,
  draftOf,
  type GoalProgressRow,
} from './amend.ts';
import { RomEditor } from './RomEditor.tsx';
import { SignatureNameField } from './SignatureNameField.tsx';
import { signNameProblem } from './sign-name.ts';
import { TriggerPointEditor } from './TriggerPointEditor.tsx';
import type { DraftSaveState } from './useDraftAutosave.ts';

type Amendment = z.infer<typeof amendmentView>;
type Addendum = z.infer<typeof addendumView>;

/** "Saved at 9:02 AM" (the clinic's time, written as every other time in the app) and friends, announced politely. */
export function SaveStatus({ state }: { state: DraftSaveState }) {
  const clinic = useClinic();
  const text =
    state.kind === 'saving'
      ? 'Saving…'
      : state.kind === 'saved'
        ? `Saved at ${formatTime(state.at.toISOString(), clinic.timeZone)}`
        : state.kind === 'error'
          ? state.message
          : 'Changes save automatically';
  return (
    <p className={`save-status${state.kind === 'error' ? ' save-error' : ''}`} role="status">
      {text}
    </p>
  );
}

/**
 * A draft opened by mistake (the wrong patient, a visit that did not happen) can be thrown away by its author,
 * after a second "yes"; then the page goes `then`, saying so. A signed record never can: it is amended.
 */
export function DiscardDraft({
  what,
  onDiscard,
  then,
}: {
  what: 'note' | 'evaluation' | 'report';
  onDiscard: () => Promise<unknown>;
  then: string;
}) {
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking)
    return (
      <button type="button" className="button button-danger-quiet" onClick={() => setAsking(true)}>
        Discard this draft…
      </button>
    );
  return (
    <div className="alert alert-warning" role="alert">
      <p>Discard this draft {what}? What it holds is deleted and cannot be brought back.</p>
      <Alert>{error}</Alert>
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          onClick={async () => {
            try {
              await onDiscard();
              navigate(then, { state: { notice: `The draft ${what} was discarded.` } });
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          Discard the draft
        </button>
        <button type="button" className="button button-quiet" onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/**
 * Sign with a typed name: the signer's name as on their account (the API refuses any other, said next to the
 * field). `blocked` explains why signing is not possible yet (the button stays usable).
 */
export function SignPanel({
  what,
  onSign,
  blocked,
  meaning,
  warning,
  confirm,
}: {
  what: string;
  onSign: (typedName: string) => Promise<unknown>;
  blocked?: string | null;
  /** What the signature means, when it is not locking a record (the default). */
  meaning?: string;
  /** What the signer must see before signing, which does not stop them (beside the name box). */
  warning?: React.ReactNode;
  /** A statement the signer ticks before signing (with `warning`: that they read it). */
  confirm?: string;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The reason last given for refusing to sign: the warning beside the button turns into the refusal (one
  // message, not the same words twice), until what blocks it changes.
  const [refused, setRefused] = useState<string | null>(null);
  const refusedNow = Boolean(blocked) && refused === blocked;
  return (
    <section className="card sign-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sign the {what}</h2>
      <p className="muted small">
        {meaning ??
          `Signing locks the ${what}. Later corrections are amendments (who, when, why), shown with the original.`}
      </p>
      {blocked ? (
        <Alert key={refusedNow ? 'refused' : 'blocked'} tone={refusedNow ? 'error' : 'warning'}>
          {blocked}
        </Alert>
      ) : null}
      {warning ? <Alert tone="warning">{warning}</Alert> : null}
      <Alert>{error}</Alert>
      <form
        className="sign-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setRefused(blocked ?? null);
          if (blocked) return;
          const missing = signNameProblem(name);
          setNameError(missing);
          if (missing) nameInput.current?.focus();
          const unconfirmed = confirm && !confirmed ? 'Tick this to sign' : null;
          setConfirmError(unconfirmed);
          if (missing || unconfirmed) return;
          setBusy(true);
          try {
            await onSign(name);
          } catch (err) {
            const aboutName = err instanceof ApiError && err.fieldIssues.some((i) => i.path === 'typedName');
            (aboutName ? setNameError : setError)(signError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <SignatureNameField value={name} onChange={setName} error={nameError} inputRef={nameInput} />
        {confirm ? (
          <div className={confirmError ? 'field-invalid' : undefined}>
            <Checkbox
              label={confirm}
              checked={confirmed}
              onChange={(e) => {
                setConfirmed(e.target.checked);
                setConfirmError(null);
              }}
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={`${id}-confirm-error`}
            />
            <div id={`${id}-confirm-error`} className="field-error" aria-live="polite">
              {confirmError ?? ''}
            </div>
          </div>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          Sign {what}
        </button>
      </form>
    </section>
  );
}

function signError(err: unknown): string {
  if (!(err instanceof ApiError)) return messageOf(err);
  const issue = err.fieldIssues[0];
  return issue ? `${err.message}: ${issue.message}` : err.message;
}

export const showValue = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** Amendments, each with who, when, why, and every changed field as original → corrected. */
export function AmendmentList({
  amendments,
  label,
  show = (_field, value) => showValue(value),
}: {
  amendments: Amendment[];
  label: (f: string) => string;
  /** A field's value in words, where it is not plain text or a number (e.g. treatment rows). */
  show?: (field: string, value: unknown) => string;
}) {
  const clinic = useClinic();
  if (amendments.length === 0) return null;
  return (
    <section className="card" aria-label="Amendments">
      <h2>Amendments</h2>
      <ol className="amendment-list">
        {amendments.map((a) => (
          <li key={a.id} className="amendment">
            <p>
              <strong>{a.author.name}</strong>, {formatDateTime(a.at, clinic.timeZone)} — reason: {a.reason}
            </p>
            <dl className="facts">
              {a.changes.map((c) => (
                <div key={c.field}>
                  <dt>{label(c.field)}</dt>
                  <dd>
                    <span className="amend-original">Original: {show(c.field, c.before)}</span>
                    <br />
                    <span className="amend-corrected">Corrected: {show(c.field, c.after)}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Correct one field of a signed record, with a reason, in a control that fits the field. With `overridable`
 * (notes): when the corrected treatment is refused as ruled out by the patient's health, the form lists what rules
 * it out and asks why it was really given, and records the amendment with that reason.
 */
export function AmendForm({
  fields,
  current,
  onAmend,
  overridable = false,
}: {
  fields: AmendableField[];
  current: (path: string) => unknown;
  onAmend: (reason: string, changes: Record<string, unknown>, overrideReason?: string) => Promise<unknown>;
  overridable?: boolean;
}) {
  const id = useId();
  const [path, setPath] = useState(fields[0]?.path ?? '');
  const field = fields.find((f) => f.path === path);
  const [draft, setDraft] = useState<AmendDraft>(() => draftOf(fields[0], current(fields[0]?.path ?? '')));
  // The findings of the last refusal a written reason can record over; null once the value is changed.
  const [ruledOut, setRuledOut] = useState<RuledOutFinding[] | null>(null);
  const edit = (patch: Partial<AmendDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setRuledOut(null);
  };
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [valueProblem, setValueProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The refusal is said beside the button that met it and takes the focus, so it is read out and in view.
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  const choose = (next: string) => {
    setPath(next);
    setValueProblem(null);
    setRuledOut(null);
    setDraft(
      draftOf(
        fields.find((f) => f.path === next),
        current(next),
      ),
    );
  };
  /** A list or a group of choices: a fieldset whose problem is said under it. */
  const group = (legend: string, control: React.ReactNode) => (
    <fieldset className={valueProblem ? 'field-invalid' : undefined}>
      <legend>{legend}</legend>
      {control}
      <div className="field-error" aria-live="polite">
        {valueProblem ?? ''}
      </div>
    </fieldset>
  );
  const editGoal = (i: number, patch: Partial<GoalProgressRow>) =>
    edit({ goals: draft.goals.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const control = () => {
    switch (field?.type) {
      case 'goal-progress':
        return group(
          'Corrected progress per goal',
          draft.goals.length ? (
            <ol className="goal-progress">
              {draft.goals.map((g, i) => (
                <li key={g.goalId}>
                  <p>{g.text}</p>
                  <div className="field-grid">
                    <Field label={`Progress on goal ${i + 1}`}>
                      {(p) => (
                        <select
                          {...p}
                          value={g.progress}
                          onChange={(e) => editGoal(i, { progress: e.target.value })}
                        >
                          <option value="">Not rated</option>
                          {GOAL_PROGRESS.map((v) => (
                            <option key={v} value={v}>
                              {GOAL_PROGRESS_LABELS[v]}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label={`About goal ${i + 1} (optional)`}>
                      {(p) => (
                        <input
                          {...p}
                          value={g.note}
                          maxLength={1000}
                          onChange={(e) => editGoal(i, { note: e.target.value })}
                        />
                      )}
                    </Field>
                  </div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">The plan of this note has no goals to rate.</p>
          ),
        );
      case 'health-changes':
        return group(
          'Corrected health changes',
          <>
            <Field label="Health changes since the last visit (medication, diagnosis, injury, pregnancy)">
              {(p) => (
                <select
                  {...p}
                  value={draft.health.changed}
                  onChange={(e) =>
                    edit({
                      health: { ...draft.health, changed: e.target.value as AmendDraft['health']['changed'] },
                    })
                  }
                >
                  {draft.health.changed ? null : <option value="">Choose…</option>}
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              )}
            </Field>
            <Field
              label="What changed"
              hint="The health history the screening reads is updated on its own page, from the chart."
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  maxLength={2000}
                  value={draft.health.note}
                  onChange={(e) => edit({ health: { ...draft.health, note: e.target.value } })}
                />
              )}
            </Field>
          </>,
        );
      case 'treatment-rows':
        return group(
          'Corrected treatment given',
          <TreatmentRows rows={draft.rows} onChange={(rows) => edit({ rows })} />,
        );
      case 'body-chart':
        return group(
          'Corrected body chart',
          <BodyChart
            findings={draft.findings}
            onChange={(findings) => edit({ findings })}
            label="Corrected body chart"
          />,
        );
      case 'rom-rows':
        return group(
          'Corrected range of motion',
          <RomEditor rows={draft.rom} onChange={(rom) => edit({ rom })} />,
        );
      case 'trigger-points':
        return group(
          'Corrected trigger points',
          <TriggerPointEditor
            rows={draft.triggerPoints}
            onChange={(triggerPoints) => edit({ triggerPoints })}
          />,
        );
      case 'choices': {
        const options = field.options;
        return group(
          `Corrected ${field.label.replace(/^[SOAP]: /, '').toLowerCase()}`,
          Object.entries(options).map(([value, text]) => (
            <Checkbox
              key={value}
              label={text}
              checked={draft.choices.includes(value)}
              onChange={(e) =>
                edit({
                  choices: e.target.checked
                    ? [...draft.choices, value]
                    : draft.choices.filter((c) => c !== value),
                })
              }
            />
          )),
        );
      }
      default:
        return (
          <Field label="Corrected value" error={valueProblem ?? undefined}>
            {(p) =>
              field?.type === 'choice' ? (
                <select {...p} value={draft.text} onChange={(e) => edit({ text: e.target.value })}>
                  {draft.text in field.options ? null : <option value="">Choose…</option>}
                  {Object.entries(field.options).map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              ) : field?.type === 'number' ? (
                <input
                  {...p}
                  type="number"
                  value={draft.text}
                  onChange={(e) => edit({ text: e.target.value })}
                />
              ) : (
                <textarea
                  {...p}
                  rows={3}
                  value={draft.text}
                  onChange={(e) => edit({ text: e.target.value })}
                />
              )
            }
          </Field>
        );
    }
  };
  /**
   * Sends the amendment (with `overrideReason`: given despite a contraindication). Resolves to the server's
   * problem with that reason, said beside it, or null (recorded, or the refusal is said under the button).
   */
  const submit = async (overrideReason?: string): Promise<string | null> => {
    // A new attempt: an earlier one's outcome no longer applies.
    setDone(null);
    setError(null);
    setValueProblem(null);
    if (!field) return null;
    const corrected = correctedValue(field, draft);
    if ('problem' in corrected) {
      setValueProblem(corrected.problem);
      return null;
    }
    setBusy(true);
    try {
      await onAmend(reason, amendmentChanges(path, corrected.value), overrideReason);
      setDone(
        overrideReason
          ? 'Amendment recorded, with why the treatment was given. The original stays visible.'
          : 'Amendment recorded. The original stays visible.',
      );
      setReason('');
      setRuledOut(null);
      return null;
    } catch (err) {
      const atReason =
        overrideReason && err instanceof ApiError
          ? err.fieldIssues.find((i) => i.path.endsWith('contraindicationOverride.reason'))
          : undefined;
      if (atReason) return atReason.message;
      const refusal = err instanceof ApiError ? amendRefusal(err, overridable) : null;
      setError(refusal?.text ?? messageOf(err));
      if (!overrideReason) setRuledOut(refusal?.ruledOut ?? null);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card">
      <summary>Amend (correct) this record</summary>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          await submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-f`}>Field to correct</label>
          <select id={`${id}-f`} value={path} onChange={(e) => choose(e.target.value)}>
            {fields.map((f) => (
              <option key={f.path} value={f.path}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {control()}
        <div className="field">
          <label htmlFor={`${id}-r`}>Reason for the amendment</label>
          <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} required />
        </div>
        <button
          type="submit"
          className="button"
          disabled={busy}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          Record amendment
        </button>
        {error ? (
          <p id={`${id}-error`} ref={errorRef} tabIndex={-1} className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        {ruledOut ? (
          <AmendOverride
            findings={ruledOut}
            busy={busy}
            onSubmit={(overrideReason, form) =>
              // The amendment's own reason is still required: the browser says so beside it.
              form?.reportValidity() === false ? Promise.resolve(null) : submit(overrideReason)
            }
          />
        ) : null}
        <LiveMessage message={done} />
      </form>
    </details>
  );
}

/**
 * Inside the amendment form, after a refusal that a written reason can record over: what rules the corrected
 * treatment out, why it was given anyway, and the button that records the amendment with that reason.
 */
function AmendOverride({
  findings,
  busy,
  onSubmit,
}: {
  findings: readonly RuledOutFinding[];
  busy: boolean;
  /** Resolves to the server's problem with the reason, or null. */
  onSubmit: (reason: string, form: HTMLFormElement | null) => Promise<string | null>;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  return (
    <section className="alert alert-warning override-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Was this treatment given?</h3>
      <p className="small">
        If it was really given, record the correction as it happened and say why. The note will say plainly it
        was given despite a contraindication, and the clinic owner sees it.
      </p>
      <RuledOutList title="Ruled out by:" findings={findings} />
      <OverrideReasonField value={reason} onChange={setReason} error={problem} inputRef={input} />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async (e) => {
          const missing = overrideReasonProblem(reason);
          setProblem(missing);
          if (missing) {
            input.current?.focus();
            return;
          }
          const refused = await onSubmit(reason.trim(), e.currentTarget.form);
          if (refused) {
            setProblem(refused);
            input.current?.focus();
          }
        }}
      >
        Record amendment with this reason
      </button>
    </section>
  );
}

/** Addenda (later notes added to a signed record) and the form to add one. */
export function Addenda({
  addenda,
  onAdd,
}: {
  addenda: Addendum[];
  onAdd: (text: string) => Promise<unknown>;
}) {
  const clinic = useClinic();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Addenda</h2>
      {addenda.length ? (
        <ol className="amendment-list">
          {addenda.map((a) => (
            <li key={a.id}>
              <strong>{a.author.name}</strong>, {formatDateTime(a.at, clinic.timeZone)}: {a.text}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No addendum.</p>
      )}
      <Alert>{error}</Alert>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await onAdd(text);
            setText('');
          } catch (err) {
            setError(messageOf(err));
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-t`}>Add an addendum</label>
          <textarea id={`${id}-t`} rows={2} value={text} onChange={(e) => setText(e.target.value)} required />
        </div>
        <button type="submit" className="button button-secondary">
          Add addendum
        </button>
      </form>
    </section>
  );
}
