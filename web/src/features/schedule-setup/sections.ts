/** The parts of Schedule set-up, each reachable by link as `/schedule-setup?tab=<key>`. */
export const SETUP_SECTIONS = [
  ['services', 'Services'],
  ['rooms', 'Rooms'],
  ['therapists', 'Therapists'],
  ['rules', 'Booking rules'],
] as const;
export type SetupSection = (typeof SETUP_SECTIONS)[number][0];

/** Where Settings and Home send owners for the late-cancellation fee, reminders and booking limits. */
export const BOOKING_RULES_LINK = '/schedule-setup?tab=rules';

/** The section a `tab` query value names; Services (the first) when absent or unknown. */
export function setupSection(tab: string | null): SetupSection {
  return SETUP_SECTIONS.find(([key]) => key === tab)?.[0] ?? 'services';
}
