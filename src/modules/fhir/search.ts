/**
 * FHIR search (http://hl7.org/fhir/R4/search.html), the subset Palpa supports: token (`system|code`, `code`,
 * `|code`, `system|`), date (prefixes eq, ne, gt, lt, ge, le at any precision), reference (`Patient/<id>`,
 * `<id>`, absolute URLs), string (case- and accent-insensitive "starts with", `:exact`, `:contains`).
 * Comma-separated values are OR-ed; a repeated parameter is AND-ed. `_id`, `_count` and `_cursor` (paging) work
 * for every type. Unknown parameters and modifiers answer 400 unless the request says `Prefer: handling=lenient`.
 */
import type { Resource } from 'fhir/r4.js';
import { FhirError } from './operation-outcome.ts';

export interface Token {
  system?: string;
  code: string;
}
export type DateValue = string | { start?: string; end?: string } | undefined;

interface ParamBase {
  name: string;
  documentation: string;
}
export type SearchParamDef<R extends Resource = Resource> = ParamBase &
  (
    | { type: 'token'; tokens(r: R): Token[] }
    | { type: 'date'; dates(r: R): DateValue[] }
    | { type: 'reference'; refs(r: R): (string | undefined)[]; target?: string }
    | { type: 'string'; strings(r: R): (string | undefined | null)[] }
  );

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;
/** Accepted for every type and ignored: the answer is always JSON. */
const NO_OP_PARAMS = new Set(['_format', '_pretty']);

export interface Criterion {
  def: SearchParamDef;
  modifier?: string;
  /** OR-ed alternatives. */
  values: string[];
}

export interface ParsedSearch {
  count: number;
  cursor?: string;
  criteria: Criterion[];
  /** From `_id`: OR-ed ids, AND-ed across repeats (an intersection). */
  ids?: string[];
  /** From `patient` / `subject`: the patients the search is restricted to (undefined = not restricted). */
  patientIds?: string[];
  /** The parameters applied, as `name[:modifier]=value` pairs, for `link.self`. */
  applied: [string, string][];
}

export type RawQuery = Record<string, string | string[] | undefined>;

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());
const splitValues = (v: string) => v.split(/(?<!\\),/).map((s) => s.replace(/\\,/g, ','));

const invalid = (message: string, expression?: string) =>
  new FhirError(400, 'invalid', message, expression ? [expression] : undefined);
const notSupported = (message: string, expression?: string) =>
  new FhirError(400, 'not-supported', message, expression ? [expression] : undefined);

/** Patient ids named by a reference value (`Patient/<id>`, `<id>`, or an absolute URL ending so). */
export function referenceId(value: string, type = 'Patient'): string | null {
  const trimmed = value.trim().replace(/\/_history\/[^/]+$/, '');
  const parts = trimmed.split('/');
  if (parts.length === 1) return parts[0] || null;
  const [t, id] = parts.slice(-2) as [string, string];
  return t === type && id ? id : null;
}

