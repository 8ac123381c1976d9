import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { ApiError, messageOf } from '../api/client.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** A form- or page-level error, announced as soon as it appears. */
export function Alert({
  children,
  tone = 'error',
}: {
  children: ReactNode;
  tone?: 'error' | 'info' | 'success' | 'warning';
}) {
  if (!children) return null;
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A live region that stays in the page so later messages are announced. A new message scrolls into view when it
 * is off-screen (on a phone, a form's confirmation often lands above what is visible).
 */
export function LiveMessage({
  message,
  tone = 'success',
  action,
}: {
  message: string | null;
  tone?: 'success' | 'error' | 'warning';
  /** A control that belongs to the message (an Undo), shown after it. */
  action?: ReactNode;
}) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Optional call: jsdom, which runs the component tests, has no scrollIntoView.
    if (message) region.current?.scrollIntoView?.({ block: 'nearest' });
  }, [message]);
  return (
    <div ref={region} aria-live="polite" role="status" className="live-message">
      {message ? (
        <div className={`alert alert-${tone}`}>
          {message}
          {action}
        </div>
      ) : null}
    </div>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="alert alert-error" role="alert">
      <p>{forbidden ? messageOf(error) : `This could not be loaded: ${messageOf(error)}`}</p>
      {retry && !forbidden ? (
        <button type="button" className="button button-secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/** A list query's states: loading, failed (with a retry button unless `retry` is false), empty, or its items. */
export function QueryList<T>({
  query,
  empty,
  retry = true,
  children,
}: {
  query: UseQueryResult<{ items: T[] }>;
  empty: ReactNode;
  retry?: boolean;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <LoadError error={query.error} retry={retry ? () => query.refetch() : undefined} />;
  return query.data.items.length === 0 ? empty : children(query.data.items);
}
