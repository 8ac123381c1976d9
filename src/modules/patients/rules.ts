import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { ADULT_AGE, ageOn, isCalendarDate } from './dates.ts';

/**
 * Rules a patient record must satisfy whatever changes it: a real birth date, not in the future, and a
 * guardian while the patient is a minor on the clinic's local date.
 */
export function assertPatientRules(
  record: { dateOfBirth: string; guardian?: unknown },
  today: string,
  path = 'body',
): void {
  const issues: FieldIssue[] = [];
  if (!isCalendarDate(record.dateOfBirth)) {
    issues.push({ path: `${path}.dateOfBirth`, message: 'Not a real date' });
  } else if (record.dateOfBirth > today) {
    issues.push({ path: `${path}.dateOfBirth`, message: 'The date of birth is in the future' });
  } else if (record.dateOfBirth < '1900-01-01') {
    issues.push({ path: `${path}.dateOfBirth`, message: 'The date of birth is before 1900' });
  }
  if (issues.length > 0) throw new AppError('validation_failed', 'The request is not valid', issues);
  if (ageOn(record.dateOfBirth, today) < ADULT_AGE && !record.guardian) {
    throw new AppError(
      'unprocessable',
      `A patient under ${ADULT_AGE} needs a parent or guardian on the record`,
      [{ path: `${path}.guardian`, message: `Required: the patient is under ${ADULT_AGE}` }],
    );
  }
}
