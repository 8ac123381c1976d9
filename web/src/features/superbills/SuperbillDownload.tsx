import './superbill.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SuperbillCheck } from '../../../../src/modules/superbills/schemas.ts';
import { api, messageOf } from '../../api/client.ts';
import { canOpen } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { patientPath } from '../body-chart/api.ts';
import type { ClaimFix } from './claim-fixes.ts';
import { DateRangeFields, useDateRange } from './DateRange.tsx';
import {
  leftOutFix,
  leftOutLine,
  leftOutTitle,
  superbillSummary,
  withoutDiagnosisFix,
  withoutDiagnosisLine,
  withoutDiagnosisTitle,
} from './superbill-check.ts';

/**
 * The superbill of the visits documented between two dates (the last 30 days to begin with): itemised codes
 * and fees the patient sends their insurer. A plain download link, so it opens as any file would. For the
 * clinic's staff (`staff`), the superbill is checked first: what it lists and what was paid, the visits with
 * no diagnosis (the insurer cannot reimburse them), and the visits of the period it leaves out, with why and a
 * link to where each is put right.
 */
export function SuperbillDownload({
  clinicId,
  patientId,
  timeZone,
  staff = false,
}: {
  clinicId: string;
  patientId: string;
  timeZone: string;
  staff?: boolean;
}) {
  const range = useDateRange(timeZone);
  const { from, to } = range;
  const href = `${patientPath(clinicId, patientId)}/superbill.pdf?from=${from}&to=${to}`;
  const check = useQuery({
    queryKey: ['superbill-check', clinicId, patientId, from, to],
    queryFn: () =>
      api<SuperbillCheck>(`${patientPath(clinicId, patientId)}/superbill`, { query: { from, to } }),
    enabled: staff && range.complete,
  });
  const download = (
    <a className="button button-secondary" href={href} download={`superbill-${from}-to-${to}.pdf`}>
      Download the superbill (PDF)
    </a>
  );
  return (
    <div className="superbill">
      <fieldset>
        <legend>Superbill for insurance</legend>
        <p className="small muted">
          The visits documented between two dates, with their procedure and diagnosis codes and fees, to claim
          from an insurer.
        </p>
        <div className="field-row">
          <DateRangeFields range={range} />
          {range.complete && !staff ? download : null}
        </div>
        {staff && range.complete ? (
          <>
            <div aria-live="polite" role="status" className="live-message">
              {check.isPending ? <p className="small muted">Checking the visits of the period…</p> : null}
              {check.isError ? (
                <div className="alert alert-error">
                  The superbill could not be checked: {messageOf(check.error)}
                </div>
              ) : null}
              {check.data ? <p>{superbillSummary(check.data)}</p> : null}
            </div>
            {check.data ? <SuperbillFindings check={check.data} patientId={patientId} /> : null}
            <div className="claim-downloads">{download}</div>
          </>
        ) : null}
      </fieldset>
    </div>
  );
}

/** The check's findings: the alert for the visits with no diagnosis, and the visits left out. */
function SuperbillFindings({ check, patientId }: { check: SuperbillCheck; patientId: string }) {
  return (
    <div className="superbill-findings">
      {check.withoutDiagnosis.length > 0 ? (
        <div className="alert alert-warning" role="alert">
          <h4 className="alert-title">{withoutDiagnosisTitle(check.withoutDiagnosis.length)}</h4>
          <ul>
            {check.withoutDiagnosis.map((v) => (
              <li key={v.noteId}>
                {withoutDiagnosisLine(v)} <FixLink fix={withoutDiagnosisFix(v, patientId)} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {check.leftOut.length > 0 ? (
        <section aria-label="Visits not on this superbill">
          <h4>{leftOutTitle(check.leftOut.length)}</h4>
          <ul>
            {check.leftOut.map((v) => (
              <li key={`${v.date}-${v.noteId ?? v.appointmentId}`}>
                {leftOutLine(v)} <FixLink fix={leftOutFix(v, patientId)} />
              </li>
            ))}
          </ul>
        </section>
      ) : check.visits > 0 ? (
        <p className="small muted">Every visit of the period is on it.</p>
      ) : null}
    </div>
  );
}

/** A link to where it is put right, or who can, for a page the reader may not open. */
function FixLink({ fix }: { fix: ClaimFix | null }) {
  const { roles } = useSession();
  if (fix === null) return null;
  return canOpen(roles, fix.gate) ? (
    <Link to={fix.to}>{fix.label}</Link>
  ) : (
    <span className="muted">
      ({fix.gate === 'todo' ? 'the therapist can do this' : 'the clinic owner can fix this'})
    </span>
  );
}
