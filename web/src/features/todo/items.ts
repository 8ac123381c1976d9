import type { TodoList } from '../body-chart/api.ts';

export type TodoItem = TodoList['items'][number];

/** The badge of each kind of to-do item: what it is, and whether it is the therapist's own work left undone. */
export const TODO_KINDS: Record<TodoItem['kind'], { label: string; tone: 'danger' | 'warning' | 'info' }> = {
  urgent_red_flag: { label: 'Urgent', tone: 'danger' },
  unsigned_note: { label: 'Unsigned note', tone: 'warning' },
  undocumented_visit: { label: 'No note', tone: 'warning' },
  re_evaluation_due: { label: 'Re-evaluation due', tone: 'info' },
  progress_report_due: { label: 'Progress report due', tone: 'info' },
  recertification_due: { label: 'Plan needs (re)certification', tone: 'info' },
  plan_changes_requested: { label: 'Plan changes requested', tone: 'warning' },
};

/**
 * The item's words: the patient's name, then what is to do. An urgent red flag's message is already a sentence
 * naming the patient ("Ana Lopez reported …"); the "Urgent" badge beside it says how urgent, so the words do not
 * say it again.
 */
export const todoText = (item: Pick<TodoItem, 'kind' | 'patientName' | 'message'>): string =>
  item.kind === 'urgent_red_flag' ? item.message : `${item.patientName}: ${item.message}`;

/** The urgent items (emergency red flags on an intake), which Home spells out above its counts. */
export const urgentItems = <T extends Pick<TodoItem, 'kind'>>(items: readonly T[]): T[] =>
  items.filter((i) => i.kind === 'urgent_red_flag');

/** The page that resolves the item: the server names it, so every screen listing the item opens the same one. */
export const todoLink = (item: Pick<TodoItem, 'href'>): string => item.href;
