import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
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

/** A blank sent as null to a field that must have a value says so, rather than "expected string". */
const blankIsRequired = (issue: { code: string; input?: unknown }) =>
  issue.code === 'invalid_type' && issue.input === null ? 'Required' : undefined;

/**
 * The server's schema as a form resolver, for forms of text inputs where a blank means "none": values are
 * trimmed and blanks sent as null, as the API takes them.
 */
export function blankAsNullResolver<V extends FieldValues, O>(schema: z.ZodType<O>): Resolver<V, unknown, O> {
  return ((values: V, context: unknown, options: never) =>
    zodResolver(schema as never, { error: blankIsRequired } as never)(
      Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || null : v]),
      ) as never,
      context,
      options,
    )) as unknown as Resolver<V, unknown, O>;
}
