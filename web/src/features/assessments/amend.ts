import { type RowDraft, rowProblem, validRows } from '../session-notes/rows.ts';

export interface AmendableField {
  path: string;
  label: string;
  type: 'text' | 'number' | 'treatment-rows';
}

/**
 * The corrected value an amendment form holds, or what is wrong with it (said next to the field). An
 * amendment corrects a value: an emptied number would be sent as 0, and an incomplete treatment row would be
 * dropped (changing the minutes billed), so both are refused here.
 */
export function correctedValue(
  field: AmendableField,
  text: string,
  rows: RowDraft[],
): { value: unknown } | { problem: string } {
  if (field.type === 'number') {
    const trimmed = text.trim();
    if (trimmed === '') return { problem: 'Enter the corrected number: an amendment cannot leave it empty.' };
    const value = Number(trimmed);
    return Number.isInteger(value) ? { value } : { problem: 'Enter a whole number.' };
  }
  if (field.type === 'treatment-rows') {
    const incomplete = rows.filter((r) => rowProblem(r)).length;
    if (incomplete)
      return {
        problem: `Complete or remove the ${incomplete} incomplete row${incomplete > 1 ? 's' : ''} first.`,
      };
    return { value: validRows(rows) };
  }
  return { value: text };
}

/** The text as a sentence: a full stop added unless it already ends one. */
const sentence = (text: string) => {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/**
 * The server's refusal of an amendment in sentences: its message, then what it names (the findings that rule
 * the corrected treatment out, or the field problem), each a sentence of its own.
 */
export function amendRefusalText(refusal: {
  code: string;
  message: string;
  details?: unknown;
  fieldIssues: readonly { path: string; message: string }[];
}): string {
  const findings = (refusal.details as { findings?: { subject: string; restriction: string }[] } | undefined)
    ?.findings;
  const more =
    refusal.code === 'contraindicated' && findings?.length
      ? findings.map((f) => `${f.subject}: ${f.restriction}`)
      : refusal.fieldIssues.slice(0, 1).map((i) => i.message);
  return [refusal.message, ...more].map(sentence).join(' ');
}
