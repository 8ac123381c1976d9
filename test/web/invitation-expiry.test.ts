import { describe, expect, it } from 'vitest';
import { formatDateTimeWithZone } from '../../web/src/components/format.ts';

describe('an invitation’s expiry', () => {
  it('reads as the same clinic day and time on the invitation page and on Members', () => {
    // 02:13 UTC on Dec 5 is still Dec 4, 6:13 PM in a Los Angeles clinic: the browser's zone must not decide.
    expect(formatDateTimeWithZone('2026-12-05T02:13:00.000Z', 'America/Los_Angeles')).toBe(
      'Dec 4, 2026, 6:13 PM PST',
    );
  });
});
