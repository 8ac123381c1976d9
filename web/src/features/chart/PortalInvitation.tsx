import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { Alert, LiveMessage } from '../../components/Status.tsx';
import type { Patient } from '../patients/api.ts';

interface PortalInvitationSent {
  invitationId: string;
  email: string;
  expiresAt: string;
}

const invitePath = (clinicId: string, patientId: string) =>
  `/api/clinics/${encodeURIComponent(clinicId)}/patients/${encodeURIComponent(patientId)}/portal-invitation`;

/** Why an invitation could not be sent, in words for the front desk. */
function problem(error: unknown): string {
  if (error instanceof ApiError && error.status === 409)
    return 'This patient already has a portal account, so no invitation was sent.';
  if (error instanceof ApiError && error.status === 422)
    return 'No invitation was sent: this patient’s record has no e-mail address. Add one to the record first.';
  return messageOf(error);
}

/**
 * The chart header's portal line (staff): whether the patient has a portal account, and if not, "Invite to
 * patient portal", which e-mails a link that ties the account they create to this record.
 */
export function PortalInvitation({ patient, onChanged }: { patient: Patient; onChanged: () => void }) {
  const clinic = useClinic();
  const [sent, setSent] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () => api<PortalInvitationSent>(invitePath(clinic.id, patient.id), { method: 'POST' }),
    onSuccess: (r) =>
      setSent(
        `A portal invitation was e-mailed to ${r.email}. The link works until ${formatDate(r.expiresAt, clinic.timeZone)}.`,
      ),
    onError: (error) => {
      setSent(null);
      // Linked meanwhile (e.g. the patient booked online): show the record as it is now.
      if (error instanceof ApiError && error.status === 409) onChanged();
    },
  });
  return (
    <div className="portal-access">
      <p className="small">
        <strong>Patient portal:</strong>{' '}
        {patient.hasPortalAccount
          ? 'has an account (intake, appointments and online booking).'
          : 'no account yet.'}
      </p>
      {patient.hasPortalAccount ? null : (
        <button
          type="button"
          className="button button-secondary"
          disabled={invite.isPending}
          onClick={() => invite.mutate()}
        >
          {invite.isPending
            ? 'Sending…'
            : sent
              ? 'Send the portal invitation again'
              : 'Invite to patient portal'}
        </button>
      )}
      <LiveMessage message={sent} />
      <Alert>{invite.error ? problem(invite.error) : null}</Alert>
    </div>
  );
}
