import { describe, expect, it } from 'vitest';
import { diagnosisText } from '../../web/src/features/physician-portal/diagnoses.ts';

describe('diagnosisText', () => {
  it('names the diagnosis in words, the code after', () => {
    expect(diagnosisText({ code: 'I97.2', description: 'Postmastectomy lymphedema syndrome' })).toBe(
      'Postmastectomy lymphedema syndrome (I97.2)',
    );
  });

  it('keeps the bare code only when no words were recorded', () => {
    expect(diagnosisText({ code: 'Z47.1', description: '  ' })).toBe('Z47.1');
  });
});
