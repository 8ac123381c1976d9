import { describe, expect, it } from 'vitest';
import { currentNavKey, navigationFor } from '../../web/src/app/navigation.ts';

describe('currentNavKey', () => {
  it('marks one menu entry: the longest path that holds the page', () => {
    const physician = navigationFor(['physician']);
    expect(currentNavKey(physician, '/physician')).toBe('physician');
    expect(currentNavKey(physician, '/physician/patients/0193')).toBe('physician');
    expect(currentNavKey(physician, '/physician/reports')).toBe('physicianReports');
    expect(currentNavKey(physician, '/physician/reports/0193')).toBe('physicianReports');
    expect(currentNavKey(physician, '/')).toBe('home');
  });

  it('keeps exact entries exact and matches whole path segments only', () => {
    const patient = navigationFor(['patient']);
    expect(currentNavKey(patient, '/intake')).toBe('intake');
    expect(currentNavKey(patient, '/intake/elsewhere')).toBeNull();
    const owner = navigationFor(['owner']);
    expect(currentNavKey(owner, '/patients/0193/edit')).toBe('patients');
    expect(currentNavKey(owner, '/patients-archive')).toBeNull();
  });
});
