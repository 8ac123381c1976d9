import type { TodoList } from '../body-chart/api.ts';

export type TodoItem = TodoList['items'][number];

/** The badge of each kind of to-do item: what it is, and whether it is the therapist's own work left undone. */
export const TODO_KINDS: Record<TodoItem['kind'], { label: string; tone: 'warning' | 'info' }> = {
  unsigned_note: { label: 'Unsigned note', tone: 'warning' },
  undocumented_visit: { label: 'No note', tone: 'warning' },
  re_evaluation_due: { label: 'Re-evaluation due', tone: 'info' },
  progress_report_due: { label: 'Progress report due', tone: 'info' },
  recertification_due: { label: 'Plan needs (re)certification', tone: 'info' },
  plan_changes_requested: { label: 'Plan changes requested', tone: 'warning' },
};

/** The page that resolves the item: the server names it, so every screen listing the item opens the same one. */
export const todoLink = (item: Pick<TodoItem, 'href'>): string => item.href;
