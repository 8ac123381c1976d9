import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatCents } from '../../../../src/domain/billing/money.ts';
import { type Appointment, newIdempotencyKey, type Slot, scheduling } from '../../api/scheduling.ts';
import { Field } from '../../components/Field.tsx';
import { formatTimeRange } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { VisitPayment } from '../payments/PaymentsSection.tsx';
import { Alternatives } from './Alternatives.tsx';
import { BeforeCheckIn, useBeforeCheckIn } from './BeforeCheckIn.tsx';
import { CancellationNote } from './CancellationNote.tsx';
import { type CancelledBy, cancelledMessage, lateFeeIfCancelledNow } from './cancel.ts';
import { Dialog } from './Dialog.tsx';
import { offersConfirm, telHref } from './desk.ts';
import { FirstVisitMark } from './FirstVisitMark.tsx';
import { noShowQuestion } from './no-show.ts';
import { isLive, type ScheduleRefs, STATUS_LABELS } from './refs.ts';
import { type Refusal, refusalOf } from './refusal.ts';
import { dateTimeLabel, isoToLocalInput, localToIso } from './time.ts';

type Mode = 'view' | 'cancel' | 'reschedule' | 'complete' | 'no-show';
type Transition = Parameters<typeof scheduling.transition>[2];
/** Describes what is disabled until the appointment has started (Complete, No-show). */
const NOT_STARTED_HINT = 'not-started-hint';

/**
 * One appointment: its details and every action on it (confirm, check in or undo a mistaken check-in, complete,
 * no-show, cancel, move).
 */
