import { useState } from 'react';
import { TEAM_ROLES, type TeamRole } from '../../../../src/modules/members/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { type Member, ROLE_LABELS } from '../../api/types.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Checkbox } from '../../components/Field.tsx';
import { formatDate } from '../../components/format.ts';
import { Alert, EmptyState } from '../../components/Status.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { EmailAddress } from './EmailAddress.tsx';

type Mode = { userId: string; kind: 'roles' | 'remove' } | null;

export function MemberTable({
  members,
  onChanged,
}: {
  members: Member[];
  onChanged: (message: string) => void;
}) {
  const clinic = useClinic();
  const { roles, me } = useSession();
  const canManage = roles.includes('owner');
  const [mode, setMode] = useState<Mode>(null);
  const finish = (message?: string) => {
    setMode(null);
    if (message) onChanged(message);
  };
  if (members.length === 0) return <EmptyState title="Nobody here yet" />;
  const sorted = [...members].sort(
    (a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName),
  );
  return (
    // Between a phone's cards and a desktop's width (a tablet), six columns can be wider than the page.
    <TableScroll label={`Members of ${clinic.name}`}>
      <DataTable
        caption={`Members of ${clinic.name}`}
        rows={sorted}
        rowKey={(member) => member.id}
        rowClassName={(member) => (member.disabled ? 'row-muted' : undefined)}
        columns={[
          {
            label: 'Name',
            cell: (member) => (
              <>
                {member.displayName}
                {member.id === me.user.id ? (
                  <>
                    {' '}
                    <span className="badge">You</span>
                  </>
                ) : null}
              </>
            ),
          },
          {
            label: 'E-mail',
            className: 'email-cell',
            cell: (member) => <EmailAddress email={member.email} />,
          },
          {
            label: 'Roles',
            cell: (member) =>
              member.disabled ? (
                <span className="badge badge-muted">No access</span>
              ) : (
                member.roles.map((r) => ROLE_LABELS[r]).join(', ')
              ),
          },
          { label: 'Two-factor', cell: (member) => (member.totpEnabled ? 'On' : 'Off') },
          { label: 'Member since', cell: (member) => formatDate(member.since, clinic.timeZone) },
          canManage && {
            label: 'Actions',
            hideLabel: true,
            className: 'actions',
            cell: (member) =>
              member.disabled ? null : (
                <>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Change roles of ${member.displayName}`}
                    aria-expanded={mode?.userId === member.id && mode.kind === 'roles'}
                    onClick={() => setMode({ userId: member.id, kind: 'roles' })}
                  >
                    Change roles
                  </button>
                  <button
                    type="button"
                    className="button button-danger-quiet"
                    aria-label={`Remove access of ${member.displayName}`}
                    onClick={() => setMode({ userId: member.id, kind: 'remove' })}
                  >
                    Remove access
                  </button>
                </>
              ),
          },
        ]}
        rowDetail={(member) =>
          mode?.userId === member.id ? (
            mode.kind === 'roles' ? (
              <RolesEditor member={member} onDone={(m) => finish(m)} />
            ) : (
              <RemoveConfirm member={member} onDone={(m) => finish(m)} />
            )
          ) : null
        }
      />
    </TableScroll>
  );
}

function RolesEditor({ member, onDone }: { member: Member; onDone: (message?: string) => void }) {
  const clinic = useClinic();
  const [selected, setSelected] = useState<TeamRole[]>(member.roles);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="form inline-editor"
      onSubmit={async (event) => {
        event.preventDefault();
        if (selected.length === 0) return setError('Give at least one role');
        setBusy(true);
        setError(null);
        try {
          await endpoints.setRoles(clinic.id, member.id, selected);
          onDone(`${member.displayName}’s roles were changed.`);
        } catch (e) {
          setError(messageOf(e));
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend>Roles of {member.displayName}</legend>
        <div className="checkbox-row">
          {TEAM_ROLES.map((role) => (
            <Checkbox
              key={role}
              label={ROLE_LABELS[role]}
              checked={selected.includes(role)}
              onChange={(e) =>
                setSelected(e.target.checked ? [...selected, role] : selected.filter((r) => r !== role))
              }
            />
          ))}
        </div>
      </fieldset>
      <Alert>{error}</Alert>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          Save roles
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RemoveConfirm({ member, onDone }: { member: Member; onDone: (message?: string) => void }) {
  const clinic = useClinic();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <fieldset className="inline-editor">
      <legend className="visually-hidden">Remove access of {member.displayName}</legend>
      <p>
        Remove {member.displayName}’s access to {clinic.name}? They are signed out at once. Their history
        stays in the records and the audit log.
      </p>
      <Alert>{error}</Alert>
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await endpoints.removeMember(clinic.id, member.id);
              onDone(`${member.displayName} no longer has access.`);
            } catch (e) {
              setError(messageOf(e));
              setBusy(false);
            }
          }}
        >
          Remove access
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
