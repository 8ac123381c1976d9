import { describe, expect, it } from 'vitest';
import { OFFER_TTL_MS, offerEmail, offerExpiry } from './waitlist.ts';

describe('offerExpiry', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it('ends OFFER_TTL_MS after the offer is made', () => {
    const start = new Date(now.getTime() + 3 * OFFER_TTL_MS);
    expect(offerExpiry(now, start)).toEqual(new Date(now.getTime() + OFFER_TTL_MS));
  });
  it('never after the time itself starts', () => {
    const start = new Date(now.getTime() + 3_600_000);
    expect(offerExpiry(now, start)).toEqual(start);
  });
  it('closes the lead time (the minimum notice) before the start; not after now: too late to offer', () => {
    const start = new Date(now.getTime() + 5 * 3_600_000);
    expect(offerExpiry(now, start, 120)).toEqual(new Date(start.getTime() - 2 * 3_600_000));
    expect(offerExpiry(now, new Date(now.getTime() + 3_600_000), 120) <= now).toBe(true);
  });
});

describe('offerEmail', () => {
  const base = {
    clinicName: 'Harbor Bodywork',
    locationName: 'Downtown',
    timeZone: 'America/Los_Angeles',
    start: new Date('2026-03-06T23:00:00Z'), // Friday 15:00 in Los Angeles
    expiresAt: new Date('2026-03-05T18:00:00Z'),
    acceptUrl: 'https://palpa.example/clinics/c/waitlist/offers/o',
    shared: true,
  };

  it('names the clinic, site, local time and link; an opening says others were told too', () => {
    const { subject, text } = offerEmail(base);
    expect(subject).toBe('An earlier time opened at Harbor Bodywork');
    expect(text).toContain('Harbor Bodywork (Downtown)');
    expect(text).toContain('Friday, March 6, 2026 at 3:00 PM PST.');
    expect(text).toContain(`Accept it here: ${base.acceptUrl}`);
    expect(text).toContain('the first to accept gets it');
  });

  it('a time offered by hand says it is for them and when the offer ends', () => {
    const { text } = offerEmail({ ...base, shared: false, locationName: null });
    expect(text).not.toContain('Others on the waiting list');
    expect(text).toContain('The clinic is offering it to you');
    expect(text).toContain('the offer ends Thursday, March 5 at 10:00 AM PST.');
    expect(text).toContain('at Harbor Bodywork:');
  });
});
