import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { type WaitlistItem, type WaitlistStatus, waitlist } from '../../api/waitlist.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDateTime, formatDay, formatWeekdayTime, localDateIn } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LiveMessage, QueryList } from '../../components/Status.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { useScheduleRefs } from '../calendar/refs.ts';
import { OfferTimeForm } from './OfferTimeForm.tsx';
import { offerSentNotice } from './offer-time.ts';
import { standing } from './standing.ts';
import { WaitlistAddForm } from './WaitlistAddForm.tsx';
import './staff-waitlist.css';

const VIEWS: { value: WaitlistStatus; label: string }[] = [
  { value: 'waiting', label: 'Waiting' },
  { value: 'fulfilled', label: 'Booked from the list' },
  { value: 'cancelled', label: 'Removed' },
];

const dates = (item: WaitlistItem) =>
  item.fromDate === item.toDate
    ? formatDay(item.fromDate)
    : `${formatDay(item.fromDate)} – ${formatDay(item.toDate)}`;

/**
 * The waiting list for the front desk: who asked for an earlier time, for what, with whom and when. Waiting
 * requests in the order offers go out (first come, first served); when a time opens, everyone it suits gets an
 * e-mail and the first to accept gets it. The desk adds callers, removes those who no longer need it, or books
 * them by hand from the calendar.
 */
