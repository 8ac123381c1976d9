import { describe, expect, it } from 'vitest';
import { icd10WithoutDot, normalizeIcd10, validateIcd10Format } from './icd10cm-format.ts';

describe('validateIcd10Format / normalizeIcd10', () => {
  it.each([
    ['M54.50', 'M54.50'],
    ['M54.2', 'M54.2'],
    ['M54', 'M54'],
    ['R52', 'R52'],
    ['S13.4XXA', 'S13.4XXA'],
    ['M22.2X1', 'M22.2X1'],
    ['G43.E01', 'G43.E01'],
    ['C4A.9', 'C4A.9'],
    ['m54.50', 'M54.50'],
    ['  M79.7 ', 'M79.7'],
    ['M5450', 'M54.50'],
    ['s134xxa', 'S13.4XXA'],
    ['M545', 'M54.5'],
    ['M54.5\u00a0', 'M54.5'],
  ])('accepts %j as %s', (input, normalized) => {
    expect(validateIcd10Format(input)).toBe(true);
    expect(normalizeIcd10(input)).toBe(normalized);
  });

  it.each([
    '',
    '   ',
    'M',
    'M5',
    '54.50',
    '5M4.50',
    'MM4.50',
    'M54.',
    '.M54',
    'M54.50000',
    'M54.5.0',
    'M54 50',
    'M54-50',
    'M5450000',
    'M54.5_',
    'Ç54.50',
    'M54.5\u200b',
  ])('rejects %j', (input) => {
    expect(validateIcd10Format(input)).toBe(false);
    expect(normalizeIcd10(input)).toBeUndefined();
  });

  it('removes the dot for X12 claims', () => {
    expect(icd10WithoutDot('S13.4XXA')).toBe('S134XXA');
    expect(icd10WithoutDot('R52')).toBe('R52');
  });
});
