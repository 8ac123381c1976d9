import { describe, expect, it } from 'vitest';
import {
  electronicClaimState,
  electronicClaimUrl,
} from '../../web/src/features/superbills/electronic-claim.ts';

const error = { field: '33', message: 'ZIP+4', severity: 'error' as const };
const warning = { field: '17', message: 'No referring provider', severity: 'warning' as const };

describe('electronicClaimState', () => {
  it('blocks the 837P file while any problem is an error, whichever list it is in', () => {
    const fix = 'Fix what is listed above first: the clearinghouse would reject the claim.';
    expect(electronicClaimState({ problems: [], electronicProblems: [error] }, 'BS001').blocked).toBe(fix);
    expect(electronicClaimState({ problems: [error], electronicProblems: [] }, 'BS001').blocked).toBe(fix);
  });

  it('asks for a well-formed payer ID; warnings do not block', () => {
    const clean = { problems: [warning], electronicProblems: [] };
    expect(electronicClaimState(clean, '  ')).toEqual({ blocked: 'Enter the payer ID first.' });
    expect(electronicClaimState(clean, 'BS 001')).toEqual({
      blocked: 'Enter the payer ID first.',
      payerIdError: 'A payer ID is 2 to 15 letters or digits',
    });
    expect(electronicClaimState(clean, ' BS001 ')).toEqual({ blocked: null });
  });
});

describe('electronicClaimUrl', () => {
  it('sends the plan type with a health plan claim only, and the payer ID trimmed and encoded', () => {
    const claim = { from: '2026-03-01', to: '2026-03-31', payerId: ' BS001 ', filing: 'MB' as const };
    expect(electronicClaimUrl('/api/p', { ...claim, payer: 'health' })).toBe(
      '/api/p/claims/837p?from=2026-03-01&to=2026-03-31&payer=health&payerId=BS001&filing=MB',
    );
    expect(electronicClaimUrl('/api/p', { ...claim, payer: 'workers_comp', payerId: 'A&B' })).toBe(
      '/api/p/claims/837p?from=2026-03-01&to=2026-03-31&payer=workers_comp&payerId=A%26B',
    );
  });
});
