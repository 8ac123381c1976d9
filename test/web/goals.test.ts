import { describe, expect, it } from 'vitest';
import { goalText } from '../../web/src/features/plans/goals.ts';

const id = '01a21acf-0000-7000-8000-000000000001';

describe('goalText', () => {
  it('says each kind of goal in words, with its due date for people', () => {
    expect(goalText({ id, kind: 'functional', patientWords: 'Walk the dog', dueDate: '2026-12-03' })).toBe(
      '“Walk the dog” by Dec 3, 2026',
    );
    expect(
      goalText({
        id,
        kind: 'instrument',
        instrumentId: 'lefs',
        baseline: 40,
        target: 55,
        dueDate: '2026-12-03',
      }),
    ).toBe('LEFS from 40 to 55 by Dec 3, 2026');
    // Instruments are named as the catalog writes them, not as their upper-cased ids.
    const named = (instrumentId: 'quickdash' | 'hit6') =>
      goalText({ id, kind: 'instrument', instrumentId, baseline: 60, target: 40, dueDate: '2026-12-03' });
    expect(named('quickdash')).toBe('QuickDASH from 60 to 40 by Dec 3, 2026');
    expect(named('hit6')).toBe('HIT-6 from 60 to 40 by Dec 3, 2026');
    expect(
      goalText({
        id,
        kind: 'rom',
        jointMotion: 'lumbar.flexion',
        baseline: 30,
        target: 50,
        dueDate: '2027-01-15',
      }),
    ).toMatch(/ from 30 to 50° by Jan 15, 2027$/);
  });
});
