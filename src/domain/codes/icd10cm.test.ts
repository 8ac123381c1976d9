import { describe, expect, it } from 'vitest';
import { checkDiagnosisCode, lateralityOf, lookupIcd10 } from './icd10cm.ts';

function codesOf(result: ReturnType<typeof checkDiagnosisCode>): string[] {
  return result.ok ? [] : (result.suggestions ?? []).map((e) => e.code);
}

describe('lookupIcd10', () => {
  it('finds a code in any accepted spelling', () => {
    expect(lookupIcd10('M54.50')?.description).toBe('Low back pain, unspecified');
    expect(lookupIcd10('m5450')?.code).toBe('M54.50');
    expect(lookupIcd10('s13.4xxa')?.encounter).toBe('A');
  });

  it('returns undefined for malformed or absent codes', () => {
    expect(lookupIcd10('M54.')).toBeUndefined();
    expect(lookupIcd10('Z99.99')).toBeUndefined();
  });
});

describe('checkDiagnosisCode', () => {
  it.each(['M54.50', 'M54.2', 'M79.7', 'M72.2', 'G44.209', 'M26.601', 'S13.4XXA', 'I97.2', 'G56.03'])(
    'accepts billable %s',
    (code) => {
      const result = checkDiagnosisCode(code);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.entry.code).toBe(code);
    },
  );

  it('refuses M54.5 (header since 1 Oct 2021) and suggests exactly its children', () => {
    const result = checkDiagnosisCode('M54.5');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('not-billable');
    expect(codesOf(result)).toEqual(['M54.50', 'M54.51', 'M54.59']);
    expect(result.message).toContain('M54.50');
  });

  it('refuses M54.5 typed without the dot too', () => {
    const result = checkDiagnosisCode('m545');
    expect(!result.ok && result.reason).toBe('not-billable');
  });

  it('refuses M26.60 and suggests M26.601–M26.609', () => {
    const result = checkDiagnosisCode('M26.60');
    expect(!result.ok && result.reason).toBe('not-billable');
    expect(codesOf(result)).toEqual(['M26.601', 'M26.602', 'M26.603', 'M26.609']);
  });

  it.each([
    ['G56.0', ['G56.00', 'G56.01', 'G56.02', 'G56.03']],
    ['M79.1', ['M79.10', 'M79.11', 'M79.12', 'M79.18']],
    ['M54.3', ['M54.30', 'M54.31', 'M54.32']],
    ['M51.36', ['M51.360', 'M51.361', 'M51.362', 'M51.369']],
  ])('refuses header %s with its children', (code, children) => {
    const result = checkDiagnosisCode(code);
    expect(!result.ok && result.reason).toBe('not-billable');
    expect(codesOf(result)).toEqual(children);
  });

  it('refuses an injury code missing its 7th character', () => {
    const result = checkDiagnosisCode('S13.4XX');
    expect(!result.ok && result.reason).toBe('not-billable');
    expect(codesOf(result)).toEqual(['S13.4XXA', 'S13.4XXD', 'S13.4XXS']);
  });

  it('refuses malformed input without suggestions', () => {
    const result = checkDiagnosisCode('54.50');
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
    expect(codesOf(result)).toEqual([]);
  });

  it('reports a well-formed code outside the list as unknown, with nearby codes', () => {
    const result = checkDiagnosisCode('M54.52');
    expect(!result.ok && result.reason).toBe('unknown');
    expect(codesOf(result)).toEqual(['M54.50', 'M54.51', 'M54.59']);
    expect(!result.ok && result.message).toMatch(/not in Palpa's FY2026/);
  });

  it('reports an unrelated code as unknown without suggestions', () => {
    const result = checkDiagnosisCode('A00.0');
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    expect(codesOf(result)).toEqual([]);
  });
});

describe('lateralityOf', () => {
  it.each([
    ['G56.01', 'right'],
    ['G56.02', 'left'],
    ['G56.03', 'bilateral'],
    ['G56.00', 'unspecified'],
    ['M54.31', 'right'],
    ['M26.603', 'bilateral'],
    ['S93.402D', 'left'],
    ['Z96.653', 'bilateral'],
    ['M54.2', null],
    ['M54.5', null],
  ])('%s → %s', (code, laterality) => {
    expect(lateralityOf(code)).toBe(laterality);
  });

  it('is undefined for codes not in the list', () => {
    expect(lateralityOf('A00.0')).toBeUndefined();
    expect(lateralityOf('nonsense')).toBeUndefined();
  });
});
