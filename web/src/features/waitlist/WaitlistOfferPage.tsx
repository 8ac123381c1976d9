import '../calendar/calendar.css';
import '../booking/booking.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, messageOf } from '../../api/client.ts';
import { type Appointment, scheduling } from '../../api/scheduling.ts';
import { useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { dateTimeLabel, zoneLabel } from '../calendar/time.ts';

/** The link in a waitlist offer e-mail: accept the earlier time (the first to accept gets it). */
export function WaitlistOfferPage() {
  const params = useParams();
  const session = useSession();
  const clinic = session.me.clinics.find((c) => c.id === params.clinicId) ?? session.clinic;
  const offerId = params.offerId ?? '';
  const [accepted, setAccepted] = useState<Appointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const offer = useQuery({
    queryKey: ['waitlist-offer', clinic?.id, offerId],
    queryFn: () => scheduling.offer(clinic!.id, offerId),
    enabled: Boolean(clinic),
  });
  if (!clinic) {
    return (
      <Page title="Earlier time offered">
        <Alert>This offer belongs to a clinic you are not signed in to.</Alert>
      </Page>
    );
  }
  const zone = clinic.timeZone;
  return (
    <Page title="Earlier time offered">
      <div className="booking narrow">
        {offer.isPending ? (
          <Loading />
        ) : offer.isError ? (
          <LoadError error={offer.error} />
        ) : accepted ? (
          <>
            <Alert tone="success">
              Booked: {accepted.serviceName} on {dateTimeLabel(accepted.start, zone)}. Your earlier
              appointment is not changed; cancel it in My appointments if you no longer need it.
            </Alert>
            <Link className="button button-large" to="/appointments">
              My appointments
            </Link>
          </>
        ) : (
          <section className="card" aria-labelledby="offer-time">
            <h2 id="offer-time">{dateTimeLabel(offer.data.start, zone)}</h2>
            <p className="muted">{zoneLabel(zone, offer.data.start)}</p>
            {offer.data.status === 'open' ? (
              <>
                <p>This time opened up at {clinic.name}. The first person to accept it gets it.</p>
                <p className="muted small">Offer open until {dateTimeLabel(offer.data.expiresAt, zone)}.</p>
                <Alert>{error}</Alert>
                <button
                  type="button"
                  className="button button-large button-block"
                  disabled={busy}
                  onClick={async () => {
                    setBusy(true);
                    setError(null);
                    try {
                      setAccepted(await scheduling.acceptOffer(clinic.id, offerId));
                    } catch (e) {
                      setError(
                        e instanceof ApiError && e.code === 'slot_taken'
                          ? 'Sorry, someone else accepted this time first. You stay on the waiting list.'
                          : messageOf(e),
                      );
                      void offer.refetch();
                    } finally {
                      setBusy(false);
                    }
                  }}
                >
                  Accept this time
                </button>
              </>
            ) : (
              <Alert tone="info">
                {offer.data.status === 'accepted'
                  ? 'You accepted this offer.'
                  : offer.data.status === 'taken'
                    ? 'Someone else accepted this time first. You stay on the waiting list.'
                    : 'This offer has expired.'}
              </Alert>
            )}
          </section>
        )}
      </div>
    </Page>
  );
}
