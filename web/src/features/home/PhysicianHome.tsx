import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDate, formatDueDay, localDateIn } from '../../components/format.ts';
import { clearanceRequestsApi, physicianClearanceRequestsKey } from '../chart/ClearanceRequests.tsx';
import { type PlanToSign, plansApi } from '../plans/api.ts';
import { reportsApi } from '../reports/api.ts';
import { SummaryTile } from './SummaryTile.tsx';

const SIGN_REASON: Record<PlanToSign['reason'], string> = {
  certification: 'certify the new plan',
  'plan-changed': 'the plan changed: sign it again',
  '90-days': 'recertify the plan (every 90 days)',
};

/**
 * A referring physician's first screen: clearances therapists asked of them, plans of care waiting for their
 * signature, reports not yet read, and where to refer or follow a patient.
 */
/** The tile leads to the work: the one plan to sign, or the list of them below; with none, to the patients. */
function plansToSignLink(items: { patientId: string }[] | undefined): string {
  if (!items?.length) return '/physician';
  return items.length === 1 ? `/physician/patients/${items[0]!.patientId}/plan` : '#plans-to-sign';
}

export function PhysicianHome() {
  const clinic = useClinic();
  const reports = useQuery({
    queryKey: ['physician-reports', clinic.id],
    queryFn: () => reportsApi.physicianList(clinic.id),
  });
  const toSign = useQuery({
    queryKey: ['plans-to-sign', clinic.id],
    queryFn: () => plansApi.toSign(clinic.id),
  });
  const clearances = useQuery({
    queryKey: physicianClearanceRequestsKey(clinic.id),
    queryFn: () => clearanceRequestsApi.forPhysician(clinic.id),
  });
  const unread = reports.data?.items.filter((r) => r.openedAt === null);
  const today = localDateIn(clinic.timeZone);
  return (
    <section className="card" aria-labelledby="home-physician">
      <h2 id="home-physician">Your patients here</h2>
      <section className="summary" aria-label="At a glance">
        <SummaryTile
          to={plansToSignLink(toSign.data?.items)}
          number={toSign.data?.items.length}
          failed={toSign.isError}
          one="plan of care to sign"
          many="plans of care to sign"
        />
        <SummaryTile
          to="/physician/reports"
          number={unread?.length}
          failed={reports.isError}
          one="new report"
          many="new reports"
        />
        <SummaryTile
          to="/physician/reports"
          number={reports.data?.items.length}
          failed={reports.isError}
          one="report in all"
          many="reports in all"
        />
      </section>
      {clearances.data?.items.length ? (
        <>
          <h3>Clearances asked of you</h3>
          <ul className="checklist" aria-label="Clearances asked of you">
            {clearances.data.items.map((r) => (
              <li key={r.id}>
                <Link to={`/physician/patients/${r.patientId}?clearanceRequest=${r.id}#section-clearances`}>
                  {r.patientName}
                </Link>{' '}
                · asked by {r.requestedBy}, {formatDate(r.requestedAt, clinic.timeZone)}
                <div className="small muted">{r.question}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {toSign.data?.items.length ? (
        <>
          <h3 id="plans-to-sign">Plans of care to sign</h3>
          <ul className="checklist" aria-label="Plans of care to sign">
            {toSign.data.items.map((p) => (
              <li key={p.planId}>
                <Link to={`/physician/patients/${p.patientId}/plan`}>{p.patientName}</Link> ·{' '}
                {SIGN_REASON[p.reason]}
                {p.dueOn ? `, due ${formatDueDay(p.dueOn, today)}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unread?.length ? (
        <>
          <h3>New reports to read</h3>
          <ul className="checklist" aria-label="New reports">
            {unread.map((r) => (
              <li key={r.id}>
                <Link to={`/physician/reports/${r.id}`}>{r.title}</Link> · {r.patientName}, signed{' '}
                {formatDate(r.signedAt, clinic.timeZone)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Refer and follow your patients</h3>
      <ul className="checklist">
        <li>
          <Link to="/physician">My patients</Link>: their referrals, visits used and progress.
        </li>
        <li>
          <Link to="/physician/referrals/new">Send a referral</Link> with its diagnoses, signed
          electronically.
        </li>
      </ul>
    </section>
  );
}
