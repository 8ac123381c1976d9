import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { TECHNIQUES, type TechniqueId } from '../../../../src/domain/catalog/techniques.ts';
import { planInput } from '../../../../src/modules/plans/schemas.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDateTime, formatDay, formatTime } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { SaveStatus } from '../assessments/record.tsx';
import { useDraftAutosave } from '../assessments/useDraftAutosave.ts';
import { SitePicker } from '../intake/SitePicker.tsx';
import type { Referral } from '../patients/api.ts';
import { todayIn } from '../patients/labels.tsx';
import { type Plan, type PlanBody, type PlanDraft, plansApi, type ScreeningFinding } from './api.ts';
import { draftKeptText } from './draft-kept.ts';
import { GoalsEditor } from './GoalsEditor.tsx';
import { HomeCareEditor } from './HomeCareEditor.tsx';
import { ScreeningResult } from './ScreeningResult.tsx';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The referral select's value for "no referral": a client who came on their own (self-referred, self-pay). */
const NO_REFERRAL = '';

/** A new plan starts from the patient's first referral, or without one when they have none (self-referred). */
function initial(referral: Referral | undefined, plan: Plan | undefined, today: string): PlanBody {
  if (plan) {
    const v = plan.current;
    return {
      referralId: plan.referralId,
      diagnosisCodes: v.diagnoses.map((d) => d.code),
      problems: v.problems,
      goals: v.goals as PlanBody['goals'],
      techniques: v.techniques as TechniqueId[],
      regions: v.regions,
      frequencyPerWeek: v.frequencyPerWeek,
      durationWeeks: v.durationWeeks,
      plannedVisits: v.plannedVisits,
      sessionMinutes: v.sessionMinutes,
      homeCare: {
        exercises: v.homeCare.exercises.map((e) => ({ id: e.id as never, dosage: e.dosage })),
        advice: v.homeCare.advice.map((a) => a.id as never),
        ...(v.homeCare.notes ? { notes: v.homeCare.notes } : {}),
      },
      startDate: v.startDate,
      reEvaluationDate: v.reEvaluationDate,
      acknowledgedPrecautions: [],
    };
  }
  const freq = referral?.frequencyPerWeek ?? 1;
  const weeks = referral?.durationWeeks ?? 6;
  return {
    referralId: referral?.id ?? null,
    diagnosisCodes: referral?.diagnoses.map((d) => d.code) ?? [],
    problems: [''],
    // Due on the plan's last day (it runs `weeks` whole weeks from today), not the day after it ends.
    goals: [{ kind: 'functional', patientWords: '', dueDate: addDays(today, weeks * 7 - 1) }],
    techniques: (referral?.techniques ?? []).filter((t) =>
      TECHNIQUES.some((x) => x.id === t),
    ) as TechniqueId[],
    regions: referral?.bodyRegions ?? [],
    frequencyPerWeek: freq,
    durationWeeks: weeks,
    plannedVisits: freq * weeks,
    sessionMinutes: Math.min(90, Math.max(30, referral?.sessionMinutes ?? 60)),
    homeCare: { exercises: [], advice: [] },
    startDate: today,
    reEvaluationDate: addDays(today, 30),
    acknowledgedPrecautions: [],
  };
}

/** The paths the form shows beside a field; others are listed in the form's alert. */
const SHOWN_BESIDE_FIELD =
  /^(problems(\.\d+)?|goals(\.\d+\.(patientWords|baseline|target|dueDate|side))?|techniques|regions|frequencyPerWeek|durationWeeks|plannedVisits|sessionMinutes|startDate|reEvaluationDate|changeReason)$/;

/**
 * Write a plan of care or a new version of it. The form autosaves as the author's draft (on the server), so
 * a closed tab loses nothing: `draft` reopens it where they left it. Saving runs the contraindication screening.
 */
