import type { Appointment } from '../../api/scheduling.ts';

type Visit = Pick<Appointment, 'id' | 'start' | 'status' | 'sessionNoteId'>;

/**
 * The visits a new note can document, latest first: the patient's visits that took place (checked in or
 * completed) with no note yet, plus the one a link names (the to-do's "Visit on … has no note", Home's
 * "Write the note"), however old it is. `noted`: the appointments the patient's notes already document.
 */
export function visitChoices<T extends Visit>(
  recent: readonly T[],
  noted: ReadonlySet<string | null>,
  linked: T | null,
): T[] {
  const open = recent.filter(
    (a) => (a.status === 'checked_in' || a.status === 'completed') && !a.sessionNoteId && !noted.has(a.id),
  );
  const all = linked && !open.some((a) => a.id === linked.id) ? [...open, linked] : open;
  return all.sort((a, b) => b.start.localeCompare(a.start));
}
