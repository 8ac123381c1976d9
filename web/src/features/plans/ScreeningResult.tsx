import { clearanceCanLift, ruledOutAdvice } from '../../../../src/domain/safety/advice.ts';
import { Checkbox } from '../../components/Field.tsx';
import { siteName, techniqueName } from '../patients/labels.tsx';
import type { ScreeningFinding } from './api.ts';
import { standingText } from './plan-safety.ts';
import { SafetyAdvice } from './SafetyAdvice.tsx';

/**
 * What the plan screening refused: contraindicated technique/region pairs (with the reason in plain words, and
 * whether a physician clearance can lift each), or precautions to acknowledge before saving.
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
          <strong>This plan version was not saved: the patient’s health rules out part of it.</strong>
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
              {f.homeCare?.length ? (
                <ul>
                  {f.homeCare.map((h) => (
                    <li key={h.id}>Blocked: home care “{h.title}”</li>
                  ))}
                </ul>
              ) : null}
              <div className="small">{f.message}</div>
              <div className="small">{standingText(f)}</div>
            </li>
          ))}
        </ul>
        <SafetyAdvice
          patientId={patientId}
          advice={ruledOutAdvice(findings, 'plan')}
          liftable={findings.some(clearanceCanLift)}
        />
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
