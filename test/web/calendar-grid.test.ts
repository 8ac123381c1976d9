import { DateTime, Settings } from 'luxon';
import { createElement } from 'react';
import { Calendar, type CalendarProps, luxonLocalizer, Views } from 'react-big-calendar';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { closedReason, indexWorkingTime } from '../../web/src/features/calendar/closed-time.ts';
import { closedSlotProps, DateHeader, SLOT_MINUTES } from '../../web/src/features/calendar/grid.ts';

/** The week grid as the calendar draws it (react-big-calendar, server-rendered: no DOM needed). */
const ZONE = 'America/Los_Angeles';
afterAll(() => {
  Settings.defaultZone = 'system';
});

const WeekCalendar = Calendar<object, { id: string; title: string }>;

function weekGrid(options: Partial<CalendarProps<object, { id: string; title: string }>> = {}) {
  Settings.defaultZone = ZONE;
  const day = DateTime.fromISO('2026-03-10T12:00', { zone: ZONE });
  return renderToStaticMarkup(
    createElement(WeekCalendar, {
      localizer: luxonLocalizer(DateTime, { firstDayOfWeek: 1 }),
      date: day.toJSDate(),
      view: Views.WEEK,
      views: [Views.WEEK],
      onView: () => {},
      onNavigate: () => {},
      toolbar: false,
      events: [],
      resources: [
        { id: 'ana', title: 'Ana' },
        { id: 'ben', title: 'Ben' },
      ],
      resourceIdAccessor: 'id',
      resourceTitleAccessor: 'title',
      step: SLOT_MINUTES,
      timeslots: 4,
      min: day.set({ hour: 7, minute: 0 }).toJSDate(),
      max: day.set({ hour: 21, minute: 0 }).toJSDate(),
      ...options,
    }),
  );
}

describe('the week grid', () => {
  it('names each day in plain text: no columnheader outside a row (axe aria-required-parent)', () => {
    // react-big-calendar's own header is the role axe refuses, once per day and column.
    expect(weekGrid().match(/role="columnheader"/g)).toHaveLength(14);
    const html = weekGrid({ components: { header: DateHeader } });
    expect(html).not.toContain('role="columnheader"');
    expect(html.match(/class="grid-date-header"/g)).toHaveLength(14);
    expect(html).toContain('10 Tue');
  });

  it('shades each column’s slots from its own therapist’s working time', () => {
    // Ana works Tuesday 09:00–17:00 only; Ben is not in the working time (not loaded): nothing shaded for him.
    const index = indexWorkingTime({
      timeZone: ZONE,
      therapists: [
        {
          therapistId: 'ana',
          working: [{ start: '2026-03-10T16:00:00Z', end: '2026-03-11T00:00:00Z', locationId: 'l' }],
          away: [],
        },
      ],
    });
    const html = weekGrid({
      slotPropGetter: closedSlotProps((start, end, resourceId) =>
        closedReason(index, { therapistId: resourceId }, start, end, Date.parse('2026-03-01T00:00:00Z')),
      ),
    });
    // 56 quarter hours a day from 07:00 to 21:00, seven days; Ana's 32 on Tuesday are open.
    expect(html.match(/rbc-time-slot slot-closed/g)).toHaveLength(7 * 56 - 32);
    expect(html).not.toContain('slot-past');
  });
});
