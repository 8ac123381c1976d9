import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api/client.ts';
import { scheduling } from '../../api/scheduling.ts';
import { type WaitlistItem, waitlist } from '../../api/waitlist.ts';
import { Field } from '../../components/Field.tsx';
import { formatDay, formatTime, plusDays } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { offerDateRange, offerTimeError } from './offer-time.ts';

/**
 * The desk offers one waiting patient a time by hand (say, extra hours a therapist added): a day within the
 * dates they asked for, then one of the free starts for their session, therapist and site. They are e-mailed a
 * link and the time is theirs if they accept it before anyone books it; a patient without an e-mail address
 * is offered it too, and the desk is told to phone them.
 */
export function OfferTimeForm({
  clinicId,
  item,
  zone,
  today,
  therapistName,
  onSent,
  onCancel,
}: {
  clinicId: string;
  item: WaitlistItem;
  zone: string;
  today: string;
  therapistName: (id: string) => string | undefined;
  onSent: (patientName: string, start: string, emailed: boolean) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const range = offerDateRange(item, today);
  const [date, setDate] = useState(range?.min ?? '');
  const [slotKey, setSlotKey] = useState('');
  const [errors, setErrors] = useState<{ date?: string; time?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dateOk = range !== null && date >= range.min && date <= range.max;
  const anyone = !item.therapistId;
  const times = useQuery({
    queryKey: ['waitlist-offer-times', clinicId, item.id, date],
    queryFn: () =>
      scheduling.availability(clinicId, {
        serviceId: item.serviceId,
        from: date,
        to: plusDays(date, 1),
        therapistId: item.therapistId ?? undefined,
        locationId: item.locationId ?? undefined,
        firstAvailable: anyone,
      }),
    enabled: dateOk,
    retry: false,
  });
  const slots = dateOk ? (times.data?.slots ?? []) : [];
  const keyOf = (s: { start: string; therapistId: string }) => `${s.start}|${s.therapistId}`;
  const chosen = slots.find((s) => keyOf(s) === slotKey);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);
  const name = item.patientName ?? 'The patient';

  if (!range)
    return (
      <div className="form">
        <p>
          {name}’s dates have passed, so there is no day left to offer. Remove the request or add a new one.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Close
          </button>
        </div>
      </div>
    );

  async function send(event: FormEvent) {
    event.preventDefault();
    const next = {
      date: dateOk ? undefined : `Choose a day from ${formatDay(range!.min)} to ${formatDay(range!.max)}.`,
      time: dateOk && !chosen ? 'Choose a time.' : undefined,
    };
    setErrors(next);
    setFormError(null);
    if (!chosen || next.date) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    try {
      const offer = await waitlist.offer(clinicId, item.id, {
        start: chosen.start,
        therapistId: chosen.therapistId,
      });
      onSent(name, offer.start, offer.emailed);
    } catch (error) {
      const placed = offerTimeError(error);
      setErrors({ time: placed.time });
      setFormError(placed.form);
      if (error instanceof ApiError && error.code === 'slot_taken') {
        setSlotKey('');
        void times.refetch();
      }
    } finally {
      setSending(false);
    }
  }

  const timeHint = !dateOk
    ? 'Choose a day first.'
    : times.isPending
      ? 'Looking for free times…'
      : times.isError
        ? null
        : slots.length === 0
          ? 'No free times that day. Try another day.'
          : undefined;

  return (
    <form ref={formRef} className="form waitlist-offer-form" noValidate onSubmit={send}>
      <Alert>{formError}</Alert>
      <Field
        label="Day"
        hint={`${name} asked for ${
          range.min === range.max
            ? formatDay(range.min)
            : `${formatDay(range.min)} to ${formatDay(range.max)}`
        }.`}
        error={errors.date}
      >
        {(p) => (
          <input
            {...p}
            type="date"
            min={range.min}
            max={range.max}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setSlotKey('');
              setErrors({});
            }}
          />
        )}
      </Field>
      {times.isError ? (
        <Alert>{`The free times could not be loaded: ${messageOf(times.error)}`}</Alert>
      ) : null}
      <Field label="Time" hint={timeHint ?? undefined} error={errors.time}>
        {(p) => (
          <select
            {...p}
            value={slotKey}
            disabled={slots.length === 0}
            onChange={(e) => {
              setSlotKey(e.target.value);
              setErrors((prev) => ({ ...prev, time: undefined }));
            }}
          >
            <option value="">{slots.length === 0 ? 'No free times' : 'Choose a time'}</option>
            {slots.map((s) => (
              <option key={keyOf(s)} value={keyOf(s)}>
                {formatTime(s.start, zone)}
                {anyone ? ` · ${therapistName(s.therapistId) ?? 'Therapist'}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p id={`${id}-note`} className="small muted">
        {item.patientEmailOnFile
          ? 'They get an e-mail with a link to accept it.'
          : 'They have no e-mail address on file, so nothing is sent: phone them once it is offered.'}{' '}
        The time is not held: whoever books it first gets it.
      </p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={sending} aria-describedby={`${id}-note`}>
          {sending ? 'Sending…' : 'Send the offer'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
