import { describe, expect, it } from 'vitest';
import { emailBreaks } from '../../web/src/features/members/email-breaks.ts';

describe('emailBreaks', () => {
  it('cuts an address before "@" and after dots and hyphens, never inside a word', () => {
    expect(emailBreaks('theo.therapist@harbor-medical.test')).toEqual([
      'theo.',
      'therapist',
      '@harbor-',
      'medical.',
      'test',
    ]);
  });

  it('keeps every character, in order', () => {
    for (const email of ['a@b.c', 'owner@harbor.test', 'x', 'first.last+tag@sub.domain.example']) {
      expect(emailBreaks(email).join('')).toBe(email);
    }
    expect(emailBreaks('owner@harbor.test')).toEqual(['owner', '@harbor.', 'test']);
  });
});
