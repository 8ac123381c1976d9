import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, messageOf } from '../api/client.ts';

const GENERIC_PASSWORD_NOTES = new Set(['too short', 'too easy to guess']);

/**
 * Puts an API error next to the fields it names (details[].path, e.g. `body.email` → `email`).
 * `aliases` maps server paths onto this form's field names (e.g. `password` → `owner.password`).
 * Answers the message to show at form level, or null when every problem sits next to its field.
 */
export function applyApiError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  aliases: Record<string, Path<T>> = {},
): string | null {
  if (!(error instanceof ApiError)) return messageOf(error);
  const issues = error.fieldIssues;
  let unplaced = issues.length === 0;
  for (const issue of issues) {
    const path = aliases[issue.path] ?? (issue.path as Path<T>);
    if (!fields.includes(path)) {
      unplaced = true;
      continue;
    }
    let message = issue.message;
    if (error.code === 'weak_password') {
      message = GENERIC_PASSWORD_NOTES.has(issue.message)
        ? error.message
        : `${error.message}. ${issue.message}`;
    } else if (error.code === 'validation_failed' || /^[a-z]/.test(message)) {
      message = message.charAt(0).toUpperCase() + message.slice(1);
    }
    setError(path, { type: 'server', message }, { shouldFocus: true });
  }
  return unplaced ? error.message : null;
}