export function AppointmentDialog({
  clinicId,
  zone,
  appointment,
  refs,
  onClose,
  onChanged,
}: {
  clinicId: string;
  zone: string;
  appointment: Appointment | null;
  refs: ScheduleRefs;
  onClose: () => void;
  onChanged: (message: string, updated?: Appointment) => void;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  /** Who cancelled (asked every time: the clinic's cancellation is never the patient's late one). */
  const [cancelledBy, setCancelledBy] = useState<CancelledBy | null>(null);
  const [cancelledByError, setCancelledByError] = useState<string | undefined>();
  const [waiveFee, setWaiveFee] = useState(false);
  const whoId = useId();
  const [newStart, setNewStart] = useState('');
  const [newTherapist, setNewTherapist] = useState('');
  /** The server's answer to a refused step: its reason, and the nearest free times for a move. */
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** The cancel form's answer to "Who cancelled?" (the one chosen, else the first) and the new start to move to. */
  const cancelledByRef = useRef<HTMLInputElement>(null);
  const newStartRef = useRef<HTMLInputElement>(null);
  const warningsId = useId();
  useEffect(() => {
    if (mode === 'cancel') cancelledByRef.current?.focus();
    if (mode === 'reschedule') newStartRef.current?.focus();
  }, [mode]);
  const rules = useQuery({
    queryKey: ['booking-rules', clinicId],
    queryFn: () => scheduling.rules(clinicId),
    enabled: mode === 'no-show' || mode === 'cancel',
  });
  const a = appointment;
  const beforeCheckIn = useBeforeCheckIn(clinicId, zone, a && isLive(a) ? a : null);

  function close() {
    setMode('view');
    setRefusal(null);
    setReason('');
    setCancelledBy(null);
    setCancelledByError(undefined);
    setWaiveFee(false);
    onClose();
  }

  async function run<T extends Appointment>(action: () => Promise<T>, done: (updated: T) => string) {
    setBusy(true);
    setRefusal(null);
    try {
      const updated = await action();
      setMode('view');
      onChanged(done(updated), updated);
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (!a) return null;
  const who = a.patientName ?? 'The patient';
  const therapist = refs.therapistName(a.therapistId) ?? 'Therapist';
  const started = Date.parse(a.start) <= Date.now();
  /** The late fee cancelling now would charge (the patient's cancellation only), to offer its waiver. */
  const lateFee =
    mode === 'cancel' ? lateFeeIfCancelledNow(cancelledBy, a.start, new Date(), rules.data) : null;
  const move = (start: string, therapistId?: string, roomId?: string) =>
    run(
      () =>
        scheduling.reschedule(
          clinicId,
          a.id,
          { start, therapistId: therapistId || undefined, roomId },
          // A moved appointment is cancelled, so a repeated move cannot move it twice; a fresh key per move.
          newIdempotencyKey(),
        ),
      (u) => `${who} moved to ${dateTimeLabel(u.start, zone)}.`,
    );
  /** A button that moves the appointment one step on (`allowed` false: disabled, with the hint below). */
  const step = (
    action: Transition,
    label: string,
    done: string,
    className = 'button',
    allowed = true,
    describedBy?: string,
  ) => (
    <button
      type="button"
      className={className}
      disabled={busy || !allowed}
      aria-describedby={allowed ? describedBy : NOT_STARTED_HINT}
      onClick={() =>
        run(
          () => scheduling.transition(clinicId, a.id, action),
          () => done,
        )
      }
    >
      {label}
    </button>
  );

  return (
    <Dialog title={`${who} · ${a.serviceName}`} open onClose={close}>
      <dl className="details">
        <dt>Patient</dt>
        <dd>
          {a.patientPhone === undefined ? null : a.patientPhone ? (
            <>
              {telHref(a.patientPhone) ? (
                <a href={telHref(a.patientPhone)!}>{a.patientPhone}</a>
              ) : (
                a.patientPhone
              )}
              {' · '}
            </>
          ) : (
            'No phone on file · '
          )}
          <Link to={`/patients/${a.patientId}`}>Open chart</Link>
          <FirstVisitMark appointment={a} />
        </dd>
        <dt>When</dt>
        <dd>{formatTimeRange(a.start, a.end, zone, true)}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
          {a.status === 'cancelled' && !a.rescheduledTo && a.cancelledByRole !== 'system'
            ? a.cancelledByRole === 'patient'
              ? ' at the patient’s request'
              : ' by the clinic'
            : ''}
          {a.cancellationReason ? ` — ${a.cancellationReason}` : ''}
          {a.cancelledLate ? ' (late)' : ''}
        </dd>
        <dt>Therapist</dt>
        <dd>{therapist}</dd>
        <dt>Room</dt>
        <dd>
          {refs.roomName(a.roomId) ?? '—'}
          {refs.locationName(a.locationId) ? `, ${refs.locationName(a.locationId)}` : ''}
        </dd>
        <dt>Booked</dt>
        <dd>
          {a.bookedVia === 'patient'
            ? 'Online by the patient'
            : a.bookedVia === 'reschedule'
              ? 'Moved from an earlier booking'
              : `By ${a.bookedVia === 'staff' ? 'staff' : a.bookedVia}`}
        </dd>
      </dl>
      {a.status === 'checked_in' || a.status === 'completed' ? (
        <VisitPayment patientId={a.patientId} appointmentId={a.id} />
      ) : null}
      {refusal?.alternatives ? (
        <Alternatives
          alternatives={refusal.alternatives}
          timeZone={zone}
          nameOf={refs.therapistName}
          busy={busy}
          reason={refusal.message}
          onPick={(slot: Slot) => move(slot.start, slot.therapistId, slot.roomId)}
        />
      ) : (
        <Alert>{refusal?.message}</Alert>
      )}
      {mode === 'view' ? <BeforeCheckIn id={warningsId} warnings={beforeCheckIn} /> : null}

      {mode === 'view' ? (
        <div className="action-bar">
          {offersConfirm(a) ? step('confirm', 'Confirm', `${who}’s appointment is confirmed.`) : null}
          {isLive(a)
            ? step(
                'check-in',
                'Check in',
                `${who} is checked in.`,
                'button',
                true,
                beforeCheckIn.any ? warningsId : undefined,
              )
            : null}
          {a.status === 'checked_in'
            ? step(
                'undo-check-in',
                'Undo check-in',
                `${who} is no longer checked in.`,
                'button button-secondary',
              )
            : null}
          {isLive(a) || a.status === 'checked_in' ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={busy || !started}
              aria-describedby={started ? undefined : NOT_STARTED_HINT}
              onClick={() => setMode('complete')}
            >
              Complete…
            </button>
          ) : null}
          {isLive(a) ? (
            <>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => {
                  setNewStart(isoToLocalInput(a.start, zone));
                  setNewTherapist(a.therapistId);
                  setMode('reschedule');
                }}
              >
                Reschedule…
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy || !started}
                aria-describedby={started ? undefined : NOT_STARTED_HINT}
                onClick={() => setMode('no-show')}
              >
                No-show…
              </button>
              <button
                type="button"
                className="button button-danger-quiet"
                disabled={busy}
                onClick={() => setMode('cancel')}
              >
                Cancel appointment…
              </button>
            </>
          ) : null}
          {!started && (isLive(a) || a.status === 'checked_in') ? (
            <p id={NOT_STARTED_HINT} className="muted small">
              {isLive(a)
                ? 'The visit can be completed, or a no-show recorded, once the appointment has started.'
                : 'The visit can be completed once the appointment has started.'}
            </p>
          ) : null}
        </div>
      ) : null}

      {mode === 'complete' ? (
        // Completing charges the visit's fee and counts it against the referral, and cannot be undone: asked once.
        <AskFirst
          label="Complete the visit"
          question={`Complete ${a.patientName ? `${a.patientName}’s` : 'this'} visit? This charges the visit’s fee${a.referralId ? ' and counts it against the referral' : ''}.`}
          confirm="Complete visit"
          busy={busy}
          onConfirm={() =>
            run(
              () => scheduling.transition(clinicId, a.id, 'complete'),
              () => `${who}’s visit is completed.`,
            )
          }
          onBack={() => setMode('view')}
        />
      ) : null}

      {mode === 'no-show' ? (
        // Charges the no-show fee and closes the visit for good: asked once, like completing it.
        <AskFirst
          label="Record a no-show"
          question={noShowQuestion(a.patientName ?? null, rules.data?.noShowFeeCents)}
          confirm="Mark as no-show"
          busy={busy}
          onConfirm={() =>
            run(
              () => scheduling.transition(clinicId, a.id, 'no-show'),
              () => `${who} is marked as a no-show.`,
            )
          }
          onBack={() => setMode('view')}
        />
      ) : null}

      {mode === 'cancel' ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setReasonError(reason.trim() ? undefined : 'Give a reason');
            setCancelledByError(cancelledBy ? undefined : 'Say who cancelled');
            if (!reason.trim() || !cancelledBy) return;
            void run(
              () =>
                scheduling.cancel(clinicId, a.id, {
                  reason: reason.trim(),
                  cancelledBy,
                  waiveFee: lateFee !== null && waiveFee,
                }),
              (u) => cancelledMessage(a.patientName ?? null, u, zone),
            );
          }}
        >
          {cancelledBy === 'clinic' ? (
            <p className="muted small">A cancellation by the clinic is never late and carries no fee.</p>
          ) : (
            <CancellationNote clinicId={clinicId} start={a.start} />
          )}
          <fieldset
            className={`field${cancelledByError ? ' field-invalid' : ''}`}
            aria-describedby={cancelledByError ? `${whoId}-error` : undefined}
          >
            <legend>Who cancelled?</legend>
            <div className="radio-row">
              {(
                [
                  ['patient', 'The patient'],
                  ['clinic', 'The clinic (e.g. the therapist is ill)'],
                ] as const
              ).map(([value, label]) => (
                <label className="radio" key={value}>
                  <input
                    ref={
                      cancelledBy === value || (!cancelledBy && value === 'patient')
                        ? cancelledByRef
                        : undefined
                    }
                    type="radio"
                    name={`${whoId}-who`}
                    value={value}
                    checked={cancelledBy === value}
                    aria-invalid={cancelledByError ? true : undefined}
                    onChange={() => {
                      setCancelledBy(value);
                      setCancelledByError(undefined);
                    }}
                  />{' '}
                  {label}
                </label>
              ))}
            </div>
            <div id={`${whoId}-error`} className="field-error" aria-live="polite">
              {cancelledByError ?? ''}
            </div>
          </fieldset>
          {lateFee !== null ? (
            <div className="checkbox">
              <input
                type="checkbox"
                id={`${whoId}-waive`}
                checked={waiveFee}
                onChange={(e) => setWaiveFee(e.target.checked)}
              />
              <label htmlFor={`${whoId}-waive`}>
                Waive the late-cancellation fee of {formatCents(lateFee)} (the reason below is recorded as
                why)
              </label>
            </div>
          ) : null}
          <Field label="Reason for cancelling" error={reasonError}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={busy}>
              Cancel appointment
            </button>
            <button type="button" className="button button-quiet" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </form>
      ) : null}

      {mode === 'reschedule' ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!newStart) return;
            void move(localToIso(newStart, zone), newTherapist === a.therapistId ? undefined : newTherapist);
          }}
        >
          <CancellationNote clinicId={clinicId} start={a.start} doing="moving it" />
          <Field label="New start" hint={`Clinic time (${zone.replaceAll('_', ' ')})`}>
            {(p) => (
              <input
                {...p}
                ref={newStartRef}
                type="datetime-local"
                step={300}
                value={newStart}
                onChange={(e) => setNewStart(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label="Therapist">
            {(p) => (
              <select {...p} value={newTherapist} onChange={(e) => setNewTherapist(e.target.value)}>
                {(refs.therapists.data?.items ?? []).map((t) => (
                  <option key={t.therapistId} value={t.therapistId}>
                    {t.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              Move appointment
            </button>
            <button type="button" className="button button-quiet" onClick={() => setMode('view')}>
              Back
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}

/** A step that cannot be undone, asked once: the question, the button that does it (focused), and Back. */
function AskFirst({
  label,
  question,
  confirm,
  busy,
  onConfirm,
  onBack,
}: {
  label: string;
  question: string;
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <form
      className="form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm();
      }}
    >
      <p>{question}</p>
      <div className="form-actions">
        <button ref={confirmRef} type="submit" className="button" disabled={busy}>
          {confirm}
        </button>
        <button type="button" className="button button-quiet" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
