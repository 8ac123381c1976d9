import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { collectFacts } from './facts.ts';

const ON = DateTime.fromISO('2026-06-15', { zone: 'UTC' });

describe('the age fact', () => {
  it('is raised from the 60th birthday on, and its label says so', () => {
    const ageFact = (birthDate: string) =>
      collectFacts({ birthDate }, ON).facts.find((f) => f.code === 'age-over-60');
    expect(ageFact('1966-06-15')?.subject).toBe('Age 60 or over (60)');
    expect(ageFact('1966-06-16')).toBeUndefined();
  });
});
