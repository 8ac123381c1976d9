import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Appointment, newIdempotencyKey, type Slot, scheduling } from '../../api/scheduling.ts';
import { formatTimeRange } from '../../components/format.ts';
import { CancellationNote } from '../calendar/CancellationNote.tsx';
import { addDays, todayIn } from '../calendar/time.ts';
import { SlotAttemptOutcome, useSlotAttempt } from './SlotAttempt.tsx';
import { FreeTimes, WINDOW_DAYS } from './steps.tsx';

/**
 * A patient moves their own appointment to another free time: the same session, with the same therapist
 * unless they ask for anyone. The server books the new time and releases the old one in one step (the old
 * time then goes to the waitlist).
 */
export function ChangeTime({
  clinicId,
  zone,
  appointment: a,
  nameOf,
  onMoved,
  onClose,
}: {
  clinicId: string;
  zone: string;
  appointment: Appointment;
  nameOf: (therapistId: string) => string | undefined;
  onMoved: (moved: Appointment) => void;
  onClose: () => void;
}) {
  const id = useId();
  const today = todayIn(zone);
  const [windowStart, setWindowStart] = useState(today);
  const [anyone, setAnyone] = useState(false);
  const [day, setDay] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const therapist = nameOf(a.therapistId) ?? 'your therapist';
  // A picked time brings the confirmation into view and focus (on a phone it is below the list of times).
  const confirmRef = useRef<HTMLDivElement>(null);
  const slotKey = slot ? `${slot.start}|${slot.therapistId}` : '';
  useEffect(() => {
    if (slotKey) confirmRef.current?.focus();
  }, [slotKey]);
  const times = useQuery({
    queryKey: ['change-time', clinicId, a.serviceId, anyone ? '' : a.therapistId, windowStart],
    queryFn: () =>
      scheduling.availability(clinicId, {
        serviceId: a.serviceId,
        from: windowStart,
        to: addDays(windowStart, WINDOW_DAYS),
        therapistId: anyone ? undefined : a.therapistId,
        firstAvailable: anyone,
      }),
    retry: false,
  });
  // Patients see only the sessions the clinic books online; the others are moved by the front desk.
  const notOnline = times.error instanceof ApiError && times.error.status === 404;

  const attempt = useSlotAttempt(() => void times.refetch());
  // A moved appointment is cancelled, so a repeated request cannot move it twice: a fresh key per move.
  const move = (chosen: Slot) =>
    attempt.run(async () => {
      const body = { start: chosen.start, therapistId: chosen.therapistId };
      onMoved(await scheduling.reschedule(clinicId, a.id, body, newIdempotencyKey()));
    });

  return (
    <section className="change-time" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>Change the time</h4>
      {notOnline ? (
        <>
          <p>This session cannot be moved online. Please call the clinic to change it.</p>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </>
      ) : (
        <>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={anyone}
              onChange={(e) => {
                setAnyone(e.target.checked);
                setDay('');
                setSlot(null);
              }}
            />
            Any therapist, not only {therapist}
          </label>
          <FreeTimes
            times={times}
            zone={zone}
            today={today}
            windowStart={windowStart}
            day={day}
            slot={slot}
            onDay={(d) => {
              setDay(d);
              setSlot(null);
            }}
            onSlot={(s) => {
              setSlot(s);
              attempt.clear();
            }}
            onWindow={(w) => {
              setWindowStart(w);
              setDay('');
            }}
          />
          {slot ? (
            <div className="change-time-confirm" ref={confirmRef} tabIndex={-1}>
              <p>
                Move to <strong>{formatTimeRange(slot.start, slot.end, zone, true)}</strong> with{' '}
                {nameOf(slot.therapistId) ?? therapist}?
              </p>
              <CancellationNote clinicId={clinicId} start={a.start} doing="moving it" />
            </div>
          ) : null}
          <SlotAttemptOutcome
            attempt={attempt}
            zone={zone}
            nameOf={nameOf}
            retryWith="move there"
            onPick={(s) => {
              setSlot(s);
              void move(s);
            }}
          />
          <div className="form-actions">
            {slot ? (
              <button
                type="button"
                className="button"
                disabled={attempt.busy}
                onClick={() => void move(slot)}
              >
                {attempt.busy ? 'Moving…' : 'Move my appointment'}
              </button>
            ) : null}
            <button type="button" className="button button-quiet" onClick={onClose}>
              Keep the current time
            </button>
          </div>
        </>
      )}
    </section>
  );
}
