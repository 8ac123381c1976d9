import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isTeamRole } from '../../../../src/modules/members/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { InvitationsList } from './InvitationsList.tsx';
import { InviteForm } from './InviteForm.tsx';
import { MemberTable } from './MemberTable.tsx';

export function MembersPage() {
  const clinic = useClinic();
  const [message, setMessage] = useState<string | null>(null);
  const members = useQuery({ queryKey: ['members', clinic.id], queryFn: () => endpoints.members(clinic.id) });
  const invitations = useQuery({
    queryKey: ['invitations', clinic.id],
    queryFn: () => endpoints.invitations(clinic.id),
  });

  return (
    <Page
      title="Members"
      intro={
        <p>
          The people who work with {clinic.name} in Palpa, referring physicians included, and what they may
          do. Patients’ portal accounts are on their charts.
        </p>
      }
    >
      <LiveMessage message={message} />
      <section aria-labelledby="team-heading" className="section">
        <h2 id="team-heading">Team</h2>
        {members.isPending ? (
          <Loading />
        ) : members.isError ? (
          <LoadError error={members.error} retry={() => members.refetch()} />
        ) : (
          <MemberTable
            members={members.data.items}
            onChanged={(text) => {
              setMessage(text);
              void members.refetch();
            }}
          />
        )}
      </section>
      <section aria-labelledby="invite-heading" className="section">
        <h2 id="invite-heading">Invite someone</h2>
        <InviteForm
          onInvited={(email) => {
            setMessage(
              `Invitation sent to ${email}. Without an e-mail server, copy the link from the E-mail outbox.`,
            );
            void invitations.refetch();
          }}
        />
      </section>
      <section aria-labelledby="pending-heading" className="section">
        <h2 id="pending-heading">Pending invitations</h2>
        {invitations.isPending ? (
          <Loading />
        ) : invitations.isError ? (
          <LoadError error={invitations.error} retry={() => invitations.refetch()} />
        ) : (
          <InvitationsList
            // A patient's portal invitation is followed on their chart, not with the team's.
            invitations={invitations.data.items.filter((i) => i.status === 'pending' && isTeamRole(i.role))}
            onWithdrawn={(email) => {
              setMessage(`The invitation to ${email} was withdrawn.`);
              void invitations.refetch();
            }}
          />
        )}
      </section>
    </Page>
  );
}
