/**
 * Whether a typed-name signature is the signer's own name: the one check behind every typed signature (plan
 * certification, e-referral, clearance, notes, evaluations, reports).
 */

/** Written before a name ("Dr. Carmen Ruiz"). */
const TITLES = new Set(['dr', 'doctor', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'mx']);

/** Written after a name ("Carmen Ruiz, MD"): degrees and licences of those who sign in Palpa. */
const CREDENTIALS = new Set([
  'md',
  'do',
  'dc',
  'pt',
  'dpt',
  'np',
  'fnp',
  'aprn',
  'pa',
  'pac',
  'rn',
  'lmt',
  'lmp',
  'cmt',
  'ot',
  'otr',
  'od',
  'dpm',
  'mbbs',
  'phd',
  'facp',
]);

/**
 * The words of a name, compared ignoring case, accents, punctuation and spacing: "Dr. José  O’Neil, M.D." →
 * dr jose oneil md. Periods and apostrophes join ("M.D." is md, "O’Neil" is oneil); other marks separate.
 */
function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/\bpa-c\b/g, 'pac')
    .replace(/[.'’ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The account's name without its titles and credentials, keeping at least two words so that a family name
 * that reads like a credential ("Anh Do") stays the person's name.
 */
function personOf(account: readonly string[]): string[] {
  let [from, to] = [0, account.length];
  while (to - from > 2 && TITLES.has(account[from]!)) from++;
  while (to - from > 2 && CREDENTIALS.has(account[to - 1]!)) to--;
  return account.slice(from, to);
}

/**
 * The typed name is the account's: the same given and family names in the same order, whatever the case,
 * accents, punctuation or spacing, with or without titles before them and credentials after them
 * ("Dr Carmen Ruiz MD", "carmen ruiz" and "Carmen Ruiz, MD" all sign for "Dr. Carmen Ruiz, MD").
 */
export function isOwnName(typed: string, accountName: string): boolean {
  const person = personOf(words(accountName));
  const given = words(typed);
  if (person.length === 0) return false;
  let from = 0;
  // Any run of titles may lead and any run of credentials may follow, but the words between must be the person.
  do {
    const rest = given.slice(from);
    if (rest.length >= person.length) {
      const tail = rest.slice(person.length);
      if (person.every((w, i) => rest[i] === w) && tail.every((w) => CREDENTIALS.has(w))) return true;
    }
  } while (from < given.length && TITLES.has(given[from++]!));
  return false;
}
