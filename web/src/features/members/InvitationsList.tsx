import { useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { type Invitation, ROLE_LABELS } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Alert, EmptyState } from '../../components/Status.tsx';

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
      <table className="table responsive-table">
        <caption className="visually-hidden">Pending invitations</caption>
        <thead>
          <tr>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td data-label="E-mail" className="break">
                {invitation.email}
              </td>
              <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
              <td data-label="Expires">{formatDateTime(invitation.expiresAt, clinic.timeZone)}</td>
              <td className="actions">
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
