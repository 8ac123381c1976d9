import { describe, expect, it } from 'vitest';
import {
  bookedHeadline,
  calendarLink,
  clockTime,
  dollarsToCents,
  equipmentLabel,
  hasFractionOfCent,
  locationChoiceLabels,
  REMINDER_HOURS_FORMAT,
  reminderMinutes,
  timeOffSpan,
} from '../../web/src/features/schedule-setup/text.ts';

describe('dollarsToCents', () => {
  it('reads dollars as typed into whole cents, exactly', () => {
    expect(dollarsToCents('45')).toBe(4500);
    expect(dollarsToCents('$1,045.5')).toBe(104_550);
    expect(dollarsToCents(' 12.35 ')).toBe(1235);
    // 0.29 * 100 is 28.999… in floating point: the cents are read as digits, not multiplied.
    expect(dollarsToCents('0.29')).toBe(29);
    expect(dollarsToCents('.5')).toBe(50);
    expect(dollarsToCents('-5')).toBe(-500);
  });

  it('refuses more than cents instead of rounding, and what is not an amount', () => {
    for (const text of ['12.345', '0.001', '', ' ', '$', '-', 'twelve', '1e3', '12.3.4']) {
      expect(dollarsToCents(text), text).toBeNaN();
    }
  });

  it('tells a fraction of a cent from other mistakes, for the message next to the field', () => {
    expect(hasFractionOfCent('12.345')).toBe(true);
    expect(hasFractionOfCent('$1,012.345')).toBe(true);
    expect(hasFractionOfCent('12.34')).toBe(false);
    expect(hasFractionOfCent('twelve')).toBe(false);
  });
});

describe('reminderMinutes', () => {
  it('reads hours separated by commas as minutes before the start', () => {
    expect(reminderMinutes('48, 2')).toEqual({ minutes: [2880, 120] });
    expect(reminderMinutes('0.5,24,')).toEqual({ minutes: [30, 1440] });
    expect(reminderMinutes('  ')).toEqual({ minutes: [] });
  });

  it('keeps an entry that is not a number for the schema to refuse, and says how to write it', () => {
    const read = reminderMinutes('48, two');
    expect(read.minutes).toEqual([2880, Number.NaN]);
    expect(read.error).toBe(REMINDER_HOURS_FORMAT);
    expect(reminderMinutes('48 2').error).toBe(REMINDER_HOURS_FORMAT);
    expect(reminderMinutes('-2').error).toBe(REMINDER_HOURS_FORMAT);
  });
});

describe('equipmentLabel', () => {
  it('shows a tag as words', () => {
    expect(equipmentLabel('hydraulic-table')).toBe('Hydraulic table');
    expect(equipmentLabel('hot-packs')).toBe('Hot packs');
    expect(equipmentLabel('table')).toBe('Table');
  });
});

describe('booked patients in a time off', () => {
  it('are counted in plain words', () => {
    expect(bookedHeadline(1, 'time_off')).toBe('1 booked appointment falls in this time off');
    expect(bookedHeadline(3, 'time_off')).toBe('3 booked appointments fall in this time off');
    expect(bookedHeadline(2, 'holiday')).toBe('2 booked appointments fall on this holiday');
  });

  it('link to the calendar on the day the visit is in the clinic’s zone', () => {
    // 22:30 on Tuesday in Los Angeles is already Wednesday in UTC.
    expect(calendarLink('a1', '2026-03-04T06:30:00.000Z', 'America/Los_Angeles')).toBe(
      '/calendar?date=2026-03-03&appointment=a1',
    );
    expect(calendarLink('a1', '2026-03-04T06:30:00.000Z', 'Asia/Tokyo')).toBe(
      '/calendar?date=2026-03-04&appointment=a1',
    );
  });
});

describe('timeOffSpan', () => {
  const day = (d: string) => `day ${d}`;
  it('reads clock times as the rest of the app does', () => {
    expect(clockTime('13:00')).toBe('1:00 PM');
    expect(clockTime('09:05')).toBe('9:05 AM');
    expect(clockTime('12:30')).toBe('12:30 PM');
    expect(clockTime('00:00')).toBe('midnight');
    expect(clockTime('24:00')).toBe('midnight');
  });

  it('puts the times of a time off over several days on its first and last days: one stretch', () => {
    const e = { startDate: '2026-11-30', endDate: '2026-12-01', startTime: '13:00', endTime: '17:00' };
    expect(timeOffSpan(e, day)).toBe('day 2026-11-30, 1:00 PM to day 2026-12-01, 5:00 PM');
    expect(timeOffSpan({ ...e, startTime: null, endTime: null }, day)).toBe(
      'day 2026-11-30 to day 2026-12-01',
    );
  });

  it('gives one day its hours, and a whole day none', () => {
    const one = { startDate: '2026-12-05', endDate: '2026-12-05', startTime: '09:00', endTime: '12:00' };
    expect(timeOffSpan(one, day)).toBe('day 2026-12-05, 9:00 AM–12:00 PM');
    expect(timeOffSpan({ ...one, endTime: null }, day)).toBe('day 2026-12-05, 9:00 AM–midnight');
    expect(timeOffSpan({ ...one, startTime: null, endTime: null }, day)).toBe('day 2026-12-05');
  });
});

describe('locationChoiceLabels', () => {
  it('names each location by what tells it from the others', () => {
    expect(locationChoiceLabels(['Harbor — Little Italy', 'Harbor — North Park'])).toEqual([
      'Little Italy',
      'North Park',
    ]);
    expect(
      locationChoiceLabels([
        'Harbor Medical: Downtown',
        'Harbor Medical: Del Mar',
        'Harbor Medical: Ocean Beach',
      ]),
    ).toEqual(['Downtown', 'Del Mar', 'Ocean Beach']);
    // The longest shared part, up to its last separator.
    expect(locationChoiceLabels(['Harbor - San Diego - North', 'Harbor - San Diego - South'])).toEqual([
      'North',
      'South',
    ]);
  });

  it('keeps whole names when they share no separated part, or there is one location', () => {
    expect(locationChoiceLabels(['Harbor Little Italy', 'Harbor North Park'])).toEqual([
      'Harbor Little Italy',
      'Harbor North Park',
    ]);
    // A hyphen inside a word is not a separator; only part of the names is shared.
    expect(locationChoiceLabels(['Saint-Denis — Centre', 'Saint-Malo — Port'])).toEqual([
      'Saint-Denis — Centre',
      'Saint-Malo — Port',
    ]);
    expect(
      locationChoiceLabels(['Harbor — Little Italy', 'Harbor — Little Italy Annex', 'Ocean — Main']),
    ).toEqual(['Harbor — Little Italy', 'Harbor — Little Italy Annex', 'Ocean — Main']);
    expect(locationChoiceLabels(['Harbor — Little Italy'])).toEqual(['Harbor — Little Italy']);
    expect(locationChoiceLabels([])).toEqual([]);
  });
});
