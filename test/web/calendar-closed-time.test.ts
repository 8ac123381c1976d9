import { describe, expect, it } from 'vitest';
import { closedReason, closedText, indexWorkingTime } from '../../web/src/features/calendar/closed-time.ts';
import { closedSlotClass } from '../../web/src/features/calendar/grid.ts';

// Tuesday 2026-03-10 in Los Angeles (UTC−7): Ana works 09:00–17:00 at the north site with a break at 12:00 and
// time off 15:00–16:00; Ben works 13:00–17:00 at the south site; Cy is off for a holiday but 10:00–12:00.
const at = (time: string) => Date.parse(`2026-03-10T${time}:00-07:00`);
const index = indexWorkingTime({
  timeZone: 'America/Los_Angeles',
  therapists: [
    {
      therapistId: 'ana',
      working: [{ start: '2026-03-10T16:00:00Z', end: '2026-03-11T00:00:00Z', locationId: 'north' }],
      away: [
        { start: '2026-03-10T19:00:00Z', end: '2026-03-10T19:30:00Z', kind: 'break' },
        { start: '2026-03-10T22:00:00Z', end: '2026-03-10T23:00:00Z', kind: 'time_off' },
      ],
    },
    {
      therapistId: 'ben',
      working: [{ start: '2026-03-10T20:00:00Z', end: '2026-03-11T00:00:00Z', locationId: 'south' }],
      away: [],
    },
    {
      therapistId: 'cy',
      working: [{ start: '2026-03-10T17:00:00Z', end: '2026-03-10T19:00:00Z', locationId: 'north' }],
      away: [
        { start: '2026-03-10T07:00:00Z', end: '2026-03-10T17:00:00Z', kind: 'holiday' },
        { start: '2026-03-10T19:00:00Z', end: '2026-03-11T07:00:00Z', kind: 'holiday' },
      ],
    },
  ],
});
const EARLIER = at('06:00');
const quarter = (time: string) => [at(time), at(time) + 15 * 60_000] as const;

describe('which stretches of a column cannot be booked, and why', () => {
  it.each([
    ['08:45', 'ana', 'outside_hours'],
    ['09:00', 'ana', null],
    ['12:15', 'ana', 'break'],
    ['15:30', 'ana', 'time_off'],
    ['16:45', 'ana', null],
    ['17:00', 'ana', 'outside_hours'],
    ['09:00', 'cy', 'holiday'],
    ['10:00', 'cy', null],
    ['13:00', 'cy', 'holiday'],
  ])('a click at %s in %s’s column: %s', (time, therapistId, reason) => {
    const [start, end] = quarter(time);
    expect(closedReason(index, { therapistId }, start, end, EARLIER)).toBe(reason);
  });

  it('refuses a drop whose visit runs into the break or past the working day', () => {
    expect(closedReason(index, { therapistId: 'ana' }, at('11:00'), at('12:00'), EARLIER)).toBeNull();
    expect(closedReason(index, { therapistId: 'ana' }, at('11:30'), at('12:30'), EARLIER)).toBe('break');
    expect(closedReason(index, { therapistId: 'ana' }, at('16:30'), at('17:30'), EARLIER)).toBe(
      'outside_hours',
    );
  });

  it('shades the past in every column, whatever the working time', () => {
    const [start, end] = quarter('10:00');
    expect(closedReason(index, { therapistId: 'ana' }, start, end, at('10:05'))).toBe('past');
    expect(closedReason(undefined, {}, start, end, at('10:05'))).toBe('past');
    expect(closedReason(undefined, { therapistId: 'ana' }, start, end, EARLIER)).toBeNull();
  });

  it('leaves a therapist the working time does not list to the server', () => {
    const [start, end] = quarter('20:00');
    expect(closedReason(index, { therapistId: 'someone-new' }, start, end, EARLIER)).toBeNull();
  });

  it('opens a room’s column while anyone works at its location, or its own therapist when moving there', () => {
    expect(closedReason(index, { locationId: 'north' }, ...quarter('10:30'), EARLIER)).toBeNull();
    // At noon Ana is on her break and Cy is off: nobody works at the north site.
    expect(closedReason(index, { locationId: 'north' }, ...quarter('12:00'), EARLIER)).toBe('nobody_working');
    expect(closedReason(index, { locationId: 'south' }, ...quarter('10:00'), EARLIER)).toBe('nobody_working');
    expect(closedReason(index, { locationId: 'south' }, ...quarter('13:00'), EARLIER)).toBeNull();
    // Ana's appointment dropped in a south room: she does not work there.
    expect(
      closedReason(index, { therapistId: 'ana', locationId: 'south' }, ...quarter('13:00'), EARLIER),
    ).toBe('outside_hours');
  });

  it('says why in the desk’s words, and shades the past more lightly', () => {
    expect(closedText('outside_hours', 'Ana Lee')).toBe('That is outside Ana Lee’s working hours.');
    expect(closedText('break', 'Ana Lee')).toBe('Ana Lee is on a break then.');
    expect(closedText('time_off', 'Ana Lee')).toBe('Ana Lee is on time off then.');
    expect(closedText('holiday', 'Cy')).toBe('Cy is off that day.');
    expect(closedText('nobody_working', 'Room 2')).toBe('No therapist works at Room 2’s location then.');
    expect(closedText('past', 'Ana Lee')).toBe('That time has passed: pick a time still to come.');
    expect(closedSlotClass(null)).toBeUndefined();
    expect(closedSlotClass('break')).toBe('slot-closed');
    expect(closedSlotClass('past')).toBe('slot-closed slot-past');
  });
});
