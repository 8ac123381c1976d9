import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { scheduling } from '../../api/scheduling.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';

/**
 * A therapist's private calendar link: their Palpa schedule in Google Calendar, Apple Calendar or Outlook.
 * The link is shown once when made; making a new one or turning it off ends the old one at once.
 */
export function CalendarFeed() {
  const { me, clinic } = useSession();
  const id = useId();
  const clinicId = clinic!.id;
  const therapistId = me.user.id;
  const status = useQuery({
    queryKey: ['calendar-feed', clinicId, therapistId],
    queryFn: () => scheduling.calendarFeed(clinicId, therapistId),
  });
  const [names, setNames] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
      await status.refetch();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  if (status.isPending) return <Loading />;
  if (status.isError) return <LoadError error={status.error} retry={() => status.refetch()} />;
  const active = status.data.active;
  return (
    <div className="stack">
      <p>
        See your Palpa sessions in your own calendar app: subscribe to a private link (in Google Calendar,
        “Other calendars → From URL”; in Apple Calendar, “File → New Calendar Subscription”). Anyone with the
        link can read your schedule, so keep it to yourself.
      </p>
      {url ? (
        <div className="alert alert-success" role="status">
          <p>
            <strong>Copy your calendar link now — it is shown only once:</strong>
          </p>
          <p>
            <code className="secret" data-testid="calendar-feed-url">
              {url}
            </code>
          </p>
        </div>
      ) : null}
      <LiveMessage message={message} />
      <Alert>{error}</Alert>
      <p>
        {active
          ? `A calendar link is in use since ${formatDate(active.createdAt, clinic!.timeZone)}, ${
              active.includePatientNames ? 'with' : 'without'
            } patient names.`
          : 'You have no calendar link.'}
      </p>
      <div className="checkbox">
        <input
          type="checkbox"
          id={`${id}-names`}
          checked={names}
          onChange={(e) => setNames(e.target.checked)}
        />
        <label htmlFor={`${id}-names`}>
          Show patients’ names in my calendar (otherwise only the service and the room)
        </label>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            act(async () => {
              const created = await scheduling.createCalendarFeed(clinicId, therapistId, names);
              setUrl(created.url);
              setMessage(active ? 'New calendar link made; the old one no longer works.' : null);
            })
          }
        >
          {active ? 'Make a new link' : 'Make my calendar link'}
        </button>
        {active ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                await scheduling.revokeCalendarFeed(clinicId, therapistId);
                setUrl(null);
                setMessage('Calendar link turned off: calendar apps no longer receive your schedule.');
              })
            }
          >
            Turn the link off
          </button>
        ) : null}
      </div>
    </div>
  );
}
