import { describe, expect, it } from 'vitest';
import { type AmendableField, correctedValue } from '../../web/src/features/assessments/amend.ts';

const pain: AmendableField = { path: 'subjective.painToday', label: 'S: pain today (0–10)', type: 'number' };
const rowsField: AmendableField = {
  path: 'treatment.rows',
  label: 'Treatment given',
  type: 'treatment-rows',
};
const row = {
  key: 't0',
  techniqueId: 'swedish-massage',
  region: 'upper-back',
  minutes: '20',
  pressure: 'moderate',
} as const;

describe('correctedValue', () => {
  it('refuses an empty number instead of sending 0', () => {
    for (const text of ['', '   '])
      expect(correctedValue(pain, text, [])).toEqual({
        problem: 'Enter the corrected number: an amendment cannot leave it empty.',
      });
    expect(correctedValue(pain, '2.5', [])).toEqual({ problem: 'Enter a whole number.' });
    expect(correctedValue(pain, '0', [])).toEqual({ value: 0 });
    expect(correctedValue(pain, ' 7 ', [])).toEqual({ value: 7 });
  });

  it('sends complete treatment rows and refuses incomplete ones rather than dropping them', () => {
    expect(correctedValue(rowsField, '', [row])).toEqual({
      value: [{ techniqueId: 'swedish-massage', region: 'upper-back', minutes: 20, pressure: 'moderate' }],
    });
    expect(correctedValue(rowsField, '', [row, { ...row, key: 't1', minutes: '' }])).toEqual({
      problem: 'Complete or remove the 1 incomplete row first.',
    });
  });

  it('keeps text as typed', () => {
    const findings: AmendableField = { path: 'objective.findings', label: 'O: findings', type: 'text' };
    expect(correctedValue(findings, 'Hypertonic upper trapezius', [])).toEqual({
      value: 'Hypertonic upper trapezius',
    });
  });
});
