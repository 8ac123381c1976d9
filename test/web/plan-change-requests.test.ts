import { describe, expect, it } from 'vitest';
import type { PlanChangeRequest } from '../../web/src/features/plans/api.ts';
import {
  changeReasonProblem,
  changeRequestHeadline,
  ownChangeRequest,
  reasonParagraphs,
} from '../../web/src/features/plans/change-requests.ts';
import { TODO_KINDS } from '../../web/src/features/todo/items.ts';

const request = (over: Partial<PlanChangeRequest> = {}): PlanChangeRequest => ({
  id: 'r1',
  version: 2,
  physician: { userId: 'ruiz', name: 'Ana Ruiz' },
  reason: 'No trigger point therapy while she takes apixaban.',
  // Late evening in Los Angeles, already the next day in UTC.
  requestedAt: '2026-03-05T05:30:00Z',
  ...over,
});

describe('the reason a physician gives', () => {
  it('is required, and at most 2000 characters once trimmed', () => {
    expect(changeReasonProblem('')).toBe('Say what needs to change, and why');
    expect(changeReasonProblem(' \n ')).toBe('Say what needs to change, and why');
    expect(changeReasonProblem('Lighter pressure')).toBeNull();
    expect(changeReasonProblem(`  ${'x'.repeat(2000)}  `)).toBeNull();
    expect(changeReasonProblem('x'.repeat(2001))).toBe('At most 2,000 characters (2,001 now)');
  });

  it('is shown as written, a paragraph per line, blank lines dropped', () => {
    expect(reasonParagraphs('No trigger points.\r\n\n  Light pressure on the back.  ')).toEqual([
      'No trigger points.',
      'Light pressure on the back.',
    ]);
    expect(reasonParagraphs('<b>not markup</b>')).toEqual(['<b>not markup</b>']);
  });
});

describe('the answer in words', () => {
  it('names the physician (or "You"), the version and the day in the clinic’s time zone', () => {
    expect(changeRequestHeadline(request(), 'America/Los_Angeles')).toBe(
      'Ana Ruiz asked for changes to version 2 on Mar 4, 2026',
    );
    expect(changeRequestHeadline(request(), 'Europe/Berlin')).toBe(
      'Ana Ruiz asked for changes to version 2 on Mar 5, 2026',
    );
    expect(changeRequestHeadline(request(), 'America/Los_Angeles', true)).toBe(
      'You asked for changes to version 2 on Mar 4, 2026',
    );
    expect(changeRequestHeadline(request({ physician: { userId: 'x', name: '' } }), 'UTC')).toMatch(
      /^The physician asked/,
    );
  });

  it('is the signed-in physician’s own answer only', () => {
    const plan = {
      changesRequested: [request({ id: 'park', physician: { userId: 'park', name: 'Dr Park' } }), request()],
    };
    expect(ownChangeRequest(plan, 'ruiz')?.id).toBe('r1');
    expect(ownChangeRequest(plan, 'hale')).toBeNull();
    expect(ownChangeRequest({ changesRequested: [] }, 'ruiz')).toBeNull();
  });
});

describe('the to-do item', () => {
  it('has a badge that asks for the therapist’s work', () => {
    expect(TODO_KINDS.plan_changes_requested).toEqual({ label: 'Plan changes requested', tone: 'warning' });
  });
});
