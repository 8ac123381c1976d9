import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { z } from 'zod';
import type { physicianAccess } from '../../../../src/modules/patients/schemas.ts';
import { api, messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { Alert, LiveMessage, Loading } from '../../components/Status.tsx';
import { patientPath } from '../body-chart/api.ts';
import { SectionHeading } from './sections.tsx';

type Access = z.infer<typeof physicianAccess>;

/**
 * Which physician accounts may read this patient's record, and why (their referral, or access given by the
 * clinic). Staff take access away when the care ends or the patient asks, and (those who manage the team)
 * give it to another physician of the clinic. Least privilege: nobody else sees the record.
 */
export function PhysicianAccessSection({ patientId }: { patientId: string }) {
  const clinic = useClinic();
  const id = useId();
  const path = `${patientPath(clinic.id, patientId)}/physicians`;
  const access = useQuery({
    queryKey: ['physician-access', clinic.id, patientId],
    queryFn: () => api<{ items: Access[] }>(path),
  });
  // Giving access names a physician member: the team list is for those who manage it.
  const managesTeam = clinic.roles.some((r) => r === 'owner' || r === 'front_desk');
  const members = useQuery({
    queryKey: ['members', clinic.id],
    queryFn: () => endpoints.members(clinic.id),
    enabled: managesTeam,
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const change = async (run: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await run();
      setMessage(done);
      setConfirming(null);
      setChoice('');
      await access.refetch();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  // One line per physician, however many reasons they have (a referral and access given): access goes at once.
  const active: (Access & { reasons: Access['reason'][] })[] = [];
  for (const link of access.data?.items ?? []) {
    if (link.revokedAt !== null) continue;
    const seen = active.find((a) => a.userId === link.userId);
    if (seen) seen.reasons.push(link.reason);
    else active.push({ ...link, reasons: [link.reason] });
  }
  const activeIds = new Set(active.map((a) => a.userId));
  const candidates = (members.data?.items ?? []).filter(
    (m) => m.roles.includes('physician') && !m.disabled && !activeIds.has(m.id),
  );

  return (
    <section className="section chart-section" aria-labelledby="section-physician-access">
      <SectionHeading id="physician-access" title="Physicians with access" />
      <div className="card">
        <LiveMessage message={message} />
        <Alert>{error}</Alert>
        {access.isError ? <Alert>{messageOf(access.error)}</Alert> : null}
        {access.isPending ? (
          <Loading />
        ) : active.length === 0 ? (
          <p className="muted">No physician account can see this record.</p>
        ) : (
          <ul className="access-list" aria-label="Physicians with access">
            {active.map((a) => (
              <li key={a.userId}>
                <strong>{a.displayName}</strong>{' '}
                <span className="muted small">
                  {a.reasons
                    .map((r) => (r === 'referral' ? 'by their referral' : 'given by the clinic'))
                    .join(' and ')}{' '}
                  since {formatDate(a.since, clinic.timeZone)}
                </span>{' '}
                {confirming === a.userId ? (
                  <span className="inline-confirm">
                    Take away {a.displayName}’s access?{' '}
                    <button
                      type="button"
                      className="button button-danger"
                      onClick={() =>
                        change(
                          () => api(`${path}/${a.userId}`, { method: 'DELETE' }),
                          `${a.displayName} can no longer see this record.`,
                        )
                      }
                    >
                      Take away access
                    </button>{' '}
                    <button type="button" className="button button-quiet" onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Take away access… (${a.displayName})`}
                    onClick={() => setConfirming(a.userId)}
                  >
                    Take away access…
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {managesTeam && candidates.length > 0 ? (
          <form
            className="field-row"
            onSubmit={(e) => {
              e.preventDefault();
              const who = candidates.find((m) => m.id === choice);
              if (who)
                void change(
                  () => api(path, { body: { userId: who.id } }),
                  `${who.displayName} can now see this record.`,
                );
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-grant`}>Give access to a physician of the clinic</label>
              <select id={`${id}-grant`} value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Choose a physician…</option>
                {candidates.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field-button">
              <button type="submit" className="button button-secondary" disabled={!choice}>
                Give access
              </button>
            </div>
          </form>
        ) : null}
      </div>
    </section>
  );
}
