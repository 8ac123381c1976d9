import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { SignatureNameField } from '../assessments/SignatureNameField.tsx';
import { signNameProblem } from '../assessments/sign-name.ts';
import type { NoteOverride } from './api.ts';
import { OverrideReasonField, RuledOutList } from './OverrideFields.tsx';
import { overrideLines, overrideReasonProblem, type RuledOutFinding } from './override.ts';

/**
 * The sign step's way out when the screening rules the treatment out but it was really given (a fact learned
 * after the visit, a physician's verbal instruction before the written clearance): the therapist writes why and
 * signs; the note then says "Given despite a contraindication" with the findings, the reason and who recorded it.
 */
export function OverrideSign({
  findings,
  onSign,
}: {
  findings: readonly RuledOutFinding[];
  onSign: (typedName: string, reason: string) => Promise<unknown>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [name, setName] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Opening moves to the reason; closing gives the focus back to the button that opened it.
    if (open) reasonInput.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <section className="card override-sign" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Was this treatment given?</h2>
      <p className="small">
        If the treatment ruled out was really given — a fact you learned after the visit, or a physician’s
        verbal instruction before the written clearance arrived — record it as it happened and say why. The
        note will say plainly it was given despite a contraindication, and the clinic owner sees it.
      </p>
      {!open ? (
        <button
          ref={opener}
          type="button"
          className="button button-secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          This treatment was given — record why
        </button>
      ) : (
        <form
          className="override-form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            const reasonProblem = overrideReasonProblem(reason);
            const nameProblem = signNameProblem(name);
            setReasonError(reasonProblem);
            setNameError(nameProblem);
            if (reasonProblem) reasonInput.current?.focus();
            else if (nameProblem) nameInput.current?.focus();
            if (reasonProblem || nameProblem) return;
            setBusy(true);
            try {
              await onSign(name, reason.trim());
            } catch (err) {
              const issues = err instanceof ApiError ? err.fieldIssues : [];
              const atReason = issues.find((i) => i.path.startsWith('contraindicationOverride'));
              const atName = issues.find((i) => i.path === 'typedName');
              if (atReason) setReasonError(atReason.message);
              else if (atName) setNameError(atName.message);
              else setError(messageOf(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <RuledOutList title="Given despite:" findings={findings} />
          <Alert>{error}</Alert>
          <OverrideReasonField
            value={reason}
            onChange={setReason}
            error={reasonError}
            inputRef={reasonInput}
            required
          />
          <SignatureNameField value={name} onChange={setName} error={nameError} inputRef={nameInput} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              Sign with this reason
            </button>
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * A signed note's plain statement that treatment was given despite a contraindication (at signing, or in an
 * amendment): what it set aside, why, and who recorded it when. One the treatment was corrected since is
 * collapsed and muted, "Replaced by the correction of …", still readable when opened.
 */
export function OverrideNotice({ override, amendment }: { override: NoteOverride; amendment?: boolean }) {
  const clinic = useClinic();
  const lines = overrideLines(override, (iso) => formatDateTime(iso, clinic.timeZone));
  const title = `${lines.heading}${amendment ? ' (corrected treatment, in an amendment)' : ''}`;
  const body = (
    <>
      <dl className="facts">
        <div>
          <dt>Ruled out by</dt>
          <dd>{lines.findings}</dd>
        </div>
        <div>
          <dt>Reason</dt>
          <dd className="prewrap">{lines.reason}</dd>
        </div>
      </dl>
      <p className="small">{lines.recorded}</p>
    </>
  );
  if (lines.replaced)
    return (
      <details className="override-notice override-replaced muted">
        <summary>
          {title} — {lines.replaced}
        </summary>
        {body}
      </details>
    );
  return (
    <div className="alert alert-warning override-notice" role="note">
      <p>
        <strong>{title}</strong>
      </p>
      {body}
    </div>
  );
}
