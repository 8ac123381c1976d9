import { describe, expect, it } from 'vitest';
import type { ClearanceRequest } from '../../src/modules/safety/schemas.ts';
import {
  draftQuestion,
  mayClearMedically,
  waitingRequest,
} from '../../web/src/features/chart/clearance-request-text.ts';

const flag = { subject: 'Deep vein thrombosis', restriction: 'no massage of the left leg' };

describe('the clearance letter a therapist starts from', () => {
  it('asks to begin before any visit, and to continue once treatment has started', () => {
    expect(draftQuestion([flag], 0)).toBe(
      'Deep vein thrombosis: no massage of the left leg.\nI would like to begin medical massage therapy. Is it safe for this patient, and are there areas, techniques or a pressure to avoid?',
    );
    expect(draftQuestion([flag], 10)).toContain(
      'I would like to continue medical massage therapy (10 visits so far).',
    );
    expect(draftQuestion([flag], 1)).toContain('(1 visit so far)');
    expect(draftQuestion([flag], 10)).not.toContain('begin');
  });
});

describe('a request already waiting', () => {
  const request = (over: Partial<ClearanceRequest>) =>
    ({
      id: 'r1',
      ruleIds: ['dvt-limb'],
      provider: { id: 'hale' },
      answeredAt: null,
      ...over,
    }) as ClearanceRequest;
  it('is found for the same provider and a shared flag while unanswered', () => {
    expect(waitingRequest([request({})], 'hale', ['dvt-limb', 'pregnancy'])?.id).toBe('r1');
    expect(waitingRequest([request({})], 'park', ['dvt-limb'])).toBeNull();
    expect(waitingRequest([request({})], 'hale', ['pregnancy'])).toBeNull();
    expect(
      waitingRequest([request({ answeredAt: '2026-03-01T00:00:00Z' })], 'hale', ['dvt-limb']),
    ).toBeNull();
  });
});

describe('who may clear a medical condition', () => {
  it('is a physician or another medical provider, not a chiropractor or physical therapist', () => {
    expect(['physician', 'other', 'chiropractor', 'physical_therapist'].map(mayClearMedically)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
