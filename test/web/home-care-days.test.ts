import { describe, expect, it } from 'vitest';
import {
  adherenceText,
  daysToLog,
  exerciseOnDay,
  howOften,
  loggedMessage,
  undoneMessage,
} from '../../web/src/features/patient-portal/home-care-days.ts';
import type { HomeCareLogEntry } from '../../web/src/features/reports/api.ts';

const exercise = (timesPerDay: number, upTo = timesPerDay) => ({
  id: 'chin-tuck',
  name: 'Chin tucks',
  dosage: '',
  instructions: '',
  timesPerDay,
  upTo,
});

let n = 0;
const entry = (performedOn: string, done = true, loggedBy: 'patient' | 'staff' = 'patient', occurrence = 1) =>
  ({
    id: `e${++n}`,
    exerciseId: 'chin-tuck',
    exerciseName: 'Chin tucks',
    performedOn,
    occurrence,
    done,
    sets: null,
    note: null,
    loggedBy,
  }) satisfies HomeCareLogEntry;

describe('daysToLog', () => {
  it('offers today and the 6 days before, today first, named for a phone and for a screen reader', () => {
    // Wednesday, March 4, 2026.
    const days = daysToLog('2026-03-04', '2026-01-10');
    expect(days.map((d) => d.date)).toEqual([
      '2026-03-04',
      '2026-03-03',
      '2026-03-02',
      '2026-03-01',
      '2026-02-28',
      '2026-02-27',
      '2026-02-26',
    ]);
    expect(days.map((d) => d.short)).toEqual([
      'Today',
      'Yesterday',
      'Mon 2',
      'Sun 1',
      'Sat 28',
      'Fri 27',
      'Thu 26',
    ]);
    expect(days[0]!.more).toBe('Wednesday, March 4');
    expect(days[2]!.more).toBe('March 2');
    expect(days.map((d) => d.inSentence).slice(0, 3)).toEqual(['today', 'yesterday', 'on Monday']);
  });

  it('offers no day before the home care began, and none when it begins after today', () => {
    expect(daysToLog('2026-03-04', '2026-03-03').map((d) => d.date)).toEqual(['2026-03-04', '2026-03-03']);
    expect(daysToLog('2026-03-04', '2026-03-04').map((d) => d.title)).toEqual(['Today']);
    expect(daysToLog('2026-03-04', '2026-03-05')).toEqual([]);
    expect(daysToLog('2026-03-04', null)).toHaveLength(7);
  });

  it('crosses a year end and a leap day', () => {
    expect(
      daysToLog('2028-03-01', null)
        .map((d) => d.date)
        .slice(0, 3),
    ).toEqual(['2028-03-01', '2028-02-29', '2028-02-28']);
    expect(daysToLog('2027-01-02', null).at(-1)!.date).toBe('2026-12-27');
  });
});

describe('exerciseOnDay', () => {
  const day = '2026-03-04';

  it('counts the times done that day, up to the times a day prescribed', () => {
    const twice = exercise(2);
    const entries = [entry(day), entry('2026-03-03'), entry(day, true, 'patient', 2)];
    expect(exerciseOnDay(twice, [], day)).toMatchObject({ times: 0, full: false, status: 'not logged yet' });
    expect(exerciseOnDay(twice, entries.slice(0, 2), day)).toMatchObject({
      times: 1,
      full: false,
      status: 'done 1 of 2 times',
    });
    expect(exerciseOnDay(twice, entries, day)).toMatchObject({
      times: 2,
      full: true,
      status: 'done 2 of 2 times ✓',
    });
    expect(exerciseOnDay(exercise(1), [entry(day)], day)).toMatchObject({ full: true, status: 'done ✓' });
    expect(exerciseOnDay(exercise(1, 2), [entry(day)], day)).toMatchObject({
      full: false,
      status: 'done once (once or twice a day) ✓',
    });
    expect(exerciseOnDay(exercise(2), [entry(day, false)], day)).toMatchObject({
      times: 0,
      status: 'not done',
    });
  });

  it('undoes the latest time the patient logged, never the therapist’s', () => {
    const mine = entry(day, true, 'patient', 1);
    const latest = entry(day, true, 'patient', 2);
    const staff = entry(day, true, 'staff', 3);
    expect(exerciseOnDay(exercise(3), [latest, mine, staff], day).undoable).toBe(latest);
    expect(exerciseOnDay(exercise(3), [staff], day).undoable).toBeNull();
    expect(exerciseOnDay(exercise(3), [entry('2026-03-03')], day).undoable).toBeNull();
  });
});

describe('the portal’s words', () => {
  it('says how often, the adherence and what a tap did', () => {
    expect(howOften(exercise(2))).toBe('Twice a day');
    expect(howOften(exercise(1, 2))).toBe('Once or twice a day');
    expect(howOften(exercise(5))).toBe('5 times a day');
    expect(
      adherenceText({ from: '', to: '', exercises: 2, expected: 42, done: 6, percent: 14, daysLogged: 4 }),
    ).toBe('In the last two weeks you did 6 of the 42 times prescribed (14 %).');
    expect(
      adherenceText({ from: '', to: '', exercises: 0, expected: 0, done: 0, percent: null, daysLogged: 0 }),
    ).toBe('In the last two weeks you did 0 of the 0 times prescribed.');
    const [today, , monday] = daysToLog('2026-03-04', null);
    expect(loggedMessage(exercise(3), today!, 1)).toBe('Well done: Chin tucks logged for today (1 of 3).');
    expect(loggedMessage(exercise(1), monday!, 1)).toBe('Well done: Chin tucks logged for Monday.');
    expect(undoneMessage(exercise(1), monday!)).toBe('Undone: one “Chin tucks” taken off Monday.');
  });
});
