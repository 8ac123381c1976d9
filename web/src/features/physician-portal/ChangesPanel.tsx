import { useId, useRef, useState } from 'react';
import { PLAN_CHANGE_REASON_MAX } from '../../../../src/modules/plans/schemas.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { Alert } from '../../components/Status.tsx';
import { changeReasonProblem } from '../plans/change-requests.ts';

/**
 * The physician's other answer to a plan version: "changes needed", with their reason for the therapist, instead
 * of signing. The plan comes back to them as a new version.
 */
export function ChangesPanel({
  version,
  onAsk,
}: {
  version: number;
  onAsk: (reason: string) => Promise<unknown>;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  return (
    <section className="card sign-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Or ask for changes</h2>
      <p className="muted small">
        Not ready to certify version {version}? Tell the therapist what to change and why. They see it on the
        plan and in their to-do; the changed plan comes back to you to sign.
      </p>
      <Alert>{error}</Alert>
      <form
        className="sign-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          const problem = changeReasonProblem(reason);
          setReasonError(problem);
          if (problem) {
            input.current?.focus();
            return;
          }
          setBusy(true);
          try {
            await onAsk(reason.trim());
            setReason('');
          } catch (err) {
            const issue =
              err instanceof ApiError ? err.fieldIssues.find((i) => i.path === 'reason') : undefined;
            if (issue) {
              setReasonError(issue.message);
              input.current?.focus();
            } else setError(messageOf(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Field
          label="What needs to change, and why"
          hint={`Plain text, up to ${PLAN_CHANGE_REASON_MAX.toLocaleString('en-US')} characters. For example: no trigger point therapy while the patient takes a blood thinner.`}
          error={reasonError ?? undefined}
        >
          {(p) => (
            <textarea
              {...p}
              ref={input}
              rows={4}
              maxLength={PLAN_CHANGE_REASON_MAX}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
            />
          )}
        </Field>
        <button type="submit" className="button button-secondary" disabled={busy}>
          Ask for changes
        </button>
      </form>
    </section>
  );
}
