import { describe, expect, it } from 'vitest';
import { visitsSoFar } from '../progress/service.ts';
import { isSelfReferredReport } from '../reports/schemas.ts';
import { isSelfReferred, planDiagnoses } from './service.ts';

const referral = {
  diagnoses: [
    { code: 'M54.50', description: 'Low back pain, unspecified', laterality: null },
    { code: 'M62.838', description: 'Other muscle spasm', laterality: null },
  ],
};

describe('planDiagnoses', () => {
  it("takes the referral's diagnoses, all or those named (case aside), and names an unknown code's field", () => {
    expect(planDiagnoses(referral, undefined)).toEqual({ diagnoses: referral.diagnoses, issues: [] });
    expect(planDiagnoses(referral, ['m62.838']).diagnoses.map((d) => d.code)).toEqual(['M62.838']);
    expect(planDiagnoses(referral, ['M54.50', 'M79.1']).issues).toEqual([
      { path: 'body.diagnosisCodes.1', message: 'M79.1 is not a diagnosis of the referral' },
    ]);
  });

  it('gives a self-referred plan no diagnoses, and refuses codes without a referral', () => {
    expect(planDiagnoses(null, undefined)).toEqual({ diagnoses: [], issues: [] });
    expect(planDiagnoses(null, [])).toEqual({ diagnoses: [], issues: [] });
    const refused = planDiagnoses(null, ['M54.50']);
    expect(refused.diagnoses).toEqual([]);
    expect(refused.issues).toEqual([
      { path: 'body.diagnosisCodes', message: expect.stringMatching(/does not diagnose/) },
    ]);
  });
});

describe('self-referred plans and their reports', () => {
  const plan = { id: 'p', version: 1 } as never;
  const facts = (referral: object | null, planFacts: object | null) => ({
    referral: referral as never,
    plan: planFacts as never,
    visits: { attended: 5, noShow: 0, lateCancelled: 0, missed: 0, sinceStart: 2, authorized: null },
  });

  it('tells a plan without a referral', () => {
    expect(isSelfReferred({ referralId: null })).toBe(true);
    expect(isSelfReferred({ referralId: '0190a0c4-0000-7000-8000-000000000000' })).toBe(false);
  });

  it('reads a report with a plan and no referral as self-referred, and counts its visits attended', () => {
    expect(isSelfReferredReport(facts(null, plan))).toBe(true);
    expect(isSelfReferredReport(facts({ id: 'r' }, plan))).toBe(false);
    expect(isSelfReferredReport(facts(null, null))).toBe(false);
    expect(visitsSoFar(facts(null, plan))).toBe(5);
    expect(visitsSoFar(facts({ id: 'r' }, plan))).toBe(2);
    expect(visitsSoFar(facts(null, null))).toBe(2);
  });
});
