import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  isSelfReferredReport,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  type SENT_METHODS,
} from '../../../../src/modules/reports/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { cachedFromEarlierVisit } from '../../components/fresh-copy.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { DiscardDraft, SaveStatus, SignPanel } from '../assessments/record.tsx';
import { useDraftAutosave } from '../assessments/useDraftAutosave.ts';
import { type Recommendation, type Report, reportFile, reportsApi } from './api.ts';
import { deliveryHeading, signedMessage, signMeaning } from './delivery.ts';
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

/** One report: the therapist reviews and edits the draft (it autosaves), then signs it (locked, delivered). */
export function ReportPage() {
  const clinic = useClinic();
  const { me } = useSession();
  const { patientId = '', reportId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const id = useId();
  const queryClient = useQueryClient();
  const key = ['report', clinic.id, reportId];
  const report = useQuery({ queryKey: key, queryFn: () => reportsApi.get(clinic.id, patientId, reportId) });
  const [message, setMessage] = useState<string | null>(null);

  if (report.isPending || cachedFromEarlierVisit(report)) return <Loading />;
  if (report.isError)
    return (
      <Page title="Report">
        <LoadError error={report.error} retry={() => report.refetch()} />
      </Page>
    );
  const r = report.data;
  const update = (next: Report) => queryClient.setQueryData(key, next);
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
        {/* The account's name: the name as typed stays on the record (and in the PDF's signature line). */}
        <span className="badge">{signed ? `Signed by ${r.author.name}` : 'Draft'}</span>
      </div>
      {signed ? (
        <>
          <section className="card" aria-labelledby={`${id}-del`}>
            <h2 id={`${id}-del`}>{deliveryHeading(r)}</h2>
            {r.deliveries.length > 0 || r.sentOutside.length > 0 ? (
              <ul>
                {r.deliveries.map((d) => (
                  <li key={d.id}>
                    {d.recipient.name}: delivered in Palpa {formatDate(d.deliveredAt, clinic.timeZone)},{' '}
                    {d.openedAt ? `opened ${formatDate(d.openedAt, clinic.timeZone)}` : 'not opened yet'}
                  </li>
                ))}
                {r.sentOutside.map((d) => (
                  <li key={d.id}>
                    {d.recipient}: {d.description}, recorded for {formatDate(d.sentAt, clinic.timeZone)}
                  </li>
                ))}
              </ul>
            ) : null}
            {isSelfReferredReport(r.facts) ? null : <SentOutsideForm report={r} onSent={update} />}
          </section>
          <ReportText report={r} />
        </>
      ) : (
        <>
          <ReportDraft
            key={r.id}
            report={r}
            onUpdate={update}
            onSigned={(done) => {
              update(done);
              setMessage(signedMessage(done));
            }}
          />
          {r.author.userId === me.user.id ? (
            <DiscardDraft
              what="report"
              onDiscard={() => reportsApi.discard(clinic.id, patientId, r.id)}
              then={`/patients/${patientId}/reports`}
            />
          ) : null}
        </>
      )}
      <h2>From the record</h2>
      <ReportFacts report={r} />
    </Page>
  );
}

/** The draft's text and recommendation, saved as they are typed; then the signature. */
function ReportDraft({
  report,
  onUpdate,
  onSigned,
}: {
  report: Report;
  onUpdate: (next: Report) => void;
  onSigned: (signed: Report) => void;
}) {
  const clinic = useClinic();
  const id = useId();
  const [content, setContent] = useState({ text: report.text, recommendation: report.recommendation });
  const autosave = useDraftAutosave({
    save: (patch, options) => reportsApi.update(clinic.id, report.patientId, report.id, patch, options),
    onSaved: onUpdate,
  });
  const change = (next: typeof content, path: string) => {
    setContent(next);
    autosave.changed(next, [path]);
  };
  return (
    <>
      <form className="form report-text" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map(([field, label]) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <textarea
              id={`${id}-${field}`}
              value={content.text[field]}
              onChange={(e) =>
                change({ ...content, text: { ...content.text, [field]: e.target.value } }, `text.${field}`)
              }
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-rec`}>Recommendation</label>
          <select
            id={`${id}-rec`}
            value={content.recommendation}
            onChange={(e) =>
              change({ ...content, recommendation: e.target.value as Recommendation }, 'recommendation')
            }
          >
            {RECOMMENDATIONS.map((x) => (
              <option key={x} value={x}>
                {RECOMMENDATION_LABELS[x]}
              </option>
            ))}
          </select>
        </div>
        <SaveStatus state={autosave.state} />
      </form>
      <SignPanel
        what="report"
        meaning={signMeaning(report)}
        onSign={async (typedName) => {
          await autosave.flush();
          onSigned(await reportsApi.sign(clinic.id, report.patientId, report.id, typedName));
        }}
      />
    </>
  );
}

const METHODS: [(typeof SENT_METHODS)[number], string][] = [
  ['fax', 'By fax'],
  ['post', 'By post'],
  ['hand', 'By hand'],
];

/**
 * Records that the signed report was sent outside Palpa (kept in the patient's accounting of disclosures): the
 * next step when the referring provider has no Palpa account.
 */
function SentOutsideForm({ report, onSent }: { report: Report; onSent: (next: Report) => void }) {
  const clinic = useClinic();
  const id = useId();
  const provider = report.referringProvider;
  const [method, setMethod] = useState<(typeof SENT_METHODS)[number]>('fax');
  const [recipient, setRecipient] = useState(provider?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!recipient.trim()) return setError('Say who you sent it to');
    setBusy(true);
    setError(null);
    try {
      const next = await reportsApi.sentOutside(clinic.id, report.patientId, report.id, {
        method,
        recipient: recipient.trim(),
      });
      onSent(next);
      setDone(`Recorded: sent to ${recipient.trim()}. It is listed in the patient's disclosures.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sent it outside Palpa? Record it</h3>
      <div className="field">
        <label htmlFor={`${id}-to`}>Sent to</label>
        <input
          id={`${id}-to`}
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
          maxLength={300}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-how`}>How</label>
        <select
          id={`${id}-how`}
          value={method}
          onChange={(e) => setMethod(e.target.value as (typeof SENT_METHODS)[number])}
        >
          {METHODS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Alert>{error}</Alert>
      <LiveMessage message={done} />
      <button type="submit" className="button button-secondary" disabled={busy}>
        Record that it was sent
      </button>
    </form>
  );
}
