import type { UseQueryResult } from '@tanstack/react-query';
import { messageOf } from '../../api/client.ts';
import { Alert } from '../../components/Status.tsx';
import { siteName, techniqueName } from '../patients/labels.tsx';
import type { PlanScreening } from './api.ts';
import type { PlanSafetyNotice } from './plan-safety.ts';
import { SafetyAdvice } from './SafetyAdvice.tsx';

/**
 * Above the current plan: what the patient's health (intake, health history, physicians' answers) now rules out
 * of it or asks care for, and what to do. Said while the plan is read, not only when a new version is saved.
 */
export function PlanSafetyBanner({
  patientId,
  screening,
  notice,
}: {
  patientId: string;
  screening: UseQueryResult<PlanScreening>;
  notice: PlanSafetyNotice | null;
}) {
  if (screening.isError)
    return (
      <Alert>
        <p>
          The plan could not be checked against the patient’s health today ({messageOf(screening.error)}):
          compare the safety flags on the chart with its techniques and regions.
        </p>
        <button type="button" className="button button-secondary" onClick={() => screening.refetch()}>
          Try again
        </button>
      </Alert>
    );
  if (!notice) return null;
  return (
    <>
      {notice.advice ? (
        <Alert>
          <p>
            <strong>The patient’s health now rules out part of this plan</strong>, and no clearance on file
            covers it.
          </p>
          <ul>
            {notice.conflicts.map((c) => (
              <li key={c.key}>
                {c.flag}. In the plan: {c.techniques.map(techniqueName).join(', ')}
                {c.regions.length ? ` on ${c.regions.map(siteName).join(', ')}` : ''}.
                <div className="small">{c.standing}</div>
              </li>
            ))}
            {notice.homeCareRuledOut.length ? (
              <li>Home care: {notice.homeCareRuledOut.join(', ')} (marked below).</li>
            ) : null}
          </ul>
          <SafetyAdvice patientId={patientId} advice={notice.advice} liftable={notice.liftable} />
        </Alert>
      ) : null}
      {notice.precautions.length ? (
        <Alert tone="warning">
          <p>
            <strong>The patient’s health now asks for care with this plan</strong>, since this version was
            saved:
          </p>
          <ul>
            {notice.precautions.map((p) => (
              <li key={p.key}>
                {p.flag} ({p.reason}).
              </li>
            ))}
          </ul>
          <p>Work within these at each session. Changing the plan records that you have read them.</p>
        </Alert>
      ) : null}
    </>
  );
}
