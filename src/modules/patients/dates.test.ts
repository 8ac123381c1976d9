import { describe, expect, it } from 'vitest';
import { dayText, localDate, localDateTimeLongText, localDateTimeText } from './dates.ts';

describe('localDateTimeText', () => {
  it('writes the instant in the clinic’s zone, with the zone’s abbreviation', () => {
    const at = new Date('2026-11-27T22:05:00Z');
    expect(localDateTimeText(at, 'America/Los_Angeles')).toBe('Nov 27, 2026, 2:05 PM PST');
    expect(localDateTimeText(at, 'America/New_York')).toBe('Nov 27, 2026, 5:05 PM EST');
  });

  it('follows daylight saving time', () => {
    expect(localDateTimeText(new Date('2026-07-01T16:30:00Z'), 'America/Los_Angeles')).toBe(
      'Jul 1, 2026, 9:30 AM PDT',
    );
  });

  it('takes the calendar day from the zone, not from UTC', () => {
    const at = new Date('2026-11-28T03:00:00Z'); // still the 27th in California
    expect(localDateTimeText(at, 'America/Los_Angeles')).toBe('Nov 27, 2026, 7:00 PM PST');
    expect(localDateTimeText(at, 'America/Los_Angeles')).toContain(
      dayText(localDate(at, 'America/Los_Angeles')),
    );
  });

  it('names a zone without a common abbreviation by its offset, and uses plain spaces', () => {
    const text = localDateTimeText(new Date('2026-11-28T03:00:00Z'), 'Asia/Kolkata');
    expect(text).toBe('Nov 28, 2026, 8:30 AM GMT+5:30');
    expect(text).not.toMatch(/[\u00a0\u202f]/);
  });
});

describe('localDateTimeLongText', () => {
  const at = new Date('2026-11-27T22:05:00Z');

  it('writes the weekday, the date and the 12-hour time in the clinic’s zone, as e-mails read', () => {
    expect(localDateTimeLongText(at, 'America/Los_Angeles')).toBe('Friday, November 27, 2026 at 2:05 PM PST');
    expect(localDateTimeLongText(at, 'Asia/Kolkata')).toBe('Saturday, November 28, 2026 at 3:35 AM GMT+5:30');
  });

  it('follows daylight saving time', () => {
    expect(localDateTimeLongText(new Date('2026-03-09T16:30:00Z'), 'America/Los_Angeles')).toBe(
      'Monday, March 9, 2026 at 9:30 AM PDT',
    );
  });

  it('drops the year, or writes the compact form a text message needs, with plain spaces', () => {
    expect(localDateTimeLongText(at, 'America/Los_Angeles', { withYear: false })).toBe(
      'Friday, November 27 at 2:05 PM PST',
    );
    const short = localDateTimeLongText(at, 'America/Los_Angeles', { withYear: false, short: true });
    expect(short).toBe('Fri, Nov 27, 2:05 PM PST');
    expect(short).not.toMatch(/[\u00a0\u202f]/);
  });
});
