import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import type { IntakeAnswers, Questionnaire } from '../patients/api.ts';
import { RequiredMark, YesNo } from './controls.tsx';
import { NONE_LABELS } from './labels.ts';
import { SitePicker } from './SitePicker.tsx';

type Condition = NonNullable<IntakeAnswers['conditions']>[number];

/**
 * The health-history checklist: every condition of the definition with Yes/No, grouped; a "yes" asks where on
 * the body and when it started when the definition says so. The answer stored is the list of "yes" conditions
 * (an empty list means "none of these"). Each condition reads in everyday words first, with its clinical name
 * as the hint; a patient who is unsure is asked to name it in the free-text box, so the therapist asks.
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
  const all = questionnaire.conditionGroups.flatMap((g) => g.conditions.map((c) => c.code));
  // "No" answers given in this visit (the saved answer lists only the "yes" ones; once answered, the rest are "no").
  const [noes, setNoes] = useState<Set<string>>(
    () => new Set(value ? all.filter((c) => !value.some((v) => v.code === c)) : []),
  );
  const list = value ?? [];
  const answeredCount = all.filter((c) => noes.has(c) || list.some((v) => v.code === c)).length;
  const setYes = (code: string, yes: boolean) => {
    const next = new Set(noes);
    if (yes) next.delete(code);
    else next.add(code);
    setNoes(next);
    const without = list.filter((c) => c.code !== code);
    onChange(yes ? [...without, { code: code as Condition['code'] }] : without);
  };
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
            const answer = i >= 0 ? list[i] : undefined;
            return (
              <div key={c.code} className="condition">
                <YesNo
                  label={c.description}
                  hint={c.label}
                  value={answer ? true : noes.has(c.code) ? false : undefined}
                  onChange={(yes) => setYes(c.code, yes)}
                />
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
          onClick={() => {
            setNoes(new Set(all.filter((c) => !list.some((v) => v.code === c))));
            onChange(list);
          }}
        >
          {NONE_LABELS.conditions}
        </button>
        <span className="muted small">
          {answeredCount} of {all.length} answered
        </span>
      </div>
    </div>
  );
}
