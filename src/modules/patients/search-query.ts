import { isCalendarDate } from './dates.ts';

/**
 * Turns what staff type in the patient search box into terms. Pure, so the API and the benchmark share it.
 * - a date, `YYYY-MM-DD` or `MM/DD/YYYY` (also `M/D/YYYY`): date of birth, exactly;
 * - digits (with phone punctuation: `(619) 555-01`): the start of the phone number's digits or, from
 *   MIN_LAST_DIGITS digits on, their end (`0142` finds `(619) 555-0142`), whatever the formatting;
 * - anything else: a prefix of a first, last (or the last word of a compound last), preferred name or e-mail.
 * Every term must match (AND); several words also match as one phrase ("de la cruz").
 */
export type SearchTerm =
  | { kind: 'date'; date: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'text'; text: string }
  /** A date-shaped word that is no real date (13/45/1990): matches nothing. */
  | { kind: 'never' };

export interface ParsedPatientQuery {
  terms: SearchTerm[];
  /** The whole query, when it has several words, to match compound names as one prefix. */
  phrase?: string;
}

/** Staff often know a caller by the last 4 digits of their number. */
export const MIN_LAST_DIGITS = 4;

const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const PHONE_ONLY = /^[\d\s()+.-]+$/;

function asDate(token: string): string | undefined | null {
  let iso: string | undefined;
  if (ISO_DATE.test(token)) {
    const [y, m, d] = token.split('-');
    iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  } else {
    const us = US_DATE.exec(token);
    if (us) iso = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  }
  if (iso === undefined) return undefined;
  return isCalendarDate(iso) ? iso : null;
}

/** Phone digits as stored (`palpa_phone_key`): without the North American country code of an 11-digit number. */
export function phoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  return /^1\d{10}$/.test(digits) ? digits.slice(1) : digits;
}

export function parsePatientQuery(raw: string | undefined): ParsedPatientQuery | undefined {
  const q = (raw ?? '').trim().slice(0, 200);
  if (!q) return undefined;
  const whole = asDate(q);
  if (whole) return { terms: [{ kind: 'date', date: whole }] };
  if (whole === undefined && PHONE_ONLY.test(q) && /\d/.test(q)) {
    return { terms: [{ kind: 'phone', digits: phoneDigits(q) }] };
  }
  const terms: SearchTerm[] = [];
  const words: string[] = [];
  for (const token of q.split(/[\s,;]+/).filter(Boolean)) {
    const date = asDate(token);
    if (date) terms.push({ kind: 'date', date });
    else if (date === null) terms.push({ kind: 'never' });
    else if (/^\d+$/.test(token.replace(/[()+.-]/g, '')) && /\d/.test(token)) {
      terms.push({ kind: 'phone', digits: phoneDigits(token) });
    } else if (/[\p{L}\p{N}]/u.test(token)) {
      terms.push({ kind: 'text', text: token });
      words.push(token);
    }
  }
  if (terms.length === 0) return { terms: [{ kind: 'never' }] };
  return { terms, ...(words.length > 1 && words.length === terms.length ? { phrase: words.join(' ') } : {}) };
}
