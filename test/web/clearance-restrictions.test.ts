import { describe, expect, it } from 'vitest';
import {
  answerSummary,
  clearanceFormProblems,
  initiallyTicked,
  liftedRestrictions,
  restrictionLabel,
  restrictionsKept,
  standingAnswerNote,
} from '../../web/src/features/chart/clearance-restrictions.ts';

// The chart's flags for a blood clot in the left calf: one condition, two restrictions.
const subject = 'Blood clot (DVT) in the left calf';
const limb = {
  ruleId: 'dvt-limb',
  subject,
  restriction: 'no massage of the left leg until a physician confirms the clot has resolved',
};
const drainage = {
  ruleId: 'dvt-mld',
  subject,
  restriction: 'no lymphatic drainage anywhere until a physician confirms the clot has resolved',
};
const flags = [limb, drainage];

describe('the clearance form', () => {
  it('ticks nothing unless it answers a request, then only what the request asked about', () => {
    expect(initiallyTicked(flags)).toEqual([]);
    expect(initiallyTicked(flags, ['dvt-mld'])).toEqual(['dvt-mld']);
    // A request about a flag that no longer shows ticks nothing.
    expect(initiallyTicked(flags, ['pregnancy-first-trimester'])).toEqual([]);
  });

  it('ticks nothing for a clearance with restrictions, even answering a request, and names what stays in force', () => {
    expect(initiallyTicked(flags, ['dvt-limb', 'dvt-mld'], 'cleared')).toEqual(['dvt-limb', 'dvt-mld']);
    expect(initiallyTicked(flags, ['dvt-limb', 'dvt-mld'], 'not-cleared')).toEqual(['dvt-limb', 'dvt-mld']);
    expect(initiallyTicked(flags, ['dvt-limb', 'dvt-mld'], 'cleared-with-limits')).toEqual([]);
    // "Low back massage is fine; still no massage of the left leg": lymphatic drainage lifted, the leg kept.
    expect(restrictionsKept(flags, ['dvt-mld'])).toEqual([restrictionLabel(limb)]);
    expect(restrictionsKept(flags, [])).toEqual([restrictionLabel(limb), restrictionLabel(drainage)]);
  });

  it('labels each restriction with its condition and what it forbids', () => {
    expect(restrictionLabel(drainage)).toBe(
      'Blood clot (DVT) in the left calf: no lymphatic drainage anywhere until a physician confirms the clot has resolved',
    );
  });
});

describe('a recorded clearance', () => {
  it('names each restriction it lifted, not only the condition', () => {
    expect(liftedRestrictions(['dvt-mld'], flags)).toEqual([restrictionLabel(drainage)]);
    const both = liftedRestrictions(['dvt-limb', 'dvt-mld'], flags);
    expect(both).toEqual([restrictionLabel(limb), restrictionLabel(drainage)]);
    expect(new Set(both).size).toBe(2);
  });

  it('names every condition a rule flags, once each, and a rule no longer flagged by its id', () => {
    const arm = {
      ...limb,
      subject: 'Thrombophlebitis in the right arm',
      restriction: 'no massage of the right arm',
    };
    expect(liftedRestrictions(['dvt-limb'], [limb, arm, limb])).toEqual([
      restrictionLabel(limb),
      restrictionLabel(arm),
    ]);
    expect(liftedRestrictions(['heart-failure-controlled-mld'], flags)).toEqual([
      'heart-failure-controlled-mld',
    ]);
  });
});

describe('the physician’s answer', () => {
  const draft = { answer: null, ruleIds: ['dvt-limb'], limits: '', physicianName: '' };

  it('must be chosen: none is chosen for the physician, and no restriction is lifted without one', () => {
    expect(clearanceFormProblems(draft, true)).toEqual({
      answer: 'Choose your answer: cleared, cleared with restrictions or not cleared',
    });
    expect(clearanceFormProblems({ ...draft, answer: 'cleared' }, true)).toEqual({});
  });

  it('asks for the limits of a clearance with restrictions, and for what a refusal is about', () => {
    expect(clearanceFormProblems({ ...draft, answer: 'cleared-with-limits', limits: '  ' }, true)).toEqual({
      limits: 'Write the limits: which areas, techniques or pressure',
    });
    expect(
      clearanceFormProblems({ ...draft, answer: 'cleared-with-limits', limits: 'Upper body only' }, true),
    ).toEqual({});
    expect(clearanceFormProblems({ ...draft, answer: 'not-cleared', ruleIds: [] }, true)).toEqual({
      ruleIds: 'Tick the restrictions your answer is about',
    });
    // Staff recording a faxed answer say who gave it.
    expect(clearanceFormProblems({ ...draft, answer: 'not-cleared' }, false)).toEqual({
      physicianName: 'Required: who gave the answer',
    });
  });

  it('is told as it was given: a refusal keeps the restrictions, limits are quoted', () => {
    const base = { clearedOn: '2026-11-20', expiresOn: null, limits: null };
    expect(answerSummary({ ...base, answer: 'not-cleared' })).toBe(
      'answered “not cleared” on Nov 20, 2026; these restrictions stand:',
    );
    expect(answerSummary({ ...base, answer: 'cleared-with-limits', limits: 'Upper body only' })).toBe(
      'cleared with restrictions on Nov 20, 2026 (Upper body only), lifting:',
    );
    expect(answerSummary({ ...base, answer: 'cleared', expiresOn: '2027-05-20' })).toBe(
      'cleared on Nov 20, 2026, until May 20, 2027, lifting:',
    );
  });

  it('shows beside the flag it decides', () => {
    const declined = {
      clearanceId: 'c1',
      physicianName: 'Dr. Carmen Ruiz',
      answeredOn: '2026-11-20',
      note: null,
    };
    expect(standingAnswerNote({ clearanceLimits: null, declined })).toBe(
      'Not cleared by Dr. Carmen Ruiz on Nov 20, 2026',
    );
    expect(
      standingAnswerNote({
        clearanceLimits: null,
        declined: { ...declined, note: 'Repeat ultrasound first' },
      }),
    ).toBe('Not cleared by Dr. Carmen Ruiz on Nov 20, 2026: Repeat ultrasound first');
    expect(standingAnswerNote({ clearanceLimits: 'Light pressure', declined: null })).toBe(
      'Cleared with restrictions: Light pressure',
    );
    expect(standingAnswerNote({ clearanceLimits: null, declined: null })).toBeNull();
  });
});
