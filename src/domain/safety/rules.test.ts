import { describe, expect, it } from 'vitest';
import { isSiteId } from '../catalog/body-regions.ts';
import { isSafetyTag } from '../catalog/techniques.ts';
import { CONDITION_ALIASES, CONDITION_CODES, isConditionCode, MEDICATION_CONDITION } from './codes.ts';
import { RULES } from './rules.ts';

const REFERENCE_KEYS = /^R([1-9]|[1-9]\d|1[0-5]\d|160)$/;

describe('rules data', () => {
  it('rule ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every code in the vocabulary is used by at least one rule', () => {
    const used = new Set(RULES.flatMap((r) => r.triggers));
    expect(CONDITION_CODES.filter((code) => !used.has(code))).toEqual([]);
  });

  it('aliases and medication classes point to known codes', () => {
    for (const code of [...Object.values(CONDITION_ALIASES), ...Object.values(MEDICATION_CONDITION)]) {
      expect(isConditionCode(code)).toBe(true);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s is well formed', (_id, rule) => {
    expect(rule.triggers.length).toBeGreaterThan(0);
    for (const tag of [rule.rulesOut, rule.modifies].flatMap((s) => (s && s !== 'all' ? s : []))) {
      expect(isSafetyTag(tag)).toBe(true);
    }
    if (rule.site.kind === 'fixed') for (const site of rule.site.sites) expect(isSiteId(site)).toBe(true);
    for (const source of rule.sources) expect(source).toMatch(REFERENCE_KEYS);
    if (rule.sources.length === 0) expect(rule.evidence).toBe('not-verified');
    // Something must be restricted or modified, otherwise the rule says nothing.
    expect(rule.rulesOut !== undefined || rule.modifies !== undefined || rule.maxPressure !== undefined).toBe(
      true,
    );
    // defer and avoid-area rule out everything; defer applies everywhere.
    if (rule.severity === 'defer' || rule.severity === 'avoid-area') expect(rule.rulesOut).toBe('all');
    if (rule.severity === 'defer') expect(rule.site.kind).toBe('everywhere');
    if (rule.severity === 'clearance') expect(rule.clearance).toBe('required');
    if (rule.clearance === 'required') expect(rule.severity).toBe('clearance');
    const areaText = rule.site.kind === 'finding-site' || rule.site.kind === 'finding-group';
    if (areaText) expect(`${rule.restriction} ${rule.action}`).toContain('{area}');
    expect(rule.reason.length).toBeGreaterThan(10);
  });
});
