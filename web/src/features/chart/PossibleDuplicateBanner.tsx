import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import { clinical, type PossibleDuplicate } from '../patients/api.ts';
import { bannerFor, mergeLink } from '../patients/possible-duplicates.ts';

/**
 * The chart's banner (staff, therapists included) when this record may be the same person as another one: a
 * patient who registered online and may already have a record here. Links to the other record (its safety flags)
 * and to the merge panel for the pair; "Not the same person" dismisses it. Drawn only when there is a match.
 */
export function PossibleDuplicateBanner({ patientId }: { patientId: string }) {
  const clinic = useClinic();
  const matches = useQuery({
    queryKey: ['possible-duplicates', clinic.id, patientId],
    queryFn: () => clinical.possibleDuplicatesOf(clinic.id, patientId),
  });
  const items = matches.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      {items.map((item) => (
        <Banner key={`${item.patient.id}-${item.existing.id}`} item={item} viewingId={patientId} />
      ))}
    </>
  );
}

function Banner({ item, viewingId }: { item: PossibleDuplicate; viewingId: string }) {
  const clinic = useClinic();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { text, other, advice } = bannerFor(item, viewingId);
  const headingId = `possible-duplicate-${other.id}`;
  return (
    <section className="alert alert-warning" aria-labelledby={headingId}>
      <h2 id={headingId} className="alert-title">
        Possible duplicate record
      </h2>
      <p>
        <strong>{text}</strong>
      </p>
      <p>
        {advice} <Link to={`/patients/${other.id}`}>Open {other.displayName}</Link> (born{' '}
        {formatDay(other.dateOfBirth)}).
      </p>
      <div className="form-actions">
        <Link className="button" to={mergeLink(item)}>
          Review and merge
        </Link>
        {confirming ? (
          <>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await clinical.dismissPossibleDuplicate(clinic.id, item.patient.id, item.existing.id);
                  await queryClient.invalidateQueries({ queryKey: ['possible-duplicates', clinic.id] });
                } catch (e) {
                  setError(messageOf(e));
                } finally {
                  setBusy(false);
                }
              }}
            >
              Yes, not the same person
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            Not the same person
          </button>
        )}
      </div>
      <Alert>{error}</Alert>
    </section>
  );
}
