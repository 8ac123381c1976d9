import { describe, expect, it } from 'vitest';
import type { PsfsActivity } from './psfs-activities.ts';
import {
  psfsAnswers,
  scorePsfsFollowUp,
  validatePsfsActivities,
  validatePsfsFollowUp,
} from './psfs-activities.ts';

const baseline: PsfsActivity[] = [
  { slot: 'activity1', activity: 'Lifting my toddler', rating: 3 },
  { slot: 'activity2', activity: 'Driving 30 minutes', rating: 4 },
  { slot: 'activity3', activity: 'Gardening', rating: 2 },
];

describe('validatePsfsActivities', () => {
  it('accepts 3 distinct activities', () => {
    expect(validatePsfsActivities(baseline)).toEqual({ ok: true });
  });
  it('refuses 2 activities, duplicate slots, duplicate or empty text', () => {
    const check = validatePsfsActivities([
      { slot: 'activity1', activity: 'Gardening', rating: 2 },
      { slot: 'activity1', activity: '  gardening ', rating: 3 },
    ]);
    expect(check).toEqual({
      ok: false,
      problems: [
        { kind: 'too-few-activities', count: 2 },
        { kind: 'duplicate-slot', slot: 'activity1' },
        { kind: 'duplicate-activity', activity: '  gardening ' },
      ],
    });
    const empty = validatePsfsActivities([...baseline, { slot: 'activity4', activity: '   ', rating: 1 }]);
    expect(empty).toEqual({ ok: false, problems: [{ kind: 'empty-activity', slot: 'activity4' }] });
  });
});

describe('validatePsfsFollowUp', () => {
  it('accepts the same activities re-rated, in another order and with different case/spacing', () => {
    const followUp: PsfsActivity[] = [
      { slot: 'activity1', activity: 'gardening', rating: 5 },
      { slot: 'activity2', activity: 'Lifting  my toddler ', rating: 6 },
      { slot: 'activity3', activity: 'DRIVING 30 minutes', rating: 7 },
    ];
    expect(validatePsfsFollowUp(baseline, followUp)).toEqual({ ok: true });
  });
  it('refuses a replaced activity (missing + added)', () => {
    const followUp: PsfsActivity[] = [
      { slot: 'activity1', activity: 'Lifting my toddler', rating: 5 },
      { slot: 'activity2', activity: 'Driving 30 minutes', rating: 6 },
      { slot: 'activity3', activity: 'Running', rating: 7 },
    ];
    expect(validatePsfsFollowUp(baseline, followUp)).toEqual({
      ok: false,
      problems: [
        { kind: 'missing-activity', activity: 'Gardening' },
        { kind: 'added-activity', activity: 'Running' },
      ],
    });
  });
  it('refuses an extra activity and an unrated one', () => {
    const followUp: PsfsActivity[] = [
      { slot: 'activity1', activity: 'Lifting my toddler', rating: 5 },
      { slot: 'activity2', activity: 'Driving 30 minutes', rating: null },
      { slot: 'activity3', activity: 'Gardening', rating: 7 },
      { slot: 'activity4', activity: 'Swimming', rating: 7 },
    ];
    expect(validatePsfsFollowUp(baseline, followUp)).toEqual({
      ok: false,
      problems: [
        { kind: 'unrated-activity', activity: 'Driving 30 minutes' },
        { kind: 'added-activity', activity: 'Swimming' },
      ],
    });
  });
});

describe('scorePsfsFollowUp', () => {
  it('scores matching activities: (6 + 7 + 5) ÷ 3 = 6', () => {
    const followUp = baseline.map((entry, i) => ({ ...entry, rating: [6, 7, 5][i] ?? null }));
    expect(scorePsfsFollowUp(baseline, followUp)).toMatchObject({ ok: true, score: 6 });
  });
  it('refuses mismatched activities', () => {
    const followUp = [
      ...baseline.slice(0, 2),
      { slot: 'activity3' as const, activity: 'Cycling', rating: 9 },
    ];
    expect(scorePsfsFollowUp(baseline, followUp)).toMatchObject({ ok: false, reason: 'activities-mismatch' });
  });
  it('psfsAnswers maps slots to ratings', () => {
    expect(psfsAnswers(baseline)).toEqual({ activity1: 3, activity2: 4, activity3: 2 });
  });
});
