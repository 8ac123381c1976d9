import { Page } from '../../components/Page.tsx';
import { submittedText } from './times.ts';

export function Submitted({
  at,
  timeZone,
  children,
}: {
  at: string | null;
  /** The clinic's time zone. */
  timeZone: string;
  children?: React.ReactNode;
}) {
  return (
    <Page title="Thank you: your questionnaire was sent">
      <div className="alert alert-success" role="status">
        <p>{submittedText(at, timeZone)}</p>
        <p>If anything about your health changes before then, tell the clinic.</p>
      </div>
      {children}
    </Page>
  );
}
