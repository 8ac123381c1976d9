import { Page } from '../../components/Page.tsx';
import { changesText, submittedText } from './times.ts';
import { UrgentAdvice } from './UrgentAdvice.tsx';

/**
 * The thank-you page. When the answers hold an emergency red flag, the urgent advice comes first and the
 * "your therapist reads them before your visit" reassurance is left out: the patient must not wait.
 */
export function Submitted({
  at,
  timeZone,
  urgent = false,
  children,
}: {
  at: string | null;
  /** The clinic's time zone. */
  timeZone: string;
  /** The answers said "yes" to an emergency red flag. */
  urgent?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <Page title="Thank you: your questionnaire was sent">
      {urgent ? <UrgentAdvice afterSubmit /> : null}
      <div className="alert alert-success" role="status">
        <p>{submittedText(at, timeZone, urgent)}</p>
        <p>{changesText(urgent)}</p>
      </div>
      {children}
    </Page>
  );
}
