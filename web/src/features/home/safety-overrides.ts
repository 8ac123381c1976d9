import type { z } from 'zod';
import {
  overriddenFindingsText,
  type overrideListItem,
} from '../../../../src/modules/session-notes/schemas.ts';
import { formatDay } from '../../components/format.ts';

/** A visit (note) recorded as given despite a contraindication, with its latest override (GET /safety/overrides). */
export type OverrideListItem = z.infer<typeof overrideListItem>;

/** The owner's Home lists what was recorded in the last 30 days… */
export const OVERRIDE_DAYS = 30;
/** …at most this many (the endpoint's page), the first few shown until asked for all. */
export const OVERRIDE_LIMIT = 50;
export const OVERRIDES_SHOWN = 5;
/** A reason longer than this is shortened on Home; the note has it whole. */
export const REASON_SHOWN_MAX = 160;

const DAY_MS = 86_400_000;

/**
 * The `since` of the list: `days` before `now`, at the start of that hour (the same for every render within
 * the hour, so Home reads it once, not at each render).
 */
export function overridesSince(now: Date, days = OVERRIDE_DAYS): string {
  const from = new Date(now.getTime() - days * DAY_MS);
  from.setUTCMinutes(0, 0, 0);
  return from.toISOString();
}

/** A reason in one line, cut at a word and marked "…" when longer than `max` characters. */
export function shortReason(reason: string, max = REASON_SHOWN_MAX): string {
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** One override as the card shows it. */
export interface OverrideCardItem {
  key: string;
  /** The note page (web/src/app/router.tsx: /patients/:patientId/notes/:noteId). */
  href: string;
  /** The link's words: whose visit, and when. */
  link: string;
  /** Who gave it; "in a correction" when an amendment recorded it, with the day. */
  given: string;
  ruledOut: string;
  reason: string;
  /** The treatment was corrected since: the override shown replaced earlier ones, or was itself replaced. */
  corrected: string | null;
  /** The reason was shortened: the note has it whole. */
  shortened: boolean;
}

/**
 * An override in plain words: "Ana Example, visit of Mar 2, 2026" (the link to the note), "Given by Mia Chen",
 * "Ruled out: Blood clot (DVT) in the left calf: no massage of the left leg", "Reason: …". `day` writes an
 * instant as a day in the clinic's time zone.
 */
export function overrideCardItem(item: OverrideListItem, day: (iso: string) => string): OverrideCardItem {
  const o = item.override;
  const by = o.by.name || 'a former member';
  const reason = shortReason(o.reason);
  return {
    key: item.amendmentId ?? item.noteId,
    href: `/patients/${encodeURIComponent(item.patientId)}/notes/${encodeURIComponent(item.noteId)}`,
    link: `${item.patientName || 'A patient'}, visit of ${formatDay(item.visitDate)}`,
    given: item.amendmentId
      ? `Given by ${by} (recorded in a correction of the note, ${day(o.at)})`
      : `Given by ${by}`,
    ruledOut: `Ruled out: ${overriddenFindingsText(o.findings) || 'a finding no longer named'}`,
    reason: `Reason: ${reason}`,
    corrected: o.replacedBy
      ? `Corrected since (${day(o.replacedBy.at)}): the treatment this reason is about is no longer on the note`
      : item.earlier > 0
        ? `Corrected since signing: the latest of ${item.earlier + 1} reasons recorded on this note (all kept in the note)`
        : null,
    shortened: reason !== o.reason.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * The card's opening words: at how many visits (one per note, however often its treatment was corrected), over
 * what time, and that the list is cut when it is.
 */
export function overridesIntro(count: number): string {
  const visits =
    count === 1
      ? 'at 1 visit'
      : count >= OVERRIDE_LIMIT
        ? `at ${count} or more visits (the latest ${count} are listed)`
        : `at ${count} visits`;
  return `In the last ${OVERRIDE_DAYS} days, treatment was given ${visits} although the safety screening ruled it out, each time with the therapist’s written reason. Open the note to read it whole.`;
}
