import { useEffect, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { formatDateTime } from '../../components/format.ts';

/**
 * The typed-name electronic signature: what is being signed, by whom, and the time it will carry.
 * Palpa stores the typed name, the time and a SHA-256 hash of the signed content.
 */
export function SignatureBox({
  summary,
  typedName,
  onTypedName,
  error,
  timeZone,
}: {
  summary: string[];
  typedName: string;
  onTypedName: (name: string) => void;
  error?: string;
  timeZone: string;
}) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <fieldset className="signature card">
      <legend>Electronic signature</legend>
      <p>You are signing this referral:</p>
      <ul className="signed-summary">
        {summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="small">
        Signing time: <strong>{formatDateTime(now.toISOString(), timeZone)}</strong> (recorded when you
        submit). Palpa keeps your typed name, the time and a fingerprint (SHA-256 hash) of exactly what you
        signed, so any later change shows.
      </p>
      <Field
        label="Type your full name to sign"
        hint="Typing your name has the effect of your handwritten signature."
        error={error}
      >
        {(p) => (
          <input
            {...p}
            value={typedName}
            autoComplete="name"
            className="signature-input"
            onChange={(e) => onTypedName(e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}
