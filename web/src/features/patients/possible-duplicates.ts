import type { PossibleDuplicate } from '../../../../src/modules/patients/schemas.ts';

/**
 * Possible duplicate records (a patient who registered online and may already have a record here), in the
 * words staff read on Home and on the chart, and the link that opens the merge panel for the pair.
 */

/** What the two records share: the duplicate check matches name and date of birth; the e-mail may match too. */
export function matchWords(item: Pick<PossibleDuplicate, 'sameEmail'>): string {
  return item.sameEmail ? 'same name, date of birth and e-mail' : 'same name and date of birth';
}

/**
 * The existing record's chart with the merge panel open on this pair: the existing record survives (it holds
 * the safety flags, referrals, intake and history) and the online record is merged into it.
 */
export function mergeLink(item: Pick<PossibleDuplicate, 'patient' | 'existing'>): string {
  return `/patients/${item.existing.id}?merge=${encodeURIComponent(item.patient.id)}#section-merge`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record to preselect in the merge panel, from the chart's `?merge=` (anything else is ignored). */
export function mergeTarget(search: string, survivorId: string): string | null {
  const id = new URLSearchParams(search).get('merge');
  return id && UUID.test(id) && id !== survivorId ? id : null;
}

/** The chart banner for the record being read: the online record names the existing one, and the other way round. */
export function bannerFor(
  item: PossibleDuplicate,
  viewingId: string,
): { text: string; other: PossibleDuplicate['patient']; advice: string } {
  const fromOnline = item.patient.id === viewingId;
  const other = fromOnline ? item.existing : item.patient;
  const text = fromOnline
    ? `This may be the same person as ${other.displayName} (${matchWords(item)}) — review and merge.`
    : `${other.displayName} registered online and may be the same person as this patient (${matchWords(item)}) — review and merge.`;
  const advice = fromOnline
    ? 'Until the records are merged, check the other record’s safety flags, referral and intake before treating.'
    : 'Their online bookings are on the other record until the records are merged.';
  return { text, other, advice };
}
