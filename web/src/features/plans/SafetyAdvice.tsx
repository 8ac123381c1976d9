import { Link } from 'react-router';

/**
 * What to do about what the patient's health rules out (`ruledOutAdvice`), then, only when a physician clearance
 * can lift some of it, where to ask for one and record the answer: the plan page, the plan form and the
 * session-note editor say the same.
 */
export function SafetyAdvice({
  patientId,
  advice,
  liftable,
}: {
  patientId: string;
  advice: string;
  liftable: boolean;
}) {
  const chart = `/patients/${patientId}`;
  return (
    <>
      <p>{advice}</p>
      {liftable ? (
        <p className="clearance-links">
          <Link to={`${chart}#section-clearances`}>Ask a physician for clearance</Link>
          <Link to={`${chart}?clearance=new#section-clearances`}>Record a clearance for this</Link>
        </p>
      ) : null}
    </>
  );
}
