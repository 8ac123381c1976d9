import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ASSESSMENT_KIND_LABELS } from '../../../../src/modules/assessments/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { assessmentsApi } from './api.ts';
import { chosenReferral } from './start.ts';

export const KIND_LABELS = ASSESSMENT_KIND_LABELS;

/** Start an evaluation (kind, referral), or continue a draft. */
export function AssessmentStartPage() {
  const clinic = useClinic();
  const id = useId();
  const navigate = useNavigate();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const [params] = useSearchParams();
  const [kind, setKind] = useState<keyof typeof KIND_LABELS>(
    (params.get('kind') as keyof typeof KIND_LABELS) ?? 'initial',
  );
  const [referralChoice, setReferralChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['assessments', clinic.id, patientId],
    queryFn: () => assessmentsApi.list(clinic.id, patientId),
  });
  const referrals = useQuery({
    queryKey: ['patient-referrals', clinic.id, patientId],
    queryFn: () => clinical.patientReferrals(clinic.id, patientId),
  });
  if (list.isPending || referrals.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} />;
  const refs = referrals.data?.items ?? [];
  const referralId = chosenReferral(referralChoice, refs);
  return (
    <Page title={titled('Evaluations')} intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}>
      <form
        className="form card"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const a = await assessmentsApi.create(clinic.id, patientId, {
              kind,
              ...(referralId ? { referralId } : {}),
            });
            navigate(`/patients/${patientId}/assessments/${a.id}`);
          } catch (err) {
            setError(messageOf(err));
          }
        }}
      >
        <h2>Start a new one</h2>
        <Alert>{error}</Alert>
        <div className="field">
          <label htmlFor={`${id}-k`}>Kind</label>
          <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {Object.entries(KIND_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>Referral</label>
          <select id={`${id}-r`} value={referralId} onChange={(e) => setReferralChoice(e.target.value)}>
            <option value="">No referral</option>
            {refs.map((r) => (
              <option key={r.id} value={r.id}>
                {formatDay(r.referralDate)} · {r.diagnoses.map((d) => d.code).join(', ')}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Start {KIND_LABELS[kind].toLowerCase()}
        </button>
      </form>
      <section className="section" aria-labelledby="assessments-list">
        <h2 id="assessments-list">Earlier evaluations</h2>
        {list.data.items.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="card-list">
            {list.data.items.map((a) => (
              <li key={a.id} className="card">
                <Link to={`/patients/${patientId}/assessments/${a.id}`}>
                  {KIND_LABELS[a.kind]} of {formatDay(a.assessedOn)}
                </Link>{' '}
                <span className={`badge badge-${a.status === 'signed' ? 'success' : 'warning'}`}>
                  {a.status === 'signed' ? 'Signed' : 'Draft'}
                </span>{' '}
                <span className="muted small">{a.author.name}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
