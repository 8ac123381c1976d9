import { injuryText } from '../../../../src/domain/catalog/injury.ts';
import { isSelfReferredReport, RECOMMENDATION_LABELS } from '../../../../src/modules/reports/schemas.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDay } from '../../components/format.ts';
import { GoalProgressTable } from '../progress/GoalProgressTable.tsx';
import type { Report } from './api.ts';

/** A report's facts and text, read-only (the physician portal, and a signed report in the chart). */
export function ReportFacts({ report }: { report: Report }) {
  const f = report.facts;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="rf-dx">
        <h2 id="rf-dx">Diagnoses and plan</h2>
        {f.referral ? (
          <ul>
            {f.referral.diagnoses.map((d) => (
              <li key={d.code}>
                {d.code} — {d.description}
              </li>
            ))}
          </ul>
        ) : null}
        {f.referral?.injury ? <p>Related to: {injuryText(f.referral.injury, formatDay)}.</p> : null}
        {isSelfReferredReport(f) ? (
          <p>
            Self-referred: the client came without a physician referral. No diagnosis (a massage therapist
            does not diagnose); written for the record, not sent to a physician.
          </p>
        ) : null}
        {f.plan ? (
          <p>
            {f.plan.frequencyPerWeek}× per week for {f.plan.durationWeeks} weeks, {f.plan.sessionMinutes}
            -minute sessions. Techniques: {f.plan.techniques.join(', ')}.
          </p>
        ) : null}
        <p>
          In this period: visits attended {f.visits.attended}, missed {f.visits.missed} (no-show{' '}
          {f.visits.noShow}, late cancellation {f.visits.lateCancelled}).
          {f.referral
            ? ` Since the referral began: ${f.visits.sinceStart}${f.visits.authorized !== null ? ` of ${f.visits.authorized} authorised` : ''} visits used.`
            : null}
        </p>
      </section>
      <section className="card" aria-labelledby="rf-tx">
        <h2 id="rf-tx">Treatment given</h2>
        <DataTable
          caption="Minutes by technique"
          rows={f.treatment.byTechnique}
          rowKey={(t) => t.techniqueId}
          columns={[
            { label: 'Technique', cell: (t) => t.name },
            { label: 'CPT', cell: (t) => t.cpt },
            { label: 'Sessions', cell: (t) => t.sessions },
            { label: 'Minutes', cell: (t) => t.minutes },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="rf-out">
        <h2 id="rf-out">Outcome measures</h2>
        {f.outcomes.length === 0 ? <p>No measure was repeated in this period.</p> : null}
        <ul>
          {f.outcomes.map((o) => (
            <li key={o.instrumentId}>{o.meaning}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="rf-goals">
        <h2 id="rf-goals">Goals</h2>
        <GoalProgressTable goals={f.goals} caption="Goal progress" />
      </section>
      <section className="card" aria-labelledby="rf-home">
        <h2 id="rf-home">Home care</h2>
        <p>{f.homeCare.exercises.map((e) => `${e.name} (${e.dosage})`).join('; ') || 'None prescribed.'}</p>
        <p>
          Adherence in this period ({formatDay(f.period.start)} to {formatDay(f.period.end)}):{' '}
          {f.homeCare.adherencePercent === null ? 'not logged' : `${f.homeCare.adherencePercent} %`}
        </p>
      </section>
    </div>
  );
}

export function ReportText({ report }: { report: Report }) {
  const block = (title: string, text: string) => (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {text.split(/\n+/).map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order
        <p key={i}>{p}</p>
      ))}
    </section>
  );
  return (
    <div className="stack">
      {block('Summary', report.text.summary)}
      {block('Assessment', report.text.assessment)}
      {block('Plan', report.text.plan)}
      {block(
        'Recommendation',
        `${RECOMMENDATION_LABELS[report.recommendation]}\n${report.text.recommendationNote}`,
      )}
    </div>
  );
}
