import '../calendar/calendar.css';
import './booking.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Appointment } from '../../api/scheduling.ts';
import { useOptionalSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { publicBooking } from './api.ts';
import { Booked } from './Booked.tsx';
import { BookingSteps } from './BookingSteps.tsx';
import { useChoices } from './choices.ts';
import { clinicInView } from './links.ts';
import { ClinicStep } from './steps.tsx';

/**
 * Online booking, signed in or not: clinic (when there are several) → session → therapist or first available
 * → day and time → sign in or create an account → confirm → intake. Everything before the last step comes
 * from the public booking API; `?clinicId=` and `?therapistId=` (the directory's Book buttons) fix the clinic
 * and the therapist, with a way back to the directory or to the clinic's other therapists.
 */
export function BookPage() {
  const [search, setSearch] = useSearchParams();
  const linkClinicId = search.get('clinicId');
  const linkTherapistId = search.get('therapistId');
  const session = useOptionalSession();
  const { choices, set, chooseClinic, reset } = useChoices(linkClinicId, linkTherapistId);
  const [booked, setBooked] = useState<{
    clinicId: string;
    appointment: Appointment;
    zone: string;
    therapist?: string;
  } | null>(null);
  const clinics = useQuery({
    queryKey: ['public-clinics'],
    queryFn: publicBooking.clinics,
    staleTime: 5 * 60_000,
  });
  const list = clinics.data?.items ?? [];
  const { clinic, step, unknownLink } = clinicInView(list, {
    link: linkClinicId,
    chosen: choices.clinicId,
    session: session?.clinic?.id,
  });

  // A clinic chosen for the visitor (the only one, or the signed-in clinic) becomes the saved choice.
  useEffect(() => {
    if (!clinic || clinic.id === choices.clinicId) return;
    if (choices.clinicId) chooseClinic(clinic.id);
    else set({ clinicId: clinic.id });
  }, [clinic, choices.clinicId, chooseClinic, set]);

  if (booked) return <Booked {...booked} />;
  const clinicStep = step === 'none' ? 0 : 1;
  return (
    <Page title="Book a session" intro={clinic ? <p>{clinic.name}</p> : null}>
      <div className="booking">
        {clinics.isPending ? (
          <Loading />
        ) : clinics.isError ? (
          <LoadError error={clinics.error} retry={() => clinics.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState title="No clinic takes online bookings right now">
            <p>Please call your clinic to book.</p>
          </EmptyState>
        ) : (
          <>
            {unknownLink ? (
              <Alert tone="warning">
                The clinic in this link does not take online bookings right now
                {step === 'choose' ? '; choose a clinic below.' : '.'}
              </Alert>
            ) : null}
            {clinicStep ? (
              <section className="booking-step" aria-labelledby="step-clinic">
                <h2 id="step-clinic">1. Clinic</h2>
                <ClinicStep
                  clinics={step === 'fixed' && clinic ? [clinic] : list}
                  clinicId={clinic?.id ?? ''}
                  onChoose={chooseClinic}
                />
                {step === 'fixed' ? (
                  // The directory is a server page: a plain link.
                  <p>
                    <a href="/find">Choose another clinic</a>
                  </p>
                ) : null}
              </section>
            ) : null}
            {clinic ? (
              <BookingSteps
                key={clinic.id}
                clinic={clinic}
                first={clinicStep + 1}
                choices={choices}
                linkTherapistId={linkTherapistId}
                onReleaseTherapist={() => {
                  set({ therapistId: '', day: '', slot: null });
                  const rest = new URLSearchParams(search);
                  rest.delete('therapistId');
                  setSearch(rest, { replace: true });
                }}
                set={set}
                onBooked={(result) => {
                  reset();
                  setBooked({ clinicId: clinic.id, ...result });
                }}
              />
            ) : null}
          </>
        )}
      </div>
    </Page>
  );
}
