import { describe, expect, it } from 'vitest';
import { visitChoices } from '../../web/src/features/todo/undocumented.ts';

type Status = 'booked' | 'confirmed' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
const visit = (
  id: string,
  start: string,
  status: Status = 'completed',
  sessionNoteId: string | null = null,
) => ({
  id,
  start,
  status,
  sessionNoteId,
});

const recent = [
  visit('monday', '2026-11-23T18:00:00Z'),
  visit('today', '2026-11-27T17:00:00Z', 'checked_in'),
  visit('signed', '2026-11-24T18:00:00Z', 'completed', 'note-1'),
  visit('drafted', '2026-11-25T18:00:00Z'),
  visit('cancelled', '2026-11-26T18:00:00Z', 'cancelled'),
  visit('coming', '2026-11-28T18:00:00Z', 'confirmed'),
];

describe('the visits a new note can document', () => {
  it('are the recent visits that took place and have no note, latest first', () => {
    expect(visitChoices(recent, new Set(['drafted']), null).map((v) => v.id)).toEqual(['today', 'monday']);
  });

  it('include an older visit when the link names it (the to-do’s “Visit on … has no note”)', () => {
    const weeksAgo = visit('weeks-ago', '2026-10-30T17:00:00Z');
    expect(visitChoices(recent, new Set(['drafted']), weeksAgo).map((v) => v.id)).toEqual([
      'today',
      'monday',
      'weeks-ago',
    ]);
    // Named and recent: listed once.
    expect(visitChoices(recent, new Set(), recent[0]!).filter((v) => v.id === 'monday')).toHaveLength(1);
  });
});
