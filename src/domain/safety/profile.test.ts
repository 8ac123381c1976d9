import { describe, expect, it } from 'vitest';
import { trimester } from './facts.ts';
import { summarise } from './messages.ts';
import { screen, screenProfile } from './screen.ts';
import type { HealthProfile } from './types.ts';

const ON = '2025-06-15';
const dvtAndWarfarin: HealthProfile = {
  conditions: [{ code: 'dvt', site: ['calf-left'] }],
  medications: [{ class: 'anticoagulant', name: 'warfarin' }],
  allergies: [' latex ', ''],
};

describe('screenProfile(): chart-header flags', () => {
  it('lists every rule that applies today, most serious first', () => {
    const chart = screenProfile(dvtAndWarfarin, ON);
    expect(chart.flags.map((f) => f.ruleId)).toEqual([
      'dvt-limb',
      'dvt-mld',
      'bleeding-heat',
      'bleeding-light-pressure',
    ]);
    expect(chart.highestSeverity).toBe('avoid-area');
    expect(chart.allergies).toEqual(['latex']);
    expect(chart.flags.every((f) => f.blocking)).toBe(true);
  });

  it('names the left leg and the reason in plain words, without reference tags', () => {
    const [limb] = screenProfile(dvtAndWarfarin, ON).flags;
    expect(limb?.message).toBe(
      'Blood clot (DVT) in the left calf: no massage of the left leg until a physician confirms the clot has resolved ' +
        '(pressing on the limb could dislodge the clot and cause a pulmonary embolism).',
    );
    expect(limb?.regions).toContain('foot-left');
    expect(limb?.regions).not.toContain('foot-right');
  });

  it('summarise() merges the findings of one fact into one sentence', () => {
    const lines = summarise(screenProfile(dvtAndWarfarin, ON).flags);
    expect(lines[0]).toMatch(
      /^Blood clot \(DVT\) in the left calf: no massage of the left leg .*; no lymphatic drainage anywhere/,
    );
    expect(lines[0]).toMatch(/pulmonary embolism/);
    expect(lines[0]).toMatch(/pulmonary embolism[^.]*\)\.$/);
    expect(lines.join(' ')).not.toMatch(/Source|R\d+/);
    expect(lines).toHaveLength(2);
  });

  it('reports outstanding clearances and clears them when recorded', () => {
    const profile: HealthProfile = {
      pregnancy: { weeks: 8 },
      conditions: [{ code: 'cancer', site: ['chest'] }],
    };
    const before = screenProfile(profile, ON);
    expect([...before.clearancesNeeded].sort()).toEqual([
      'cancer-deep-pressure',
      'cancer-mld',
      'pregnancy-first-trimester',
    ]);
    const after = screenProfile(profile, ON, [{ ruleId: 'pregnancy-first-trimester', date: '2025-06-01' }]);
    expect([...after.clearancesNeeded].sort()).toEqual(['cancer-deep-pressure', 'cancer-mld']);
    const flag = after.flags.find((f) => f.ruleId === 'pregnancy-first-trimester');
    expect(flag).toMatchObject({
      acknowledged: true,
      overridden: false,
      blocking: false,
      severity: 'clearance',
    });
  });

  it('a clearance scoped to some techniques does not cover a rule that rules out everything', () => {
    const chart = screenProfile({ pregnancy: { weeks: 8 } }, ON, [
      {
        ruleId: 'pregnancy-first-trimester',
        date: '2025-06-01',
        scope: { techniques: ['relaxation-swedish'] },
      },
    ]);
    expect(chart.clearancesNeeded).toContain('pregnancy-first-trimester');
  });

  it('an override of a may-override rule is marked overridden', () => {
    const chart = screenProfile(dvtAndWarfarin, ON, [{ ruleId: 'dvt-mld', date: '2025-06-01' }]);
    expect(chart.flags.find((f) => f.ruleId === 'dvt-mld')).toMatchObject({
      overridden: true,
      blocking: false,
    });
  });

  it('nothing applies to an empty record', () => {
    const chart = screenProfile({}, ON);
    expect(chart.flags).toEqual([]);
    expect(chart.highestSeverity).toBeNull();
    expect(chart.issues).toEqual([]);
  });

  it('time-limited facts show how long ago they happened', () => {
    const chart = screenProfile(
      { surgeries: [{ date: '2025-05-18', site: ['knee-left'], description: 'ACL repair' }] },
      ON,
    );
    expect(chart.flags[0]?.subject).toBe('Surgery: ACL repair (28 days ago) in the left knee');
  });

  it('names the site once when the patient’s own words already give it', () => {
    const chart = screenProfile(
      { surgeries: [{ date: '2025-05-18', site: ['knee-right'], description: 'Right knee replacement' }] },
      ON,
    );
    expect(chart.flags[0]?.subject).toBe('Surgery: Right knee replacement (28 days ago)');
  });
});

describe('screen(): output details', () => {
  it('lists the conflicting technique, regions and cause', () => {
    const result = screen(
      { medications: [{ class: 'anticoagulant' }] },
      { techniques: ['swedish-massage'], regions: ['arm-left'] },
      ON,
    );
    const [finding] = result.findings;
    expect(finding?.conflicts).toHaveLength(1);
    expect(finding?.conflicts[0]).toMatchObject({
      technique: 'swedish-massage',
      because: 'pressure',
      pressure: 'moderate',
    });
    expect(finding?.conflicts[0]?.regions).toContain('hand-left');
  });

  it('a site not recorded is said in the message', () => {
    const result = screen(
      { conditions: [{ code: 'bruise' }] },
      { techniques: ['swedish-massage'], regions: ['hand-left'] },
      ON,
    );
    expect(result.findings[0]?.message).toMatch(/site not recorded/);
    expect(result.findings[0]?.siteUnknown).toBe(true);
  });

  it('rules without a source say so', () => {
    const result = screen(
      { medications: [{ class: 'corticosteroid' }] },
      { techniques: ['deep-tissue'], regions: ['upper-back'] },
      ON,
    );
    expect(result.findings[0]?.message).toMatch(/not verified/i);
    expect(result.findings[0]?.evidence).toBe('not-verified');
  });

  it('rejects an invalid screening date', () => {
    expect(() =>
      screen({}, { techniques: ['swedish-massage'], regions: ['hand-left'] }, 'yesterday'),
    ).toThrow(RangeError);
    expect(() => screenProfile({}, '2025-02-30')).toThrow(RangeError);
  });

  it('an empty proposal needs review', () => {
    const result = screen({}, { techniques: [], regions: [] }, ON);
    expect(result.status).toBe('needs-review');
    expect(result.issues.map((i) => i.kind)).toContain('empty-proposal');
  });
});

describe('trimester()', () => {
  it.each([
    [0, 'first'],
    [13.9, 'first'],
    [14, 'second'],
    [27.9, 'second'],
    [28, 'third'],
    [41, 'third'],
  ] as const)('%s weeks → %s', (weeks, expected) => {
    expect(trimester(weeks)).toBe(expected);
  });
});
