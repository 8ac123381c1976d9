import { describe, expect, it } from 'vitest';
import { noShowQuestion } from '../../web/src/features/calendar/no-show.ts';

describe('the question asked before a no-show is recorded', () => {
  it('names the patient and the fee the clinic charges', () => {
    const text = noShowQuestion('Grace Kim', 5000);
    expect(text).toMatch(/^Mark Grace Kim as a no-show\?/);
    expect(text).toContain('no-show fee of $50.00 goes on the account');
    expect(text).toContain('cannot be undone');
  });

  it('says when the clinic charges no fee, and hedges while the rules load', () => {
    expect(noShowQuestion('Grace Kim', 0)).toContain('charges no no-show fee');
    expect(noShowQuestion(null, undefined)).toMatch(/^Mark this patient as a no-show\? .*if it has one/);
  });
});
