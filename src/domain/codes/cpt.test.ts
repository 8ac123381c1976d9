import { describe, expect, it } from 'vitest';
import { CPT_CODES, isTimedCpt, lookupCpt, validateCptFormat } from './cpt.ts';

describe('CPT codes from the clinical reference', () => {
  it('lists exactly the reference codes', () => {
    expect(CPT_CODES.map((c) => c.code).sort()).toEqual([
      '97010',
      '97110',
      '97112',
      '97124',
      '97140',
      '97530',
      '97535',
    ]);
  });

  it.each([
    ['97124', true],
    ['97140', true],
    ['97110', true],
    ['97112', true],
    ['97530', true],
    ['97010', false],
  ])('%s timed = %s', (code, timed) => {
    expect(isTimedCpt(code)).toBe(timed);
    expect(lookupCpt(code)?.unitMinutes).toBe(timed ? 15 : null);
  });

  it('knows 97010 is bundled (Medicare status B)', () => {
    expect(lookupCpt('97010')?.medicareStatus).toBe('B');
    expect(lookupCpt('97124')?.medicareStatus).toBeUndefined();
  });

  it('flags the chiropractic-manipulation edit and the unverified 97124/97140 edit', () => {
    for (const code of ['97112', '97124', '97140']) {
      expect(lookupCpt(code)?.notes.join(' ')).toMatch(/98940–98942.*modifier 59/);
    }
    expect(lookupCpt('97140')?.notes.join(' ')).toMatch(/different region/);
    expect(lookupCpt('97124')?.notes.join(' ')).toMatch(/not verified/);
  });

  it('marks the NV descriptors as unverified', () => {
    expect(lookupCpt('97530')?.verified).toBe(false);
    expect(lookupCpt('97535')?.verified).toBe(false);
    expect(lookupCpt('97124')?.verified).toBe(true);
  });

  it('returns undefined for codes it does not know', () => {
    expect(lookupCpt('98940')).toBeUndefined();
    expect(isTimedCpt('98940')).toBeUndefined();
  });

  it.each([
    ['97124', true],
    ['0001U', true],
    ['1000F', true],
    ['0042T', true],
    ['9712', false],
    ['971240', false],
    ['9712A', false],
  ])('validateCptFormat(%j) = %s', (code, ok) => {
    expect(validateCptFormat(code)).toBe(ok);
  });
});
