import { Checkbox, Field } from '../../components/Field.tsx';
import type { IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { ConditionsQuestion } from './ConditionsQuestion.tsx';
import { ChoiceTiles, RequiredMark, YesNo } from './controls.tsx';
import { NONE_LABELS } from './labels.ts';
import { SitePicker } from './SitePicker.tsx';

type Question = Questionnaire['sections'][number]['questions'][number];
type Answers = Record<string, unknown>;

export interface QuestionProps {
  question: Question;
  questionnaire: Questionnaire;
  answers: IntakeAnswers;
  set: (id: string, value: unknown) => void;
  /** The error at `answers.<question>.<path>` ('' for the question itself). */
  errors: (path: string) => string | undefined;
}

function Label({ q }: { q: Question }) {
  return (
    <>
      {q.label}
      {q.required ? <RequiredMark /> : null}
    </>
  );
}

/** One question of the definition, drawn by its kind. */
export function QuestionView(props: QuestionProps) {
  const { question: q, answers, set, errors, questionnaire } = props;
  const value = (answers as Answers)[q.id];
  switch (q.kind) {
    case 'conditions':
      return (
        <ConditionsQuestion
          questionnaire={questionnaire}
          label={q.label}
          help={q.help}
          required={q.required}
          value={value as IntakeAnswers['conditions']}
          onChange={(v) => set(q.id, v)}
          errors={errors}
        />
      );
    case 'medications':
    case 'allergies':
      return <ChecklistQuestion {...props} />;
    case 'surgeries':
    case 'implants':
      return <ListQuestion {...props} />;
    case 'pregnancy':
      return <PregnancyQuestion {...props} />;
    case 'pain':
      return <PainQuestion {...props} />;
    case 'lifestyle':
      return <LifestyleQuestion {...props} />;
    case 'choice':
      return (
        <ChoiceTiles
          legend={q.label}
          hint={q.help}
          required={q.required}
          options={q.options ?? []}
          value={value as string | undefined}
          onChange={(v) => set(q.id, v)}
          error={errors('')}
        />
      );
    case 'text':
      return (
        <Field label={<Label q={q} />} hint={q.help} error={errors('')} className="question">
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={q.maxLength}
              value={(value as string | undefined) ?? ''}
              onChange={(e) => set(q.id, e.target.value === '' ? undefined : e.target.value)}
            />
          )}
        </Field>
      );
    default:
      return null;
  }
}

