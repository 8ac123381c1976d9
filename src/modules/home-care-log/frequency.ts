/**
 * How many times a day a home-care exercise is prescribed, read from its dosage (the library's, or the
 * therapist's own words on the plan): "twice a day" → 2, "3 times a day" → 3, "morning and evening" → 2,
 * "once or twice a day" → 1, up to 2. A dosage that names no daily frequency counts as once a day.
 *
 * `timesPerDay` is what adherence expects; `upTo` is the most times the patient may log that day.
 */
export interface DailyFrequency {
  timesPerDay: number;
  upTo: number;
}

/** No prescription is logged more often than this in a day. */
export const MOST_TIMES_A_DAY = 12;

const WORDS: Record<string, number> = {
  once: 1,
  one: 1,
  twice: 2,
  two: 2,
  thrice: 3,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const COUNT = `(\\d+|${Object.keys(WORDS).join('|')})`;
const PER_DAY = '(?:a|per|each|every)\\s+day|daily';
/** "once or twice a day", "2–3 times a day", "2 to 3 times per day". */
const RANGE = new RegExp(
  `\\b${COUNT}\\s*(?:or|to|-|–|—)\\s*${COUNT}(?:\\s+times?)?\\s+(?:${PER_DAY})\\b`,
  'i',
);
/** "3 times a day", "twice daily", "once a day". */
const SINGLE = new RegExp(`\\b${COUNT}(?:\\s+times?)?\\s+(?:${PER_DAY})\\b`, 'i');

const countOf = (word: string) => WORDS[word.toLowerCase()] ?? Number.parseInt(word, 10);
const bounded = (n: number) => Math.min(Math.max(Number.isFinite(n) ? n : 1, 1), MOST_TIMES_A_DAY);

export function dailyFrequency(dosage: string): DailyFrequency {
  const range = RANGE.exec(dosage);
  if (range) {
    const [a, b] = [bounded(countOf(range[1]!)), bounded(countOf(range[2]!))];
    return { timesPerDay: Math.min(a, b), upTo: Math.max(a, b) };
  }
  const single = SINGLE.exec(dosage);
  if (single) {
    const n = bounded(countOf(single[1]!));
    return { timesPerDay: n, upTo: n };
  }
  if (/\bmorning\s+and\s+(?:evening|night)\b/i.test(dosage)) return { timesPerDay: 2, upTo: 2 };
  return { timesPerDay: 1, upTo: 1 };
}
