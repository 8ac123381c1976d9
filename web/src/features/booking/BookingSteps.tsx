import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { Appointment } from '../../api/scheduling.ts';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { addDays, laterDate, todayIn } from '../calendar/time.ts';
import { type BookableClinic, publicBooking } from './api.ts';
import { ConfirmStep } from './ConfirmStep.tsx';
import { type Choices, REFERRAL } from './choices.ts';
import { linkedTherapist } from './links.ts';
import { servicesInOrder, showsFirstVisitHint } from './service-order.ts';
import { FreeTimes, LocationStep, referralNote, ServiceStep, TherapistStep, WINDOW_DAYS } from './steps.tsx';
import { useSeenAtClinic } from './useSeenAtClinic.ts';

/** The steps at one clinic: session → therapist → day and time → confirm (with sign-in or a new account). */
export function BookingSteps({
  clinic,
  first,
  choices: c,
  linkTherapistId,
  onReleaseTherapist,
  set,
  onBooked,
}: {
  clinic: BookableClinic;
  /** The number of the first step here (2 when the clinic was a step of its own). */
  first: number;
  choices: Choices;
  /** The therapist named in the link (`?therapistId=`), shown as settled while still chosen. */
  linkTherapistId: string | null;
  /** Back to every session and therapist at the clinic (the link's therapist no longer fixed). */
  onReleaseTherapist: () => void;
  set: (patch: Partial<Choices>) => void;
  onBooked: (result: { appointment: Appointment; zone: string; therapist?: string }) => void;
}) {
  const location = useLocation();
  const confirmRef = useRef<HTMLHeadingElement>(null);
  // A new pick from the list starts a new confirm step (no stale conflict message).
  const [picks, setPicks] = useState(0);

  const services = useQuery({
    queryKey: ['public-services', clinic.id],
    queryFn: () => publicBooking.services(clinic.id),
  });
  const zone = services.data?.timeZone ?? clinic.timeZone;
  const today = todayIn(zone);
  const bookable = services.data?.items ?? [];
  const serviceId = c.choice === REFERRAL ? c.referralServiceId || bookable[0]?.id || '' : c.choice;
  const service = bookable.find((s) => s.id === serviceId);
  const therapists = services.data?.therapists ?? [];
  // Arriving from a therapist's Book button: their sessions first (all of them a click away).
  const linked = therapists.find((t) => t.id === c.therapistId);
  const linkedServices = linked ? bookable.filter((s) => s.therapistIds.includes(linked.id)) : [];
  // A signed-in patient never seen here: the new-patient sessions first (nothing hidden).
  const seen = useSeenAtClinic(clinic.id);
  const listed = servicesInOrder(linkedServices.length > 0 ? linkedServices : bookable, seen);
  const offering = therapists.filter((t) => service?.therapistIds.includes(t.id));
  // A therapist from a link who does not give this session: first available instead.
  const therapistId = offering.some((t) => t.id === c.therapistId) ? c.therapistId : '';
  const fixedTherapist = linkedTherapist(offering, { link: linkTherapistId, chosen: therapistId });
  const windowStart = laterDate(c.windowStart || today, today);
  // A clinic with several locations: the patient may keep to one ('' = any).
  const locationId = clinic.locations.some((l) => l.id === c.locationId) ? c.locationId : '';

  const availability = useQuery({
    queryKey: ['public-availability', clinic.id, serviceId, therapistId, locationId, windowStart],
    queryFn: () =>
      publicBooking.availability(clinic.id, {
        serviceId,
        from: windowStart,
        to: addDays(windowStart, WINDOW_DAYS),
        therapistId: therapistId || undefined,
        locationId: locationId || undefined,
        firstAvailable: !therapistId,
      }),
    enabled: Boolean(service),
  });
  const slot = service ? c.slot : null;
  const nameOf = (id: string) => therapists.find((t) => t.id === id)?.displayName;

  // Picking a time (or coming back from sign-in with one) moves focus to the confirm step. Deferred, so it
  // comes after the page heading takes focus on a new page.
  const slotKey = slot ? `${slot.start}|${slot.therapistId}` : '';
  useEffect(() => {
    if (!slotKey) return;
    const frame = requestAnimationFrame(() => confirmRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [slotKey]);

  if (services.isPending) return <Loading />;
  if (services.isError) return <LoadError error={services.error} retry={() => services.refetch()} />;
  if (bookable.length === 0)
    return (
      <EmptyState title="No sessions can be booked online right now">
        <p>Please call {clinic.name} to book.</p>
      </EmptyState>
    );
  const referral = c.choice === REFERRAL ? c.note.trim() : '';

  return (
    <>
      <section className="booking-step" aria-labelledby="step-service">
        <h2 id="step-service">{first}. Session</h2>
        {linked && linkedServices.length > 0 ? (
          <p className="muted">
            Sessions with {linked.displayName}.{' '}
            <button type="button" className="link-button" onClick={onReleaseTherapist}>
              See every session at {clinic.name}
            </button>
          </p>
        ) : null}
        <ServiceStep
          services={listed}
          firstVisitHint={showsFirstVisitHint(listed, seen)}
          choice={c.choice}
          note={c.note}
          referralServiceId={serviceId}
          onChoose={(choice) => set({ choice, day: '', slot: null })}
          onNote={(note) => set({ note })}
          onReferralService={(referralServiceId) => set({ referralServiceId, day: '', slot: null })}
        />
      </section>
      {service ? (
        <section className="booking-step" aria-labelledby="step-therapist">
          <h2 id="step-therapist">{first + 1}. Therapist</h2>
          <TherapistStep
            therapists={fixedTherapist ? [fixedTherapist] : offering}
            therapistId={therapistId}
            firstAvailable={!fixedTherapist}
            onChoose={(id) => set({ therapistId: id, day: '', slot: null })}
          />
          {fixedTherapist ? (
            <p>
              <button type="button" className="link-button" onClick={onReleaseTherapist}>
                See the other therapists at {clinic.name}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
      {service ? (
        <section className="booking-step" aria-labelledby="step-time">
          <h2 id="step-time">{first + 2}. Day and time</h2>
          {clinic.locations.length > 1 ? (
            <LocationStep
              locations={clinic.locations}
              locationId={locationId}
              onChoose={(id) => set({ locationId: id, day: '', slot: null })}
            />
          ) : null}
          <FreeTimes
            times={availability}
            zone={zone}
            today={today}
            windowStart={windowStart}
            day={c.day}
            slot={slot}
            onDay={(d) => set({ day: d, slot: null })}
            onSlot={(s) => {
              setPicks((n) => n + 1);
              set({ slot: s });
            }}
            onWindow={(w) => set({ windowStart: w, day: '' })}
          />
        </section>
      ) : null}
      {slot && service ? (
        <ConfirmStep
          key={picks}
          headingRef={confirmRef}
          number={first + 3}
          clinic={clinic}
          zone={zone}
          service={service}
          slot={slot}
          rules={services.data}
          referral={referral || undefined}
          note={referralNote(referral)}
          nameOf={nameOf}
          returnTo={location.pathname + location.search}
          onSlot={(s) => set({ slot: s })}
          onConflict={() => void availability.refetch()}
          onBooked={(appointment) =>
            onBooked({ appointment, zone, therapist: nameOf(appointment.therapistId) })
          }
        />
      ) : null}
    </>
  );
}
