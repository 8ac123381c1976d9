import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime, formatDay, formatDueDay, localDateIn } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { siteName, techniqueName } from '../patients/labels.tsx';
import { type Plan, plansApi } from './api.ts';
import { goalText } from './goals.ts';
import { PlanForm } from './PlanForm.tsx';
import '../session-notes/notes.css';
import { usePatientTitle } from '../patients/usePatientTitle.ts';

/** The plan of care: the current version, certification and physician signature, versions; write or change it. */
export function PlanPage() {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const [mode, setMode] = useState<'view' | 'new' | 'edit'>('view');
  const [message, setMessage] = useState<string | null>(null);
  const plans = useQuery({
    queryKey: ['plans', clinic.id, patientId],
    queryFn: () => plansApi.list(clinic.id, patientId),
  });
  const referrals = useQuery({
    queryKey: ['patient-referrals', clinic.id, patientId],
    queryFn: () => clinical.patientReferrals(clinic.id, patientId),
  });
  if (plans.isPending || referrals.isPending) return <Loading />;
  if (plans.isError || referrals.isError)
    return (
      <Page title="Plan of care">
        <LoadError error={plans.error ?? referrals.error} />
      </Page>
    );
  const current = plans.data.items.find((p): p is Plan => 'current' in p);
  const refs = referrals.data.items;
  const saved = (p: Plan) => {
    setMode('view');
    setMessage(`Plan saved (version ${p.currentVersion}).`);
    void plans.refetch();
  };
  return (
    <Page
      title={titled('Plan of care')}
      intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}
      actions={
        mode === 'view' ? (
          <>
            {current ? (
              <button type="button" className="button" onClick={() => setMode('edit')}>
                Change the plan
              </button>
            ) : null}
            {current ? (
              <Link
                className="button button-secondary"
                to={`/patients/${patientId}/series?referral=${current.referralId}&perWeek=${current.current.frequencyPerWeek}&weeks=${current.current.durationWeeks}`}
              >
                Book the sessions
              </Link>
            ) : null}
            {refs.length ? (
              <button
                type="button"
                className={`button${current ? ' button-secondary' : ''}`}
                onClick={() => setMode('new')}
              >
                New plan
              </button>
            ) : null}
          </>
        ) : null
      }
    >
      <LiveMessage message={message} />
      {mode !== 'view' ? (
        <PlanForm
          patientId={patientId}
          referrals={refs}
          plan={mode === 'edit' ? current : undefined}
          onSaved={saved}
          onCancel={() => setMode('view')}
        />
      ) : current ? (
        <PlanView plan={current} />
      ) : (
        <EmptyState title="No plan of care yet">
          {refs.length
            ? 'Write one from the referral: “New plan”.'
            : 'Record the physician’s referral first.'}
        </EmptyState>
      )}
    </Page>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const clinic = useClinic();
  const v = plan.current;
  const c = plan.certification;
  const today = localDateIn(clinic.timeZone);
  return (
    <div className="record-view">
      <section className="card" aria-labelledby="plan-cert">
        <h2 id="plan-cert">Certification</h2>
        <p>
          {v.signature ? (
            <span className="badge badge-success">
              Signed by {v.signature.physician.name} on{' '}
              {formatDateTime(v.signature.signedAt, clinic.timeZone)}
            </span>
          ) : (
            <span className="badge badge-warning">Awaiting the physician’s signature</span>
          )}
        </p>
        {c.certificationDueOn && !c.certified ? (
          <p>Certification due by {formatDueDay(c.certificationDueOn, today)}, 30 days after the start.</p>
        ) : null}
        {c.recertificationDueOn ? (
          <p>
            Recertification due {formatDueDay(c.recertificationDueOn, today)},{' '}
            {c.recertificationReason === 'plan-changed'
              ? 'as the plan changed since it was signed'
              : '90 days after the signature'}
            .
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="plan-current">
        <h2 id="plan-current">Version {plan.currentVersion}</h2>
        <dl className="facts">
          <div>
            <dt>Diagnoses</dt>
            <dd>{v.diagnoses.map((d) => `${d.code} ${d.description}`).join('; ')}</dd>
          </div>
          <div>
            <dt>Problems</dt>
            <dd>{v.problems.join('; ')}</dd>
          </div>
          <div>
            <dt>Goals</dt>
            <dd>
              <ul>
                {v.goals.map((g) => (
                  <li key={g.id}>{goalText(g)}</li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>Techniques</dt>
            <dd>{v.techniques.map(techniqueName).join(', ')}</dd>
          </div>
          <div>
            <dt>Regions</dt>
            <dd>{v.regions.map(siteName).join(', ')}</dd>
          </div>
          <div>
            <dt>Frequency</dt>
            <dd>
              {v.frequencyPerWeek}× a week for {v.durationWeeks} weeks ({v.plannedVisits} visits,{' '}
              {v.sessionMinutes} minutes), {formatDay(v.startDate)} to {formatDay(v.endDate)}
            </dd>
          </div>
          <div>
            <dt>Re-evaluation</dt>
            <dd>{formatDay(v.reEvaluationDate)}</dd>
          </div>
          <div>
            <dt>Home care</dt>
            <dd>
              <ul>
                {v.homeCare.exercises.map((e) => (
                  <li key={e.id}>
                    {e.name}: {e.dosage}
                  </li>
                ))}
                {v.homeCare.advice.map((a) => (
                  <li key={a.id}>{a.title}</li>
                ))}
              </ul>
              {v.homeCare.notes}
            </dd>
          </div>
          {v.precautionsAcknowledged.length ? (
            <div>
              <dt>Precautions acknowledged</dt>
              <dd>{v.precautionsAcknowledged.map((p) => `${p.subject}: ${p.restriction}`).join('; ')}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="plan-versions">
        <h2 id="plan-versions">Versions</h2>
        <ol>
          {plan.versions.map((x) => (
            <li key={x.version}>
              Version {x.version}, {formatDateTime(x.createdAt, clinic.timeZone)}
              {x.changeReason ? ` — ${x.changeReason}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
