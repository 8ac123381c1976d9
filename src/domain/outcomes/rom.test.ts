import { describe, expect, it } from 'vitest';
import { getRomNorm, JOINT_MOTIONS, type JointMotion, percentOfNormal, ROM_NORMS, romStatus } from './rom.ts';

describe('reference values and sources', () => {
  it.each<[JointMotion, number, string, 'deg' | 'mm']>([
    ['cervical.flexion', 45, '38 CFR 4.71a (VA)', 'deg'],
    ['cervical.rotation', 80, '38 CFR 4.71a (VA)', 'deg'],
    ['thoracolumbar.flexion', 90, '38 CFR 4.71a (VA)', 'deg'],
    ['thoracolumbar.extension', 30, '38 CFR 4.71a (VA)', 'deg'],
    ['lumbar.flexion', 60, 'Commonly cited', 'deg'],
    ['shoulder.flexion', 180, 'VA reference chart (from a copy)', 'deg'],
    ['shoulder.external-rotation', 90, 'VA reference chart (from a copy)', 'deg'],
    ['elbow.flexion', 145, 'VA reference chart (from a copy)', 'deg'],
    ['forearm.supination', 85, 'VA reference chart (from a copy)', 'deg'],
    ['wrist.ulnar-deviation', 45, 'VA reference chart (from a copy)', 'deg'],
    ['hip.flexion', 125, 'VA reference chart (from a copy)', 'deg'],
    ['hip.adduction', 25, 'VA reference chart (from a copy)', 'deg'],
    ['knee.flexion', 140, 'VA reference chart (from a copy)', 'deg'],
    ['ankle.plantar-flexion', 45, 'VA reference chart (from a copy)', 'deg'],
    ['tmj.opening', 48.8, 'Zawawi 2003', 'mm'],
  ])('%s default %d from %s', (id, normal, source, unit) => {
    const spec = getRomNorm(id);
    expect(spec.values[0]?.normal).toBe(normal);
    expect(spec.values[0]?.source).toBe(source);
    expect(spec.unit).toBe(unit);
  });
  it('every value names a source and a reference key', () => {
    for (const id of JOINT_MOTIONS) {
      const spec = ROM_NORMS[id];
      expect(spec.values.length).toBeGreaterThan(0);
      for (const value of spec.values) {
        expect(value.source.length).toBeGreaterThan(0);
        expect(value.sourceKey).toMatch(/^R\d+$/);
      }
    }
  });
  it('alternate values: Muscolino cervical extension 80, Magee lumbar flexion 40–60', () => {
    expect(ROM_NORMS['cervical.extension'].values[1]).toMatchObject({ normal: 80, sourceKey: 'R38' });
    expect(ROM_NORMS['lumbar.flexion'].values[1]).toMatchObject({ range: { min: 40, max: 60 } });
  });
});

describe('percentOfNormal', () => {
  it('cervical flexion 36 of 45 = 80 %', () => {
    expect(percentOfNormal('cervical.flexion', 36)).toBe(80);
  });
  it('cervical extension 40 against Muscolino 80 = 50 %', () => {
    expect(percentOfNormal('cervical.extension', 40, { sourceKey: 'R38' })).toBe(50);
  });
  it('shoulder abduction 90 of 180 = 50 %', () => {
    expect(percentOfNormal('shoulder.abduction', 90)).toBe(50);
  });
  it('is null for knee extension (normal 0)', () => {
    expect(percentOfNormal('knee.extension', -5)).toBeNull();
  });
  it('throws for a negative angle, NaN or an unknown source', () => {
    expect(() => percentOfNormal('hip.flexion', -10)).toThrow(RangeError);
    expect(() => percentOfNormal('hip.flexion', Number.NaN)).toThrow(RangeError);
    expect(() => percentOfNormal('hip.flexion', 90, { sourceKey: 'R38' })).toThrow(RangeError);
  });
});

describe('romStatus', () => {
  it.each<[JointMotion, number, string]>([
    ['cervical.flexion', 45, 'within-normal'],
    ['cervical.flexion', 41, 'within-normal'], // 91 %
    ['cervical.flexion', 40.5, 'within-normal'], // exactly 90 %
    ['cervical.flexion', 40, 'limited'], // 88.9 %
    ['shoulder.flexion', 120, 'limited'],
    ['knee.extension', 0, 'within-normal'],
    ['knee.extension', -5, 'within-normal'],
    ['knee.extension', -10, 'limited'],
    ['tmj.opening', 50, 'within-normal'],
    ['tmj.opening', 40, 'within-normal'],
    ['tmj.opening', 39, 'limited'],
    ['tmj.opening', 30, 'limited'],
    ['tmj.opening', 29.5, 'impaired'],
  ])('%s %d → %s', (id, measured, status) => {
    expect(romStatus(id, measured).status).toBe(status);
  });
  it('tolerancePercent 0 makes anything under the reference limited', () => {
    expect(romStatus('cervical.flexion', 44, { tolerancePercent: 0 }).status).toBe('limited');
  });
  it('flags values above the reference without judging them', () => {
    const result = romStatus('cervical.extension', 60);
    expect(result).toMatchObject({ status: 'within-normal', aboveReference: true });
    expect(result.percentOfNormal).toBeCloseTo(133.33, 2);
    expect(romStatus('tmj.opening', 55).aboveReference).toBe(true);
  });
  it('TMJ rule names its sources', () => {
    const result = romStatus('tmj.opening', 25);
    expect(result.rule).toContain('< 30 mm impaired (Swiss Dent J TMD cohort)');
    expect(result.unit).toBe('mm');
  });
});
