import { Page } from '../../components/Page.tsx';
import { EmptyState } from '../../components/Status.tsx';

/** A portal page for an account the clinic has not linked to a patient record yet. */
export function NotLinked({ title }: { title: string }) {
  return (
    <Page title={title}>
      <EmptyState title="Your account is not linked to a patient record yet">
        Ask the clinic to link your account.
      </EmptyState>
    </Page>
  );
}
