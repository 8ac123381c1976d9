import { describe, expect, it } from 'vitest';
import type { WaitlistItem } from '../../web/src/api/waitlist.ts';
import { offerSentNotice } from '../../web/src/features/waitlist/offer-time.ts';
import { standing } from '../../web/src/features/waitlist/standing.ts';

const ZONE = 'America/Los_Angeles';
const entry = (over: Partial<WaitlistItem> = {}): WaitlistItem => ({
  id: '01900000-0000-7000-8000-000000000001',
  patientId: '01900000-0000-7000-8000-000000000002',
  serviceId: '01900000-0000-7000-8000-000000000003',
  therapistId: null,
  locationId: null,
  fromDate: '2026-03-02',
  toDate: '2026-03-09',
  status: 'waiting',
  appointmentId: null,
  createdAt: '2026-03-01T17:00:00.000Z',
  patientName: 'Wanda Example',
  patientEmailOnFile: true,
  latestOffer: null,
  ...over,
});
const offer = (status: 'open' | 'accepted' | 'taken' | 'expired') => ({
  id: '01900000-0000-7000-8000-000000000004',
  start: '2026-03-04T18:00:00.000Z',
  localStart: '2026-03-04T10:00:00-08:00',
  status,
  expiresAt: '2026-03-03T18:00:00.000Z',
});

describe('where a waitlist entry stands', () => {
  it('says waiting, offered (until when), expired, booked or cancelled', () => {
    expect(standing(entry(), '2026-03-02', ZONE)).toEqual({ label: 'Waiting', tone: 'muted' });
    const offered = standing(entry({ latestOffer: offer('open') }), '2026-03-02', ZONE);
    expect(offered.label).toBe('Offered');
    expect(offered.detail).toBe('Wed, Mar 4, 10:00 AM, open until Tue, Mar 3, 10:00 AM');
    expect(standing(entry(), '2026-03-10', ZONE)).toMatchObject({ label: 'Expired', tone: 'warning' });
    expect(standing(entry({ latestOffer: offer('taken') }), '2026-03-02', ZONE).detail).toBe(
      'Offer of Wed, Mar 4, 10:00 AM went to someone else',
    );
    expect(standing(entry({ latestOffer: offer('expired') }), '2026-03-02', ZONE).detail).toBe(
      'Offer of Wed, Mar 4, 10:00 AM expired',
    );
    expect(
      standing(entry({ status: 'fulfilled', latestOffer: offer('accepted') }), '2026-03-02', ZONE),
    ).toEqual({
      label: 'Booked',
      tone: 'success',
    });
    expect(standing(entry({ status: 'cancelled' }), '2026-03-02', ZONE).label).toBe('Cancelled');
  });
});

describe('a waiting patient without an e-mail address', () => {
  it('asks the desk to phone them while an offer is open, and only then', () => {
    const noEmail = (over: Partial<WaitlistItem>) => entry({ patientEmailOnFile: false, ...over });
    const open = standing(noEmail({ latestOffer: offer('open') }), '2026-03-02', ZONE);
    expect(open).toMatchObject({
      label: 'Offered',
      action: 'No e-mail address on file, so they were not told: phone them about this offer.',
    });
    // With an address the e-mail told them; without an open offer there is nothing to tell.
    expect(standing(entry({ latestOffer: offer('open') }), '2026-03-02', ZONE).action).toBeUndefined();
    expect(standing(noEmail({}), '2026-03-02', ZONE).action).toBeUndefined();
    expect(standing(noEmail({ latestOffer: offer('taken') }), '2026-03-02', ZONE).action).toBeUndefined();
    expect(
      standing(noEmail({ status: 'fulfilled', latestOffer: offer('accepted') }), '2026-03-02', ZONE).action,
    ).toBeUndefined();
  });

  it('is named after a time is offered by hand: a warning to phone them instead of a confirmation', () => {
    expect(offerSentNotice('Wanda Example', 'Wed, Mar 4, 10:00 AM', true)).toEqual({
      text: 'Wanda Example was offered Wed, Mar 4, 10:00 AM. They were e-mailed a link to accept it.',
      tone: 'success',
    });
    const unreached = offerSentNotice('Wanda Example', 'Wed, Mar 4, 10:00 AM', false);
    expect(unreached.tone).toBe('warning');
    expect(unreached.text).toMatch(
      /^Wanda Example was offered Wed, Mar 4, 10:00 AM, but has no e-mail address on file/,
    );
    expect(unreached.text).toContain('Phone them');
  });
});
