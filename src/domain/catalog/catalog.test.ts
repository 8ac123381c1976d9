import { describe, expect, it } from 'vitest';
import {
  BODY_REGIONS,
  describeRegions,
  expandGroup,
  expandSites,
  getRegion,
  isSiteId,
  LIMB_GROUPS,
  REGION_GROUPS,
} from './body-regions.ts';
import { TREATED_CONDITIONS } from './conditions.ts';
import { getTechnique, SAFETY_TAGS, TECHNIQUE_IDS, TECHNIQUES, techniquesWithTag } from './techniques.ts';

describe('body regions', () => {
  it('ids are unique, kebab-case, and paired regions exist on both sides', () => {
    const ids = BODY_REGIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const region of BODY_REGIONS) {
      expect(region.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      if (region.side !== 'midline') {
        const other = region.side === 'left' ? 'right' : 'left';
        expect(ids).toContain(region.id.replace(/-(left|right)$/, `-${other}`));
        expect(region.id.endsWith(`-${region.side}`)).toBe(true);
      }
      expect(region.views.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['calf-left', 'Left calf', 'left', 'leg-left'],
    ['hand-right', 'Right hand', 'right', 'arm-right'],
    ['low-back', 'Low back', 'midline', 'lumbar'],
    ['neck-anterior', 'Front of the neck', 'midline', 'neck'],
    ['jaw-left', 'Left jaw (TMJ)', 'left', 'head'],
    ['gluteal-right', 'Right buttock (gluteal)', 'right', 'leg-right'],
  ] as const)('%s → %s, %s, group %s', (id, label, side, group) => {
    expect(getRegion(id)).toMatchObject({ id, label, side, group });
  });

  it('limbs never mix sides', () => {
    expect(LIMB_GROUPS.map((g) => g.id)).toEqual(['arm-left', 'arm-right', 'leg-left', 'leg-right']);
    for (const limb of LIMB_GROUPS) {
      for (const id of expandGroup(limb.id)) expect(getRegion(id).side).toBe(limb.side);
    }
  });

  it('the left leg runs from buttock to foot', () => {
    const leg = expandGroup('leg-left');
    for (const id of [
      'gluteal-left',
      'hip-left',
      'thigh-posterior-left',
      'knee-left',
      'calf-left',
      'foot-left',
    ]) {
      expect(leg).toContain(id);
    }
    expect(leg).not.toContain('calf-right');
  });

  it('every region belongs to a listed group', () => {
    const groups = new Set(REGION_GROUPS.map((g) => g.id));
    for (const region of BODY_REGIONS) expect(groups.has(region.group)).toBe(true);
    for (const group of REGION_GROUPS) expect(expandGroup(group.id).length).toBeGreaterThan(0);
  });

  it('expandSites mixes regions and groups without duplicates', () => {
    expect(expandSites(['neck', 'neck-anterior', 'abdomen'])).toEqual([
      'neck-anterior',
      'neck-posterior',
      'abdomen',
      'upper-trapezius-left',
      'upper-trapezius-right',
    ]);
    expect(isSiteId('leg-left')).toBe(true);
    expect(isSiteId('left-leg')).toBe(false);
  });

  it('describeRegions names whole groups and lists the rest', () => {
    expect(describeRegions(expandGroup('leg-left'))).toBe('the left leg');
    expect(describeRegions(['calf-left', 'shin-left'])).toBe('the left calf and the left shin');
    expect(describeRegions(['jaw-left'])).toBe('the left jaw (TMJ)');
  });
});

describe('techniques', () => {
  it('every id in TECHNIQUE_IDS has exactly one entry', () => {
    expect(TECHNIQUES.map((t) => t.id).sort()).toEqual([...TECHNIQUE_IDS].sort());
  });

  it('every safety tag is used by some technique', () => {
    for (const tag of SAFETY_TAGS) expect(techniquesWithTag(tag).length).toBeGreaterThan(0);
  });

  it.each([
    ['swedish-massage', '97124'],
    ['percussion-vibration', '97124'],
    ['myofascial-release', '97140'],
    ['trigger-point-therapy', '97140'],
    ['manual-lymphatic-drainage', '97140'],
    ['connective-tissue-massage', '97140'],
    ['joint-mobilisation', '97140'],
    ['manual-traction', '97140'],
    ['hot-therapy', '97010'],
    ['cold-therapy', '97010'],
  ] as const)('%s is usually billed as %s', (id, code) => {
    expect(getTechnique(id).cpt).toBe(code);
  });

  it('hot and cold packs are untimed and bundled; the rest are timed', () => {
    for (const t of TECHNIQUES) {
      const modality = t.cpt === '97010';
      expect(t.untimed).toBe(modality);
      expect(t.bundled).toBe(modality);
      expect(t.cptBasis.length).toBeGreaterThan(5);
      expect(t.description.length).toBeGreaterThan(30);
    }
  });

  it('lymphatic drainage is light and deep tissue is deep by default', () => {
    expect(getTechnique('manual-lymphatic-drainage').defaultPressure).toBe('light');
    expect(getTechnique('deep-tissue-massage').defaultPressure).toBe('deep');
  });
});

describe('treated conditions', () => {
  it('ids are unique and the article list is covered', () => {
    const ids = TREATED_CONDITIONS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'chronic-back-pain',
      'neck-pain',
      'sciatica',
      'tendinitis',
      'bursitis',
      'carpal-tunnel-syndrome',
      'fibromyalgia',
      'tmj-dysfunction',
      'migraine',
      'tension-headache',
      'sports-injury',
      'post-operative-recovery',
      'plantar-fasciitis',
      'lymphoedema',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
