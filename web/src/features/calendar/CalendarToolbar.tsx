import { useId } from 'react';
import type { CalendarResource } from './BigCalendar.tsx';
import { addDays, longDayLabel, todayIn, weekStart } from './time.ts';

export interface CalendarView {
  range: 'day' | 'week';
  display: 'calendar' | 'list';
  group: 'therapist' | 'room';
  /** 'all', or one therapist's / room's id. */
  resource: string;
  /** Local date in the clinic zone. */
  date: string;
  showCancelled: boolean;
}

/** Date navigation and view choices; every control is a plain button, select or checkbox. */
export function CalendarToolbar({
  view,
  onChange,
  resources,
  zone,
}: {
  view: CalendarView;
  onChange: (view: CalendarView) => void;
  resources: CalendarResource[];
  zone: string;
}) {
  const id = useId();
  const set = (patch: Partial<CalendarView>) => onChange({ ...view, ...patch });
  const step = view.range === 'day' ? 1 : 7;
  const heading =
    view.range === 'day'
      ? longDayLabel(`${view.date}T12:00:00Z`, 'UTC')
      : `Week of ${longDayLabel(`${weekStart(view.date)}T12:00:00Z`, 'UTC')}`;
  return (
    <div className="calendar-toolbar">
      <div className="toolbar-row">
        <fieldset className="button-group">
          <legend className="visually-hidden">Move through dates</legend>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set({ date: addDays(view.date, -step) })}
          >
            Previous<span className="visually-hidden"> {view.range}</span>
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set({ date: todayIn(zone) })}
          >
            Today
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set({ date: addDays(view.date, step) })}
          >
            Next<span className="visually-hidden"> {view.range}</span>
          </button>
        </fieldset>
        <p className="calendar-heading" aria-live="polite">
          {heading}
        </p>
      </div>
      <div className="toolbar-row toolbar-controls">
        <fieldset className="button-group">
          <legend className="visually-hidden">Period</legend>
          {(['day', 'week'] as const).map((range) => (
            <button
              key={range}
              type="button"
              className="button button-secondary"
              aria-pressed={view.range === range}
              onClick={() => set({ range })}
            >
              {range === 'day' ? 'Day' : 'Week'}
            </button>
          ))}
        </fieldset>
        <fieldset className="button-group">
          <legend className="visually-hidden">Display</legend>
          {(['calendar', 'list'] as const).map((display) => (
            <button
              key={display}
              type="button"
              className="button button-secondary"
              aria-pressed={view.display === display}
              onClick={() => set({ display })}
            >
              {display === 'calendar' ? 'Calendar' : 'List'}
            </button>
          ))}
        </fieldset>
        <div className="toolbar-field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            value={view.date}
            onChange={(e) => e.target.value && set({ date: e.target.value })}
          />
        </div>
        <div className="toolbar-field">
          <label htmlFor={`${id}-by`}>By</label>
          <select
            id={`${id}-by`}
            value={view.group}
            onChange={(e) => set({ group: e.target.value as CalendarView['group'], resource: 'all' })}
          >
            <option value="therapist">Therapist</option>
            <option value="room">Room</option>
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor={`${id}-show`}>Show</label>
          <select id={`${id}-show`} value={view.resource} onChange={(e) => set({ resource: e.target.value })}>
            <option value="all">{view.group === 'therapist' ? 'All therapists' : 'All rooms'}</option>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        <label className="toolbar-check">
          <input
            type="checkbox"
            checked={view.showCancelled}
            onChange={(e) => set({ showCancelled: e.target.checked })}
          />
          <span>Show cancelled and no-shows</span>
        </label>
      </div>
    </div>
  );
}
