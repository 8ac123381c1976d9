const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/**
 * Names of offered languages that some browsers' ICU data lacks (Chromium on Linux answers "chk" for Chuukese):
 * a patient must never be offered a bare code.
 */
const NAMED_HERE: Readonly<Record<string, string>> = {
  ase: 'American Sign Language',
  ceb: 'Cebuano',
  chk: 'Chuukese',
  hmn: 'Hmong',
  ilo: 'Iloko',
  mh: 'Marshallese',
  nv: 'Navajo',
  prs: 'Dari',
  sm: 'Samoan',
  to: 'Tongan',
  yue: 'Cantonese',
};

/** A patient's language tag in words ("es" → "Spanish"); a tag nobody can name is shown as entered. */
export function languageName(tag: string, names: Pick<Intl.DisplayNames, 'of'> = LANGUAGE_NAMES): string {
  let named: string | undefined;
  try {
    named = names.of(tag);
  } catch {
    // Not a well-formed tag (the field is free text): show what was recorded.
    return tag;
  }
  return named && named !== tag ? named : (NAMED_HERE[tag] ?? tag);
}

/**
 * The languages offered for a patient's preferred language: those most spoken at home in the US and Canada,
 * American Sign Language and the Pacific languages of Hawaii's clinics among them. Any other is typed in.
 */
// biome-ignore format: a list reads better in rows
const OFFERED = [
  'en', 'es', 'zh', 'yue', 'tl', 'vi', 'ar', 'fr', 'ko', 'ru', 'ht', 'de', 'hi', 'pt', 'it', 'pl', 'ur',
  'fa', 'prs', 'ps', 'ja', 'gu', 'te', 'bn', 'pa', 'hy', 'ta', 'ml', 'mr', 'ne', 'hmn', 'km', 'lo', 'th',
  'my', 'so', 'am', 'ti', 'sw', 'uk', 'el', 'he', 'yi', 'ro', 'tr', 'sr', 'hr', 'bs', 'sq', 'nv', 'sm',
  'to', 'chk', 'mh', 'ilo', 'ceb', 'id', 'ase',
];

/**
 * The choices of the preferred-language picker, by name: English first, then A to Z. The patient's current
 * language is among them even when it is not offered (typed in earlier, e.g. "pt-BR"), so it is kept as is.
 */
export function languageChoices(current: string): { code: string; name: string }[] {
  const codes = !current || OFFERED.includes(current) ? OFFERED : [...OFFERED, current];
  return codes
    .map((code) => ({ code, name: languageName(code) }))
    .sort((a, b) => Number(b.code === 'en') - Number(a.code === 'en') || a.name.localeCompare(b.name));
}
