import { Link } from 'react-router';
import { Checkbox } from '../../components/Field.tsx';
import { siteName, techniqueName } from '../patients/labels.tsx';
import type { ScreeningFinding } from './api.ts';

/**
 * What the plan screening refused: contraindicated technique/region pairs (with the reason in plain words and
 * a link to record a clearance), or precautions to acknowledge before saving.
 */
export function ScreeningResult({
  patientId,
  code,
  findings,
  acknowledged,
  onAcknowledge,
}: {
  patientId: string;
  code: 'contraindicated' | 'precautions_unacknowledged';
  findings: ScreeningFinding[];
  acknowledged: string[];
  onAcknowledge: (keys: string[]) => void;
}) {
  if (code === 'contraindicated')
    return (
      <div className="alert alert-error" role="alert">
        <p>
          <strong>Not saved: the patient’s health rules out part of this plan.</strong> Change the plan, or
          record a physician’s clearance first.
        </p>
        <ul>
          {findings.map((f) => (
            <li key={f.key}>
              <strong>{f.subject}</strong>: {f.restriction}
              {f.conflicts.length ? (
                <ul>
                  {f.conflicts.map((c) => (
                    <li key={`${c.technique}-${c.regions.join()}`}>
                      Blocked: {techniqueName(c.technique)} on {c.regions.map(siteName).join(', ')}
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="small">{f.message}</div>
              {f.clearancePolicy !== 'not-overridable' ? (
                <Link to={`/patients/${patientId}?clearance=new#section-clearances`}>
                  Record a clearance for this
                </Link>
              ) : (
                <span className="small"> A clearance cannot override this: change the plan.</span>
              )}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="alert alert-warning" role="alert">
      <p>
        <strong>Acknowledge the precautions before saving:</strong>
      </p>
      {findings.map((f) => (
        <Checkbox
          key={f.key}
          label={
            <>
              I acknowledge: <strong>{f.subject}</strong> — {f.restriction}
            </>
          }
          checked={acknowledged.includes(f.key)}
          onChange={(e) =>
            onAcknowledge(
              e.target.checked ? [...acknowledged, f.key] : acknowledged.filter((k) => k !== f.key),
            )
          }
        />
      ))}
    </div>
  );
}
