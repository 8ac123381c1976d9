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
  return (
    <table className="table responsive-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Goal</th>
          <th scope="col">Baseline</th>
          <th scope="col">Target</th>
          <th scope="col">Now</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {goals.map((g) => (
          <tr key={g.id}>
            <th scope="row" data-label="Goal">
              {g.description}
            </th>
            <td data-label="Baseline">{measured(g.baseline)}</td>
            <td data-label="Target">{measured(g.target)}</td>
            <td data-label="Now">{measured(g.current)}</td>
            <td data-label="Status">{GOAL_STATUS_LABELS[g.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