/** Medicines by class, allergies by kind: tick what applies (with a name or detail), or "none". */
function ChecklistQuestion({ question: q, questionnaire, answers, set, errors }: QuestionProps) {
  const meds = q.kind === 'medications';
  const options = meds ? questionnaire.medicationClasses : questionnaire.allergyKinds;
  const key = meds ? 'class' : 'kind';
  const detail = meds ? 'name' : 'detail';
  const list = ((answers as Answers)[q.id] as Record<string, string>[] | undefined) ?? undefined;
  const items = list ?? [];
  return (
    <fieldset className={`question${errors('') ? ' field-invalid' : ''}`}>
      <legend className="question-label">
        <Label q={q} />
      </legend>
      {q.help ? <p className="field-hint">{q.help}</p> : null}
      <p className="field-error" aria-live="polite">
        {errors('') ?? ''}
      </p>
      <Checkbox
        label={meds ? NONE_LABELS.medications : NONE_LABELS.allergies}
        checked={list !== undefined && items.length === 0}
        onChange={(e) => set(q.id, e.target.checked ? [] : undefined)}
      />
      {options.map((o) => {
        const i = items.findIndex((it) => it[key] === o.value);
        const item = i >= 0 ? items[i] : undefined;
        return (
          <div key={o.value} className="check-item">
            <Checkbox
              label={o.label}
              checked={Boolean(item)}
              onChange={(e) =>
                set(
                  q.id,
                  e.target.checked
                    ? [...items, { [key]: o.value }]
                    : items.filter((it) => it[key] !== o.value),
                )
              }
            />
            {item ? (
              <div className="follow-up">
                <Field
                  label={meds ? `Name of the medicine (${o.label.split(',')[0]})` : `Details (${o.label})`}
                  hint={o.value === 'other' ? 'Required' : 'Optional'}
                  error={errors(`${i}.${detail}`)}
                >
                  {(p) => (
                    <input
                      {...p}
                      value={item[detail] ?? ''}
                      onChange={(e) =>
                        set(
                          q.id,
                          items.map((it, j) =>
                            j === i ? { ...it, [detail]: e.target.value || undefined } : it,
                          ),
                        )
                      }
                    />
                  )}
                </Field>
              </div>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Surgeries (date, site, what) and implants (what, site): a yes/no, then one entry per item. */
function ListQuestion({ question: q, answers, set, errors }: QuestionProps) {
  const surgery = q.kind === 'surgeries';
  const list = (answers as Answers)[q.id] as Record<string, unknown>[] | undefined;
  const items = list ?? [];
  const blank = surgery ? { description: '' } : { description: '' };
  const update = (i: number, patch: Record<string, unknown>) =>
    set(
      q.id,
      items.map((it, j) => (j === i ? { ...it, ...patch } : it)),
    );
  return (
    <div className={`question${errors('') ? ' field-invalid' : ''}`}>
      <YesNo
        label={q.label}
        hint={q.help}
        required={q.required}
        value={list === undefined ? undefined : items.length > 0}
        onChange={(yes) => set(q.id, yes ? (items.length ? items : [blank]) : [])}
        error={errors('')}
      />
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; their order is stable while editing
        <div key={i} className="list-entry follow-up">
          <h4>
            {surgery ? 'Surgery' : 'Implant'} {i + 1}
          </h4>
          <Field
            label={surgery ? 'What was the surgery?' : 'What is the implant?'}
            error={errors(`${i}.description`)}
          >
            {(p) => (
              <input
                {...p}
                value={(item.description as string) ?? ''}
                onChange={(e) => update(i, { description: e.target.value })}
              />
            )}
          </Field>
          {surgery ? (
            <Field label="When?" hint="An estimate is fine" error={errors(`${i}.date`)}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={(item.date as string) ?? ''}
                  onChange={(e) => update(i, { date: e.target.value || undefined })}
                />
              )}
            </Field>
          ) : null}
          <SitePicker
            label="Where on the body?"
            value={(item.site as string[]) ?? []}
            onChange={(site) => update(i, { site: site.length ? site : undefined })}
            error={errors(`${i}.site`)}
          />
          <button
            type="button"
            className="button button-quiet"
            onClick={() =>
              set(
                q.id,
                items.filter((_, j) => j !== i),
              )
            }
          >
            Remove this {surgery ? 'surgery' : 'implant'}
          </button>
        </div>
      ))}
      {items.length ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => set(q.id, [...items, blank])}
        >
          Add another {surgery ? 'surgery' : 'implant'}
        </button>
      ) : null}
    </div>
  );
}

function PregnancyQuestion({ question: q, answers, set, errors }: QuestionProps) {
  const p = answers.pregnancy ?? {};
  const change = (patch: Partial<NonNullable<IntakeAnswers['pregnancy']>>) => set(q.id, { ...p, ...patch });
  return (
    <div className="question">
      <YesNo
        label={q.label}
        hint={q.help}
        required={q.required}
        value={p.pregnant}
        onChange={(pregnant) => set(q.id, pregnant ? { ...p, pregnant } : { pregnant })}
        error={errors('pregnant') ?? errors('')}
      />
      {p.pregnant ? (
        <div className="follow-up">
          <div className="field-grid">
            <Field label="How many weeks?" error={errors('weeks')}>
              {(props) => (
                <input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={45}
                  value={p.weeks ?? ''}
                  onChange={(e) =>
                    change({ weeks: e.target.value === '' ? undefined : Number(e.target.value) })
                  }
                />
              )}
            </Field>
            <Field label="Or the due date" error={errors('dueDate')}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={p.dueDate ?? ''}
                  onChange={(e) => change({ dueDate: e.target.value || undefined })}
                />
              )}
            </Field>
          </div>
          <YesNo
            label="Is your pregnancy high-risk (pre-eclampsia, bleeding or early contractions)?"
            value={p.highRisk}
            onChange={(highRisk) => change({ highRisk })}
            error={errors('highRisk')}
            required
          />
        </div>
      ) : null}
    </div>
  );
}

const LEVELS = Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));

function PainQuestion({ question: q, answers, set, errors }: QuestionProps) {
  const p = answers.pain ?? {};
  return (
    <div className="question">
      <ChoiceTiles
        legend={q.label}
        hint="0 = no pain, 10 = the worst pain imaginable"
        required={q.required}
        options={LEVELS}
        value={p.level === undefined ? undefined : String(p.level)}
        onChange={(v) => set(q.id, { ...p, level: Number(v) })}
        error={errors('level') ?? errors('')}
        className="pain-scale"
      />
      {p.level !== undefined && p.level > 0 ? (
        <SitePicker
          label="Where does it hurt?"
          regionsOnly
          value={p.regions ?? []}
          onChange={(regions) => set(q.id, { ...p, regions: regions as typeof p.regions })}
          error={errors('regions')}
        />
      ) : null}
    </div>
  );
}

function LifestyleQuestion({ question: q, questionnaire, answers, set, errors }: QuestionProps) {
  const l = answers.lifestyle ?? {};
  const change = (patch: Partial<NonNullable<IntakeAnswers['lifestyle']>>) => set(q.id, { ...l, ...patch });
  return (
    <fieldset className="question">
      <legend className="question-label">
        <Label q={q} />
      </legend>
      <Field label="Occupation" error={errors('occupation')}>
        {(p) => (
          <input
            {...p}
            value={l.occupation ?? ''}
            onChange={(e) => change({ occupation: e.target.value || undefined })}
          />
        )}
      </Field>
      <Field label="Hours sitting on a typical day" error={errors('hoursSittingPerDay')}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="decimal"
            min={0}
            max={24}
            value={l.hoursSittingPerDay ?? ''}
            onChange={(e) =>
              change({ hoursSittingPerDay: e.target.value === '' ? undefined : Number(e.target.value) })
            }
          />
        )}
      </Field>
      <ChoiceTiles
        legend="How active are you?"
        options={questionnaire.activityLevels}
        value={l.activityLevel}
        onChange={(v) => change({ activityLevel: v as typeof l.activityLevel })}
        error={errors('activityLevel')}
      />
      <Field label="Sports or regular activities" error={errors('sports')}>
        {(p) => (
          <input
            {...p}
            value={l.sports ?? ''}
            onChange={(e) => change({ sports: e.target.value || undefined })}
          />
        )}
      </Field>
    </fieldset>
  );
}
