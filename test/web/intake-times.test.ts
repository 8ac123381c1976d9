import { describe, expect, it } from 'vitest';
import { changesText, savedAtText, submittedText } from '../../web/src/features/intake/times.ts';

/** ICU writes narrow no-break spaces before AM/PM; read them as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const AT = '2026-03-04T22:39:00.000Z';

describe('times on the intake', () => {
  it('says when the answers were saved in the clinic’s time, without a leading zero', () => {
    expect(plain(savedAtText(AT, 'America/Los_Angeles'))).toBe('Saved at 2:39 PM');
    expect(plain(savedAtText(AT, 'America/New_York'))).toBe('Saved at 5:39 PM');
  });

  it('thanks the patient with the submission time in the clinic’s zone, named', () => {
    expect(plain(submittedText(AT, 'America/Los_Angeles'))).toBe(
      'Your answers were submitted on Mar 4, 2026, 2:39 PM PST. Your therapist reads them before your visit.',
    );
    expect(plain(submittedText('2026-07-04T03:15:00.000Z', 'America/New_York'))).toContain(
      'submitted on Jul 3, 2026, 11:15 PM EDT.',
    );
    expect(submittedText(null, 'America/New_York')).toBe(
      'Your answers were submitted. Your therapist reads them before your visit.',
    );
  });

  it('ends with advice that reads on its own when the “before your visit” sentence is left out', () => {
    expect(`${submittedText(null, 'UTC')} ${changesText()}`).toBe(
      'Your answers were submitted. Your therapist reads them before your visit. If anything about your health changes before then, tell the clinic.',
    );
    expect(`${submittedText(null, 'UTC', true)} ${changesText(true)}`).toBe(
      'Your answers were submitted. If anything else about your health changes, tell the clinic.',
    );
    expect(changesText(true)).not.toMatch(/then/);
  });
});
