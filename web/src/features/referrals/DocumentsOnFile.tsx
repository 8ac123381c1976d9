import { useQuery } from '@tanstack/react-query';
import { ATTACHMENT_KIND_LABELS } from '../../../../src/modules/attachments/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox } from '../../components/Field.tsx';
import { formatDateTime } from '../../components/format.ts';
import { clinical } from '../patients/api.ts';

/**
 * The patient's documents not yet filed with a referral (typically the prescription they sent from their
 * portal): the desk ticks those that belong to the referral being recorded. Nothing shows when there are none.
 */
export function DocumentsOnFile({
  patientId,
  chosen,
  onChosen,
}: {
  patientId: string;
  chosen: string[];
  onChosen: (ids: string[]) => void;
}) {
  const clinic = useClinic();
  const documents = useQuery({
    queryKey: ['attachments', clinic.id, patientId],
    queryFn: () => clinical.attachments(clinic.id, patientId),
  });
  const unfiled = (documents.data?.items ?? []).filter((d) => d.referralId === null);
  if (unfiled.length === 0) return null;
  return (
    <fieldset>
      <legend>Documents on file</legend>
      <p className="field-hint">Tick what belongs to this referral: it is filed with it.</p>
      {unfiled.map((d) => (
        <Checkbox
          key={d.id}
          label={
            <>
              <a href={clinical.downloadUrl(clinic.id, patientId, d.id)} download={d.fileName}>
                {d.fileName}
              </a>{' '}
              <span className="muted">
                {ATTACHMENT_KIND_LABELS[d.kind]}, from{' '}
                {d.uploadedByPatient ? `${d.uploadedByName} (patient)` : d.uploadedByName},{' '}
                {formatDateTime(d.createdAt, clinic.timeZone)}
              </span>
            </>
          }
          checked={chosen.includes(d.id)}
          onChange={(e) =>
            onChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((id) => id !== d.id))
          }
        />
      ))}
    </fieldset>
  );
}
