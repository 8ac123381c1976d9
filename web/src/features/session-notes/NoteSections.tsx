import { createContext, useContext, useId } from 'react';
import { Link } from 'react-router';
import {
  GOAL_PROGRESS,
  PAIN_MEDICATION_LABELS,
  POSITIONS,
  PRESSURES,
} from '../../../../src/modules/session-notes/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { goalText } from '../plans/goals.ts';
import { useNotePlan } from '../plans/queries.ts';
import type { CarryOverField, NoteContent, SessionNote } from './api.ts';
import { GOAL_PROGRESS_LABELS, POSITION_LABELS } from './fields.ts';
import { ROW_MARK_LABELS, type RowMark } from './row-safety.ts';
import { MARK_BADGES } from './TreatmentRows.tsx';

type Setter = (section: keyof NoteContent, field: string, value: unknown) => void;

export const CarriedContext = createContext<{
  carried: Set<string>;
  confirm: (fields: CarryOverField[]) => Promise<void>;
}>({ carried: new Set(), confirm: async () => {} });

/** The "carried over from the last note" mark of a field, with its confirm button. */
export function Carried({ field }: { field: CarryOverField }) {
  const { carried, confirm } = useContext(CarriedContext);
  if (!carried.has(field)) return null;
  return (
    <p className="carried">
      <span className="badge badge-warning">Carried over</span>{' '}
      <span className="small">from the last note — check it, then</span>{' '}
      <button type="button" className="button button-small" onClick={() => void confirm([field])}>
        Confirm{' '}
        {field
          .split('.')[1]
          ?.replace(/([A-Z])/g, ' $1')
          .toLowerCase()}
      </button>
    </p>
  );
}

export function TextField({
  label,
  path,
  value,
  set,
  rows = 2,
}: {
  label: string;
  path: string;
  value: string | undefined;
  set: Setter;
  rows?: number;
}) {
  const id = useId();
  const [section, field] = path.split('.') as [keyof NoteContent, string];
  return (
    <div className="field">
      <Carried field={path as CarryOverField} />
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value ?? ''}
        onChange={(e) => set(section, field, e.target.value)}
      />
    </div>
  );
}

const SCALE = Array.from({ length: 11 }, (_, i) => i);

