import { formatCents } from '../../../../src/domain/billing/money.ts';
import './payments.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, QueryList } from '../../components/Status.tsx';
import { paymentsApi } from './api.ts';

/**
 * Who owes the clinic: each patient's fees for the visits they attended minus what they paid, largest first,
 * with the way to their chart's payments to take what is due.
 */
export function BalancesPage() {
  const clinic = useClinic();
  const balances = useQuery({
    queryKey: ['balances', clinic.id],
    queryFn: () => paymentsApi.balances(clinic.id),
  });
  return (
    <Page
      title="Balances due"
      intro={
        <p>
          Patients who owe for visits they attended, largest balance first.
          {balances.data && balances.data.items.length > 0
            ? ` In all: ${formatCents(balances.data.totalCents)}.`
            : ''}
        </p>
      }
    >
      <QueryList
        query={balances}
        empty={<EmptyState title="Nobody owes the clinic">Every visit attended is paid for.</EmptyState>}
      >
        {(items) => (
          <DataTable
            caption="Balances due"
            rows={items}
            rowKey={(b) => b.patientId}
            columns={[
              {
                label: 'Patient',
                cell: (b) => <Link to={`/patients/${b.patientId}#section-payments`}>{b.patientName}</Link>,
              },
              { label: 'Balance due', cell: (b) => formatCents(b.balanceCents) },
              { label: 'Last visit', cell: (b) => formatDate(b.lastVisitAt, clinic.timeZone) },
            ]}
          />
        )}
      </QueryList>
    </Page>
  );
}
