import { DataTable } from '../../components/DataTable.tsx';
import { GOAL_STATUS_LABELS } from '../reports/api.ts';

/** A measured value as shown in tables: whole numbers as they are, others to one decimal, none as a dash. */
export const measured = (x: number | null) =>
  x === null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(1);

interface GoalProgress {
  id: string;
  description: string;
  baseline: number | null;
  target: number | null;
  current: number | null;
  status: string;
}

/** Goals against baseline and target: the progress page and the progress report show the same table. */
export function GoalProgressTable({ goals, caption }: { goals: readonly GoalProgress[]; caption: string }) {
  if (goals.length === 0) return <p>No goals yet: they are set in the plan of care.</p>;
  return (
    <DataTable
      caption={caption}
      rows={goals}
      rowKey={(g) => g.id}
      columns={[
        { label: 'Goal', cell: (g) => g.description },
        { label: 'Baseline', cell: (g) => measured(g.baseline) },
        { label: 'Target', cell: (g) => measured(g.target) },
        { label: 'Now', cell: (g) => measured(g.current) },
        { label: 'Status', cell: (g) => GOAL_STATUS_LABELS[g.status] },
      ]}
    />
  );
}
