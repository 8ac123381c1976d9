import { useClinic } from '../../app/session.tsx';
import { Alert } from '../../components/Status.tsx';
import './change-requests.css';
import type { PlanChangeRequest } from './api.ts';
import { changeRequestHeadline, reasonParagraphs } from './change-requests.ts';

/** A physician's reason, quoted as they wrote it. */
export function ChangeReason({ reason }: { reason: string }) {
  return (
    <blockquote className="change-reason">
      {reasonParagraphs(reason).map((line, i) => (
        // Lines of one fixed text: their order is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <p key={i}>{line}</p>
      ))}
    </blockquote>
  );
}

/**
 * The therapist's notice that a physician answered the current version "changes needed": who, when, which
 * version and why, with the way to the change. A new version closes it.
 */
export function ChangesRequestedAlert({
  requests,
  onChange,
}: {
  requests: readonly PlanChangeRequest[];
  onChange: () => void;
}) {
  const clinic = useClinic();
  if (requests.length === 0) return null;
  return (
    <Alert tone="warning">
      {requests.map((r) => (
        <div key={r.id}>
          <p>
            <strong>{changeRequestHeadline(r, clinic.timeZone)}:</strong>
          </p>
          <ChangeReason reason={r.reason} />
        </div>
      ))}
      <p>Save a new version of the plan with the changes: it goes back to the physician to sign.</p>
      <button type="button" className="button" onClick={onChange}>
        Change the plan
      </button>
    </Alert>
  );
}
