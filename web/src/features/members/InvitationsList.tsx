import { useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { type Invitation, ROLE_LABELS } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTimeWithZone } from '../../components/format.ts';
import { Alert, EmptyState } from '../../components/Status.tsx';
import { EmailAddress } from './EmailAddress.tsx';

export function InvitationsList({
  invitations,
  onWithdrawn,
}: {
  invitations: Invitation[];
  onWithdrawn: (email: string) => void;
}) {
  const clinic = useClinic();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (invitations.length === 0) {
    return (
      <EmptyState title="No pending invitations">
        Invitations you send appear here until they are accepted.
      </EmptyState>
    );
  }
  return (
    <>
      <Alert>{error}</Alert>
      <DataTable
        caption="Pending invitations"
        rowHeader={false}
        rows={invitations}
        rowKey={(invitation) => invitation.id}
        columns={[
          {
            label: 'E-mail',
            className: 'email-cell',
            cell: (invitation) => <EmailAddress email={invitation.email} />,
          },
          { label: 'Role', cell: (invitation) => ROLE_LABELS[invitation.role] },
          {
            label: 'Expires',
            // Written as the invitation page writes it, so owner and invitee read the same time.
            cell: (invitation) => formatDateTimeWithZone(invitation.expiresAt, clinic.timeZone),
          },
          {
            label: 'Actions',
            hideLabel: true,
            className: 'actions',
            cell: (invitation) => (
              <button
                type="button"
                className="button button-secondary"
                disabled={busy === invitation.id}
                aria-label={`Withdraw the invitation to ${invitation.email}`}
                onClick={async () => {
                  setBusy(invitation.id);
                  setError(null);
                  try {
                    await endpoints.withdrawInvitation(clinic.id, invitation.id);
                    onWithdrawn(invitation.email);
                  } catch (e) {
                    setError(messageOf(e));
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                Withdraw
              </button>
            ),
          },
        ]}
      />
    </>
  );
}
