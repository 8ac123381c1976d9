import { describe, expect, it } from 'vitest';
import { ageOn, localDate } from './dates.ts';
import { parsePatientQuery, phoneDigits } from './search-query.ts';

describe('parsePatientQuery', () => {
  it.each([
    ['1985-03-07', [{ kind: 'date', date: '1985-03-07' }]],
    ['03/07/1985', [{ kind: 'date', date: '1985-03-07' }]],
    ['3/7/1985', [{ kind: 'date', date: '1985-03-07' }]],
    ['(619) 555-01', [{ kind: 'phone', digits: '61955501' }]],
    ['+1 619 555 0100', [{ kind: 'phone', digits: '6195550100' }]],
    ['García', [{ kind: 'text', text: 'García' }]],
    ['02/30/1990', [{ kind: 'never' }]],
    ['---', [{ kind: 'never' }]],
  ])('%s', (q, terms) => {
    expect(parsePatientQuery(q)?.terms).toEqual(terms);
  });

  it('keeps several words as AND terms plus a phrase', () => {
    expect(parsePatientQuery('de la Cruz')).toEqual({
      terms: [
        { kind: 'text', text: 'de' },
        { kind: 'text', text: 'la' },
        { kind: 'text', text: 'Cruz' },
      ],
      phrase: 'de la Cruz',
    });
    expect(parsePatientQuery('maria 1985-03-07')?.phrase).toBeUndefined();
  });

  it('answers undefined for an empty query', () => {
    expect(parsePatientQuery('  ')).toBeUndefined();
  });

  it('strips the North American country code only from 11-digit numbers', () => {
    expect(phoneDigits('1-619-555-0100')).toBe('6195550100');
    expect(phoneDigits('1619')).toBe('1619');
  });
});

describe('ages on the clinic date', () => {
  it.each([
    ['2008-06-15', '2026-06-14', 17],
    ['2008-06-15', '2026-06-15', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s → %i', (dob, today, age) => {
    expect(ageOn(dob, today)).toBe(age);
  });

  it('uses the clinic time zone for "today"', () => {
    const instant = new Date('2026-06-15T05:00:00Z');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-06-14');
    expect(localDate(instant, 'UTC')).toBe('2026-06-15');
  });
});