export function parseSearch(
  type: string,
  defs: readonly SearchParamDef[],
  query: RawQuery,
  options: { lenient: boolean },
): ParsedSearch {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const result: ParsedSearch = { count: DEFAULT_COUNT, criteria: [], applied: [] };
  for (const [key, raw] of Object.entries(query)) {
    const occurrences = asList(raw);
    if (NO_OP_PARAMS.has(key)) continue;
    if (key === '_count') {
      const value = occurrences.at(-1) ?? '';
      if (!/^\d+$/.test(value)) throw invalid('_count must be a whole number', '_count');
      result.count = Math.min(Number(value), MAX_COUNT);
      result.applied.push(['_count', String(result.count)]);
      continue;
    }
    if (key === '_cursor') {
      result.cursor = occurrences.at(-1);
      continue;
    }
    const [name, modifier, ...rest] = key.split(':') as [string, string | undefined];
    if (name === '_id' && !modifier && rest.length === 0) {
      for (const occurrence of occurrences) {
        const ids = splitValues(occurrence).filter(Boolean);
        result.ids = result.ids ? result.ids.filter((id) => ids.includes(id)) : ids;
        result.applied.push(['_id', occurrence]);
      }
      continue;
    }
    const def = byName.get(name);
    if (!def || rest.length > 0) {
      if (options.lenient) continue;
      throw notSupported(`Unknown search parameter "${key}" for ${type}`, key);
    }
    if (modifier && !modifierAllowed(def, modifier)) {
      if (options.lenient) continue;
      throw notSupported(`The modifier ":${modifier}" is not supported for "${name}"`, key);
    }
    for (const occurrence of occurrences) {
      const values = splitValues(occurrence).filter((v) => v !== '');
      if (values.length === 0) continue;
      for (const value of values) checkValue(def, value, key);
      result.criteria.push({ def, modifier, values });
      result.applied.push([key, occurrence]);
      if (def.type === 'reference' && (def.target ?? 'Patient') === 'Patient' && isPatientParam(def.name)) {
        const target = modifier ?? 'Patient';
        const ids = values.map((v) => referenceId(v, target)).filter((id): id is string => id !== null);
        result.patientIds = result.patientIds ? result.patientIds.filter((id) => ids.includes(id)) : ids;
      }
    }
  }
  return result;
}

/** The parameters that name the patient a search is restricted to (authorised up front, filtered in SQL). */
export const isPatientParam = (name: string) => name === 'patient' || name === 'subject';

function modifierAllowed(def: SearchParamDef, modifier: string): boolean {
  if (def.type === 'string') return modifier === 'exact' || modifier === 'contains';
  if (def.type === 'reference') return modifier === (def.target ?? 'Patient');
  return false;
}

const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le'] as const;
type DatePrefix = (typeof DATE_PREFIXES)[number];

function splitDate(value: string, key: string): { prefix: DatePrefix; range: [number, number] } {
  const match = /^([a-z]{2})?(\d.*)$/.exec(value);
  const prefix = (match?.[1] ?? 'eq') as DatePrefix;
  if (!match || !DATE_PREFIXES.includes(prefix)) {
    if (match?.[1] && ['sa', 'eb', 'ap'].includes(match[1]))
      throw notSupported(`The date prefix "${match[1]}" is not supported`, key);
    throw invalid(`"${value}" is not a FHIR date`, key);
  }
  const range = dateRange(match[2]!);
  if (!range) throw invalid(`"${value}" is not a FHIR date`, key);
  return { prefix, range };
}

function checkValue(def: SearchParamDef, value: string, key: string) {
  if (def.type === 'date') splitDate(value, key);
}

/**
 * The instant range [start, end) a FHIR date, dateTime or instant covers, at its precision (a date-only value is
 * read as a UTC day). Null when it is not a date.
 */
