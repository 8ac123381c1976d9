import './home.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { formatWeekdayTime, localDateIn, plusDays } from '../../components/format.ts';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { SiteAddress } from '../booking/SiteAddress.tsx';
import { usePatientRecord } from '../booking/usePatientRecord.ts';
import { useTherapistNames } from '../calendar/refs.ts';
import { clinical } from '../patients/api.ts';

/** A patient's first screen: their next session, and the way to everything else they do here. */
export function PatientHome() {
  const clinic = useClinic();
  const zone = clinic.timeZone;
  const today = localDateIn(zone);
  const next = useQuery({
    queryKey: ['my-appointments', clinic.id, today],
    queryFn: () => scheduling.appointments(clinic.id, { from: today, to: plusDays(today, 62) }),
    select: (page) =>
      page.items
        .filter((a) => (a.status === 'booked' || a.status === 'confirmed') && Date.parse(a.end) > Date.now())
        .sort((a, b) => a.start.localeCompare(b.start))[0] ?? null,
  });
  const { therapistName } = useTherapistNames(clinic.id);
  const record = usePatientRecord(clinic.id);
  const intakes = useQuery({
    queryKey: ['intakes', clinic.id, record.data?.id],
    queryFn: () => clinical.intakes(clinic.id, record.data!.id),
    enabled: Boolean(record.data),
  });
  const intake = intakes.data
    ? intakes.data.items.some((i) => i.status === 'submitted')
      ? 'done'
      : intakes.data.items.length > 0
        ? 'started'
        : 'not started'
    : 'unknown';
  return (
    <section className="card" aria-labelledby="home-patient">
      <h2 id="home-patient">Your care</h2>
      {intake === 'started' || intake === 'not started' ? (
        <div className="alert alert-warning">
          <p>
            <strong>
              {intake === 'started' ? 'Finish your health history' : 'Please fill in your health history'}
            </strong>{' '}
            before your first visit, so your therapist can plan a safe treatment. It takes about ten minutes,
            and your answers are saved as you go.
          </p>
          <p>
            <Link className="button" to="/intake">
              {intake === 'started' ? 'Continue my health history' : 'Fill in my health history'}
            </Link>
          </p>
        </div>
      ) : null}
      {next.isPending ? (
        <Loading />
      ) : next.isError ? (
        <LoadError error={next.error} retry={() => next.refetch()} />
      ) : next.data ? (
        <div className="next-appointment">
          <p className="small muted">Your next session</p>
          <p className="next-when">{formatWeekdayTime(next.data.start, zone)}</p>
          <p>
            {next.data.serviceName}
            {therapistName(next.data.therapistId) ? ` with ${therapistName(next.data.therapistId)}` : ''}
          </p>
          <p>
            <SiteAddress location={next.data.location} />
          </p>
          <p>
            <Link to={`/clinics/${clinic.id}/appointments/${next.data.id}`}>See or change it</Link>
          </p>
        </div>
      ) : (
        <EmptyState title="No session booked">
          <p>
            <Link to="/book">Book a session</Link>
          </p>
        </EmptyState>
      )}
      <ul className="checklist">
        <li>
          <Link to="/appointments">My appointments</Link>: book, cancel or ask for an earlier time.
        </li>
        <li>
          <Link to="/intake">My health history</Link>: answer before your first visit, update when something
          changes.
        </li>
        <li>
          <Link to="/my-progress">My progress and home care</Link>: how you are doing, and your exercises.
        </li>
        <li>
          <Link to="/my-documents">My documents</Link>: send your doctor's prescription or referral, and
          imaging reports.
        </li>
      </ul>
    </section>
  );
}
