import { describe, expect, it } from 'vitest';
import { ICD10CM_CODE_SET, ICD10CM_ENTRIES } from './icd10cm.data.ts';
import { ICD10_FAMILIES } from './icd10cm.types.ts';
import { normalizeIcd10 } from './icd10cm-format.ts';

describe('curated ICD-10-CM data', () => {
  it('is the FY2026 code set and large enough to be useful', () => {
    expect(ICD10CM_CODE_SET.fiscalYear).toBe('FY2026');
    expect(ICD10CM_CODE_SET.effectiveFrom).toBe('2025-10-01');
    expect(ICD10CM_ENTRIES.filter((e) => e.billable).length).toBeGreaterThanOrEqual(350);
  });

  it('stores every code in its normalised dotted form', () => {
    const bad = ICD10CM_ENTRIES.filter((e) => normalizeIcd10(e.code) !== e.code).map((e) => e.code);
    expect(bad).toEqual([]);
  });

  it('has no duplicate codes', () => {
    const seen = new Set<string>();
    const duplicates = ICD10CM_ENTRIES.filter((e) => seen.size === seen.add(e.code).size).map((e) => e.code);
    expect(duplicates).toEqual([]);
  });

  it('gives every non-billable header at least one billable child in the file', () => {
    const orphans = ICD10CM_ENTRIES.filter((e) => !e.billable)
      .filter((header) => !ICD10CM_ENTRIES.some((e) => e.billable && e.code.startsWith(header.code)))
      .map((e) => e.code);
    expect(orphans).toEqual([]);
  });

  it('never lists a billable code that has children in the file (a leaf cannot be a parent)', () => {
    const parents = ICD10CM_ENTRIES.filter((e) => e.billable)
      .filter((leaf) => ICD10CM_ENTRIES.some((e) => e.code !== leaf.code && e.code.startsWith(leaf.code)))
      .map((e) => e.code);
    expect(parents).toEqual([]);
  });

  it('keeps laterality consistent with the description', () => {
    const mismatches: string[] = [];
    for (const e of ICD10CM_ENTRIES.filter((x) => x.billable)) {
      const d = e.description.toLowerCase();
      const says = /\bbilateral\b/.test(d)
        ? 'bilateral'
        : /\bright\b/.test(d)
          ? 'right'
          : /\bleft\b/.test(d)
            ? 'left'
            : undefined;
      if (says !== undefined && e.laterality !== says) mismatches.push(`${e.code} says ${says}`);
      if (
        says === undefined &&
        (e.laterality === 'left' || e.laterality === 'right' || e.laterality === 'bilateral')
      ) {
        mismatches.push(`${e.code} is ${e.laterality} but its description does not say so`);
      }
      if (e.laterality === 'unspecified' && !/unspecified/.test(d))
        mismatches.push(`${e.code} unspecified side`);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives injury codes a 7th character that matches encounter and description', () => {
    const injuries = ICD10CM_ENTRIES.filter((e) => e.code.startsWith('S'));
    expect(injuries.length).toBeGreaterThan(0);
    for (const e of injuries.filter((x) => x.billable)) {
      expect(e.code).toMatch(/^S\d\d\.[0-9A-Z]{4}$/);
      expect(e.encounter).toBe(e.code.at(-1));
      const suffix = { A: 'initial encounter', D: 'subsequent encounter', S: 'sequela' }[e.encounter ?? 'A'];
      expect(e.description.endsWith(suffix)).toBe(true);
    }
    expect(ICD10CM_ENTRIES.filter((e) => !e.code.startsWith('S') && e.encounter !== undefined)).toEqual([]);
  });

  it('uses known families and non-empty descriptions', () => {
    for (const e of ICD10CM_ENTRIES) {
      expect(Object.keys(ICD10_FAMILIES)).toContain(e.family);
      expect(e.description.trim().length).toBeGreaterThan(3);
    }
  });

  it.each([
    // Families the clinical reference names (§4.3), with the billable status it states.
    ['M54.5', false],
    ['M54.50', true],
    ['M54.51', true],
    ['M54.59', true],
    ['M54.2', true],
    ['M54.30', true],
    ['M54.42', true],
    ['M79.10', true],
    ['M79.11', true],
    ['M79.12', true],
    ['M79.18', true],
    ['M79.7', true],
    ['M75.21', true],
    ['M76.61', true],
    ['M77.9', true],
    ['M70.61', true],
    ['M71.9', true],
    ['G56.03', true],
    ['M26.60', false],
    ['M26.609', true],
    ['M26.621', true],
    ['G43.909', true],
    ['G43.009', true],
    ['G43.709', true],
    ['G44.209', true],
    ['G44.219', true],
    ['G44.229', true],
    ['M72.2', true],
    ['Z47.1', true],
    ['Z47.89', true],
    ['Z48.89', true],
    ['S13.4XXA', true],
    ['S13.4XXD', true],
    ['S13.4XXS', true],
    ['S33.5XXA', true],
    ['S16.1XXA', true],
    ['S39.012A', true],
    ['I89.0', true],
    ['I97.2', true],
    ['Q82.0', true],
  ])('contains %s with billable = %s', (code, billable) => {
    expect(ICD10CM_ENTRIES.find((e) => e.code === code)?.billable).toBe(billable);
  });

  it('does not contain codes retired or never valid as leaves', () => {
    const codes = new Set(ICD10CM_ENTRIES.map((e) => e.code));
    // M54.5 exists only as a header; R51 was split into R51.0/R51.9 (FY2021).
    for (const code of ['M54.5', 'R51', 'M79.1', 'M51.36', 'M51.37']) {
      expect(codes.has(code)).toBe(true);
      expect(ICD10CM_ENTRIES.find((e) => e.code === code)?.billable).toBe(false);
    }
  });
});