export function dateRange(value: string): [number, number] | null {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
      value,
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  if (!mo) return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
  const month = Number(mo) - 1;
  if (month > 11) return null;
  if (!d) return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1)];
  const day = Number(d);
  if (!h) {
    const start = Date.UTC(year, month, day);
    if (new Date(start).getUTCDate() !== day) return null;
    return [start, start + 86_400_000];
  }
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ?? ''}${zone ?? 'Z'}`;
  const start = Date.parse(iso);
  if (Number.isNaN(start)) return null;
  const width = frac ? 1 : s ? 1000 : 60_000;
  return [start, start + width];
}

function resourceRange(value: DateValue): [number, number] | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return dateRange(value);
  if (!value.start && !value.end) return null;
  const start = value.start ? dateRange(value.start)?.[0] : Number.NEGATIVE_INFINITY;
  const end = value.end ? dateRange(value.end)?.[1] : Number.POSITIVE_INFINITY;
  return start === undefined || end === undefined ? null : [start, end];
}

function dateMatches(prefix: DatePrefix, [ps, pe]: [number, number], [rs, re]: [number, number]): boolean {
  const within = rs >= ps && re <= pe;
  switch (prefix) {
    case 'eq':
      return within;
    case 'ne':
      return !within;
    case 'gt':
      return re > pe;
    case 'lt':
      return rs < ps;
    case 'ge':
      return re > ps;
    case 'le':
      return rs < pe;
  }
}

export const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

function tokenMatches(param: string, tokens: Token[]): boolean {
  const bar = param.indexOf('|');
  if (bar < 0) return tokens.some((t) => t.code === param);
  const system = param.slice(0, bar);
  const code = param.slice(bar + 1);
  return tokens.some(
    (t) => (system === '' ? t.system === undefined : t.system === system) && (code === '' || t.code === code),
  );
}

function referenceMatches(param: string, refs: (string | undefined)[], modifier?: string, target?: string) {
  const type = modifier ?? target;
  const wanted = param
    .replace(/\/_history\/[^/]+$/, '')
    .split('/')
    .slice(-2);
  return refs.some((ref) => {
    if (!ref) return false;
    const [t, id] = ref.split('/').slice(-2) as [string, string];
    if (wanted.length === 1) return id === wanted[0] && (type === undefined || t === type);
    return t === wanted[0] && id === wanted[1];
  });
}

function criterionMatches(c: Criterion, resource: Resource): boolean {
  const def = c.def;
  switch (def.type) {
    case 'token': {
      const tokens = def.tokens(resource);
      return c.values.some((v) => tokenMatches(v, tokens));
    }
    case 'reference': {
      const refs = def.refs(resource);
      return c.values.some((v) => referenceMatches(v, refs, c.modifier, def.target));
    }
    case 'string': {
      const strings = def
        .strings(resource)
        .filter((s): s is string => typeof s === 'string')
        .map(normalise);
      return c.values.some((raw) => {
        const v = normalise(raw);
        if (c.modifier === 'exact') return def.strings(resource).some((s) => s === raw);
        if (c.modifier === 'contains') return strings.some((s) => s.includes(v));
        return strings.some((s) => s.startsWith(v) || s.split(/[\s-]+/).some((w) => w.startsWith(v)));
      });
    }
    case 'date': {
      const ranges = def
        .dates(resource)
        .map(resourceRange)
        .filter((r): r is [number, number] => r !== null);
      return c.values.some((v) => {
        const { prefix, range } = splitDate(v, def.name);
        return ranges.some((r) => dateMatches(prefix, range, r));
      });
    }
  }
}

/** Filters resources by the criteria and `_id`, sorted by id (the paging order). */
export function applySearch<R extends Resource>(resources: R[], search: ParsedSearch): R[] {
  return resources
    .filter((r) => !search.ids || search.ids.includes(r.id ?? ''))
    .filter((r) => search.criteria.every((c) => criterionMatches(c, r)))
    .sort((a, b) => ((a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0));
}

/** The page after `cursor` (the id of the last entry of the previous page), and whether there is more. */
export function pageOf<R extends Resource>(sorted: R[], search: ParsedSearch): { page: R[]; more: boolean } {
  const start = search.cursor ? sorted.findIndex((r) => (r.id ?? '') > search.cursor!) : 0;
  const from = start < 0 ? sorted.length : start;
  const page = sorted.slice(from, from + search.count);
  return { page, more: from + search.count < sorted.length };
}

// Helpers mappers use to declare their parameters.
export const codings = (concepts: ({ coding?: { system?: string; code?: string }[] } | undefined)[]) =>
  concepts.flatMap((c) =>
    (c?.coding ?? []).filter((x) => x.code).map((x) => ({ system: x.system, code: x.code! })),
  );
export const plainTokens = (...codes: (string | undefined)[]): Token[] =>
  codes.filter((c): c is string => !!c).map((code) => ({ code }));
