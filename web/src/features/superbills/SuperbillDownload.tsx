import './superbill.css';
import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { patientPath } from '../body-chart/api.ts';
import { addDays, todayIn } from '../calendar/time.ts';

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
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(addDays(today, -30));
  const [to, setTo] = useState(today);
  const backwards = Boolean(from && to && from > to);
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
          <Field label="From">
            {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label="To" error={backwards ? 'The end comes on or after the start' : undefined}>
            {(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
          {from && to && !backwards ? (
            <a className="button button-secondary" href={href} download={`superbill-${from}-to-${to}.pdf`}>
              Download the superbill (PDF)
            </a>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
