import { type Ref, useState } from 'react';
import { Link } from 'react-router';
import { cancellationPolicy, type MissedVisitFees } from '../../../../src/domain/scheduling/cancellation.ts';
import {
  type Appointment,
  type BookingBody,
  newIdempotencyKey,
  type PublicService,
  type Slot,
  scheduling,
} from '../../api/scheduling.ts';
import { useMeQuery } from '../../app/session.tsx';
import { Alert } from '../../components/Status.tsx';
import type { BookableClinic } from './api.ts';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { attemptKey } from './choices.ts';
import { SiteAddress } from './SiteAddress.tsx';
import { SlotAttemptOutcome, useSlotAttempt } from './SlotAttempt.tsx';
import { bookingSummary } from './summary.ts';

/**
 * The last step: what is about to be booked; signed out, "Sign in" or "Create an account" first (the choices
 * are kept); signed in, "Confirm booking" with the patient's own record at this clinic.
 */
export function ConfirmStep({
  number,
  clinic,
  zone,
  service,
  slot,
  rules,
  referral,
  note,
  nameOf,
  returnTo,
  onSlot,
  onConflict,
  onBooked,
  headingRef,
}: {
  number: number;
  clinic: BookableClinic;
  zone: string;
  service: PublicService;
  slot: Slot;
  /** The clinic's late-cancellation window and missed-visit fees, told before booking. */
  rules?: { lateCancellationHours: number } & MissedVisitFees;
  referral?: string;
  note?: string;
  nameOf: (therapistId: string) => string | undefined;
  returnTo: string;
  onSlot: (slot: Slot) => void;
  onConflict: () => void;
  onBooked: (appointment: Appointment) => void;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const me = useMeQuery().data ?? null;
  const patientId = me?.clinics.find((c) => c.id === clinic.id)?.patientId ?? null;
  const [creating, setCreating] = useState(false);
  const attempt = useSlotAttempt(onConflict);
  const policy = rules ? cancellationPolicy(rules.lateCancellationHours, rules) : null;
  const site = clinic.locations.find((l) => l.id === slot.locationId);
  const summary = bookingSummary(service, slot, zone, nameOf(slot.therapistId));

  async function confirm(chosen: Slot) {
    if (!patientId) return;
    const body: BookingBody = {
      patientId,
      serviceId: service.id,
      // "First available": book the therapist the slot was offered with.
      therapistId: chosen.therapistId,
      start: chosen.start,
      ...(note ? { note } : {}),
    };
    const key = attemptKey(JSON.stringify({ clinicId: clinic.id, ...body }), newIdempotencyKey);
    await attempt.run(async () => onBooked(await scheduling.book(clinic.id, body, key)));
  }

  return (
    <section className="booking-step booking-confirm" aria-labelledby="step-confirm">
      <h2 id="step-confirm" ref={headingRef} tabIndex={-1}>
        {number}. Confirm
      </h2>
      <dl className="details">
        <dt>Session</dt>
        <dd>{summary.session}</dd>
        <dt>When</dt>
        <dd>
          {summary.when}
          <span className="muted small zone-line">{summary.zone}</span>
        </dd>
        <dt>With</dt>
        <dd>{summary.with}</dd>
        <dt>Where</dt>
        <dd>{site ? <SiteAddress location={site} /> : clinic.name}</dd>
        {referral ? (
          <>
            <dt>Referral</dt>
            <dd>{referral}</dd>
          </>
        ) : null}
      </dl>
      {policy ? <p className="muted small">{policy}</p> : null}

      {!me ? (
        <div className="account-step">
          <p>
            <strong>To book this time, sign in or create an account.</strong> Your choices are kept.
          </p>
          <div className="account-choice">
            <Link className="button button-large" to="/sign-in" state={{ from: returnTo }}>
              Sign in
            </Link>
            <button
              type="button"
              className="button button-secondary button-large"
              aria-expanded={creating}
              aria-controls="create-account"
              onClick={() => setCreating((v) => !v)}
            >
              Create an account
            </button>
          </div>
          <div id="create-account">
            {creating ? (
              <CreateAccountForm clinicId={clinic.id} clinicName={clinic.name} returnTo={returnTo} />
            ) : null}
          </div>
        </div>
      ) : !patientId ? (
        <Alert tone="warning">
          Your account is not linked to a patient record at {clinic.name} yet, so it cannot book online.
          Please call the clinic to book; they can link your account.
        </Alert>
      ) : (
        <>
          <p className="muted small">Signed in as {me.user.displayName}.</p>
          <SlotAttemptOutcome
            attempt={attempt}
            zone={zone}
            nameOf={nameOf}
            retryWith="book it"
            onPick={(s) => {
              onSlot(s);
              void confirm(s);
            }}
          />
          <button
            type="button"
            className="button button-large button-block"
            disabled={attempt.busy}
            onClick={() => void confirm(slot)}
          >
            {attempt.busy ? 'Booking…' : 'Confirm booking'}
          </button>
        </>
      )}
    </section>
  );
}
