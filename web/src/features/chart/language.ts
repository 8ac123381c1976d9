const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** A patient's language tag in words ("es" → "Spanish"); a tag the browser cannot name is shown as entered. */
export function languageName(tag: string): string {
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    // Not a well-formed tag (the field is free text): show what was recorded.
    return tag;
  }
}
