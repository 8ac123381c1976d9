/**
 * Search over the curated ICD-10-CM list: by code prefix (`m54.5`, `M545`, `g56`) and by words
 * (`plantar fasc`, `carpal tunnel left`). Case- and accent-insensitive; every query word must be the start
 * of a word in the description or in the entry's keywords.
 *
 * Ranking: exact code, then code-prefix matches (shorter codes first), then description matches, then
 * keyword-only matches (e.g. "whiplash", "frozen shoulder"). Among word matches, whole-word matches rank
 * above word-prefix ones ("low" is a whole word in "Low back pain", only a prefix in "lower"); then list
 * order (headers before their children, as curated).
 */
import { ICD10CM_ENTRIES } from './icd10cm.data.ts';
import type { Icd10Entry, Icd10Family } from './icd10cm.types.ts';

export interface SearchIcd10Options {
  /** Only complete (claim-ready) codes. */
  readonly billableOnly?: boolean;
  readonly family?: Icd10Family;
}

/** Lower case, accents removed, apostrophes dropped, everything else not a letter or digit → space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Indexed {
  readonly entry: Icd10Entry;
  readonly order: number;
  readonly compactCode: string;
  readonly descriptionWords: readonly string[];
  readonly keywordWords: readonly string[];
}

const INDEX: readonly Indexed[] = ICD10CM_ENTRIES.map((entry, order) => ({
  entry,
  order,
  compactCode: entry.code.replace('.', ''),
  descriptionWords: foldText(entry.description).split(' '),
  keywordWords: foldText((entry.keywords ?? []).join(' '))
    .split(' ')
    .filter(Boolean),
}));

const CODE_LIKE = /^[A-Z][0-9][A-Z0-9]{0,5}$/;

function matchesAll(tokens: readonly string[], words: readonly string[]): boolean {
  return tokens.every((token) => words.some((word) => word.startsWith(token)));
}

/** 0 when every token is a whole word of `words`, up to 0.5 when none is (only word prefixes matched). */
function partialPenalty(tokens: readonly string[], words: readonly string[]): number {
  const whole = tokens.filter((token) => words.includes(token)).length;
  return 0.5 * (1 - whole / tokens.length);
}

/** Rank of an entry for the query, lower is better; `undefined` = no match. */
function rank(
  item: Indexed,
  compactQuery: string | undefined,
  tokens: readonly string[],
): number | undefined {
  if (compactQuery !== undefined) {
    if (item.compactCode === compactQuery) return 0;
    if (item.compactCode.startsWith(compactQuery)) return 1;
  }
  if (tokens.length === 0) return undefined;
  if (matchesAll(tokens, item.descriptionWords)) return 2 + partialPenalty(tokens, item.descriptionWords);
  const allWords = [...item.descriptionWords, ...item.keywordWords];
  if (matchesAll(tokens, allWords)) return 3 + partialPenalty(tokens, allWords);
  return undefined;
}

export function searchIcd10(query: string, limit = 20, options: SearchIcd10Options = {}): Icd10Entry[] {
  if (limit <= 0) return [];
  const compact = query.trim().toUpperCase().replace(/[\s.]/g, '');
  const compactQuery = compact.length >= 2 && CODE_LIKE.test(compact) ? compact : undefined;
  const tokens = foldText(query).split(' ').filter(Boolean);
  if (compactQuery === undefined && tokens.length === 0) return [];

  const hits: { item: Indexed; rank: number }[] = [];
  for (const item of INDEX) {
    if (options.billableOnly && !item.entry.billable) continue;
    if (options.family !== undefined && item.entry.family !== options.family) continue;
    const r = rank(item, compactQuery, tokens);
    if (r !== undefined) hits.push({ item, rank: r });
  }

  hits.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.rank === 1) {
      const byLength = a.item.compactCode.length - b.item.compactCode.length;
      if (byLength !== 0) return byLength;
      return a.item.compactCode < b.item.compactCode ? -1 : 1;
    }
    return a.item.order - b.item.order;
  });
  return hits.slice(0, limit).map((hit) => hit.item.entry);
}
