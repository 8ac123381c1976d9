import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { clinical } from '../patients/api.ts';
import { matchWords, mergeLink } from '../patients/possible-duplicates.ts';

/**
 * Front desk and owner: patients who booked online and may already be a patient here (the duplicate check
 * matched an existing record), each opening the merge panel for the pair. Shown only when there is one.
 */
export function PossibleDuplicates() {
  const clinic = useClinic();
  const duplicates = useQuery({
    queryKey: ['possible-duplicates', clinic.id],
    queryFn: () => clinical.possibleDuplicates(clinic.id),
  });
  const items = duplicates.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="home-possible-duplicates">
      <h2 id="home-possible-duplicates">Possible duplicate records</h2>
      <p className="muted">
        Patients who booked online and may already be a patient here. Until the records are merged, the new
        record has none of the existing one’s safety flags, referral or intake.
      </p>
      <ul className="agenda-list">
        {items.map((item) => (
          <li key={`${item.patient.id}-${item.existing.id}`} className="agenda-item">
            <span className="agenda-main">
              <Link to={`/patients/${item.patient.id}`}>{item.patient.displayName}</Link> (booked online) may
              be <Link to={`/patients/${item.existing.id}`}>{item.existing.displayName}</Link>
              <span className="agenda-meta">
                Born {formatDay(item.existing.dateOfBirth)} · {matchWords(item)}
              </span>
            </span>
            <Link
              className="button button-secondary"
              to={mergeLink(item)}
              aria-label={`Review and merge ${item.patient.displayName} into ${item.existing.displayName}`}
            >
              Review and merge
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
