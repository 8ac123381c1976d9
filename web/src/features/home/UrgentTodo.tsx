import { Link } from 'react-router';
import type { TodoItem } from '../todo/items.ts';
import { TODO_KINDS, todoLink, todoText, urgentItems } from '../todo/items.ts';

/**
 * The therapist's urgent to-do items (an emergency red flag a patient reported on their intake), spelled out
 * at the top of Home rather than only counted: each links to the patient's chart.
 */
export function UrgentTodo({ items }: { items: readonly TodoItem[] }) {
  const urgent = urgentItems(items);
  if (urgent.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <ul className="card-list">
        {urgent.map((i) => (
          <li key={i.resourceId}>
            <span className={`badge badge-${TODO_KINDS[i.kind].tone}`}>{TODO_KINDS[i.kind].label}</span>{' '}
            <Link to={todoLink(i)}>{todoText(i)}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
