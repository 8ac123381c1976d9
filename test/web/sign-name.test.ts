import { describe, expect, it } from 'vitest';
import { signNameProblem } from '../../web/src/features/assessments/sign-name.ts';

describe('signing with an empty name', () => {
  it('says so at the field instead of doing nothing', () => {
    expect(signNameProblem('')).toBe('Type your full name to sign');
    expect(signNameProblem('   ')).toBe('Type your full name to sign');
    expect(signNameProblem('Carmen Ruiz, MD')).toBeNull();
  });
});
