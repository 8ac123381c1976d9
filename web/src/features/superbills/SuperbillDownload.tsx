import './superbill.css';
import { patientPath } from '../body-chart/api.ts';
import { DateRangeFields, useDateRange } from './DateRange.tsx';

/**
 * The superbill of the visits documented between two dates (the last 30 days to begin with): itemised codes
 * and fees the patient sends their insurer. A plain download link, so it opens as any file would.
 */
export function SuperbillDownload({
  clinicId,
  patientId,
  timeZone,
}: {
  clinicId: string;
  patientId: string;
  timeZone: string;
}) {
  const range = useDateRange(timeZone);
  const { from, to } = range;
  const href = `${patientPath(clinicId, patientId)}/superbill.pdf?from=${from}&to=${to}`;
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
          {range.complete ? (
            <a className="button button-secondary" href={href} download={`superbill-${from}-to-${to}.pdf`}>
              Download the superbill (PDF)
            </a>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
