import { describe, expect, it } from 'vitest';
import { foldText, searchIcd10 } from './icd10cm-search.ts';

const codes = (query: string, limit?: number) => searchIcd10(query, limit).map((e) => e.code);

describe('searchIcd10 by code prefix', () => {
  it('ranks the exact code first, then longer codes by length', () => {
    expect(codes('M54.5')).toEqual(['M54.5', 'M54.50', 'M54.51', 'M54.59']);
  });

  it('accepts the undotted and lower-case forms', () => {
    expect(codes('m545')).toEqual(['M54.5', 'M54.50', 'M54.51', 'M54.59']);
    expect(codes('g56.0')).toEqual(['G56.0', 'G56.00', 'G56.01', 'G56.02', 'G56.03']);
  });

  it('matches partial codes and respects the limit', () => {
    const result = codes('M26.6', 5);
    expect(result).toHaveLength(5);
    expect(result[0]).toBe('M26.6');
    expect(result.every((c) => c.startsWith('M26.6'))).toBe(true);
  });
});

describe('searchIcd10 by words', () => {
  it('finds plantar fasciitis from a word prefix', () => {
    expect(codes('plantar fasc')).toEqual(['M72.2']);
  });

  it('requires every word: "carpal tunnel left" is only the left-sided code', () => {
    expect(codes('carpal tunnel left')).toEqual(['G56.02']);
  });

  it('finds cervicalgia regardless of case and accents', () => {
    expect(codes('cervicalgia')).toEqual(['M54.2']);
    expect(codes('CERVICALGÍA')).toEqual(['M54.2']);
    expect(codes('FÍBROMYALGIA')).toEqual(['M79.7']);
  });

  it('finds lay terms through keywords, ranked after description matches', () => {
    expect(codes('whiplash')).toContain('S13.4XXA');
    expect(codes('frozen shoulder')).toEqual(['M75.0', 'M75.00', 'M75.01', 'M75.02']);
    expect(codes('lymphoedema')).toEqual(expect.arrayContaining(['I89.0', 'I97.2', 'Q82.0']));
    expect(codes("golfer's elbow right")).toEqual(['M77.01']);
    // "tendinitis" is in many descriptions; M77.9 only has it as a keyword, so it comes after them.
    const tendinitis = codes('tendinitis', 200);
    expect(tendinitis.indexOf('M77.9')).toBeGreaterThan(tendinitis.indexOf('M76.61'));
  });

  it('ranks whole-word matches above word-prefix matches ("low" also starts "lower")', () => {
    const result = codes('low back pain', 50);
    expect(result.slice(0, 4)).toEqual(['M54.5', 'M54.50', 'M54.51', 'M54.59']);
    expect(result).toContain('M51.362');
  });

  it('matches words by prefix, not inside words', () => {
    expect(codes('eft')).toEqual([]);
  });

  it('filters billable-only and by family', () => {
    const billable = searchIcd10('low back pain', 20, { billableOnly: true }).map((e) => e.code);
    expect(billable.slice(0, 3)).toEqual(['M54.50', 'M54.51', 'M54.59']);
    expect(billable).not.toContain('M54.5');
    const tmj = searchIcd10('right', 50, { family: 'tmj' });
    expect(tmj.length).toBeGreaterThan(0);
    expect(tmj.every((e) => e.family === 'tmj' && e.laterality === 'right')).toBe(true);
  });

  it('returns nothing for an empty query or a zero limit', () => {
    expect(codes('   ')).toEqual([]);
    expect(codes('pain', 0)).toEqual([]);
  });
});

describe('foldText', () => {
  it('lower-cases, strips accents and apostrophes, and collapses punctuation', () => {
    expect(foldText("Golfer's Élbow, (right)")).toBe('golfers elbow right');
  });
});