export function StaffWaitlistPage() {
  const clinic = useClinic();
  const refs = useScheduleRefs(clinic.id);
  const [view, setView] = useState<WaitlistStatus>('waiting');
  const [adding, setAdding] = useState(false);
  /** The waiting entry the desk is offering a time to, if any. */
  const [offeringId, setOfferingId] = useState<string | null>(null);
  // A warning when the desk has something left to do (phone a patient who could not be e-mailed).
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  const list = useQuery({
    queryKey: ['waitlist', clinic.id, view],
    queryFn: () => waitlist.list(clinic.id, view),
  });
  const today = localDateIn(clinic.timeZone);
  const serviceName = (id: string) => refs.services.data?.items.find((s) => s.id === id)?.name ?? 'Session';
  const manyLocations = (refs.locations.data?.items.length ?? 0) > 1;
  const preference = (item: WaitlistItem) => {
    const who = item.therapistId ? (refs.therapistName(item.therapistId) ?? 'A therapist') : 'Anyone';
    const where = item.locationId && manyLocations ? refs.locationName(item.locationId) : null;
    return where ? `${who} · ${where}` : who;
  };
  const addButton = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  // The form closes and its button comes back: keyboard focus returns to it rather than to the page's start.
  const refocusAdd = () => requestAnimationFrame(() => addButton.current?.focus());
  const offering =
    view === 'waiting' && offeringId ? list.data?.items.find((i) => i.id === offeringId) : undefined;
  // Closing the offer form returns focus to the row's "Offer a time" button.
  const closeOffer = (entryId: string) => {
    setOfferingId(null);
    requestAnimationFrame(() => document.getElementById(offerButtonId(entryId))?.focus());
  };

  return (
    <Page
      title="Waitlist"
      intro={
        <p>
          Patients who asked for an earlier time. When a time opens (a cancellation or a move), everyone it
          suits is e-mailed an offer and the first to accept gets it. Waiting requests are listed first come,
          first served, which is the order offers go out. To offer someone a particular time yourself (say,
          extra hours), use “Offer a time” on their row.
        </p>
      }
      actions={
        adding ? null : (
          <button ref={addButton} type="button" className="button" onClick={() => setAdding(true)}>
            Add to the waitlist
          </button>
        )
      }
    >
      <LiveMessage message={message?.text ?? null} tone={message?.tone} />
      {adding ? (
        <section className="card waitlist-add" aria-labelledby="waitlist-add-heading">
          <h2 id="waitlist-add-heading">Add a patient to the waitlist</h2>
          <WaitlistAddForm
            clinicId={clinic.id}
            today={today}
            refs={refs}
            onCancel={() => {
              setAdding(false);
              refocusAdd();
            }}
            onAdded={async (name) => {
              setAdding(false);
              setView('waiting');
              setMessage({ text: `${name} was added to the waitlist.`, tone: 'success' });
              refocusAdd();
              await queryClient.invalidateQueries({ queryKey: ['waitlist', clinic.id] });
            }}
          />
        </section>
      ) : null}
      {offering ? (
        <section className="card waitlist-add" aria-labelledby="waitlist-offer-heading">
          <h2 id="waitlist-offer-heading">Offer a time to {offering.patientName ?? 'the patient'}</h2>
          <p className="small muted">
            {serviceName(offering.serviceId)} · {preference(offering)}
          </p>
          <OfferTimeForm
            key={offering.id}
            clinicId={clinic.id}
            item={offering}
            zone={clinic.timeZone}
            today={today}
            therapistName={refs.therapistName}
            onCancel={() => closeOffer(offering.id)}
            onSent={async (name, start, emailed) => {
              setMessage(offerSentNotice(name, formatWeekdayTime(start, clinic.timeZone), emailed));
              closeOffer(offering.id);
              await queryClient.invalidateQueries({ queryKey: ['waitlist', clinic.id] });
            }}
          />
        </section>
      ) : null}
      <div className="waitlist-filters">
        <Field label="Show">
          {(p) => (
            <select {...p} value={view} onChange={(e) => setView(e.target.value as WaitlistStatus)}>
              {VIEWS.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <QueryList
        query={list}
        empty={
          <EmptyState
            title={
              view === 'waiting'
                ? 'Nobody is waiting'
                : view === 'fulfilled'
                  ? 'Nobody has been booked from the waitlist yet'
                  : 'No requests were removed'
            }
          >
            {view === 'waiting' ? (
              <p>When a patient asks for an earlier time, online or by phone, they show up here.</p>
            ) : null}
          </EmptyState>
        }
      >
        {(items) => (
          <TableScroll label="Waitlist">
            <DataTable
              caption={`Waitlist: ${VIEWS.find((v) => v.value === view)?.label ?? ''}`}
              className="waitlist-table"
              rows={items}
              rowKey={(i) => i.id}
              columns={[
                {
                  label: 'Patient',
                  cell: (i) => <Link to={`/patients/${i.patientId}`}>{i.patientName ?? 'Patient'}</Link>,
                },
                { label: 'Session', cell: (i) => serviceName(i.serviceId) },
                { label: 'Therapist', cell: preference },
                { label: 'Dates wanted', cell: dates },
                {
                  label: 'Waiting since',
                  cell: (i) => formatDateTime(i.createdAt, clinic.timeZone),
                },
                {
                  label: 'Status',
                  cell: (i) => {
                    const s = standing(i, today, clinic.timeZone);
                    return (
                      <>
                        <span className={`badge badge-${s.tone}`}>{s.label}</span>
                        {s.detail ? <div className="small muted">{s.detail}</div> : null}
                        {s.action ? <div className="small waitlist-phone">{s.action}</div> : null}
                      </>
                    );
                  },
                },
                view === 'waiting' && {
                  label: 'Actions',
                  hideLabel: true,
                  className: 'actions',
                  cell: (i) => (
                    <RowActions
                      clinicId={clinic.id}
                      item={i}
                      onOffer={() => {
                        setAdding(false);
                        setOfferingId(i.id);
                      }}
                      onRemoved={(name) => {
                        setMessage({ text: `${name} was removed from the waitlist.`, tone: 'success' });
                        addButton.current?.focus();
                      }}
                    />
                  ),
                },
              ]}
            />
          </TableScroll>
        )}
      </QueryList>
    </Page>
  );
}

const offerButtonId = (entryId: string) => `waitlist-offer-${entryId}`;

/**
 * Offer a time by hand, book from the calendar, or remove (asked once more, since the patient loses their
 * place).
 */
function RowActions({
  clinicId,
  item,
  onOffer,
  onRemoved,
}: {
  clinicId: string;
  item: WaitlistItem;
  onOffer: () => void;
  onRemoved: (name: string) => void;
}) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const name = item.patientName ?? 'this patient';
  const remove = useMutation({
    mutationFn: () => waitlist.remove(clinicId, item.id),
    onSuccess: async () => {
      onRemoved(name);
      await queryClient.invalidateQueries({ queryKey: ['waitlist', clinicId] });
    },
  });
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  if (confirming)
    return (
      <div className="waitlist-confirm">
        <span className="small">Remove {name} from the waitlist?</span>
        <button
          ref={confirmButton}
          type="button"
          className="button button-danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          Yes, remove
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setConfirming(false);
            remove.reset();
            requestAnimationFrame(() => removeButton.current?.focus());
          }}
        >
          Keep
        </button>
        {remove.isError ? <Alert>{messageOf(remove.error)}</Alert> : null}
      </div>
    );
  return (
    <>
      <button
        id={offerButtonId(item.id)}
        type="button"
        className="button button-secondary"
        aria-label={`Offer a time to ${name}`}
        onClick={onOffer}
      >
        Offer a time
      </button>
      <Link
        className="button button-secondary"
        to={`/calendar?patient=${item.patientId}`}
        aria-label={`Book a time for ${name}`}
      >
        Book
      </Link>
      <button
        ref={removeButton}
        type="button"
        className="button button-danger-quiet"
        aria-label={`Remove ${name} from the waitlist`}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
    </>
  );
}
