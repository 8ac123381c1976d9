import { Page } from '../../components/Page.tsx';

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export function Submitted({ at, children }: { at: string | null; children?: React.ReactNode }) {
  return (
    <Page title="Thank you: your questionnaire was sent">
      <div className="alert alert-success" role="status">
        <p>
          Your answers {at ? `were submitted on ${when(at)}` : 'were submitted'}. Your therapist reads them
          before your visit.
        </p>
        <p>If anything about your health changes before then, tell the clinic.</p>
      </div>
      {children}
    </Page>
  );
}
