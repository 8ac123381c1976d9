import { useState } from 'react';

/** Recovery codes, shown once, with ways to keep them. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="recovery-codes">
      <h2 id="recovery-heading">Your recovery codes</h2>
      <p>
        <strong>Save these now — they are shown only once.</strong> If you lose your phone, each code lets you
        sign in one time. Copy them into a password manager or print them and keep the paper somewhere safe.
      </p>
      <ul className="code-list" aria-labelledby="recovery-heading" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions no-print">
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(codes.join('\n'));
              setCopied('Copied to the clipboard.');
            } catch {
              setCopied('Copying is not allowed here: select the codes and copy them by hand.');
            }
          }}
        >
          Copy codes
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          Print codes
        </button>
      </div>
      <div role="status" className="field-hint">
        {copied ?? ''}
      </div>
    </div>
  );
}
