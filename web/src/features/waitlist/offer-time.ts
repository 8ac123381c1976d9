import { ApiError, messageOf } from '../../api/client.ts';
import type { WaitlistItem } from '../../api/waitlist.ts';

/** The days a time can be offered on: the entry's dates from today on, or null once they have passed. */
export function offerDateRange(
  item: Pick<WaitlistItem, 'fromDate' | 'toDate'>,
  today: string,
): { min: string; max: string } | null {
  if (item.toDate < today) return null;
  return { min: item.fromDate > today ? item.fromDate : today, max: item.toDate };
}

/**
 * Where a refused offer's reason goes, in plain words: beside the time (the time does not suit the request),
 * or in the form's alert (taken meanwhile, cannot be booked, the request was booked or removed).
 */
export function offerTimeError(error: unknown): { time?: string; form: string | null } {
  if (!(error instanceof ApiError)) return { form: messageOf(error) };
  const issue = error.fieldIssues.find((i) => ['start', 'therapistId', 'roomId'].includes(i.path));
  if (issue) return { time: `This time does not suit the request: ${issue.message}.`, form: null };
  if (error.code === 'slot_taken')
    return { form: 'That time was just taken. The free times are updated: choose another.' };
  if (error.code === 'conflict') return { form: `${error.message}. Reload the list to see where it stands.` };
  return { form: error.message };
}

/**
 * What the desk is told once a time is offered by hand. A patient with no e-mail address was sent nothing, so
 * the desk must phone them (and book the time for them if they want it).
 */
export function offerSentNotice(
  name: string,
  when: string,
  emailed: boolean,
): { text: string; tone: 'success' | 'warning' } {
  if (emailed)
    return { text: `${name} was offered ${when}. They were e-mailed a link to accept it.`, tone: 'success' };
  return {
    text:
      `${name} was offered ${when}, but has no e-mail address on file, so nobody has told them. ` +
      'Phone them (open their record for the number); if they want the time, book it with “Book” on their row.',
    tone: 'warning',
  };
}
