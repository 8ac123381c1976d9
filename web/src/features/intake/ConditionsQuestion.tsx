import { Field } from '../../components/Field.tsx';
import type { IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { answeredCount, answerOf, answerRemainingNo, isUrgentYes, withAnswer } from './conditions.ts';
import { RequiredMark, YesNo } from './controls.tsx';
import { NONE_LABELS } from './labels.ts';
import { SitePicker } from './SitePicker.tsx';
import { UrgentAdvice } from './UrgentAdvice.tsx';

type Condition = NonNullable<IntakeAnswers['conditions']>[number];

/**
 * The health-history checklist: every condition of the definition with Yes/No, grouped; a "yes" asks where on
 * the body and when it started when the definition says so. Both answers are stored (`answer: 'yes' | 'no'`),
 * so an item the patient has not reached stays unanswered after a reload, and submit refuses the list until
 * every item is answered. Each condition reads in everyday words first, with its clinical name as the hint; a
 * patient who is unsure is asked to name it in the free-text box, so the therapist asks. A "yes" to an
 * emergency red flag shows the urgent advice at once, next to the answer.
 */
export function ConditionsQuestion({
  questionnaire,
  label,
  help,
  required,
  value,
  onChange,
  errors,
}: {
  questionnaire: Questionnaire;
  label: string;
  help?: string;
  required: boolean;
  value: Condition[] | undefined;
  onChange: (value: Condition[]) => void;
  errors: (path: string) => string | undefined;
}) {
  const all = questionnaire.conditionGroups.flatMap((g) =>
    g.conditions.map((c) => c.code as Condition['code']),
  );
  const list = value ?? [];
  const answered = answeredCount(all, list);
  const update = (code: string, patch: Partial<Condition>) =>
    onChange(list.map((c) => (c.code === code ? { ...c, ...patch } : c)));

  return (
    <div className={`question conditions${errors('') ? ' field-invalid' : ''}`}>
      <h3 className="question-label">
        {label}
        {required ? <RequiredMark /> : null}
      </h3>
      {help ? <p className="field-hint">{help}</p> : null}
      <p className="alert alert-info">
        <strong>Not sure?</strong> If you do not know what one means or whether it applies to you, name it in
        the box for other health conditions below. Your therapist will go through it with you before
        treatment.
      </p>
      <p className="field-error" aria-live="polite">
        {errors('') ?? ''}
      </p>
      {questionnaire.conditionGroups.map((group) => (
        <section key={group.id} className="condition-group" aria-labelledby={`cg-${group.id}`}>
          <h4 id={`cg-${group.id}`}>{group.title}</h4>
          {group.conditions.map((c) => {
            const i = list.findIndex((v) => v.code === c.code);
            const yesNo = answerOf(list, c.code);
            const answer = yesNo ? list[i] : undefined;
            return (
              <div key={c.code} className="condition">
                <YesNo
                  label={c.description}
                  hint={c.label}
                  value={yesNo}
                  onChange={(yes) => onChange(withAnswer(list, c.code as Condition['code'], yes))}
                />
                {isUrgentYes(c.code, yesNo) ? <UrgentAdvice /> : null}
                {answer && (c.askSite || c.askOnset) ? (
                  <div className="follow-up">
                    {c.askSite ? (
                      <SitePicker
                        label={`${c.label}: where on the body?`}
                        value={answer.site ?? []}
                        onChange={(site) => update(c.code, { site: site as Condition['site'] })}
                        error={errors(`${i}.site`)}
                      />
                    ) : null}
                    {c.askOnset ? (
                      <Field
                        label={`${c.label}: when did it start?`}
                        hint="An estimate is fine"
                        error={errors(`${i}.onset`)}
                      >
                        {(p) => (
                          <input
                            {...p}
                            type="date"
                            value={answer.onset ?? ''}
                            onChange={(e) => update(c.code, { onset: e.target.value || undefined })}
                          />
                        )}
                      </Field>
                    ) : null}
                  </div>
                ) : null}
              </div>
            );
          })}
        </section>
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={answered === all.length}
          onClick={() => onChange(answerRemainingNo(all, list))}
        >
          {NONE_LABELS.conditions}
        </button>
        <span className="muted small" aria-live="polite">
          {answered} of {all.length} answered
        </span>
      </div>
    </div>
  );
}
