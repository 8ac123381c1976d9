import { describe, expect, it } from 'vitest';
import { scoreText, scoreUnit } from '../../web/src/features/outcomes/score.ts';

describe('an outcome score with its unit', () => {
  it('is a percentage for the ODI index', () => {
    expect(scoreUnit('odi')).toBe('%');
    expect(scoreText('odi', 44)).toBe('44 %');
    expect(scoreText('odi', 44.444)).toBe('44.4 %');
  });

  it('is plain points on the instrument’s own scale elsewhere', () => {
    for (const id of ['nprs', 'ndi', 'lefs', 'psfs', 'quickdash', 'fiqr', 'hit6', 'bctq'])
      expect(scoreUnit(id), id).toBeNull();
    expect(scoreText('nprs', 6)).toBe('6');
    expect(scoreText('psfs', 4.5)).toBe('4.5');
    expect(scoreUnit('unknown')).toBeNull();
  });
});