function Choice({
  label,
  value,
  options,
  onChange,
  empty = 'Not recorded',
}: {
  label: string;
  value: string | number | undefined;
  options: readonly (string | number)[] | Record<string, string>;
  onChange: (v: string) => void;
  empty?: string;
}) {
  const id = useId();
  const entries = Array.isArray(options)
    ? options.map((o) => [String(o), String(o)] as const)
    : Object.entries(options);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{empty}</option>
        {entries.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Pain rated on the table just before and just after the treatment (0–10): the session's own effect. Not the
 * Subjective "pain today", the patient's account of their day so far (labelled so neither is taken for the other).
 */
export function PainPair({ content, set }: { content: NoteContent; set: Setter }) {
  return (
    <section className="card field-row pain-pair" aria-label="Pain before and after">
      <Choice
        label="Pain just before treatment (0–10)"
        value={content.pain?.before}
        options={SCALE}
        onChange={(v) => set('pain', 'before', v === '' ? undefined : Number(v))}
      />
      <Choice
        label="Pain just after treatment (0–10)"
        value={content.pain?.after}
        options={SCALE}
        onChange={(v) => set('pain', 'after', v === '' ? undefined : Number(v))}
      />
    </section>
  );
}

export function SubjectiveFields({
  content,
  set,
  patientId,
}: {
  content: NoteContent;
  set: Setter;
  patientId: string;
}) {
  const id = useId();
  const s = content.subjective ?? {};
  const health = s.healthChanges;
  return (
    <>
      <TextField label="Complaint today" path="subjective.complaint" value={s.complaint} set={set} />
      <div className="field-grid">
        <Choice
          label="Pain today, as the patient reports it (0–10)"
          value={s.painToday}
          options={SCALE}
          onChange={(v) => set('subjective', 'painToday', v === '' ? undefined : Number(v))}
        />
        <Choice
          label="Change since last visit"
          value={s.changeSinceLastVisit}
          options={{ better: 'Better', same: 'Same', worse: 'Worse' }}
          onChange={(v) => set('subjective', 'changeSinceLastVisit', v)}
        />
        <Choice
          label="Pain medication since the last visit"
          value={s.painMedication}
          options={PAIN_MEDICATION_LABELS}
          onChange={(v) => set('subjective', 'painMedication', v)}
        />
        <div>
          <Carried field="subjective.pressurePreference" />
          <Choice
            label="Pressure preference"
            value={s.pressurePreference}
            options={PRESSURES}
            onChange={(v) => set('subjective', 'pressurePreference', v)}
          />
        </div>
      </div>
      <TextField label="About the change" path="subjective.changeNote" value={s.changeNote} set={set} />
      <div className="checkbox">
        <input
          type="checkbox"
          id={`${id}-h`}
          checked={health?.changed ?? false}
          onChange={(e) => set('subjective', 'healthChanges', { ...health, changed: e.target.checked })}
        />
        <label htmlFor={`${id}-h`}>
          Health changes since the last visit (medication, diagnosis, injury, pregnancy)
        </label>
      </div>
      {health?.changed ? (
        <div className="follow-up">
          <div className="field">
            <label htmlFor={`${id}-hn`}>What changed</label>
            <input
              id={`${id}-hn`}
              value={health.note ?? ''}
              onChange={(e) =>
                set('subjective', 'healthChanges', {
                  ...health,
                  note: e.target.value || undefined,
                  rescreen: true,
                })
              }
            />
          </div>
          <p>
            <Link to={`/patients/${patientId}/intake`}>Update the health history</Link> so the screening uses
            it.
          </p>
        </div>
      ) : (
        <p className="small">
          <Link to={`/patients/${patientId}#section-intake`}>Confirm the health history is unchanged</Link>
        </p>
      )}
    </>
  );
}

export function TreatmentDetails({
  content,
  set,
  hotColdMarks = [],
}: {
  content: NoteContent;
  set: Setter;
  /** What the screening says of Hot / cold, as of a hot-pack row (see `hotColdMarks`). */
  hotColdMarks?: readonly RowMark[];
}) {
  const id = useId();
  const t = content.treatment ?? {};
  const positions = t.position ?? [];
  return (
    <>
      <fieldset className="check-group">
        <legend>Position</legend>
        {POSITIONS.map((p) => (
          <div key={p} className="checkbox">
            <input
              type="checkbox"
              id={`${id}-${p}`}
              checked={positions.includes(p)}
              onChange={(e) =>
                set(
                  'treatment',
                  'position',
                  e.target.checked ? [...positions, p] : positions.filter((x) => x !== p),
                )
              }
            />
            <label htmlFor={`${id}-${p}`}>{POSITION_LABELS[p]}</label>
          </div>
        ))}
      </fieldset>
      <div className="field-grid">
        <div>
          <Choice
            label="Hot / cold"
            value={t.hotCold}
            options={{ none: 'None', heat: 'Heat', cold: 'Cold', contrast: 'Contrast' }}
            onChange={(v) => set('treatment', 'hotCold', v)}
          />
          {/* Kept in the page (empty) so that a mark the next save brings is announced. */}
          <div className="row-flags" role="status" aria-label="Screening of hot / cold">
            {hotColdMarks.map((m) => (
              <p key={m.text} className={`row-flag row-flag-${m.kind}`}>
                <span className={`badge ${MARK_BADGES[m.kind]}`}>{ROW_MARK_LABELS[m.kind]}</span> {m.text}
              </p>
            ))}
          </div>
        </div>
        <Choice
          label="Patient’s feedback on pressure"
          value={t.pressureFeedback}
          options={{ 'too-light': 'Too light', 'just-right': 'Just right', 'too-deep': 'Too deep' }}
          onChange={(v) => set('treatment', 'pressureFeedback', v)}
        />
      </div>
      <TextField
        label="Patient’s response to treatment"
        path="treatment.response"
        value={t.response}
        set={set}
      />
    </>
  );
}

/** A: progress toward each goal of the note's plan. */
export function GoalProgress({
  note,
  content,
  set,
}: {
  note: SessionNote;
  content: NoteContent;
  set: Setter;
}) {
  const clinic = useClinic();
  const plan = useNotePlan(clinic.id, note);
  if (!note.planId) return <p className="muted">No plan of care linked: no goals to rate.</p>;
  if (!plan.data) return null;
  const list = content.assessment?.goalProgress ?? [];
  const update = (goalId: string, patch: { progress?: string; note?: string }) => {
    const existing = list.find((g) => g.goalId === goalId);
    const others = list.filter((g) => g.goalId !== goalId);
    // "Not recorded" takes the goal off the list (the last one off clears the field).
    if (patch.progress === '') {
      set('assessment', 'goalProgress', others.length ? others : undefined);
      return;
    }
    const entry = { goalId, progress: existing?.progress ?? 'progressing', ...existing, ...patch };
    set('assessment', 'goalProgress', [...others, entry]);
  };
  return (
    <ul className="goal-progress">
      {plan.data.current.goals.map((g, i) => {
        const entry = list.find((x) => x.goalId === g.id);
        return (
          <li key={g.id}>
            <p>{goalText(g)}</p>
            <Choice
              label={`Progress on goal ${i + 1}`}
              value={entry?.progress}
              options={Object.fromEntries(GOAL_PROGRESS.map((p) => [p, GOAL_PROGRESS_LABELS[p]!]))}
              onChange={(v) => update(g.id, { progress: v })}
            />
          </li>
        );
      })}
    </ul>
  );
}
