import { describe, expect, it } from 'vitest';
import { cancellationPolicy, isLateCancellation, lateCancellationWarning } from './cancellation.ts';

const start = new Date('2026-03-09T17:00:00Z');
const hoursBefore = (hours: number) => new Date(start.getTime() - hours * 3_600_000);

describe('late cancellation', () => {
  it('is late inside the window and on time at or before its edge', () => {
    expect(isLateCancellation(start, hoursBefore(23.99), 24)).toBe(true);
    expect(isLateCancellation(start, hoursBefore(24), 24)).toBe(false);
    expect(isLateCancellation(start, hoursBefore(30), 24)).toBe(false);
    // After the start (a no-show turned cancellation at the desk) is late too.
    expect(isLateCancellation(start, new Date(start.getTime() + 60_000), 24)).toBe(true);
  });

  it('without a window is late only once the session has started', () => {
    expect(isLateCancellation(start, hoursBefore(0.1), 0)).toBe(false);
    expect(isLateCancellation(start, new Date(start.getTime() + 60_000), 0)).toBe(true);
    expect(cancellationPolicy(0)).toBeNull();
  });

  it('states the window in hours', () => {
    expect(cancellationPolicy(24)).toBe(
      'Please cancel or move your appointment at least 24 hours before it starts; a later cancellation counts as a late cancellation.',
    );
    expect(cancellationPolicy(1)).toContain('at least 1 hour before');
    expect(lateCancellationWarning(start, hoursBefore(47), 48)).toBe(
      'It is less than 48 hours before the session, so cancelling now counts as a late cancellation.',
    );
    expect(lateCancellationWarning(start, hoursBefore(49), 48)).toBeNull();
    // Moving an appointment cancels the old time, so the same window applies, said as what is being done.
    expect(lateCancellationWarning(start, hoursBefore(2), 24, 'moving it')).toBe(
      'It is less than 24 hours before the session, so moving it now counts as a late cancellation.',
    );
    // Once the session has started, that is what is said, whatever the window.
    expect(lateCancellationWarning(start, hoursBefore(-0.5), 48)).toMatch(/^The session has started/);
    expect(lateCancellationWarning(start, hoursBefore(-0.5), 0)).toMatch(/^The session has started/);
  });
});

describe('missed-visit fees', () => {
  const fees = { lateCancellationFeeCents: 4000, noShowFeeCents: 6000 };
  it('are said with the rule, each only when the clinic charges it', () => {
    expect(cancellationPolicy(24, fees)).toBe(
      'Please cancel or move your appointment at least 24 hours before it starts; a later cancellation counts as a late cancellation. A late cancellation is charged $40.00. Missing an appointment without cancelling is charged $60.00.',
    );
    expect(cancellationPolicy(24, { ...fees, noShowFeeCents: 0 })).not.toContain('Missing');
    expect(cancellationPolicy(0, fees)).toBe('Missing an appointment without cancelling is charged $60.00.');
    expect(cancellationPolicy(0, { lateCancellationFeeCents: 4000, noShowFeeCents: 0 })).toBeNull();
  });

  it('are named before a late cancellation, not before a late move (which is not charged)', () => {
    const start = new Date('2026-03-10T17:00:00Z');
    const at = new Date('2026-03-10T09:00:00Z');
    expect(lateCancellationWarning(start, at, 24, 'cancelling', 4000)).toBe(
      'It is less than 24 hours before the session, so cancelling now counts as a late cancellation. The late-cancellation fee of $40.00 applies.',
    );
    expect(lateCancellationWarning(start, at, 24, 'moving it', 4000)).not.toContain('fee');
  });
});
