import { describe, expect, it } from 'vitest';
import { answerSubmissionSchema, licensedItemTextSchema, psfsActivitiesSchema } from './schemas.ts';

describe('answerSubmissionSchema', () => {
  it('accepts a valid ODI submission with a skipped section', () => {
    const parsed = answerSubmissionSchema.safeParse({ instrumentId: 'odi', answers: { q1: 3, q2: null } });
    expect(parsed.success).toBe(true);
  });
  it('rejects an out-of-range value with the item path', () => {
    const parsed = answerSubmissionSchema.safeParse({ instrumentId: 'odi', answers: { q1: 6 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['answers', 'q1']);
  });
  it('rejects unknown items, non-integers, HIT-6 non-weights and unknown instruments', () => {
    expect(answerSubmissionSchema.safeParse({ instrumentId: 'ndi', answers: { q11: 1 } }).success).toBe(
      false,
    );
    expect(answerSubmissionSchema.safeParse({ instrumentId: 'nprs', answers: { pain: 2.5 } }).success).toBe(
      false,
    );
    expect(answerSubmissionSchema.safeParse({ instrumentId: 'hit6', answers: { q1: 7 } }).success).toBe(
      false,
    );
    expect(answerSubmissionSchema.safeParse({ instrumentId: 'sf36', answers: {} }).success).toBe(false);
  });
});

describe('psfsActivitiesSchema', () => {
  it('needs 3–5 activities with ratings 0–10', () => {
    const three = [1, 2, 3].map((n) => ({ slot: `activity${n}`, activity: `A${n}`, rating: n }));
    expect(psfsActivitiesSchema.safeParse(three).success).toBe(true);
    expect(psfsActivitiesSchema.safeParse(three.slice(0, 2)).success).toBe(false);
    expect(psfsActivitiesSchema.safeParse([...three.slice(0, 2), { ...three[2], rating: 11 }]).success).toBe(
      false,
    );
  });
});

describe('licensedItemTextSchema', () => {
  it('needs non-empty text and numeric label keys', () => {
    expect(licensedItemTextSchema.safeParse({ q1: { text: 'x', answerLabels: { '0': 'a' } } }).success).toBe(
      true,
    );
    expect(licensedItemTextSchema.safeParse({ q1: { text: ' ' } }).success).toBe(false);
    expect(
      licensedItemTextSchema.safeParse({ q1: { text: 'x', answerLabels: { never: 'a' } } }).success,
    ).toBe(false);
  });
});
