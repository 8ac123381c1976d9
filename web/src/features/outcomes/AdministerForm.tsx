import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { draftProgress } from '../../../../src/domain/outcomes/drafts.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { type Administration, type Instrument, outcomesApi } from './api.ts';
import {
  draftsOf,
  type FormValues,
  formValuesOf,
  type PsfsRowValue,
  type QuestionnaireDraft,
  withoutInstrument,
} from './drafts.ts';
import { itemLabel } from './items.ts';
import { OutcomeResult } from './OutcomeResult.tsx';

const RATINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SLOTS = ['activity1', 'activity2', 'activity3', 'activity4', 'activity5'] as const;

/**
 * The licensing line for an instrument whose item text Palpa does not ship. The definition's `licensing.note`
 * is for developers and integrators (sources, LOINC status), not for the therapist administering the form.
 */
export function LicensingNote({ instrument }: { instrument: Instrument }) {
  const clinic = useClinic();
  if (instrument.licensing.itemTextShipped || instrument.licensing.clinicTextLoaded) return null;
  return (
    <div className="alert alert-info" role="note">
      <p>
        The {instrument.name}’s wording is licensed: use your licensed copy of the form and enter each item’s
        score here.
      </p>
      {clinic.roles.includes('owner') ? (
        <Link to={`/outcome-instruments/licensed-text?instrument=${instrument.id}`}>
          Load licensed item text
        </Link>
      ) : (
        <p className="small">The clinic owner can load the licensed wording into Palpa.</p>
      )}
    </div>
  );
}

/**
 * Administer one instrument inline: items with their answer scale (or item numbers for licensed text not
 * loaded), PSFS activities (3–5 at baseline, the same ones re-rated later). Shows the server's result.
 *
 * In a draft note or evaluation, `drafts` are the questionnaires begun in it and `onDraftsChange` hears every
 * answer (all instruments, as the draft stores them), so the draft's autosave keeps them and a reopened draft
 * continues where the therapist stopped. Scoring records one and takes it off; "Clear answers" drops one.
 *
 * Once scored, the form says so instead of offering the emptied questionnaire again (a second score of the same
 * answers by mistake); "Score another measure" brings it back. Given a `link`, the record lists what was scored,
 * so the form does not repeat the result.
 */
