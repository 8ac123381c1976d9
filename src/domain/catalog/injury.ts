/**
 * What a referral's condition is related to, as a claim asks it: CMS-1500 box 10 (employment, auto accident
 * with its state, other accident) and box 14 (date of injury); the 837P CLM11 related-causes code. Auto and
 * workers' compensation claims go to a different payer, so the desk needs this from the start.
 */
export const INJURY_CAUSES = [
  { id: 'employment', label: 'Work injury (workers’ compensation)', claimCode: 'EM' },
  { id: 'auto_accident', label: 'Auto accident', claimCode: 'AA' },
  { id: 'other_accident', label: 'Other accident (a fall, a sports injury…)', claimCode: 'OA' },
] as const;

export type InjuryCause = (typeof INJURY_CAUSES)[number]['id'];
export const INJURY_CAUSE_IDS = INJURY_CAUSES.map((c) => c.id) as [InjuryCause, ...InjuryCause[]];

export const injuryCauseLabel = (id: InjuryCause) => INJURY_CAUSES.find((c) => c.id === id)!.label;

/** "Auto accident on 2026-10-02 (CA)": the web app passes its own day format, a report keeps the ISO date. */
export const injuryText = (
  injury: { cause: InjuryCause; date: string; state?: string | null },
  formatDate: (isoDate: string) => string = (isoDate) => isoDate,
) =>
  `${injuryCauseLabel(injury.cause)} on ${formatDate(injury.date)}${injury.state ? ` (${injury.state})` : ''}`;

/** USPS codes of the states, DC and the territories: the state an auto accident happened in (box 10b). */
// biome-ignore format: a table reads better in rows
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH',
  'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP',
  'PR', 'VI',
] as const;
