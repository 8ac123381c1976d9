import { describe, expect, it } from 'vitest';
import { formatDueDay, formatTimeRange } from '../../web/src/components/format.ts';

/** ICU separates a range with thin or narrow spaces; read them as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatTimeRange', () => {
  const zone = 'America/Los_Angeles';

  it('says a shared AM or PM once, and both when the span crosses noon', () => {
    expect(plain(formatTimeRange('2026-12-01T18:00:00Z', '2026-12-01T19:00:00Z', zone))).toBe(
      '10:00 – 11:00 AM',
    );
    expect(plain(formatTimeRange('2026-12-01T19:15:00Z', '2026-12-01T20:00:00Z', zone))).toBe(
      '11:15 AM – 12:00 PM',
    );
  });

  it('names the day once when asked', () => {
    expect(plain(formatTimeRange('2026-12-01T22:00:00Z', '2026-12-01T22:45:00Z', zone, true))).toBe(
      'Tue, Dec 1, 2:00 – 2:45 PM',
    );
  });

  it("shows the clinic's wall clock, whatever the zone, across a daylight-saving change", () => {
    // 1:30 AM PDT to 1:30 AM PST on the November change day: an hour that reads the same at both ends.
    expect(plain(formatTimeRange('2026-11-01T08:30:00Z', '2026-11-01T09:30:00Z', zone))).toBe(
      '1:30 AM PDT – 1:30 AM PST',
    );
    expect(plain(formatTimeRange('2026-11-01T07:30:00Z', '2026-11-01T09:00:00Z', zone))).toBe(
      '12:30 – 1:00 AM',
    );
    expect(plain(formatTimeRange('2026-12-01T18:00:00Z', '2026-12-01T19:00:00Z', 'Europe/Berlin'))).toBe(
      '7:00 – 8:00 PM',
    );
  });
});

describe('formatDueDay', () => {
  it('says overdue only once the day has passed', () => {
    expect(formatDueDay('2026-11-21', '2026-11-20')).toBe('Nov 21, 2026');
    expect(formatDueDay('2026-11-21', '2026-11-21')).toBe('Nov 21, 2026');
    expect(formatDueDay('2026-11-21', '2026-11-22')).toBe('Nov 21, 2026 (overdue)');
  });
});
