import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { cachedFromEarlierVisit } from '../../components/fresh-copy.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { type Plan, plansApi } from './api.ts';
import { ChangesRequestedAlert } from './ChangesRequested.tsx';
import { PlanForm } from './PlanForm.tsx';
import { PlanSafetyBanner } from './PlanSafetyBanner.tsx';
import { PlanView } from './PlanView.tsx';
import { planSafetyNotice } from './plan-safety.ts';
import '../session-notes/notes.css';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { currentPlan, usePatientPlans, usePlanScreening } from './queries.ts';

/**
 * The plan of care: the current version, certification and physician signature, versions; write or change it.
 * A plan is written from one of the patient's referrals, or without one for a client who came on their own.
 * The current version is screened again on each visit: what the patient's health now rules out is said above it.
 */
export function PlanPage() {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const [mode, setMode] = useState<'view' | 'new' | 'edit'>('view');
  const [message, setMessage] = useState<string | null>(null);
  const plans = usePatientPlans(clinic.id, patientId);
  const current = plans.data ? currentPlan(plans.data.items) : undefined;
  // The current version against the patient's health today: a flag that arose since it was saved shows here.
  const screening = usePlanScreening(clinic.id, patientId, current);
  const referrals = useQuery({
    queryKey: ['patient-referrals', clinic.id, patientId],
    queryFn: () => clinical.patientReferrals(clinic.id, patientId),
  });
  // The author's unsaved work on this patient's plans, so a closed tab is picked up where it was left.
  const drafts = useQuery({
    queryKey: ['plan-drafts', clinic.id, patientId],
    queryFn: () => plansApi.drafts(clinic.id, patientId),
  });
  if (plans.isPending || referrals.isPending || drafts.isPending || cachedFromEarlierVisit(plans, drafts))
    return <Loading />;
  if (plans.isError || referrals.isError || drafts.isError)
    return (
      <Page title="Plan of care">
        <LoadError error={plans.error ?? referrals.error ?? drafts.error} />
      </Page>
    );
  const notice = current && screening.data ? planSafetyNotice(screening.data, current.current) : null;
  const refs = referrals.data.items;
  const draftOf = (planId: string | null) => drafts.data.items.find((d) => d.planId === planId) ?? null;
  // A draft of a change to an older plan is not offered: the change is written on the current plan.
  const waiting = [draftOf(null), current ? draftOf(current.id) : null].filter((d) => d !== null);
  const closed = (note: string | null) => {
    setMode('view');
    setMessage(note);
    void drafts.refetch();
  };
  const saved = (p: Plan) => {
    closed(`Plan saved (version ${p.currentVersion}).`);
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
                to={`/patients/${patientId}/series?${current.referralId ? `referral=${current.referralId}&` : ''}perWeek=${current.current.frequencyPerWeek}&weeks=${current.current.durationWeeks}`}
              >
                Book the sessions
              </Link>
            ) : null}
            <button
              type="button"
              className={`button${current ? ' button-secondary' : ''}`}
              onClick={() => setMode('new')}
            >
              New plan
            </button>
          </>
        ) : null
      }
    >
      <LiveMessage message={message} />
      {mode === 'view'
        ? waiting.map((d) => (
            <Alert key={d.planId ?? 'new'} tone="info">
              <p>
                Your unsaved draft of {d.planId ? 'a change to this plan' : 'a new plan'}, from{' '}
                {formatDateTime(d.updatedAt, clinic.timeZone)}.
              </p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setMode(d.planId ? 'edit' : 'new')}
              >
                Continue the draft
              </button>
            </Alert>
          ))
        : null}
      {mode !== 'view' ? (
        <PlanForm
          patientId={patientId}
          referrals={refs}
          plan={mode === 'edit' ? current : undefined}
          draft={draftOf(mode === 'edit' && current ? current.id : null)}
          onSaved={saved}
          onClose={closed}
        />
      ) : current ? (
        <>
          <ChangesRequestedAlert requests={current.changesRequested} onChange={() => setMode('edit')} />
          <PlanSafetyBanner patientId={patientId} screening={screening} notice={notice} />
          <PlanView plan={current} conflicts={notice?.marks} homeCare={notice?.homeCare} />
        </>
      ) : (
        <EmptyState title="No plan of care yet">
          {refs.length
            ? 'Write one from the referral, or for a client who came on their own: “New plan”.'
            : 'The client came on their own? Write a self-referred plan: “New plan”. Or record the physician’s referral first.'}
        </EmptyState>
      )}
    </Page>
  );
}
