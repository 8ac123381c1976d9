import { describe, expect, it } from 'vitest';
import { serviceLabel } from '../../web/src/features/calendar/refs.ts';

describe('serviceLabel', () => {
  it('says the length once', () => {
    expect(serviceLabel({ name: 'Manual lymphatic drainage, 60 min', durationMinutes: 60 })).toBe(
      'Manual lymphatic drainage, 60 min',
    );
    expect(serviceLabel({ name: 'Deep tissue 90 minutes', durationMinutes: 90 })).toBe(
      'Deep tissue 90 minutes',
    );
    expect(serviceLabel({ name: 'Hot stone', durationMinutes: 90 })).toBe('Hot stone (90 min)');
    // A name saying another length keeps the real one beside it.
    expect(serviceLabel({ name: 'Follow-up, 160 min', durationMinutes: 60 })).toBe(
      'Follow-up, 160 min (60 min)',
    );
  });
});
