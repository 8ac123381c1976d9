import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDay, localDateIn } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, QueryList } from '../../components/Status.tsx';
import { bodyChartApi } from '../body-chart/api.ts';
import { TODO_KINDS, todoLink, todoText } from './items.ts';

/**
 * The therapist's to-do list: urgent red flags from intakes (first), notes unsigned > 24 h, past visits without a note, re-evaluations and progress
 * reports due, certification.
 */
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
            No urgent red flags, no unsigned or missing notes, and no report or certification due.
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="card-list">
            {items.map((i) => (
              <li key={`${i.kind}-${i.resourceId}`} className="card">
                <span className={`badge badge-${TODO_KINDS[i.kind].tone}`}>{TODO_KINDS[i.kind].label}</span>{' '}
                <Link to={todoLink(i)}>{todoText(i)}</Link>
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
