import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading, QueryList } from '../../components/Status.tsx';
import { recordFile, reportsApi } from '../reports/api.ts';
import { NotLinked } from './NotLinked.tsx';
import '../reports/reports.css';
import { formatDate } from '../../components/format.ts';
import { MyAccount } from '../payments/PaymentsSection.tsx';
import { OutcomeChart, PainChart } from '../progress/charts.tsx';
import { SuperbillDownload } from '../superbills/SuperbillDownload.tsx';

/**
 * The patient's portal: their progress in plain words and as charts, their home exercises (logged with one tap),
 * their whole record and superbills to download, and who their record was shared with. Large type; works on a
 * phone.
 */
export function MyProgressPage() {
  const clinic = useClinic();
  const patientId = clinic.patientId;
  if (!patientId) return <NotLinked title="My progress" />;
  return <Portal clinicId={clinic.id} timeZone={clinic.timeZone} patientId={patientId} />;
}

function Portal({
  clinicId,
  timeZone,
  patientId,
}: {
  clinicId: string;
  timeZone: string;
  patientId: string;
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const progress = useQuery({
    queryKey: ['portal-progress', clinicId, patientId],
    queryFn: () => reportsApi.portalProgress(clinicId, patientId),
  });
  const log = useQuery({
    queryKey: ['home-care-log', clinicId, patientId],
    queryFn: () => reportsApi.homeCareLog(clinicId, patientId),
  });
  const disclosures = useQuery({
    queryKey: ['disclosures', clinicId, patientId],
    queryFn: () => reportsApi.disclosures(clinicId, patientId),
  });
  const record = useMutation({
    mutationFn: (input: { exerciseId: string; done: boolean }) =>
      reportsApi.logExercise(clinicId, patientId, input),
    onSuccess: (entry) => {
      setMessage(
        entry.done
          ? `Well done: ${entry.exerciseName} logged for today.`
          : `${entry.exerciseName}: noted as not done today.`,
      );
      void queryClient.invalidateQueries({ queryKey: ['home-care-log', clinicId, patientId] });
    },
  });
  const today = log.data?.adherence.to;

  return (
    <Page title="My progress">
      <div className="portal stack">
        <LiveMessage message={message} />
        {progress.isPending ? (
          <Loading />
        ) : progress.isError ? (
          <LoadError error={progress.error} retry={() => progress.refetch()} />
        ) : (
          <>
            <section className="card" aria-labelledby="pp-how">
              <h2 id="pp-how">How you are doing</h2>
              {progress.data.measures.length === 0 ? (
                <p>Your therapist has not measured your progress yet.</p>
              ) : null}
              <ul className="portal-list">
                {progress.data.measures.map((m) => (
                  <li key={m.name}>
                    <p>
                      <strong>{m.what}</strong>
                    </p>
                    <p>{m.plain}</p>
                    {m.points.length > 1 ? (
                      <OutcomeChart
                        className="portal-chart"
                        title={`Your ${m.name}`}
                        points={m.points}
                        range={m.range}
                        band={null}
                        betterWhen={m.betterWhen}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
              {progress.data.painSummary ? <p>{progress.data.painSummary}</p> : null}
              {progress.data.pain.length > 1 ? (
                <PainChart className="portal-chart" points={progress.data.pain} />
              ) : null}
            </section>
            <section className="card" aria-labelledby="pp-goals">
              <h2 id="pp-goals">Your goals</h2>
              {progress.data.goals.length === 0 ? (
                <p>Your therapist sets your goals with you in your plan of care.</p>
              ) : (
                <ul className="portal-list">
                  {progress.data.goals.map((g) => (
                    <li key={g.description}>
                      <strong>{g.description}</strong>
                      <br />
                      {g.plain}
                    </li>
                  ))}
                </ul>
              )}
              <p>{progress.data.visits.plain}</p>
            </section>
          </>
        )}

        <section className="card" aria-labelledby="pp-home">
          <h2 id="pp-home">Your home exercises</h2>
          {log.isPending ? (
            <Loading />
          ) : log.isError ? (
            <LoadError error={log.error} retry={() => log.refetch()} />
          ) : log.data.exercises.length === 0 ? (
            <p>You have no home exercises at the moment.</p>
          ) : (
            <>
              <p>
                In the last two weeks you did {log.data.adherence.done} of {log.data.adherence.expected}{' '}
                exercises
                {log.data.adherence.percent !== null ? ` (${log.data.adherence.percent} %)` : ''}.
              </p>
              <ul className="portal-list">
                {log.data.exercises.map((e) => {
                  const entry = log.data.entries.find(
                    (x) => x.exerciseId === e.id && x.performedOn === today,
                  );
                  return (
                    <li key={e.id} className="portal-exercise card">
                      <h3>{e.name}</h3>
                      <p>{e.instructions}</p>
                      <p>
                        <strong>How much:</strong> {e.dosage}
                      </p>
                      <p>Today: {entry ? (entry.done ? 'done ✓' : 'not done') : 'not logged yet'}</p>
                      {/* A pair of toggles: the one matching today's log is pressed (and filled), so a second
                          tap on the other one corrects it. */}
                      <div className="report-actions">
                        <button
                          type="button"
                          className={entry?.done === false ? 'button button-secondary' : 'button'}
                          aria-pressed={entry?.done === true}
                          disabled={record.isPending}
                          onClick={() => record.mutate({ exerciseId: e.id, done: true })}
                        >
                          I did “{e.name}” today
                        </button>
                        <button
                          type="button"
                          className={entry?.done === false ? 'button' : 'button button-secondary'}
                          aria-pressed={entry?.done === false}
                          disabled={record.isPending}
                          onClick={() => record.mutate({ exerciseId: e.id, done: false })}
                        >
                          Not today
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
              {record.isError ? <Alert>{messageOf(record.error)}</Alert> : null}
            </>
          )}
        </section>

        <section className="card" aria-labelledby="pp-record">
          <h2 id="pp-record">Your health record</h2>
          <p>You have the right to a copy of your whole record. Download it here at any time.</p>
          <div className="report-actions">
            <a className="button" href={recordFile(clinicId, patientId, 'pdf')} download="health-record.pdf">
              Download my record (PDF)
            </a>
            <a
              className="button button-secondary"
              href={recordFile(clinicId, patientId, 'fhir.json')}
              download="health-record.fhir.json"
            >
              Download for another app (FHIR)
            </a>
          </div>
          <SuperbillDownload clinicId={clinicId} patientId={patientId} timeZone={timeZone} />
        </section>

        <section className="card" aria-labelledby="pp-account">
          <h2 id="pp-account">Your account</h2>
          <MyAccount clinicId={clinicId} patientId={patientId} />
        </section>

        <section className="card" aria-labelledby="pp-shared">
          <h2 id="pp-shared">Who your record was shared with</h2>
          <QueryList
            query={disclosures}
            retry={false}
            empty={<p>Your record has not been shared with anyone.</p>}
          >
            {(items) => (
              <ul className="portal-list">
                {items.map((d) => (
                  <li key={d.id}>
                    <strong>{formatDate(d.disclosedAt, timeZone)}</strong>: {d.description}, to {d.recipient}.
                    Why: {d.purpose}.
                  </li>
                ))}
              </ul>
            )}
          </QueryList>
        </section>
      </div>
    </Page>
  );
}
