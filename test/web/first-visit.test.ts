import { describe, expect, it } from 'vitest';
import {
  FIRST_VISIT_HINT,
  seenFromChart,
  serviceAudience,
  servicesInOrder,
  showsFirstVisitHint,
} from '../../web/src/features/booking/service-order.ts';
import { firstVisitNote, offersConfirm, telHref } from '../../web/src/features/calendar/desk.ts';

describe('the first-visit mark for staff', () => {
  it('marks a first visit, and warns when it is booked as a follow-up', () => {
    expect(firstVisitNote({ firstVisit: true, serviceKind: 'new_patient', status: 'booked' })).toMatchObject({
      label: 'First visit',
      warning: false,
    });
    expect(firstVisitNote({ firstVisit: true, serviceKind: 'follow_up', status: 'confirmed' })).toMatchObject(
      {
        label: 'First visit booked as a follow-up',
        warning: true,
      },
    );
    expect(
      firstVisitNote({ firstVisit: true, serviceKind: 'follow_up', status: 'checked_in' })?.warning,
    ).toBe(true);
  });

  it('says nothing for a returning patient, a visit that is over, or when the list does not say', () => {
    expect(firstVisitNote({ firstVisit: false, serviceKind: 'follow_up', status: 'booked' })).toBeNull();
    expect(firstVisitNote({ serviceKind: 'follow_up', status: 'booked' })).toBeNull();
    for (const status of ['completed', 'no_show', 'cancelled'] as const) {
      expect(firstVisitNote({ firstVisit: true, serviceKind: 'follow_up', status })).toBeNull();
    }
  });
});

describe('Confirm in the appointment dialog', () => {
  const now = Date.parse('2026-03-10T18:00:00Z');
  it('is offered for a booked appointment until it ends', () => {
    expect(offersConfirm({ status: 'booked', end: '2026-03-10T19:00:00Z' }, now)).toBe(true);
    // Under way (started, not ended): still confirmable.
    expect(offersConfirm({ status: 'booked', end: '2026-03-10T18:30:00Z' }, now)).toBe(true);
  });
  it('is not offered once the appointment has ended, nor when confirmed already', () => {
    expect(offersConfirm({ status: 'booked', end: '2026-03-10T18:00:00Z' }, now)).toBe(false);
    expect(offersConfirm({ status: 'booked', end: '2026-03-09T10:00:00Z' }, now)).toBe(false);
    expect(offersConfirm({ status: 'confirmed', end: '2026-03-11T10:00:00Z' }, now)).toBe(false);
  });
});

describe('the phone link', () => {
  it('dials the digits of the number as written', () => {
    expect(telHref('(619) 555-0199')).toBe('tel:6195550199');
    expect(telHref('+1 619 555 0199')).toBe('tel:+16195550199');
  });
  it('gives no link for no number or too few digits', () => {
    expect(telHref(null)).toBeNull();
    expect(telHref('')).toBeNull();
    expect(telHref('ext 12')).toBeNull();
  });
});

describe('sessions in online booking', () => {
  const services = [
    { id: 'a', kind: 'follow_up' as const },
    { id: 'b', kind: 'new_patient' as const },
    { id: 'c', kind: 'follow_up' as const },
    { id: 'd', kind: 'new_patient' as const },
  ];
  it('says who each session is for', () => {
    expect(serviceAudience('new_patient')).toBe('For new patients');
    expect(serviceAudience('follow_up')).toBe('For returning patients');
  });
  it('puts the new-patient sessions first for a patient never seen, hiding none', () => {
    expect(servicesInOrder(services, false).map((s) => s.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(showsFirstVisitHint(services, false)).toBe(true);
    expect(FIRST_VISIT_HINT).toMatch(/new patients/);
  });
  it('keeps the order for a returning patient and for a visitor not signed in', () => {
    expect(servicesInOrder(services, true).map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(servicesInOrder(services, null).map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(showsFirstVisitHint(services, true)).toBe(false);
    expect(showsFirstVisitHint(services, null)).toBe(false);
  });
  it('gives no hint where no session is for new patients', () => {
    expect(showsFirstVisitHint([{ kind: 'follow_up' }], false)).toBe(false);
  });
  it("reads 'seen' from the chart's attendance", () => {
    const chart = (completed: number, available = true) => ({
      sections: [
        { id: 'intake', available: true, data: {} },
        { id: 'appointments', available, data: available ? { tally: { completed } } : null },
      ],
    });
    expect(seenFromChart(chart(0))).toBe(false);
    expect(seenFromChart(chart(2))).toBe(true);
    expect(seenFromChart(chart(0, false))).toBeNull();
    expect(seenFromChart({ sections: [] })).toBeNull();
  });
});
