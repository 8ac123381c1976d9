import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../web/src/api/scheduling.ts';
import { linkedAppointmentNotice } from '../../web/src/features/booking/appointment-link.ts';
import { earlierTimeDefaults } from '../../web/src/features/booking/earlier-time.ts';

const ZONE = 'America/Los_Angeles';
// Intl puts narrow spaces around the dash and before AM.
const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? null;
const TODAY = '2026-03-02';
const INITIAL = '01900000-0000-7000-8000-000000000001';
const FOLLOW_UP_30 = '01900000-0000-7000-8000-000000000002';
const FOLLOW_UP_60 = '01900000-0000-7000-8000-000000000003';
const DANA = '01900000-0000-7000-8000-0000000000d4';
const ELI = '01900000-0000-7000-8000-0000000000e5';
const SERVICES = [
  { id: INITIAL, kind: 'new_patient' as const },
  { id: FOLLOW_UP_30, kind: 'follow_up' as const },
  { id: FOLLOW_UP_60, kind: 'follow_up' as const },
];
type Known = Pick<Appointment, 'serviceId' | 'therapistId' | 'status' | 'localStart'>;
const visit = (
  localStart: string,
  status: Known['status'],
  serviceId = FOLLOW_UP_60,
  therapistId = DANA,
) => ({
  serviceId,
  therapistId,
  status,
  localStart,
});

describe('what "Ask for an earlier time" starts with', () => {
  it('from an appointment: its session and therapist, any day before it', () => {
    const appointment = visit('2026-03-20T10:00:00-07:00', 'booked', FOLLOW_UP_30, ELI);
    expect(earlierTimeDefaults({ appointment, appointments: [], services: SERVICES, today: TODAY })).toEqual({
      serviceId: FOLLOW_UP_30,
      therapistId: ELI,
      fromDate: TODAY,
      toDate: '2026-03-19',
    });
  });

  it('in general (with anyone): the next appointment’s session, not a new-patient one', () => {
    const appointments = [
      visit('2026-02-20T10:00:00-08:00', 'completed', INITIAL),
      visit('2026-03-25T10:00:00-07:00', 'booked', FOLLOW_UP_30, ELI),
      visit('2026-03-12T10:00:00-07:00', 'confirmed', FOLLOW_UP_60),
      visit('2026-03-05T10:00:00-08:00', 'cancelled', INITIAL),
    ];
    expect(
      earlierTimeDefaults({ appointment: null, appointments, services: SERVICES, today: TODAY }),
    ).toEqual({ serviceId: FOLLOW_UP_60, fromDate: TODAY, toDate: '2026-03-11' });
  });

  it('in general, for a patient seen before with nothing booked: a follow-up', () => {
    const lastWasFollowUp = [
      visit('2026-01-10T10:00:00-08:00', 'completed', FOLLOW_UP_60, ELI),
      visit('2026-02-10T10:00:00-08:00', 'completed', FOLLOW_UP_30),
    ];
    expect(
      earlierTimeDefaults({
        appointment: null,
        appointments: lastWasFollowUp,
        services: SERVICES,
        today: TODAY,
      }),
    ).toEqual({ serviceId: FOLLOW_UP_30, fromDate: TODAY, toDate: '2026-03-16' });
    // Seen once, for the initial evaluation: the next visit is a follow-up.
    const onlyTheEvaluation = [visit('2026-02-10T10:00:00-08:00', 'completed', INITIAL)];
    expect(
      earlierTimeDefaults({
        appointment: null,
        appointments: onlyTheEvaluation,
        services: SERVICES,
        today: TODAY,
      }).serviceId,
    ).toBe(FOLLOW_UP_30);
  });

  it('in general, for someone never seen: a new-patient session', () => {
    const neverCame = [visit('2026-02-10T10:00:00-08:00', 'no_show', INITIAL)];
    expect(
      earlierTimeDefaults({ appointment: null, appointments: neverCame, services: SERVICES, today: TODAY }),
    ).toEqual({ serviceId: INITIAL, fromDate: TODAY, toDate: '2026-03-16' });
  });
});

describe('what an e-mail link to an appointment says when it is no longer coming', () => {
  const appointment = {
    status: 'cancelled' as const,
    start: '2026-03-10T17:00:00.000Z',
    end: '2026-03-10T18:00:00.000Z',
    // 11:30 PM in San Diego on March 7: the clinic's day, not UTC's.
    cancelledAt: '2026-03-08T07:30:00.000Z',
    rescheduledTo: null,
  };

  it('says it was cancelled, and when, in the clinic’s zone', () => {
    expect(plain(linkedAppointmentNotice(appointment, ZONE))).toBe(
      'This appointment (Tue, Mar 10, 10:00 – 11:00 AM) was cancelled on Mar 7, 2026.',
    );
  });

  it('says it was moved rather than cancelled when the patient or clinic chose another time', () => {
    const moved = { ...appointment, rescheduledTo: '01900000-0000-7000-8000-000000000009' };
    expect(plain(linkedAppointmentNotice(moved, ZONE))).toBe(
      'This appointment (Tue, Mar 10, 10:00 – 11:00 AM) was moved to another time on Mar 7, 2026.',
    );
  });

  it('says nothing about one still coming', () => {
    expect(linkedAppointmentNotice({ ...appointment, status: 'booked', cancelledAt: null }, ZONE)).toBeNull();
  });
});
