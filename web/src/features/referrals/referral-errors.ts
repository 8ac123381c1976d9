import type { z } from 'zod';
import { ApiError, messageOf } from '../../api/client.ts';
import type { Icd10Entry } from '../patients/api.ts';
import type { Suggestions } from './DiagnosisPicker.tsx';

export interface FormErrors {
  fields: Record<string, string>;
  suggestions: Record<number, Suggestions>;
  form: string | null;
}
export const noErrors: FormErrors = { fields: {}, suggestions: {}, form: null };

const cap = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** Client-side check with the server's schema: issues keyed by their dotted path. */
export function zodErrors(error: z.ZodError): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    fields[path] ??= cap(issue.message);
  }
  return { fields, suggestions: {}, form: 'Some answers need attention: see the messages next to them.' };
}

/** An API error: field issues by path (`body.` removed) and `not_billable` suggestions by diagnosis index. */
export function apiErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { ...noErrors, form: messageOf(error) };
  const fields: Record<string, string> = {};
  const suggestions: Record<number, Suggestions> = {};
  const raw = Array.isArray(error.details)
    ? (error.details as { path?: string; suggestions?: Icd10Entry[] }[])
    : [];
  error.fieldIssues.forEach((issue, i) => {
    const match = /^diagnoses\.(\d+)\.code$/.exec(issue.path);
    const list = raw[i]?.suggestions;
    if (match && error.code === 'not_billable') {
      suggestions[Number(match[1])] = { message: cap(issue.message), items: list ?? [] };
    } else {
      fields[issue.path] = cap(issue.message);
    }
  });
  return { fields, suggestions, form: error.message };
}
