import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { SignPanel } from '../assessments/record.tsx';
import { EditorSafetyFlags } from '../chart/SafetyHeader.tsx';
import { siteName, techniqueName } from '../patients/labels.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { type Plan, plansApi } from '../plans/api.ts';
import { ChangeReason } from '../plans/ChangesRequested.tsx';
import { changeRequestHeadline, ownChangeRequest } from '../plans/change-requests.ts';
import { PlanView } from '../plans/PlanView.tsx';
import { currentPlan, usePatientPlans, usePlanScreening } from '../plans/queries.ts';
import { ChangesPanel } from './ChangesPanel.tsx';
import { type PlanConflict, planSafetyMarks } from './plan-conflicts.ts';

/**
 * The referring physician reads the plan of care for their patient, with the patient's safety flags and the
 * plan screened against them today, and certifies it with a typed signature: a conflict does not stop them (it
 * is their judgement) but is stated beside the signature. Or they answer "changes needed" with their reason; their
 * answer stays shown for this version, and they may still sign it as written.
 */
export function PhysicianPlanPage() {
  const clinic = useClinic();
  const { me } = useSession();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const [message, setMessage] = useState<string | null>(null);
  const plans = usePatientPlans(clinic.id, patientId);
  const current = plans.data ? currentPlan(plans.data.items) : undefined;
  const screening = usePlanScreening(clinic.id, patientId, current);
  const back = <Link to={`/physician/patients/${patientId}`}>Back to the patient</Link>;
  if (plans.isPending) return <Loading />;
  if (plans.isError)
    return (
      <Page title="Plan of care" intro={back}>
        <LoadError error={plans.error} retry={() => plans.refetch()} />
      </Page>
    );
  const marks =
    current && screening.data
      ? planSafetyMarks(screening.data, current.current)
      : { conflicts: [], techniques: new Map(), regions: new Map() };
  const conflicts = marks.conflicts.length ? <ConflictList conflicts={marks.conflicts} /> : null;
  const asked = current ? ownChangeRequest(current, me.user.id) : null;
  return (
    <Page title={titled('Plan of care')} intro={back}>
      <LiveMessage message={message} />
      {!current ? (
        <EmptyState title="No plan of care yet">
          The therapist writes it after the first evaluation.
        </EmptyState>
      ) : (
        <>
          <EditorSafetyFlags patientId={patientId} />
          {screening.isError ? (
            <Alert>
              <p>
                The plan could not be checked against the safety flags ({messageOf(screening.error)}): compare
                them with its techniques and regions before signing.
              </p>
              <button type="button" className="button button-secondary" onClick={() => screening.refetch()}>
                Try again
              </button>
            </Alert>
          ) : null}
          {conflicts ? <Alert>{conflicts}</Alert> : null}
          <PlanView plan={current} conflicts={marks} />
          {asked ? (
            <Alert tone="info">
              <p>
                <strong>{changeRequestHeadline(asked, clinic.timeZone, true)}:</strong>
              </p>
              <ChangeReason reason={asked.reason} />
              <p>
                The therapist sees this on the plan and in their to-do; the changed plan comes back to you to
                sign.
              </p>
            </Alert>
          ) : null}
          {current.signatureWanted ? (
            <p>
              {asked
                ? 'Sign the plan as written if you no longer need the changes.'
                : 'Sign the plan as written, or ask the therapist for changes.'}
            </p>
          ) : null}
          {current.signatureWanted ? (
            <SignPanel
              what="plan of care"
              meaning={signatureMeaning(current)}
              blocked={screening.isPending ? 'Checking the plan against the safety flags…' : null}
              warning={conflicts}
              confirm={
                conflicts
                  ? 'I have read these conflicts and certify the plan as written, in my judgement'
                  : undefined
              }
              onSign={async (typedName) => {
                await plansApi.sign(clinic.id, patientId, current.id, typedName, current.currentVersion);
                setMessage(`Plan of care signed (version ${current.currentVersion}).`);
                await plans.refetch();
              }}
            />
          ) : null}
          {current.signatureWanted && !asked ? (
            <ChangesPanel
              version={current.currentVersion}
              onAsk={async (reason) => {
                await plansApi.requestChanges(
                  clinic.id,
                  patientId,
                  current.id,
                  reason,
                  current.currentVersion,
                );
                setMessage(
                  `Changes asked for (version ${current.currentVersion}): the therapist has your reason.`,
                );
                await plans.refetch();
              }}
            />
          ) : null}
        </>
      )}
    </Page>
  );
}

/** The plan's conflicts with the patient's safety flags: each flag, then what of the plan it rules out. */
function ConflictList({ conflicts }: { conflicts: PlanConflict[] }) {
  return (
    <>
      <p>
        <strong>
          This plan includes work the patient’s safety flags rule out, and no clearance on file covers it.
        </strong>
      </p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.key}>
            {c.flag}. In the plan: {c.techniques.map(techniqueName).join(', ')}
            {c.regions.length ? ` on ${c.regions.map(siteName).join(', ')}` : ''}.
          </li>
        ))}
      </ul>
    </>
  );
}

/** What this signature does, in the physician's terms. */
function signatureMeaning(plan: Plan): string {
  const v = plan.currentVersion;
  // Never null here: a self-referred plan (no certification) is not shown to physicians.
  if (!plan.certification?.certified)
    return `Your typed name certifies version ${v} of this plan. If the therapist changes the plan later, it comes back for your signature.`;
  if (plan.certification.recertificationReason === 'plan-changed')
    return `The plan changed since you signed it: your typed name certifies version ${v}.`;
  return `A plan of care is recertified at least every 90 days: your typed name recertifies version ${v}.`;
}
