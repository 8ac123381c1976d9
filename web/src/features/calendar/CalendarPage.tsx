import './calendar.css';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { localDate } from '../../../../src/modules/scheduling/schemas.ts';
import { type Appointment, newIdempotencyKey, scheduling } from '../../api/scheduling.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { Alternatives } from './Alternatives.tsx';
import { AppointmentDialog } from './AppointmentDialog.tsx';
import { AppointmentList } from './AppointmentList.tsx';
import { calendarApi } from './api.ts';
import type { CalendarEvent, CalendarResource } from './BigCalendar.tsx';
import { CalendarToolbar, type CalendarView } from './CalendarToolbar.tsx';
import { type Column, closedReason, closedText, indexWorkingTime } from './closed-time.ts';
import { Dialog } from './Dialog.tsx';
import { MoveConfirm } from './MoveConfirm.tsx';
import { type MoveBack, moveBack, moveQuestion } from './move-question.ts';
import { NewAppointmentDialog, type NewAppointmentDraft } from './NewAppointmentDialog.tsx';
import { roomLabel, useScheduleRefs } from './refs.ts';
import { type Refusal, refusalOf } from './refusal.ts';
import { addDays, dateTimeLabel, inZone, isoToLocalInput, todayIn, weekStart, zoneLabel } from './time.ts';
import { UndoMove } from './UndoMove.tsx';

/** Where a drop would put an appointment: a new time, and a new therapist or room when the column says so. */
interface Move {
  appointment: Appointment;
  start: string;
  target: { therapistId?: string; roomId?: string };
}

/** A confirmed move the desk may still take back: the appointment it made, and where the patient was. */
interface Undoable {
  moved: Appointment;
  back: MoveBack;
}
/** A move, or the undoing of the last one (which is not offered for undoing in turn). */
type MoveKind = 'move' | 'undo';

// react-big-calendar is large: load it only when the calendar grid is shown.
const BigCalendar = lazy(() => import('./BigCalendar.tsx').then((m) => ({ default: m.BigCalendar })));

const narrowScreen = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 759px)').matches;

