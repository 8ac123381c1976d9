import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading, QueryList } from '../../components/Status.tsx';
import { type HomeCareLog, recordFile, reportsApi } from '../reports/api.ts';
import {
  adherenceText,
  daysToLog,
  exerciseOnDay,
  howOften,
  type LogDay,
  loggedMessage,
  undoneMessage,
} from './home-care-days.ts';
import { NotLinked } from './NotLinked.tsx';
import './portal.css';
import '../reports/reports.css';
import { formatDate, formatDay } from '../../components/format.ts';
import { MyAccount } from '../payments/PaymentsSection.tsx';
import { OutcomeChart, PainChart } from '../progress/charts.tsx';
import { SuperbillDownload } from '../superbills/SuperbillDownload.tsx';

/**
 * The patient's portal: their progress in plain words and as charts, their home exercises (logged with one tap,
 * for today or a day of the last week, as often a day as prescribed),
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
            <HomeExercises
              clinicId={clinicId}
              patientId={patientId}
              log={log.data}
              onDone={(text) => {
                setMessage(text);
                void queryClient.invalidateQueries({ queryKey: ['home-care-log', clinicId, patientId] });
              }}
            />
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

/**
 * The home exercises on a day the patient picks (today first, the last 7 days): each logged as often as it is
 * prescribed that day, and a mistaken tap undone.
 */
function HomeExercises({
  clinicId,
  patientId,
  log,
  onDone,
}: {
  clinicId: string;
  patientId: string;
  log: HomeCareLog;
  onDone: (message: string) => void;
}) {
  const days = daysToLog(log.today, log.startedOn);
  const [picked, setPicked] = useState<string | null>(null);
  const day = days.find((d) => d.date === picked) ?? days[0];
  const record = useMutation({
    mutationFn: (input: { exercise: HomeCareLog['exercises'][number]; times: number; day: LogDay }) =>
      reportsApi.logExercise(clinicId, patientId, {
        exerciseId: input.exercise.id,
        performedOn: input.day.date,
        done: true,
      }),
    onSuccess: (_entry, input) => onDone(loggedMessage(input.exercise, input.day, input.times)),
  });
  const undo = useMutation({
    mutationFn: (input: { exercise: HomeCareLog['exercises'][number]; entryId: string; day: LogDay }) =>
      reportsApi.undoLog(clinicId, patientId, input.entryId),
    onSuccess: (_none, input) => onDone(undoneMessage(input.exercise, input.day)),
  });
  const busy = record.isPending || undo.isPending;

  return (
    <>
      <p>{adherenceText(log.adherence)}</p>
      {!day ? (
        <p>Your home exercises start on {formatDay(log.startedOn)}. You can log them from that day.</p>
      ) : (
        <>
          <fieldset className="portal-days">
            <legend>Which day are you logging?</legend>
            <div className="portal-day-list">
              {days.map((d) => (
                <button
                  key={d.date}
                  type="button"
                  className="portal-day"
                  aria-pressed={d.date === day.date}
                  onClick={() => setPicked(d.date)}
                >
                  {d.short}
                  <span className="visually-hidden">, {d.more}</span>
                </button>
              ))}
            </div>
          </fieldset>
          <ul className="portal-list">
            {log.exercises.map((e) => {
              const onDay = exerciseOnDay(e, log.entries, day.date);
              return (
                <li key={e.id} className="portal-exercise card">
                  <h3>{e.name}</h3>
                  <p>{e.instructions}</p>
                  <p>
                    <strong>How much:</strong> {e.dosage}
                  </p>
                  <p>
                    <strong>Counted as:</strong> {howOften(e).toLowerCase()}
                  </p>
                  <p>
                    {day.title}: {onDay.status}
                  </p>
                  <div className="report-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={busy || onDay.full}
                      onClick={() => record.mutate({ exercise: e, times: onDay.times + 1, day })}
                    >
                      I did “{e.name}” {day.inSentence}
                    </button>
                    {onDay.undoable ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-label={`Undo the last “${e.name}” logged for ${day.inSentence.replace(/^on /, '')}`}
                        disabled={busy}
                        onClick={() => undo.mutate({ exercise: e, entryId: onDay.undoable!.id, day })}
                      >
                        Undo
                      </button>
                    ) : null}
                  </div>
                  {onDay.full ? (
                    <p className="muted">
                      Logged as often as prescribed for {day.inSentence.replace(/^on /, '')}.
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {record.isError ? <Alert>{messageOf(record.error)}</Alert> : null}
      {undo.isError ? <Alert>{messageOf(undo.error)}</Alert> : null}
    </>
  );
}
