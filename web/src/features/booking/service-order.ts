import type { PublicService } from '../../api/scheduling.ts';

/** Who a session is for, in the patient's words (services are for new patients or follow-ups). */
export const serviceAudience = (kind: PublicService['kind']) =>
  kind === 'new_patient' ? 'For new patients' : 'For returning patients';

/** Said above the sessions to a signed-in patient who has not had a visit at the clinic yet. */
export const FIRST_VISIT_HINT =
  'Your first visit here? Please choose a session for new patients (listed first).';

/**
 * The sessions in the order offered. `seen` is whether the signed-in patient has completed a visit at the
 * clinic (null: not known, e.g. not signed in yet). Someone never seen gets the new-patient sessions first, the
 * others kept in their order after them; nothing is hidden (a returning patient may book before signing in).
 */
export function servicesInOrder<T extends Pick<PublicService, 'kind'>>(
  services: T[],
  seen: boolean | null,
): T[] {
  if (seen !== false) return services;
  return [
    ...services.filter((s) => s.kind === 'new_patient'),
    ...services.filter((s) => s.kind !== 'new_patient'),
  ];
}

/** Whether to show FIRST_VISIT_HINT: someone never seen, at a clinic offering a new-patient session. */
export const showsFirstVisitHint = (services: Pick<PublicService, 'kind'>[], seen: boolean | null) =>
  seen === false && services.some((s) => s.kind === 'new_patient');

/**
 * Whether the patient has completed a visit at the clinic, from their chart's appointments section (its
 * attendance tally); null when the section is not there to say.
 */
export function seenFromChart(chart: {
  sections: { id: string; available: boolean; data: unknown }[];
}): boolean | null {
  const section = chart.sections.find((s) => s.id === 'appointments');
  const completed = (section?.data as { tally?: { completed?: unknown } } | null | undefined)?.tally
    ?.completed;
  if (!section?.available || typeof completed !== 'number') return null;
  return completed > 0;
}
