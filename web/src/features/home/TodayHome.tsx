import '../calendar/calendar.css';
import './home.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { type Appointment, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { formatTime, formatTimeRange, localDateIn, plusDays } from '../../components/format.ts';
import { Alert, EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { bodyChartApi } from '../body-chart/api.ts';
import { BeforeCheckIn, useBeforeCheckIn } from '../calendar/BeforeCheckIn.tsx';
import { FirstVisitMark } from '../calendar/FirstVisitMark.tsx';
import { IntakeMissing } from '../calendar/IntakeMissing.tsx';
import { ReferralMark, ReferralMarksError, useReferralMarks } from '../calendar/ReferralMark.tsx';
import { STATUS_LABELS, useTherapistNames } from '../calendar/refs.ts';
import { useRebook } from '../rebook/RebookPage.tsx';
import { DayFlagsError, DaySafetyMark, useDayFlags } from './DaySafetyMark.tsx';
import { SummaryTile } from './SummaryTile.tsx';
import { UrgentTodo } from './UrgentTodo.tsx';

const TO_ARRIVE: readonly Appointment['status'][] = ['booked', 'confirmed'];
/** How many of the day's appointments the home page lists; the calendar has the rest. */
const LISTED = 8;
const byStart = (a: Appointment, b: Appointment) => a.start.localeCompare(b.start);

function useToday(clinicId: string, zone: string, therapistId?: string) {
  const today = localDateIn(zone);
  return useQuery({
    queryKey: ['today', clinicId, today, therapistId ?? 'all'],
    queryFn: () =>
      scheduling.appointments(clinicId, {
        from: today,
        to: plusDays(today, 1),
        ...(therapistId ? { therapistId } : {}),
      }),
    select: (page) => page.items.filter((a) => a.status !== 'cancelled').sort(byStart),
    // Fresh when someone looks (online bookings, a colleague's check-in), without an audited read every minute.
    refetchOnWindowFocus: true,
    refetchInterval: 5 * 60_000,
  });
}

/** Whose session it is: a quiet placeholder while the names load, and no stand-in word that reads like a name. */
function TherapistMeta({ pending, name }: { pending: boolean; name: string | undefined }) {
  if (pending)
    return (
      <span className="agenda-meta">
        <span className="loading-placeholder" aria-hidden="true" />
      </span>
    );
  return name ? <span className="agenda-meta">{name}</span> : null;
}

/**
 * The front desk's day: how many come today, who is still to arrive or in the building, and the next of them.
 * With `therapistId`, the therapist's own day instead: every session of theirs, with the note still to write.
 */
export function TodayHome({ therapistId }: { therapistId?: string }) {
  const clinic = useClinic();
  const zone = clinic.timeZone;
  const today = useToday(clinic.id, zone, therapistId);
  const { therapists, therapistName } = useTherapistNames(clinic.id);
  const todo = useQuery({
    queryKey: ['todo', clinic.id],
    queryFn: () => bodyChartApi.todo(clinic.id),
    enabled: therapistId !== undefined,
  });
  const mine = therapistId !== undefined;
  const rebook = useRebook(clinic.id, !mine);
  // A therapist sees each patient's safety flags before the session (not the front desk: clinical data).
  const dayFlags = useDayFlags(
    clinic.id,
    zone,
    therapistId,
    today.data?.map((a) => a.patientId),
  );
  // The desk sees a referral run out or used up on the list, before Check in (one read for the day).
  const referralMarks = useReferralMarks(clinic.id, zone, today.data, !mine);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const checkIn = useMutation({
    mutationFn: (a: Appointment) => scheduling.transition(clinic.id, a.id, 'check-in'),
    onSuccess: async (_, a) => {
      setMessage(`${a.patientName ?? 'The patient'} is checked in.`);
      await queryClient.invalidateQueries({ queryKey: ['today', clinic.id] });
    },
  });
  const { mutate: checkInNow } = checkIn;
  // Check in first reads what the calendar warns of (the intake not done, the referral expired or used up):
  // with nothing to warn of, the patient is checked in at once; else the desk reads it and decides.
  const [asking, setAsking] = useState<Appointment | null>(null);
  const beforeCheckIn = useBeforeCheckIn(clinic.id, zone, asking);
  const warned = asking !== null && beforeCheckIn.settled && beforeCheckIn.any;
  const warningsId = useId();
  const opener = useRef<HTMLButtonElement | null>(null);
  const anyway = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!asking || !beforeCheckIn.settled || beforeCheckIn.any) return;
    setAsking(null);
    checkInNow(asking);
  }, [asking, beforeCheckIn.settled, beforeCheckIn.any, checkInNow]);
  useEffect(() => {
    if (warned) anyway.current?.focus();
  }, [warned]);
  const notNow = () => {
    setAsking(null);
    opener.current?.focus();
  };
  const headingId = mine ? 'home-my-day' : 'home-clinic-day';
  const items = today.data ?? [];
  const count = (statuses: readonly Appointment['status'][]) =>
    items.filter((a) => statuses.includes(a.status)).length;
  // The front desk follows who is still to come or here; a therapist sees the whole day, notes included.
  const open = mine ? items : items.filter((a) => [...TO_ARRIVE, 'checked_in'].includes(a.status));
  const listed = open.slice(0, LISTED);
  const now = Date.now();

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{mine ? 'Your day' : 'Today at the clinic'}</h2>
      {today.isPending ? (
        <Loading />
      ) : today.isError ? (
        <LoadError error={today.error} retry={() => today.refetch()} />
      ) : (
        <>
          {mine ? <UrgentTodo items={todo.data?.items ?? []} /> : null}
          <section className="summary" aria-label={mine ? 'Your day at a glance' : 'Today at a glance'}>
            <SummaryTile to="/calendar" number={items.length} one="session today" many="sessions today" />
            <SummaryTile
              to="/calendar"
              number={count(TO_ARRIVE)}
              one="still to arrive"
              many="still to arrive"
            />
            <SummaryTile to="/calendar" number={count(['checked_in'])} one="checked in" many="checked in" />
            {mine ? (
              <SummaryTile
                to="/todo"
                number={todo.data?.items.length}
                failed={todo.isError}
                one="item to do"
                many="items to do"
              />
            ) : (
              <>
                <SummaryTile to="/calendar" number={count(['completed'])} one="completed" many="completed" />
                <SummaryTile
                  to="/rebook"
                  number={rebook.data?.items.length}
                  failed={rebook.isError}
                  one="to rebook"
                  many="to rebook"
                />
              </>
            )}
          </section>
          <LiveMessage message={message} />
          {checkIn.isError ? <Alert>{messageOf(checkIn.error)}</Alert> : null}
          <ReferralMarksError error={referralMarks.error} />
          {mine && dayFlags.query.isError ? (
            <DayFlagsError error={dayFlags.query.error} retry={() => dayFlags.query.refetch()} />
          ) : null}
          {listed.length === 0 ? (
            <EmptyState
              title={items.length === 0 ? 'No sessions today' : 'Everyone booked today has been seen'}
            />
          ) : (
            <ul
              className="agenda-list today-list"
              aria-label={mine ? 'Your sessions today' : 'Still to come today'}
            >
              {listed.map((a) => (
                <li key={a.id} className={`agenda-item appt-${a.status}`}>
                  <span className="agenda-time">
                    {formatTimeRange(a.start, a.end, zone)}
                    {TO_ARRIVE.includes(a.status) && Date.parse(a.start) < now ? (
                      <span className="late-note"> late</span>
                    ) : null}
                  </span>
                  <span className="agenda-main">
                    <Link to={`/patients/${a.patientId}`}>{a.patientName ?? 'Patient'}</Link> ·{' '}
                    {a.serviceName}
                    {mine ? null : (
                      <TherapistMeta pending={therapists.isPending} name={therapistName(a.therapistId)} />
                    )}
                    <FirstVisitMark appointment={a} />
                    <IntakeMissing appointment={a} />
                    <ReferralMark mark={referralMarks.marks.get(a.id)} />
                    {mine ? (
                      <DaySafetyMark
                        patientId={a.patientId}
                        patientName={a.patientName ?? 'the patient'}
                        flags={dayFlags.byPatient.get(a.patientId)}
                      />
                    ) : null}
                  </span>
                  <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
                  {!mine && TO_ARRIVE.includes(a.status) ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={`Check in ${a.patientName ?? 'the patient'} at ${formatTime(a.start, zone)}`}
                      disabled={checkIn.isPending}
                      onClick={(event) => {
                        opener.current = event.currentTarget;
                        setAsking(a);
                      }}
                    >
                      Check in
                    </button>
                  ) : null}
                  {warned && asking.id === a.id ? (
                    // biome-ignore lint/a11y/noStaticElementInteractions: Escape here is "Not now", as in a dialog.
                    <div
                      className="check-in-question"
                      onKeyDown={(event) => {
                        if (event.key === 'Escape') notNow();
                      }}
                    >
                      <BeforeCheckIn id={warningsId} warnings={beforeCheckIn} />
                      <div className="form-actions">
                        <button
                          ref={anyway}
                          type="button"
                          className="button"
                          aria-describedby={warningsId}
                          disabled={checkIn.isPending}
                          onClick={() => {
                            setAsking(null);
                            checkInNow(a);
                          }}
                        >
                          Check in anyway
                        </button>
                        <button type="button" className="button button-quiet" onClick={notNow}>
                          Not now
                        </button>
                      </div>
                    </div>
                  ) : null}
                  {mine && (a.status === 'checked_in' || a.status === 'completed') && !a.sessionNoteId ? (
                    <Link
                      className="button button-secondary"
                      to={`/patients/${a.patientId}/notes/new?appointmentId=${a.id}`}
                    >
                      Write the note
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/calendar">
              {open.length > listed.length
                ? `${open.length - listed.length} more today in the calendar`
                : 'Open the calendar'}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
