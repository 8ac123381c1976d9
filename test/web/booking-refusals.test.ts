import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import { refusalOf } from '../../web/src/features/calendar/refusal.ts';

const slot = {
  start: '2026-03-10T17:00:00.000Z',
  end: '2026-03-10T18:00:00.000Z',
  localDate: '2026-03-10',
  localTime: '10:00',
  localStart: '2026-03-10T10:00:00-07:00',
  therapistId: '01900000-0000-7000-8000-000000000001',
  roomId: '01900000-0000-7000-8000-000000000002',
  locationId: '01900000-0000-7000-8000-000000000003',
};
const nearest = { before: [], after: [slot] };
/** A 422 from the booking engine, as the server words it for the desk, with the nearest free times. */
const engine = (message: string, problems: string[]) =>
  new ApiError(422, 'unprocessable', message, { problems, alternatives: nearest });
const forPatient = (error: unknown) => refusalOf(error, 'patient');

describe('a patient’s refused booking, in plain words', () => {
  it('says someone booked the time only when it was taken (409 slot_taken), with the nearest times', () => {
    const taken = forPatient(
      new ApiError(409, 'slot_taken', 'That time is no longer free; here are the nearest free times', {
        alternatives: nearest,
      }),
    );
    expect(taken.message).toBe('Sorry, someone just booked that time.');
    expect(taken.alternatives).toEqual(nearest);
  });

  it('gives the engine’s true reason, and still the nearest times it offered', () => {
    const cases: [string, string, string][] = [
      ['too-soon', 'That time is too soon to book online', 'That time is too soon to book online.'],
      [
        'too-far-ahead',
        'That time is too far ahead to book online',
        'That time is further ahead than the clinic takes online bookings.',
      ],
      [
        'outside-working-hours',
        'That time is outside the therapist’s working hours',
        'The therapist is no longer working at that time.',
      ],
      ['in-past', 'That time is in the past', 'That time has already passed.'],
      [
        'off-grid',
        'Online bookings start on the clinic’s time grid',
        'Online bookings start only at the times the clinic lists.',
      ],
      [
        'therapist-not-eligible',
        'This therapist does not offer this service',
        'That therapist does not give this session.',
      ],
    ];
    for (const [code, server, words] of cases) {
      const refusal = forPatient(engine(server, [code]));
      expect(refusal.message, code).toBe(words);
      expect(refusal.message, code).not.toContain('someone just booked');
      expect(refusal.alternatives, code).toEqual(nearest);
    }
  });

  it('names each of several problems once', () => {
    expect(
      forPatient(engine('x', ['too-soon', 'outside-working-hours', 'no-room-free', 'room-busy'])).message,
    ).toBe(
      'That time is too soon to book online. The therapist is no longer working at that time. No treatment room is free at that time.',
    );
  });

  it('words the refusals that carry no times: not bookable online, too many tries, the referral, our side', () => {
    expect(forPatient(new ApiError(404, 'not_found', 'Service not found'))).toMatchObject({
      message: 'This session can’t be booked or changed online. Please call the clinic.',
      alternatives: null,
    });
    expect(
      forPatient(new ApiError(429, 'too_many_requests', 'Rate limit exceeded, retry in 1 minute')).message,
    ).toBe('There were too many tries in a short time. Please wait a minute, then try again.');
    expect(
      forPatient(
        new ApiError(400, 'validation_failed', 'The request is not valid', [
          { path: 'body.referralId', message: "not one of this patient's referrals" },
        ]),
      ).message,
    ).toBe('The referral on this booking does not match your record. Please call the clinic.');
    expect(
      forPatient(
        new ApiError(400, 'validation_failed', 'The request is not valid', [
          { path: 'body.note', message: 'Too big' },
        ]),
      ).message,
    ).toBe('The note about your referral is too long. Please shorten it.');
    expect(
      forPatient(new ApiError(409, 'request_in_progress', 'Retry this request in a moment')).message,
    ).toBe('We are still working on your earlier request. Please wait a moment, then try again.');
    expect(forPatient(new ApiError(500, 'internal_error', 'Something went wrong on our side')).message).toBe(
      'Something went wrong on our side. Please try again in a moment, or call the clinic.',
    );
    expect(forPatient(new TypeError('x is undefined')).message).toBe(
      'Something went wrong. Please try again.',
    );
  });

  it('keeps the server’s words where they are already plain (a move refused by the appointment’s state)', () => {
    expect(
      forPatient(new ApiError(409, 'conflict', 'This appointment has started: please contact the clinic'))
        .message,
    ).toBe('This appointment has started: please contact the clinic');
    expect(
      forPatient(
        new ApiError(0, 'network_error', 'Palpa could not be reached. Check your connection and try again.'),
      ).message,
    ).toBe('Palpa could not be reached. Check your connection and try again.');
  });

  it('leaves the desk’s reading as the server said it', () => {
    expect(refusalOf(engine('That time is too soon to book online', ['too-soon'])).message).toBe(
      'That time is too soon to book online',
    );
    expect(refusalOf(new ApiError(404, 'not_found', 'Service not found')).message).toBe('Service not found');
  });
});