export function PlanForm({
  patientId,
  referrals,
  plan,
  draft: restored,
  onSaved,
  onClose,
}: {
  patientId: string;
  referrals: Referral[];
  plan?: Plan;
  draft: PlanDraft | null;
  onSaved: (p: Plan) => void;
  /** The form closes: `message` says what became of the draft. */
  onClose: (message: string | null) => void;
}) {
  const clinic = useClinic();
  const id = useId();
  // The draft the form opened with (a later refetch of the drafts does not change what was restored).
  const [draft] = useState(restored);
  const [body, setBody] = useState<PlanBody>(() => ({
    ...initial(referrals[0], plan, todayIn(clinic.timeZone)),
    ...(draft?.content as Partial<PlanBody> | undefined),
  }));
  const edited = useRef(false);
  const autosave = useDraftAutosave({
    save: (patch, options) => plansApi.saveDraft(clinic.id, patientId, plan?.id, patch.content, options),
  });
  const { changed } = autosave;
  useEffect(() => {
    if (edited.current) changed({ content: body }, ['content']);
  }, [body, changed]);
  const hasDraft = Boolean(draft) || edited.current;
  const [issues, setIssues] = useState<string[]>([]);
  const [screen, setScreen] = useState<{
    code: 'contraindicated' | 'precautions_unacknowledged';
    findings: ScreeningFinding[];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  // Field errors by path (`goals.0.target`), from the shared schema here or the server's 4xx.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    if (attempts > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);
  const library = useQuery({ queryKey: ['home-care-library'], queryFn: () => plansApi.library() });
  const referral = referrals.find((r) => r.id === body.referralId);
  const set = (patch: Partial<PlanBody>) => {
    edited.current = true;
    setBody((b) => ({ ...b, ...patch }));
    // An edited field's error goes with the edit.
    const touched = Object.keys(patch);
    setErrors((all) =>
      Object.fromEntries(
        Object.entries(all).filter(([path]) => !touched.some((k) => path === k || path.startsWith(`${k}.`))),
      ),
    );
  };
  /** Marks the fields; what no field shows is listed in the form's alert, so nothing is hidden. */
  const showErrors = (list: { path: string; message: string }[], message: string) => {
    const byPath: Record<string, string> = {};
    for (const issue of list) byPath[issue.path] ??= issue.message;
    setErrors(byPath);
    const unshown = Object.entries(byPath)
      .filter(([path]) => !SHOWN_BESIDE_FIELD.test(path))
      .map(([path, m]) => `${path}: ${m}`);
    setIssues([message, ...unshown]);
    setAttempts((n) => n + 1);
  };
  const close = async () => {
    await autosave.flush();
    onClose(hasDraft ? 'Your draft is kept: it opens again when you come back to this plan.' : null);
  };
  const discard = async () => {
    autosave.cancel();
    await autosave.flush();
    try {
      await plansApi.discardDraft(clinic.id, patientId, plan?.id);
      onClose('Draft discarded.');
    } catch (err) {
      setIssues([messageOf(err)]);
    }
  };
  const num = (
    field: 'frequencyPerWeek' | 'durationWeeks' | 'plannedVisits' | 'sessionMinutes',
    label: string,
    min: number,
    max: number,
  ) => (
    <Field label={label} error={errors[field]}>
      {(p) => (
        <input
          {...p}
          type="number"
          min={min}
          max={max}
          value={Number.isFinite(body[field]) ? body[field] : ''}
          onChange={(e) => set({ [field]: e.target.valueAsNumber })}
        />
      )}
    </Field>
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setIssues([]);
    setErrors({});
    const cleaned = {
      ...body,
      // An older draft may hold '' for "no referral".
      referralId: body.referralId || null,
      ...(body.referralId ? {} : { diagnosisCodes: [] }),
      problems: body.problems.map((p) => p.trim()).filter(Boolean),
    };
    const parsed = planInput.safeParse(cleaned);
    if (!parsed.success) {
      const list = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'plan', message: i.message }));
      showErrors(list, 'Some of the plan needs attention: see the marked fields.');
      return;
    }
    setBusy(true);
    try {
      // The draft's last changes first: saving the plan then deletes the draft with it.
      await autosave.flush();
      const saved = plan
        ? await plansApi.update(clinic.id, patientId, plan.id, cleaned)
        : await plansApi.create(clinic.id, patientId, cleaned);
      setScreen(null);
      onSaved(saved);
    } catch (err) {
      if (
        err instanceof ApiError &&
        (err.code === 'contraindicated' || err.code === 'precautions_unacknowledged')
      ) {
        const findings = ((err.details as { findings?: ScreeningFinding[] } | undefined)?.findings ??
          []) as ScreeningFinding[];
        setScreen({ code: err.code, findings });
      } else {
        setScreen(null);
        if (err instanceof ApiError && err.fieldIssues.length > 0)
          showErrors(err.fieldIssues, messageOf(err));
        else setIssues([messageOf(err)]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="form plan-form"
      onSubmit={submit}
      aria-label={plan ? 'Change the plan of care' : 'New plan of care'}
      noValidate
    >
      {draft ? (
        <Alert tone="info">
          Your draft from {formatDateTime(draft.updatedAt, clinic.timeZone)} is restored: carry on where you
          left off, or discard it below.
        </Alert>
      ) : null}
      <section className="card">
        <h2>Referral and diagnoses</h2>
        <div className="field">
          <label htmlFor={`${id}-ref`}>Referral</label>
          <select
            id={`${id}-ref`}
            value={body.referralId || NO_REFERRAL}
            disabled={Boolean(plan)}
            aria-describedby={referral ? undefined : `${id}-self`}
            onChange={(e) => {
              const r = referrals.find((x) => x.id === e.target.value);
              set({ referralId: r?.id ?? null, diagnosisCodes: r?.diagnoses.map((d) => d.code) ?? [] });
            }}
          >
            {referrals.map((r) => (
              <option key={r.id} value={r.id}>
                {formatDay(r.referralDate)} · {r.diagnoses.map((d) => d.code).join(', ')}
              </option>
            ))}
            <option value={NO_REFERRAL}>No referral — the client came on their own (self-pay)</option>
          </select>
        </div>
        {referral ? (
          <fieldset className="check-group">
            <legend>Diagnoses this plan addresses</legend>
            {referral.diagnoses.map((d) => (
              <div className="checkbox" key={d.code}>
                <input
                  type="checkbox"
                  id={`${id}-dx-${d.code}`}
                  checked={body.diagnosisCodes?.includes(d.code) ?? true}
                  onChange={(e) =>
                    set({
                      diagnosisCodes: e.target.checked
                        ? [...(body.diagnosisCodes ?? []), d.code]
                        : (body.diagnosisCodes ?? []).filter((c) => c !== d.code),
                    })
                  }
                />
                <label htmlFor={`${id}-dx-${d.code}`}>
                  {d.code} {d.description}
                </label>
              </div>
            ))}
          </fieldset>
        ) : (
          <p id={`${id}-self`} className="field-hint">
            Self-referred: no diagnoses (a massage therapist does not diagnose) and no physician
            certification. Write the problems in the client’s words and your findings.
          </p>
        )}
      </section>
      <section className="card">
        <h2>Problems</h2>
        {body.problems.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems are plain strings edited in place
          <div className="list-row" key={i}>
            <Field
              label={`Problem ${i + 1}`}
              error={errors[`problems.${i}`] ?? (i === 0 ? errors.problems : undefined)}
            >
              {(props) => (
                <input
                  {...props}
                  value={p}
                  onChange={(e) =>
                    set({ problems: body.problems.map((x, j) => (j === i ? e.target.value : x)) })
                  }
                />
              )}
            </Field>
            {body.problems.length > 1 ? (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => set({ problems: body.problems.filter((_, j) => j !== i) })}
              >
                Remove problem {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => set({ problems: [...body.problems, ''] })}
        >
          Add a problem
        </button>
      </section>
      <GoalsEditor goals={body.goals} errors={errors} onChange={(goals) => set({ goals })} />
      <section className="card">
        <h2>Techniques and regions</h2>
        <fieldset
          className={`check-group${errors.techniques ? ' field-invalid' : ''}`}
          aria-describedby={errors.techniques ? `${id}-t-error` : undefined}
        >
          <legend>Techniques</legend>
          {errors.techniques ? (
            <p id={`${id}-t-error`} className="field-error">
              {errors.techniques}
            </p>
          ) : null}
          {TECHNIQUES.map((t) => (
            <div className="checkbox" key={t.id}>
              <input
                type="checkbox"
                id={`${id}-t-${t.id}`}
                checked={body.techniques.includes(t.id)}
                aria-invalid={errors.techniques ? true : undefined}
                onChange={(e) =>
                  set({
                    techniques: e.target.checked
                      ? [...body.techniques, t.id]
                      : body.techniques.filter((x) => x !== t.id),
                  })
                }
              />
              <label htmlFor={`${id}-t-${t.id}`}>{t.name}</label>
            </div>
          ))}
        </fieldset>
        <SitePicker
          label="Body regions"
          value={body.regions}
          error={errors.regions}
          onChange={(regions) => set({ regions })}
        />
      </section>
      <section className="card">
        <h2>Frequency and duration</h2>
        <div className="field-grid">
          {num('frequencyPerWeek', 'Sessions per week', 1, 7)}
          {num('durationWeeks', 'Weeks', 1, 52)}
          {num('plannedVisits', 'Planned visits', 1, 365)}
          {num('sessionMinutes', 'Session length (30–90 minutes)', 30, 90)}
          {(
            [
              ['startDate', 'Start date'],
              ['reEvaluationDate', 'Re-evaluation date'],
            ] as const
          ).map(([field, label]) => (
            <Field key={field} label={label} error={errors[field]}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={body[field]}
                  onChange={(e) => set({ [field]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
      </section>
      {library.data ? (
        <HomeCareEditor
          library={library.data}
          value={body.homeCare ?? { exercises: [], advice: [] }}
          onChange={(homeCare) => set({ homeCare })}
        />
      ) : null}
      {plan ? (
        <Field label="Why the plan changes" error={errors.changeReason}>
          {(p) => (
            <input
              {...p}
              value={body.changeReason ?? ''}
              onChange={(e) => set({ changeReason: e.target.value || undefined })}
            />
          )}
        </Field>
      ) : null}
      {screen ? (
        <ScreeningResult
          patientId={patientId}
          code={screen.code}
          findings={screen.findings}
          acknowledged={body.acknowledgedPrecautions ?? []}
          onAcknowledge={(keys) => set({ acknowledgedPrecautions: keys })}
        />
      ) : null}
      {issues.length ? (
        <Alert>
          <ul>
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {screen !== null || issues.length > 0 ? (
        <p className="save-status" role="status">
          {draftKeptText(autosave.state, (at) => formatTime(at.toISOString(), clinic.timeZone))}
        </p>
      ) : (
        <SaveStatus state={autosave.state} />
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {plan ? 'Save a new version' : 'Save plan'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => void close()}>
          Close
        </button>
        {hasDraft ? (
          <button type="button" className="button button-danger-quiet" onClick={() => void discard()}>
            Discard the draft
          </button>
        ) : null}
      </div>
    </form>
  );
}