export function AdministerForm({
  patientId,
  instruments,
  link,
  onDone,
  defaultInstrument = 'nprs',
  drafts,
  onDraftsChange,
  beforeScore,
}: {
  patientId: string;
  instruments: Instrument[];
  link?: { assessmentId?: string; sessionNoteId?: string };
  onDone?: (result: Administration) => void;
  defaultInstrument?: string;
  drafts?: QuestionnaireDraft[];
  onDraftsChange?: (drafts: QuestionnaireDraft[]) => void;
  /** Runs before scoring (the draft's pending autosave), so a late save cannot bring scored answers back. */
  beforeScore?: () => Promise<void>;
}) {
  const clinic = useClinic();
  const id = useId();
  const [instrumentId, setInstrumentId] = useState(drafts?.[0]?.instrumentId ?? defaultInstrument);
  const [values, setValues] = useState<FormValues>(() => formValuesOf(drafts));
  // The latest values and listener, for a change made after an await (scoring).
  const valuesRef = useRef(values);
  const listener = useRef(onDraftsChange);
  listener.current = onDraftsChange;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Administration | null>(null);
  // Scoring replaces the form with its confirmation, and "Score another measure" brings the form back: the
  // focus follows each, so a keyboard user is not left on a control that went away.
  const recordedRef = useRef<HTMLParagraphElement>(null);
  const instrumentRef = useRef<HTMLSelectElement>(null);
  const [moveFocus, setMoveFocus] = useState(false);
  useEffect(() => {
    if (!moveFocus) return;
    (result ? recordedRef.current : instrumentRef.current)?.focus();
    setMoveFocus(false);
  }, [moveFocus, result]);
  const recordedWith = link?.assessmentId ? 'this evaluation' : link?.sessionNoteId ? 'this note' : null;
  const instrument = instruments.find((i) => i.id === instrumentId);
  const answers = values.answers[instrumentId] ?? {};
  const activities = values.psfs;
  const psfsHistory = useQuery({
    queryKey: ['outcomes', clinic.id, patientId, 'psfs'],
    queryFn: () => outcomesApi.list(clinic.id, patientId, 'psfs'),
    enabled: instrumentId === 'psfs',
  });
  const psfsBaseline = psfsHistory.data?.items.find((a) => a.isBaseline) ?? null;
  const started = draftsOf(values);
  const startedIds = new Set<string>(started.map((d) => d.instrumentId));
  const nameOf = (instrument: string) => instruments.find((i) => i.id === instrument)?.name ?? instrument;

  const commit = (next: FormValues) => {
    valuesRef.current = next;
    setValues(next);
    listener.current?.(draftsOf(next));
  };
  const setAnswer = (itemId: string, value: string) => {
    const current = valuesRef.current;
    commit({
      ...current,
      answers: { ...current.answers, [instrumentId]: { ...current.answers[instrumentId], [itemId]: value } },
    });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!instrument) return;
    setError(null);
    setBusy(true);
    try {
      const body =
        instrument.id === 'psfs'
          ? {
              instrumentId: instrument.id,
              activities: (psfsBaseline?.activities ?? SLOTS.map((slot) => ({ slot, activity: '' })))
                .map((a) => {
                  const entry = activities[a.slot];
                  const activity = psfsBaseline ? a.activity : (entry?.activity ?? '').trim();
                  return {
                    slot: a.slot as (typeof SLOTS)[number],
                    activity,
                    rating: entry?.rating ? Number(entry.rating) : null,
                  };
                })
                .filter((a) => a.activity),
            }
          : {
              instrumentId: instrument.id,
              answers: Object.fromEntries(
                instrument.items.map((item) => [item.id, answers[item.id] ? Number(answers[item.id]) : null]),
              ),
            };
      await beforeScore?.();
      const saved = await outcomesApi.administer(clinic.id, patientId, { ...body, ...link });
      setResult(saved);
      setMoveFocus(true);
      // Recorded: its answers so far leave the draft (the server took them off with the same request).
      commit(withoutInstrument(valuesRef.current, instrument.id));
      onDone?.(saved);
    } catch (err) {
      const issues = err instanceof ApiError ? err.fieldIssues.map((i) => i.message) : [];
      setError([messageOf(err), ...issues].join(' · '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form administer-form" onSubmit={submit} aria-label="Administer an outcome measure">
      {started.length > 0 && onDraftsChange ? (
        <p className="small" role="note">
          Started, not scored yet (kept with this draft):{' '}
          {started
            .map((d) => {
              const { answered, total } = draftProgress(d);
              return `${nameOf(d.instrumentId)} (${answered} of ${total} ${d.instrumentId === 'psfs' ? 'rated' : 'answered'})`;
            })
            .join(' · ')}
          .
        </p>
      ) : null}
      {result ? (
        <div>
          <p ref={recordedRef} tabIndex={-1} role="status">
            <strong>{result.instrumentName} recorded</strong>
            {recordedWith ? ` with ${recordedWith}: its result is listed above.` : '.'}
          </p>
          {recordedWith ? null : <OutcomeResult result={result} />}
          <div className="form-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setResult(null);
                setMoveFocus(true);
              }}
            >
              Score another measure
            </button>
          </div>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-instrument`}>Outcome measure</label>
            <select
              id={`${id}-instrument`}
              ref={instrumentRef}
              value={instrumentId}
              onChange={(e) => {
                setInstrumentId(e.target.value);
                setError(null);
              }}
            >
              {instruments.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} — {i.fullName}
                  {startedIds.has(i.id) ? ' (started)' : ''}
                </option>
              ))}
            </select>
          </div>
          {instrument ? (
            <>
              <p className="small muted">
                {instrument.measures}
                {instrument.recall ? ` · ${instrument.recall}` : ''}
              </p>
              <LicensingNote instrument={instrument} />
              {instrument.id === 'psfs' ? (
                <PsfsItems
                  baseline={psfsBaseline}
                  values={activities}
                  onChange={(psfs) => commit({ ...valuesRef.current, psfs })}
                />
              ) : (
                <ol className="item-list">
                  {instrument.items.map((item) => (
                    <li key={item.id} className="field">
                      <label htmlFor={`${id}-${item.id}`}>{itemLabel(item)}</label>
                      <select
                        id={`${id}-${item.id}`}
                        value={answers[item.id] ?? ''}
                        onChange={(e) => setAnswer(item.id, e.target.value)}
                      >
                        <option value="">Not answered</option>
                        {item.options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.value}
                            {o.label ? ` — ${o.label}` : ''}
                          </option>
                        ))}
                      </select>
                    </li>
                  ))}
                </ol>
              )}
            </>
          ) : null}
          <Alert>{error}</Alert>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              Score {instrument?.name ?? ''}
            </button>
            {instrument && startedIds.has(instrument.id) ? (
              <button
                type="button"
                className="button button-quiet"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  commit(withoutInstrument(valuesRef.current, instrument.id));
                }}
              >
                Clear {instrument.name} answers
              </button>
            ) : null}
          </div>
        </>
      )}
    </form>
  );
}

function PsfsItems({
  baseline,
  values,
  onChange,
}: {
  baseline: Administration | null;
  values: Record<string, PsfsRowValue>;
  onChange: (v: Record<string, PsfsRowValue>) => void;
}) {
  const id = useId();
  const set = (slot: string, patch: Partial<PsfsRowValue>) =>
    onChange({ ...values, [slot]: { activity: '', rating: '', ...values[slot], ...patch } });
  const rows = baseline?.activities ?? SLOTS.map((slot) => ({ slot, activity: '', rating: null }));
  return (
    <fieldset className="psfs">
      <legend>
        {baseline
          ? `Re-rate the same activities chosen at baseline (${formatDay(baseline.administeredOn)}), 0 = unable, 10 = as before`
          : 'Ask for 3 to 5 activities the patient finds hard, and rate each 0 (unable) to 10 (as before)'}
      </legend>
      {rows.map((a, i) => (
        <div key={a.slot} className="field-row psfs-row">
          {baseline ? (
            <p className="psfs-activity">{a.activity}</p>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-${a.slot}`}>
                Activity {i + 1}
                {i >= 3 ? ' (optional)' : ''}
              </label>
              <input
                id={`${id}-${a.slot}`}
                maxLength={200}
                value={values[a.slot]?.activity ?? ''}
                onChange={(e) => set(a.slot, { activity: e.target.value })}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-${a.slot}-r`}>Rating for activity {i + 1}</label>
            <select
              id={`${id}-${a.slot}-r`}
              value={values[a.slot]?.rating ?? ''}
              onChange={(e) =>
                // A baseline activity is kept with its rating (the draft names what was rated).
                set(
                  a.slot,
                  baseline
                    ? { rating: e.target.value, activity: e.target.value ? a.activity : '' }
                    : { rating: e.target.value },
                )
              }
            >
              <option value="">Not rated</option>
              {RATINGS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
