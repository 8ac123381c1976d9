import { formatDay } from '../../components/format.ts';
import type { Administration } from './api.ts';
import { readableMethod, unansweredText } from './method.ts';
import { formatScore, scoreText } from './score.ts';

/** The server's score, band and change from baseline (improved / no meaningful change / worse, MCID and source). */
export function OutcomeResult({ result }: { result: Administration }) {
  const c = result.change;
  return (
    <div className="outcome-result">
      <p>
        <strong>
          {result.instrumentName} score {scoreText(result.instrumentId, result.score)}
        </strong>
        {result.band ? <> · {result.band}</> : null}
        <span className="muted small">
          {' '}
          ({result.direction === 'higher-is-worse' ? 'higher is worse' : 'higher is better'})
        </span>
      </p>
      {result.missingItems.length ? (
        <p className="small muted">
          Unanswered: {unansweredText(result.instrumentId, result.missingItems)} —{' '}
          {readableMethod(result.method)}
        </p>
      ) : null}
      {c ? (
        <p>
          Change from baseline ({scoreText(result.instrumentId, c.baselineScore)} on {formatDay(c.baselineOn)}
          ):{' '}
          <span className={`change-${c.classification}`}>
            {c.change > 0 ? '+' : ''}
            {formatScore(c.change)} — {c.label}
          </span>
          <span className="small muted">
            {' '}
            (MCID {formatScore(c.mcidUsed.value)} {c.mcidUsed.unit}, {c.mcidUsed.source})
          </span>
        </p>
      ) : (
        <p className="muted small">Baseline: later scores are compared with this one.</p>
      )}
    </div>
  );
}
