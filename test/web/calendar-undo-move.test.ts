import { describe, expect, it } from 'vitest';
import { moveBack } from '../../web/src/features/calendar/move-question.ts';

const ZONE = 'America/Los_Angeles';
const DANA = '01900000-0000-7000-8000-000000000001';
const LEE = '01900000-0000-7000-8000-000000000004';
const ROOM_1 = '01900000-0000-7000-8000-000000000002';
const ROOM_2 = '01900000-0000-7000-8000-000000000005';
const names = {
  therapistName: (id: string) => ({ [DANA]: 'Dana Kim', [LEE]: 'Lee Park' })[id],
  roomName: (id: string) => ({ [ROOM_1]: 'Room 1', [ROOM_2]: 'Room 2' })[id],
};
const before = {
  start: '2026-03-09T16:00:00.000Z',
  therapistId: DANA,
  roomId: ROOM_1,
  patientName: 'Camila de la Cruz',
};

describe('undoing a move in the calendar', () => {
  it('puts the appointment back where it was, and says the patient is e-mailed again', () => {
    expect(moveBack(before, { therapistId: DANA, roomId: ROOM_1 }, names, ZONE)).toEqual({
      start: '2026-03-09T16:00:00.000Z',
      therapistId: DANA,
      roomId: ROOM_1,
      hint: 'Undo puts Camila de la Cruz back at Mon 9:00 AM and e-mails them again. Both moves stay in the history.',
    });
  });

  it('names the therapist and room it goes back to when the move changed them', () => {
    const back = moveBack(before, { therapistId: LEE, roomId: ROOM_2 }, names, ZONE);
    expect(back).toMatchObject({ therapistId: DANA, roomId: ROOM_1 });
    expect(back.hint).toBe(
      'Undo puts Camila de la Cruz back at Mon 9:00 AM with Dana Kim in Room 1 and e-mails them again. Both moves stay in the history.',
    );
  });

  it('reads the time in the clinic’s zone, and does without a name', () => {
    const back = moveBack(
      { ...before, start: '2026-03-08T09:30:00.000Z', patientName: null },
      { therapistId: DANA, roomId: ROOM_1 },
      names,
      ZONE,
    );
    // 2026-03-08 is the spring-forward day in Los Angeles: 09:30 UTC is 1:30 AM PST.
    expect(back.hint).toMatch(/^Undo puts the patient back at Sun 1:30 AM and/);
  });
});
