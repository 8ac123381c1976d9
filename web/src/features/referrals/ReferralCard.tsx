import { injuryText } from '../../../../src/domain/catalog/injury.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { type Attachment, type Claim, clinical, type Referral } from '../patients/api.ts';
import {
  ReferralStatusBadge,
  referrerName,
  siteName,
  techniqueName,
  visitsText,
} from '../patients/labels.tsx';
import { ClaimDetails } from './ClaimDetails.tsx';
import { PriorAuthorization } from './PriorAuthorization.tsx';
import { ProgressInterval } from './ProgressInterval.tsx';

/**
 * One referral: status, diagnoses, what is authorised, how often progress reports fall due, and (e-referral)
 * the signature.
 */
export function ReferralCard({
  referral,
  timeZone,
  claim,
  progressIntervalOf,
  documents = [],
}: {
  referral: Referral;
  timeZone: string;
  /**
   * The front desk's billing view: the claim behind an injury referral and the prior authorisation number, both
   * edited in place; absent for those who may not see them.
   */
  claim?: { value: Claim | undefined; onSaved: () => void };
  /** The clinic, for those who set how often progress reports fall due (therapists, the owner). */
  progressIntervalOf?: string;
  /** The documents filed with it, to download. */
  documents?: Attachment[];
}) {
  const clinic = useClinic();
  const r = referral;
  return (
    <article className="card referral-card" aria-label={`Referral of ${formatDay(r.referralDate)}`}>
      <div className="referral-head">
        <ReferralStatusBadge referral={r} />
        <span className="referral-visits">{visitsText(r)}</span>
        <span className="muted small">
          {r.source === 'electronic' ? 'E-referral' : 'Paper referral'} of {formatDay(r.referralDate)}
        </span>
      </div>
      <ul className="diagnosis-list">
        {r.diagnoses.map((d) => (
          <li key={d.code}>
            <code>{d.code}</code> {d.description}
            {d.laterality && d.laterality !== 'unspecified' ? ` (${d.laterality})` : ''}
          </li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>Referred by</dt>
          <dd>
            {r.provider ? referrerName(r.provider) : '—'}
            {r.provider?.npi ? <span className="muted"> · NPI {r.provider.npi}</span> : null}
          </dd>
        </div>
        {r.injury ? (
          <div>
            <dt>Related to</dt>
            <dd>{injuryText(r.injury, formatDay)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Valid</dt>
          <dd>
            {formatDay(r.validFrom)} – {r.validUntil ? formatDay(r.validUntil) : 'no end date'}
            {r.daysLeft !== null && r.daysLeft >= 0 ? (
              <span className="muted">
                {' '}
                · {r.daysLeft === 0 ? 'last day today' : `${r.daysLeft} days left`}
              </span>
            ) : null}
          </dd>
        </div>
        {r.frequencyPerWeek ? (
          <div>
            <dt>Frequency</dt>
            <dd>
              {r.frequencyPerWeek}×/week × {r.durationWeeks} weeks
            </dd>
          </div>
        ) : null}
        {r.authorizedVisits ? (
          <div>
            <dt>Authorised visits</dt>
            <dd>{r.authorizedVisits}</dd>
          </div>
        ) : null}
        {r.priorAuthorizationNumber && !claim ? (
          <div>
            <dt>Prior authorisation</dt>
            <dd>{r.priorAuthorizationNumber}</dd>
          </div>
        ) : null}
        {r.sessionMinutes ? (
          <div>
            <dt>Session length</dt>
            <dd>{r.sessionMinutes} minutes</dd>
          </div>
        ) : null}
        {r.techniques.length ? (
          <div>
            <dt>Techniques</dt>
            <dd>{r.techniques.map(techniqueName).join(', ')}</dd>
          </div>
        ) : null}
        {r.bodyRegions.length ? (
          <div>
            <dt>Body areas</dt>
            <dd>{r.bodyRegions.map(siteName).join(', ')}</dd>
          </div>
        ) : null}
        {r.precautions ? (
          <div>
            <dt>Precautions</dt>
            <dd className="precautions">{r.precautions}</dd>
          </div>
        ) : null}
        {documents.length > 0 ? (
          <div>
            <dt>Documents</dt>
            <dd>
              <ul className="inline-list">
                {documents.map((d) => (
                  <li key={d.id}>
                    <a href={clinical.downloadUrl(clinic.id, r.patientId, d.id)} download={d.fileName}>
                      {d.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {progressIntervalOf ? <ProgressInterval clinicId={progressIntervalOf} referralId={r.id} /> : null}
      </dl>
      {r.injury && claim ? <ClaimDetails referral={r} claim={claim.value} onSaved={claim.onSaved} /> : null}
      {claim ? <PriorAuthorization referral={r} onSaved={claim.onSaved} /> : null}
      {r.signature ? (
        <p className="signature-line small">
          Signed electronically by <strong>{r.signature.typedName}</strong> on{' '}
          {formatDateTime(r.signature.signedAt, timeZone)}
          {r.signature.valid ? (
            <span className="badge badge-success">Signature verified</span>
          ) : (
            <span className="badge badge-danger">Changed since signing</span>
          )}
        </p>
      ) : null}
    </article>
  );
}
