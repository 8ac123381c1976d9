import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ATTACHMENT_KIND_LABELS } from '../../../../src/modules/attachments/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { clinical } from '../patients/api.ts';

/**
 * What patients sent from their portal in the last two weeks (a prescription to file with a referral, an imaging
 * report), each opening the chart at its documents; a prescription not yet filed opens the referral form with
 * it ticked. A therapist sees what their own patients sent. Shown only when there is something to see.
 */
export function SentByPatients({ therapistId }: { therapistId?: string }) {
  const clinic = useClinic();
  const sent = useQuery({
    queryKey: ['attachments-from-patients', clinic.id, therapistId],
    queryFn: () => clinical.fromPatients(clinic.id, therapistId),
  });
  const items = sent.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="home-sent-by-patients">
      <h2 id="home-sent-by-patients">{therapistId ? 'Sent by your patients' : 'Sent by patients'}</h2>
      <p className="muted">
        {therapistId
          ? 'Documents your patients (booked with you lately or soon) sent in the last two weeks: read an imaging report before you treat.'
          : 'Documents patients sent from their portal in the last two weeks.'}
      </p>
      <ul className="agenda-list">
        {items.map((d) => (
          <li key={d.id} className="agenda-item">
            <span className="agenda-time">{formatDateTime(d.createdAt, clinic.timeZone)}</span>
            <span className="agenda-main">
              <Link to={`/patients/${d.patientId}#section-documents`}>{d.patientName}</Link> ·{' '}
              {ATTACHMENT_KIND_LABELS[d.kind]}
              <span className="agenda-meta break">{d.fileName}</span>
            </span>
            {d.referralId ? (
              <span className="agenda-meta">Filed with a referral</span>
            ) : d.kind === 'prescription' ? (
              <Link
                className="button button-secondary"
                to={`/patients/${d.patientId}/referrals/new?document=${d.id}`}
              >
                Record the referral
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
