import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  isSelfReferredReport,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
} from '../../../../src/modules/reports/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { type Recommendation, type Report, reportFile, reportsApi } from './api.ts';
import { ReportFacts, ReportText } from './ReportBody.tsx';
import './reports.css';
import { formatDate, formatDay } from '../../components/format.ts';
import { usePatientTitle } from '../patients/usePatientTitle.ts';

const FIELDS = [
  ['summary', 'Summary'],
  ['assessment', 'Assessment'],
  ['plan', 'Plan'],
  ['recommendationNote', 'Recommendation note'],
] as const;

/** One report: the therapist reviews and edits the draft, then signs it (then it is locked and delivered). */
export function ReportPage() {
  const clinic = useClinic();
  const { me } = useSession();
  const { patientId = '', reportId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const id = useId();
  const queryClient = useQueryClient();
  const key = ['report', clinic.id, reportId];
  const report = useQuery({ queryKey: key, queryFn: () => reportsApi.get(clinic.id, patientId, reportId) });
  const [text, setText] = useState<Report['text'] | null>(null);
  const [recommendation, setRecommendation] = useState<Recommendation>('continue');
  const [typedName, setTypedName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (report.data) {
      setText(report.data.text);
      setRecommendation(report.data.recommendation);
    }
  }, [report.data]);
  const save = useMutation({
    mutationFn: () => reportsApi.update(clinic.id, patientId, reportId, { text: text ?? {}, recommendation }),
    onSuccess: (r) => {
      queryClient.setQueryData(key, r);
      setMessage('Draft saved');
    },
  });
  const sign = useMutation({
    mutationFn: async () => {
      await reportsApi.update(clinic.id, patientId, reportId, { text: text ?? {}, recommendation });
      return reportsApi.sign(clinic.id, patientId, reportId, typedName);
    },
    onSuccess: (r) => {
      queryClient.setQueryData(key, r);
      setMessage(
        r.deliveries.length > 0
          ? `Signed and delivered to ${r.deliveries.map((d) => d.recipient.name).join(', ')}`
          : 'Signed',
      );
    },
  });

  if (report.isPending) return <Loading />;
  if (report.isError)
    return (
      <Page title="Report">
        <LoadError error={report.error} retry={() => report.refetch()} />
      </Page>
    );
  const r = report.data;
  const signed = r.status === 'signed';
  return (
    <Page
      title={titled(r.title)}
      intro={
        <p>
          {r.facts.patient.name} · born {formatDay(r.facts.patient.dateOfBirth)} ·{' '}
          <Link to={`/patients/${patientId}/reports`}>All reports</Link>
        </p>
      }
    >
      <LiveMessage message={message} />
      <div className="report-actions">
        <a
          className="button button-secondary"
          href={reportFile(clinic.id, patientId, reportId, 'pdf')}
          target="_blank"
          rel="noreferrer"
        >
          Open the PDF
        </a>
        <a
          className="button button-quiet"
          href={reportFile(clinic.id, patientId, reportId, 'html')}
          target="_blank"
          rel="noreferrer"
        >
          Printable page
        </a>
        <span className="badge">{signed ? `Signed by ${r.signatureTypedName}` : 'Draft'}</span>
      </div>
      {signed ? (
        <>
          <section className="card" aria-labelledby={`${id}-del`}>
            <h2 id={`${id}-del`}>Delivered</h2>
            {r.deliveries.length === 0 ? (
              <p>Not delivered to a physician.</p>
            ) : (
              <ul>
                {r.deliveries.map((d) => (
                  <li key={d.id}>
                    {d.recipient.name}: delivered {formatDate(d.deliveredAt, clinic.timeZone)},{' '}
                    {d.openedAt ? `opened ${formatDate(d.openedAt, clinic.timeZone)}` : 'not opened yet'}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <ReportText report={r} />
        </>
      ) : text ? (
        <form
          className="form report-text"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {FIELDS.map(([field, label]) => (
            <div className="field" key={field}>
              <label htmlFor={`${id}-${field}`}>{label}</label>
              <textarea
                id={`${id}-${field}`}
                value={text[field]}
                onChange={(e) => setText({ ...text, [field]: e.target.value })}
              />
            </div>
          ))}
          <div className="field">
            <label htmlFor={`${id}-rec`}>Recommendation</label>
            <select
              id={`${id}-rec`}
              value={recommendation}
              onChange={(e) => setRecommendation(e.target.value as Recommendation)}
            >
              {RECOMMENDATIONS.map((x) => (
                <option key={x} value={x}>
                  {RECOMMENDATION_LABELS[x]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={save.isPending}>
              Save draft
            </button>
          </div>
          {save.isError ? <Alert>{messageOf(save.error)}</Alert> : null}
          <fieldset className="card">
            <legend>Sign the report</legend>
            <p className="small">
              {isSelfReferredReport(r.facts)
                ? 'Signing locks the report. The client came on their own: it is kept for the record, not sent to a physician.'
                : 'Signing locks the report and sends it to the referring physician’s portal.'}
            </p>
            <div className="field">
              <label htmlFor={`${id}-sig`}>Type your name to sign ({me.user.displayName})</label>
              <input id={`${id}-sig`} value={typedName} onChange={(e) => setTypedName(e.target.value)} />
            </div>
            <button
              type="button"
              className="button"
              disabled={sign.isPending || !typedName.trim()}
              onClick={() => sign.mutate()}
            >
              Sign report
            </button>
            {sign.isError ? <Alert>{messageOf(sign.error)}</Alert> : null}
          </fieldset>
        </form>
      ) : null}
      <h2>From the record</h2>
      <ReportFacts report={r} />
    </Page>
  );
}
