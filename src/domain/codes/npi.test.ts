import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from './npi.ts';

describe('isValidNpi', () => {
  it.each(['1234567893', '1245319599', '1003000126'])('accepts valid NPI %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it.each([
    ['wrong check digit', '1234567890'],
    ['wrong check digit', '1245319598'],
    ['transposed digits', '1234567839'],
    ['9 digits', '123456789'],
    ['11 digits', '12345678930'],
    ['letters', '123456789X'],
    ['spaces', '1234 567893'],
    ['surrounding space', ' 1234567893'],
    ['empty', ''],
    ['Luhn-valid without the 80840 prefix', '1234567897'],
  ])('rejects %s: %j', (_why, npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });

  it('computes the check digit of the CMS example 123456789 as 3', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(() => npiCheckDigit('12345678')).toThrow(RangeError);
  });

  it('accepts any base with its check digit and rejects every other last digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (base) => {
        const check = npiCheckDigit(base);
        for (let d = 0; d <= 9; d++) expect(isValidNpi(`${base}${d}`)).toBe(d === check);
      }),
    );
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{9}$/),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (base, position, delta) => {
          const npi = `${base}${npiCheckDigit(base)}`;
          const digit = (Number(npi[position]) + delta) % 10;
          const changed = `${npi.slice(0, position)}${digit}${npi.slice(position + 1)}`;
          expect(isValidNpi(changed)).toBe(false);
        },
      ),
    );
  });
});
