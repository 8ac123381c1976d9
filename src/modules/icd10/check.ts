import { checkDiagnosisCode, ICD10CM_CODE_SET, type Icd10Entry } from '../../domain/codes/icd10cm.ts';
import { AppError } from '../../platform/errors.ts';

export const entryView = (e: Icd10Entry) => ({
  code: e.code,
  description: e.description,
  billable: e.billable,
  laterality: e.laterality,
  family: e.family,
});

/**
 * A billable code from Palpa's ICD-10-CM list, or the error: malformed → 400 `validation_failed`;
 * a header such as M54.5 → 422 `not_billable` with the billable children in `details[0].suggestions`;
 * not in the list → 422 `unprocessable` (with related codes when there are some).
 */
export function requireBillableCode(code: string, path: string): Icd10Entry {
  const check = checkDiagnosisCode(code);
  if (check.ok) return check.entry;
  const suggestions = (check.suggestions ?? []).map(entryView);
  const detail = { path, message: check.message, code: code.trim().toUpperCase(), suggestions };
  if (check.reason === 'malformed')
    throw new AppError('validation_failed', 'The request is not valid', [detail]);
  if (check.reason === 'not-billable') {
    throw new AppError('not_billable', `${detail.code} is not billable: choose a more specific code`, [
      detail,
    ]);
  }
  throw new AppError(
    'unprocessable',
    `${detail.code} is not in Palpa's ${ICD10CM_CODE_SET.fiscalYear} ICD-10-CM list`,
    [detail],
  );
}
