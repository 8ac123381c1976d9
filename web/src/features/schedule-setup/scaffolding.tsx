import { Fragment, type ReactNode } from 'react';
import { messageOf } from '../../api/client.ts';

/** One part of the set-up page: a section named by its heading (`<id>-heading`). */
export function SetupSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** A listed room or service: what it is, then Edit and Archive (named after it for screen readers). */
export function SetupItem({
  name,
  onEdit,
  archive,
  archivedMessage,
  onDone,
  children,
}: {
  name: string;
  onEdit: () => void;
  archive: () => Promise<unknown>;
  archivedMessage: string;
  onDone: (message: string) => void;
  children: ReactNode;
}) {
  return (
    <li className="card setup-item">
      <div>{children}</div>
      <div className="action-bar">
        <button
          type="button"
          className="button button-secondary"
          aria-label={`Edit ${name}`}
          onClick={onEdit}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button-danger-quiet"
          aria-label={`Archive ${name}`}
          onClick={async () => {
            try {
              await archive();
              onDone(archivedMessage);
            } catch (error) {
              onDone(messageOf(error));
            }
          }}
        >
          Archive
        </button>
      </div>
    </li>
  );
}

/**
 * Below a list: "Add a <noun>", or the card with the form for a new item or the one being edited (the form
 * starts afresh for each item). The form is given `onCancel` (closes it) and `onSaved` (closes it and says
 * "<name> is saved.").
 */
export function SetupEditor<T extends { id: string; name: string }>({
  editing,
  noun,
  onAdd,
  onClose,
  onDone,
  children,
}: {
  editing: T | 'new' | null;
  noun: string;
  onAdd: () => void;
  onClose: () => void;
  onDone: (message: string) => void;
  children: (
    item: T | undefined,
    actions: { onCancel: () => void; onSaved: (saved: { name: string }) => void },
  ) => ReactNode;
}) {
  if (!editing)
    return (
      <button type="button" className="button" onClick={onAdd}>
        Add a {noun}
      </button>
    );
  return (
    <div className="card">
      <h3>{editing === 'new' ? `New ${noun}` : `Edit ${editing.name}`}</h3>
      <Fragment key={editing === 'new' ? 'new' : editing.id}>
        {children(editing === 'new' ? undefined : editing, {
          onCancel: onClose,
          onSaved: (saved) => {
            onClose();
            onDone(`${saved.name} is saved.`);
          },
        })}
      </Fragment>
    </div>
  );
}
