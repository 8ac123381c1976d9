import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { REBOOK_REMINDER_EVERY_MS } from '../../../../src/modules/appointments/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { type RebookItem, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay, localDateIn } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { useTherapistNames } from '../calendar/refs.ts';
import './rebook.css';

/** The front desk's call list, shared with the home tile that counts it. */
export const useRebook = (clinicId: string, enabled = true) =>
  useQuery({ queryKey: ['rebook', clinicId], queryFn: () => scheduling.rebook(clinicId), enabled });

const DAY_MS = 86_400_000;

function lastVisit(item: RebookItem, zone: string, therapist: string | undefined): string {
  if (!item.lastVisitAt) return 'No visit yet';
  const on = localDateIn(zone, new Date(item.lastVisitAt));
  const days = Math.round((Date.parse(localDateIn(zone)) - Date.parse(on)) / DAY_MS);
  const when = days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  return `Last visit ${when}${therapist ? ` with ${therapist}` : ''}`;
}

/**
 * Patients to rebook: their plan of care still runs, with visits left, and nothing is booked ahead. Longest
 * since their last visit first, with their phone number and the two ways to book them.
 */
export function RebookPage() {
  const clinic = useClinic();
  const list = useRebook(clinic.id);
  const { therapistName } = useTherapistNames(clinic.id);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page
      title="To rebook"
      intro={
        <p>
          Patients whose plan of care is still running, with visits left and nothing booked. Longest since
          their last visit first.
        </p>
      }
    >
      <LiveMessage message={message} />
      <QueryList
        query={list}
        empty={
          <EmptyState title="Nobody to rebook">
            Everyone on a plan of care has their next session booked.
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="card-list rebook-list" aria-label="Patients to rebook">
            {items.map((i) => (
              <li key={i.patientId} className="card">
                <h2>
                  <Link to={`/patients/${i.patientId}`}>{i.patientName}</Link>
                  {i.inClinic ? (
                    <>
                      {' '}
                      <span className="badge badge-info">In the clinic now</span>
                    </>
                  ) : null}
                </h2>
                <p>
                  {lastVisit(
                    i,
                    clinic.timeZone,
                    i.lastTherapistId ? therapistName(i.lastTherapistId) : undefined,
                  )}
                  . {i.frequencyPerWeek}× a week until {formatDay(i.planEndsOn)}, {i.visitsLeft}{' '}
                  {i.visitsLeft === 1 ? 'visit' : 'visits'} left.
                  {i.phone ? (
                    <>
                      {' '}
                      <a href={`tel:${i.phone}`}>{i.phone}</a>
                    </>
                  ) : null}
                </p>
                <div className="action-bar">
                  <Link
                    className="button"
                    to={`/patients/${i.patientId}/series?${i.referralId ? `referral=${i.referralId}&` : ''}perWeek=${i.frequencyPerWeek}&weeks=${i.weeksLeft}`}
                    aria-label={`Book the sessions of ${i.patientName}`}
                  >
                    Book the sessions
                  </Link>
                  <Link
                    className="button button-secondary"
                    to={`/calendar?patient=${i.patientId}`}
                    aria-label={`Book one session for ${i.patientName}`}
                  >
                    Book one
                  </Link>
                  <BookingReminder clinicId={clinic.id} item={i} zone={clinic.timeZone} onSent={setMessage} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </Page>
  );
}

/**
 * "Time to book" by e-mail, once a week at most (the server enforces it); where it cannot go, why, so the
 * desk calls instead.
 */
function BookingReminder({
  clinicId,
  item,
  zone,
  onSent,
}: {
  clinicId: string;
  item: RebookItem;
  zone: string;
  onSent: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => scheduling.remindToBook(clinicId, item.patientId),
    onSuccess: async () => {
      onSent(`A booking reminder was e-mailed to ${item.patientName}.`);
      await queryClient.invalidateQueries({ queryKey: ['rebook'] });
    },
  });
  if (item.cannotRemind)
    return (
      <span className="small muted">
        {item.cannotRemind === 'no_email' ? 'No e-mail address on file' : 'Reminders turned off'}: call them.
      </span>
    );
  const sent = item.remindedAt
    ? `Reminder e-mailed ${formatDay(localDateIn(zone, new Date(item.remindedAt)))}`
    : null;
  if (item.remindedAt && Date.now() - Date.parse(item.remindedAt) < REBOOK_REMINDER_EVERY_MS)
    return <span className="small muted">{sent}.</span>;
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        disabled={send.isPending}
        aria-label={`E-mail ${item.patientName} a booking reminder`}
        onClick={() => send.mutate()}
      >
        E-mail a reminder
      </button>
      {sent ? <span className="small muted">{sent}.</span> : null}
      {send.isError ? <Alert>{messageOf(send.error)}</Alert> : null}
    </>
  );
}
