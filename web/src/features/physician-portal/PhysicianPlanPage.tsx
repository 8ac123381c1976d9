import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { SignPanel } from '../assessments/record.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { type Plan, plansApi } from '../plans/api.ts';
import { PlanView } from '../plans/PlanView.tsx';
import { currentPlan, usePatientPlans } from '../plans/queries.ts';

/** The referring physician reads the plan of care for their patient and certifies it with a typed signature. */
export function PhysicianPlanPage() {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const [message, setMessage] = useState<string | null>(null);
  const plans = usePatientPlans(clinic.id, patientId);
  const back = <Link to={`/physician/patients/${patientId}`}>Back to the patient</Link>;
  if (plans.isPending) return <Loading />;
  if (plans.isError)
    return (
      <Page title="Plan of care" intro={back}>
        <LoadError error={plans.error} retry={() => plans.refetch()} />
      </Page>
    );
  const current = currentPlan(plans.data.items);
  return (
    <Page title={titled('Plan of care')} intro={back}>
      <LiveMessage message={message} />
      {!current ? (
        <EmptyState title="No plan of care yet">
          The therapist writes it after the first evaluation.
        </EmptyState>
      ) : (
        <>
          <PlanView plan={current} />
          {current.signatureWanted ? (
            <SignPanel
              what="plan of care"
              meaning={signatureMeaning(current)}
              onSign={async (typedName) => {
                await plansApi.sign(clinic.id, patientId, current.id, typedName, current.currentVersion);
                setMessage(`Plan of care signed (version ${current.currentVersion}).`);
                await plans.refetch();
              }}
            />
          ) : null}
        </>
      )}
    </Page>
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
