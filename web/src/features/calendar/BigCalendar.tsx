import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import { DateTime, Settings } from 'luxon';
import { type KeyboardEvent, useEffect, useMemo } from 'react';
import { Calendar, type EventProps, luxonLocalizer, Views } from 'react-big-calendar';
import withDragAndDropModule from 'react-big-calendar/lib/addons/dragAndDrop';
import type { Appointment } from '../../api/scheduling.ts';
import { formatTimeRange } from '../../components/format.ts';
import type { ClosedReason } from './closed-time.ts';
import { closedSlotProps, DateHeader, SLOT_MINUTES } from './grid.ts';
import { STATUS_LABELS } from './refs.ts';

export interface CalendarEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId?: string;
  appointment: Appointment;
}
export interface CalendarResource {
  id: string;
  title: string;
}

// The addon ships as CommonJS only: the bundler may hand its whole `exports` object over as the default import.
const withDragAndDrop =
  (withDragAndDropModule as unknown as { default?: typeof withDragAndDropModule }).default ??
  withDragAndDropModule;
const DnDCalendar = withDragAndDrop<CalendarEvent, CalendarResource>(Calendar);
/** Under an hour, a visit's box has room for one line of details: they are cut to it (see calendar.css). */
const isShort = (event: CalendarEvent) => event.end.getTime() - event.start.getTime() < 60 * 60_000;
const draggable = (event: CalendarEvent) =>
  event.appointment.status === 'booked' || event.appointment.status === 'confirmed';
const toIso = (date: Date | string, zone: string) =>
  DateTime.fromJSDate(new Date(date)).setZone(zone).toISO({ suppressMilliseconds: true })!;
const resourceOf = (id: string | number | null | undefined) => (id == null ? undefined : String(id));

/**
 * react-big-calendar in the clinic's zone: luxon's default zone is set to the clinic's while the calendar is
 * shown (the luxon localizer reads every Date through it), so the grid shows clinic wall-clock times whatever
 * the browser's zone is. `closedAt` says why a stretch of a column cannot be booked: those slots are shaded.
 */
export function BigCalendar({
  zone,
  date,
  range,
  events,
  resources,
  onSelectEvent,
  onSelectSlot,
  onMove,
  closedAt,
}: {
  zone: string;
  date: string;
  range: 'day' | 'week';
  events: CalendarEvent[];
  resources?: CalendarResource[];
  onSelectEvent: (appointment: Appointment) => void;
  onSelectSlot: (start: string, end: string, resourceId?: string) => void;
  onMove: (appointment: Appointment, start: string, end: string, resourceId?: string) => void;
  closedAt: (start: number, end: number, resourceId?: string) => ClosedReason | null;
}) {
  const localizer = useMemo(() => {
    Settings.defaultZone = zone;
    return luxonLocalizer(DateTime, { firstDayOfWeek: 1 });
  }, [zone]);
  useEffect(
    () => () => {
      Settings.defaultZone = 'system';
    },
    [],
  );
  const day = DateTime.fromISO(date, { zone });
  // An event's time reads like every visit span in the app: "9:45 – 10:45 AM".
  const formats = useMemo(
    () => ({
      eventTimeRangeFormat: ({ start, end }: { start: Date; end: Date }) =>
        formatTimeRange(start.toISOString(), end.toISOString(), zone),
    }),
    [zone],
  );
  const components = useMemo(
    () => ({
      header: DateHeader,
      event: ({ event }: EventProps<CalendarEvent>) => (
        // Who and where they are first: a short visit's box cuts off the service, not the status.
        <span className="appt-event-text">
          <strong className="appt-event-name">{event.appointment.patientName ?? 'Patient'}</strong>{' '}
          <span className="appt-event-detail">
            <span className="appt-event-status">{STATUS_LABELS[event.appointment.status]}</span> ·{' '}
            {event.appointment.serviceName}
          </span>
        </span>
      ),
    }),
    [],
  );
  return (
    <div className="big-calendar">
      <DnDCalendar
        localizer={localizer}
        formats={formats}
        date={day.set({ hour: 12 }).toJSDate()}
        view={range === 'day' ? Views.DAY : Views.WEEK}
        views={[Views.DAY, Views.WEEK]}
        onView={() => {}}
        onNavigate={() => {}}
        toolbar={false}
        events={events}
        resources={resources}
        resourceIdAccessor="id"
        resourceTitleAccessor="title"
        step={SLOT_MINUTES}
        timeslots={4}
        min={day.set({ hour: 7, minute: 0 }).toJSDate()}
        max={day.set({ hour: 21, minute: 0 }).toJSDate()}
        scrollToTime={day.set({ hour: 8, minute: 0 }).toJSDate()}
        getNow={() => new Date()}
        selectable
        resizable={false}
        draggableAccessor={draggable}
        tooltipAccessor={(event) =>
          `${formatTimeRange(event.appointment.start, event.appointment.end, zone)} ${event.title}`
        }
        slotPropGetter={closedSlotProps(closedAt)}
        eventPropGetter={(event) => ({
          className: `appt-event appt-${event.appointment.status}${isShort(event) ? ' appt-short' : ''}`,
        })}
        components={components}
        onSelectEvent={(event) => onSelectEvent(event.appointment)}
        // An appointment reached with Tab opens like a button: Enter or Space.
        onKeyPressEvent={(event, e) => {
          const { key } = e as KeyboardEvent<HTMLElement>;
          if (key !== 'Enter' && key !== ' ') return;
          e.preventDefault();
          onSelectEvent(event.appointment);
        }}
        onSelectSlot={(slot) =>
          onSelectSlot(toIso(slot.start, zone), toIso(slot.end, zone), resourceOf(slot.resourceId))
        }
        onEventDrop={({ event, start, end, resourceId }) =>
          onMove(event.appointment, toIso(start, zone), toIso(end, zone), resourceOf(resourceId))
        }
      />
    </div>
  );
}