/** The front desk's and therapists' calendar: day and week, by therapist or by room, drag to move. */
export function CalendarPage() {
  const { me, roles } = useSession();
  const clinic = useClinic();
  const zone = clinic.timeZone;
  const refs = useScheduleRefs(clinic.id);
  // A therapist opens on their own day; whoever runs the front desk, on everyone's.
  const ownDay = roles.includes('therapist') && !roles.includes('front_desk') && !roles.includes('owner');
  // `?patient=ID` (the chart's "Book an appointment"): every new appointment is for that patient.
  // `?date=YYYY-MM-DD&appointment=ID` (schedule set-up's booked patients): that day, the appointment open.
  const [params, setParams] = useSearchParams();
  const linkedDate = params.get('date');
  const [view, setView] = useState<CalendarView>(() => ({
    range: 'day',
    display: narrowScreen() ? 'list' : 'calendar',
    group: 'therapist',
    resource: ownDay ? me.user.id : 'all',
    date: linkedDate && localDate.safeParse(linkedDate).success ? linkedDate : todayIn(zone),
    showCancelled: false,
  }));
  const [message, setMessage] = useState<{
    text: string;
    tone: 'success' | 'warning';
    undo?: Undoable;
  } | null>(null);
  /** The status line: focused when its Undo is pressed, so the focus stays there as the button goes. */
  const statusRef = useRef<HTMLDivElement>(null);
  const say = (text: string, tone: 'success' | 'warning' = 'success') => setMessage({ text, tone });
  const [selectedId, setSelectedId] = useState<string | null>(() => params.get('appointment'));
  const [draft, setDraft] = useState<NewAppointmentDraft | null>(null);
  /** A drop waiting for the desk to confirm it. */
  const [pendingMove, setPendingMove] = useState<Move | null>(null);
  /** A move the server refused, with its reason and the nearest free times it offered. */
  const [refused, setRefused] = useState<{
    appointment: Appointment;
    refusal: Refusal;
    kind: MoveKind;
  } | null>(null);
  const [moving, setMoving] = useState(false);
  const forPatientId = params.get('patient');
  const forPatient = useQuery({
    queryKey: ['patient', clinic.id, forPatientId],
    queryFn: () => clinical.patient(clinic.id, forPatientId!),
    enabled: forPatientId !== null,
    select: (p) => ({ id: p.id, displayName: p.displayName }),
  });
  const newDraft = (d: Omit<NewAppointmentDraft, 'patient'>): NewAppointmentDraft =>
    forPatient.data ? { ...d, patient: forPatient.data } : d;

  const from = view.range === 'day' ? view.date : weekStart(view.date);
  const to = addDays(from, view.range === 'day' ? 1 : 7);
  const appointments = useQuery({
    queryKey: ['appointments', clinic.id, from, to],
    queryFn: () => scheduling.appointments(clinic.id, { from, to }),
  });
  // What the grid shades: without it (loading, or refused) only the past is, and the server still says why.
  const workingTime = useQuery({
    queryKey: ['working-time', clinic.id, from, to],
    queryFn: () => calendarApi.workingTime(clinic.id, from, to),
    enabled: view.display === 'calendar',
    select: indexWorkingTime,
  });

  const resourceList: CalendarResource[] = useMemo(
    () =>
      view.group === 'therapist'
        ? (refs.therapists.data?.items ?? []).map((t) => ({ id: t.therapistId, title: t.displayName }))
        : (refs.rooms.data?.items ?? [])
            .filter((r) => !r.archived)
            .map((r) => ({ id: r.id, title: roomLabel(r, refs.locations.data?.items) })),
    [view.group, refs.therapists.data, refs.rooms.data, refs.locations.data],
  );
  const visible = useMemo(
    () =>
      (appointments.data?.items ?? []).filter((a) => {
        if (!view.showCancelled && (a.status === 'cancelled' || a.status === 'no_show')) return false;
        if (view.resource === 'all') return true;
        return (view.group === 'therapist' ? a.therapistId : a.roomId) === view.resource;
      }),
    [appointments.data, view.showCancelled, view.resource, view.group],
  );
  const events: CalendarEvent[] = visible.map((a) => ({
    id: a.id,
    title: `${a.patientName ?? 'Patient'} · ${a.serviceName}`,
    start: new Date(a.start),
    end: new Date(a.end),
    resourceId: view.group === 'therapist' ? a.therapistId : a.roomId,
    appointment: a,
  }));
  const selected = appointments.data?.items.find((a) => a.id === selectedId) ?? null;

  const roomOf = (id: string) => refs.rooms.data?.items.find((r) => r.id === id);
  /** A grid column's id: the resource clicked in, or the one therapist or room shown. */
  const columnId = (resourceId?: string) =>
    resourceId ?? (view.resource !== 'all' ? view.resource : undefined);
  /** Who a new booking in the column would be with: that therapist, or anyone working at that room's site. */
  const bookingColumn = (resourceId?: string): Column => {
    const id = columnId(resourceId);
    if (!id) return {};
    return view.group === 'therapist' ? { therapistId: id } : { locationId: roomOf(id)?.locationId };
  };
  const columnName = (resourceId?: string) => {
    const id = columnId(resourceId);
    const room = id && view.group === 'room' ? roomOf(id) : undefined;
    if (room) return roomLabel(room, refs.locations.data?.items);
    return (id && refs.therapistName(id)) || 'the therapist';
  };
  const closedAt = (start: number, end: number, column: Column) =>
    closedReason(workingTime.data, column, start, end, Date.now());

  function changed(text: string, updated?: Appointment) {
    say(text);
    if (updated && updated.id !== selectedId) setSelectedId(updated.id);
    void appointments.refetch();
  }

  /**
   * A drop on the grid: refused at once on shaded time (saying why), else asked to be confirmed, since moving
   * e-mails the patient. A drop where it was picked up is no move.
   */
  function dropped(appointment: Appointment, start: string, end: string, resourceId?: string) {
    const target =
      view.group === 'therapist' ? { therapistId: resourceId } : { roomId: resourceId ?? appointment.roomId };
    const therapistId = target.therapistId ?? appointment.therapistId;
    const roomId = target.roomId ?? appointment.roomId;
    if (
      Date.parse(start) === Date.parse(appointment.start) &&
      therapistId === appointment.therapistId &&
      roomId === appointment.roomId
    )
      return;
    const locationId = view.group === 'room' ? roomOf(roomId)?.locationId : undefined;
    const reason = closedAt(Date.parse(start), Date.parse(end), { therapistId, locationId });
    const who = appointment.patientName ?? 'The appointment';
    if (reason) {
      say(
        `${who} was not moved: ${closedText(reason, refs.therapistName(therapistId) ?? 'the therapist')}`,
        'warning',
      );
      return;
    }
    setPendingMove({ appointment, start, target });
  }

  /**
   * Reschedules; `target` names a new therapist or room (omitted: same therapist, first free room). A move is
   * offered for undoing a while; its undo is the same reschedule back, so the server keeps both in the history
   * and e-mails the patient again, naming the move it undoes (`undoOf`) so a confirmed visit comes back confirmed.
   */
  async function move(
    appointment: Appointment,
    start: string,
    target: { therapistId?: string; roomId?: string } = {},
    kind: MoveKind = 'move',
  ) {
    setMoving(true);
    try {
      const moved = await scheduling.reschedule(
        clinic.id,
        appointment.id,
        {
          start,
          therapistId:
            target.therapistId && target.therapistId !== appointment.therapistId
              ? target.therapistId
              : undefined,
          roomId: target.roomId,
          reason: kind === 'undo' ? 'move undone' : undefined,
          // An undo puts the appointment back as it was, confirmed again if the patient had confirmed it.
          undoOf: kind === 'undo' ? (appointment.rescheduledFrom ?? undefined) : undefined,
        },
        newIdempotencyKey(),
      );
      setRefused(null);
      const who = moved.patientName ?? 'The appointment';
      if (kind === 'undo') {
        say(`${who} moved back to ${dateTimeLabel(moved.start, zone)}. They will be e-mailed again.`);
        return;
      }
      const back = moveBack(appointment, moved, refs, zone);
      setMessage({
        text: `${who} moved to ${dateTimeLabel(moved.start, zone)}.`,
        tone: 'success',
        undo: { moved, back },
      });
    } catch (error) {
      setRefused({ appointment, refusal: refusalOf(error), kind });
    } finally {
      setMoving(false);
      void appointments.refetch();
    }
  }

  const body =
    refs.pending || appointments.isPending ? (
      <Loading />
    ) : refs.error || appointments.isError ? (
      <LoadError error={refs.error ?? appointments.error} retry={() => appointments.refetch()} />
    ) : view.display === 'list' ? (
      <AppointmentList appointments={visible} zone={zone} refs={refs} onOpen={(a) => setSelectedId(a.id)} />
    ) : (
      <Suspense fallback={<Loading label="Loading the calendar…" />}>
        <BigCalendar
          zone={zone}
          date={view.date}
          range={view.range}
          events={events}
          resources={view.resource === 'all' ? resourceList : undefined}
          onSelectEvent={(a) => setSelectedId(a.id)}
          closedAt={(start, end, resourceId) => closedAt(start, end, bookingColumn(resourceId))}
          onSelectSlot={(start, end, resourceId) => {
            const reason = closedAt(Date.parse(start), Date.parse(end), bookingColumn(resourceId));
            if (reason) {
              say(closedText(reason, columnName(resourceId)), 'warning');
              return;
            }
            setDraft(
              newDraft({
                start: isoToLocalInput(start, zone),
                therapistId: view.group === 'therapist' ? columnId(resourceId) : undefined,
                roomId: view.group === 'room' ? columnId(resourceId) : undefined,
              }),
            );
          }}
          onMove={dropped}
        />
      </Suspense>
    );

  return (
    <Page
      title="Calendar"
      intro={
        <p>
          Times in {zoneLabel(zone, `${view.date}T12:00:00Z`)}.{' '}
          {view.display === 'list'
            ? 'Open an appointment to act on it or move it.'
            : 'Drag an appointment to move it, or open it to act on it. Shaded times cannot be booked: outside working hours, breaks, time off and the past.'}
        </p>
      }
      actions={
        <button
          type="button"
          className="button"
          onClick={() => {
            const now = inZone(new Date().toISOString(), zone);
            const start = `${view.date}T${String(Math.min(Math.max(now.hour + 1, 8), 18)).padStart(2, '0')}:00`;
            setDraft(
              newDraft({
                start,
                therapistId:
                  view.group === 'therapist' && view.resource !== 'all' ? view.resource : undefined,
                roomId: view.group === 'room' && view.resource !== 'all' ? view.resource : undefined,
              }),
            );
          }}
        >
          New appointment
        </button>
      }
    >
      {forPatient.data ? (
        <div className="alert alert-info" role="status">
          Booking for <strong>{forPatient.data.displayName}</strong>: click a free time, or use New
          appointment. <Link to={`/patients/${forPatient.data.id}`}>Back to the chart</Link>
        </div>
      ) : null}
      <CalendarToolbar view={view} onChange={setView} resources={resourceList} zone={zone} />
      <div ref={statusRef} tabIndex={-1} className="calendar-status">
        <LiveMessage
          message={moving ? 'Moving…' : (message?.text ?? null)}
          tone={moving ? 'success' : message?.tone}
          action={
            message?.undo && !moving ? (
              <UndoMove
                key={message.undo.moved.id}
                hint={message.undo.back.hint}
                onUndo={() => {
                  const { moved, back } = message.undo!;
                  statusRef.current?.focus();
                  void move(
                    moved,
                    back.start,
                    { therapistId: back.therapistId, roomId: back.roomId },
                    'undo',
                  );
                }}
                // Past its time, the message stays and the Undo goes (unless something else was said since).
                onExpire={() =>
                  setMessage((current) =>
                    current?.undo?.moved.id === message.undo!.moved.id
                      ? { text: current.text, tone: current.tone }
                      : current,
                  )
                }
              />
            ) : null
          }
        />
      </div>
      {body}
      <AppointmentDialog
        clinicId={clinic.id}
        zone={zone}
        appointment={selected}
        refs={refs}
        onClose={() => {
          setSelectedId(null);
          if (params.has('appointment')) {
            setParams(
              (current) => {
                current.delete('appointment');
                current.delete('date');
                return current;
              },
              { replace: true },
            );
          }
        }}
        onChanged={changed}
      />
      <NewAppointmentDialog
        clinicId={clinic.id}
        zone={zone}
        draft={draft}
        refs={refs}
        onClose={() => setDraft(null)}
        onBooked={(a) => {
          setDraft(null);
          if (forPatientId) setParams({}, { replace: true });
          // A licence that had lapsed by then is said with the booking, not found out at billing.
          say(
            `Booked ${a.patientName ?? 'the patient'} on ${dateTimeLabel(a.start, zone)}.${a.warning ? ` ${a.warning}` : ''}`,
          );
          void appointments.refetch();
        }}
      />
      <MoveConfirm
        question={
          pendingMove
            ? moveQuestion(
                {
                  who: pendingMove.appointment.patientName ?? 'the patient',
                  from: pendingMove.appointment.start,
                  to: pendingMove.start,
                  therapist:
                    pendingMove.target.therapistId &&
                    pendingMove.target.therapistId !== pendingMove.appointment.therapistId
                      ? refs.therapistName(pendingMove.target.therapistId)
                      : undefined,
                  room:
                    pendingMove.target.roomId && pendingMove.target.roomId !== pendingMove.appointment.roomId
                      ? refs.roomName(pendingMove.target.roomId)
                      : undefined,
                },
                zone,
              )
            : null
        }
        onMove={() => {
          if (!pendingMove) return;
          setPendingMove(null);
          void move(pendingMove.appointment, pendingMove.start, pendingMove.target);
        }}
        onKeep={() => setPendingMove(null)}
      />
      <Dialog title={refused?.refusal.title ?? ''} open={refused !== null} onClose={() => setRefused(null)}>
        {refused?.refusal.alternatives ? (
          <Alternatives
            alternatives={refused.refusal.alternatives}
            timeZone={zone}
            nameOf={refs.therapistName}
            busy={moving}
            reason={refused.refusal.message}
            message={`Move ${refused.appointment.patientName ?? 'the appointment'} to one of the nearest free times instead:`}
            onPick={(slot) =>
              void move(refused.appointment, slot.start, {
                therapistId: slot.therapistId,
                roomId: slot.roomId,
              })
            }
          />
        ) : refused ? (
          <p className="alert alert-warning" role="alert">
            {refused.appointment.patientName ?? 'The appointment'} was not moved
            {refused.kind === 'undo' ? ' back' : ''}: {refused.refusal.message}
          </p>
        ) : null}
      </Dialog>
    </Page>
  );
}
