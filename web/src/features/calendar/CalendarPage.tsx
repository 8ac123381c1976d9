import './calendar.css';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { localDate } from '../../../../src/modules/scheduling/schemas.ts';
import { messageOf } from '../../api/client.ts';
import {
  type Alternatives as AlternativesData,
  type Appointment,
  alternativesOf,
  newIdempotencyKey,
  scheduling,
} from '../../api/scheduling.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { Alternatives } from './Alternatives.tsx';
import { AppointmentDialog } from './AppointmentDialog.tsx';
import { AppointmentList } from './AppointmentList.tsx';
import type { CalendarEvent, CalendarResource } from './BigCalendar.tsx';
import { CalendarToolbar, type CalendarView } from './CalendarToolbar.tsx';
import { Dialog } from './Dialog.tsx';
import { NewAppointmentDialog, type NewAppointmentDraft } from './NewAppointmentDialog.tsx';
import { roomLabel, useScheduleRefs } from './refs.ts';
import { addDays, dateTimeLabel, inZone, isoToLocalInput, todayIn, weekStart, zoneLabel } from './time.ts';

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
  const [message, setMessage] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(() => params.get('appointment'));
  const [draft, setDraft] = useState<NewAppointmentDraft | null>(null);
  const [conflict, setConflict] = useState<{
    appointment: Appointment;
    alternatives: AlternativesData;
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

  function changed(text: string, updated?: Appointment) {
    setMessage(text);
    if (updated && updated.id !== selectedId) setSelectedId(updated.id);
    void appointments.refetch();
  }

  /** Reschedules; `target` names a new therapist or room (omitted: same therapist, first free room). */
  async function move(
    appointment: Appointment,
    start: string,
    target: { therapistId?: string; roomId?: string } = {},
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
        },
        newIdempotencyKey(),
      );
      setConflict(null);
      setMessage(`${moved.patientName ?? 'The appointment'} moved to ${dateTimeLabel(moved.start, zone)}.`);
    } catch (error) {
      const alternatives = alternativesOf(error);
      if (alternatives) setConflict({ appointment, alternatives });
      else setMessage(`Not moved: ${messageOf(error)}`);
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
          onSelectSlot={(start, resourceId) =>
            setDraft(
              newDraft({
                start: isoToLocalInput(start, zone),
                therapistId:
                  view.group === 'therapist'
                    ? (resourceId ?? (view.resource !== 'all' ? view.resource : undefined))
                    : undefined,
                roomId:
                  view.group === 'room'
                    ? (resourceId ?? (view.resource !== 'all' ? view.resource : undefined))
                    : undefined,
              }),
            )
          }
          onMove={(a, start, resourceId) =>
            void move(
              a,
              start,
              view.group === 'therapist' ? { therapistId: resourceId } : { roomId: resourceId ?? a.roomId },
            )
          }
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
            : 'Drag an appointment to move it, or open it to act on it.'}
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
      <LiveMessage message={moving ? 'Moving…' : message} />
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
          setMessage(`Booked ${a.patientName ?? 'the patient'} on ${dateTimeLabel(a.start, zone)}.`);
          void appointments.refetch();
        }}
      />
      <Dialog title="That time is taken" open={conflict !== null} onClose={() => setConflict(null)}>
        {conflict ? (
          <Alternatives
            alternatives={conflict.alternatives}
            timeZone={zone}
            nameOf={refs.therapistName}
            busy={moving}
            message={`${conflict.appointment.patientName ?? 'The appointment'} could not be moved there. Move it to one of the nearest free times instead:`}
            onPick={(slot) =>
              void move(conflict.appointment, slot.start, {
                therapistId: slot.therapistId,
                roomId: slot.roomId,
              })
            }
          />
        ) : null}
      </Dialog>
    </Page>
  );
}
