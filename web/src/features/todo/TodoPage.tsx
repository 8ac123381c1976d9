import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDay, localDateIn } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, QueryList } from '../../components/Status.tsx';
import { bodyChartApi, type TodoList } from '../body-chart/api.ts';

type Item = TodoList['items'][number];

const KIND: Record<Item['kind'], string> = {
  unsigned_note: 'Unsigned note',
  re_evaluation_due: 'Re-evaluation due',
  progress_report_due: 'Progress report due',
  recertification_due: 'Plan needs (re)certification',
};

export function todoLink(i: Item): string {
  const base = `/patients/${i.patientId}`;
  if (i.kind === 'unsigned_note') return `${base}/notes/${i.resourceId}`;
  if (i.kind === 're_evaluation_due') return `${base}/assessments/new?kind=re_evaluation`;
  if (i.kind === 'progress_report_due') return `${base}/assessments/new?kind=progress_report`;
  return `${base}/plan`;
}

/** The therapist's to-do list: notes unsigned > 24 h, re-evaluations and progress reports due, certification. */
export function TodoPage() {
  const clinic = useClinic();
  const today = localDateIn(clinic.timeZone);
  const todo = useQuery({ queryKey: ['todo', clinic.id], queryFn: () => bodyChartApi.todo(clinic.id) });
  return (
    <Page title="To-do">
      <QueryList
        query={todo}
        empty={
          <EmptyState title="Nothing to do">
            No unsigned notes, and no report or certification due.
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="card-list">
            {items.map((i) => (
              <li key={`${i.kind}-${i.resourceId}`} className="card">
                <span className={`badge badge-${i.kind === 'unsigned_note' ? 'warning' : 'info'}`}>
                  {KIND[i.kind]}
                </span>{' '}
                <Link to={todoLink(i)}>
                  {i.patientName}: {i.message}
                </Link>
                {i.dueOn && i.dueOn < today ? (
                  <>
                    {' '}
                    <span className="badge badge-warning">Overdue</span>
                  </>
                ) : null}
                {i.dueOn && !i.message.includes(formatDay(i.dueOn)) ? (
                  <span className="small muted"> · due {formatDay(i.dueOn)}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </Page>
  );
}
