import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf, type SaveOptions } from '../../api/client.ts';

export type DraftSaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string };

type Content = Record<string, unknown>;

/**
 * The patch of the changed paths (`field` or `section.field`): the server merges two levels deep. A changed
 * field that is now empty (undefined) is sent as `null`, which clears it on the server.
 */
export function patchOf(content: Content, paths: Iterable<string>): Content {
  const patch: Record<string, unknown> = {};
  for (const path of paths) {
    const [head, sub] = path.split('.') as [string, string | undefined];
    const section = content[head];
    if (sub === undefined) {
      patch[head] = section ?? null;
      continue;
    }
    const value = (section as Record<string, unknown> | undefined)?.[sub];
    patch[head] = { ...((patch[head] as Record<string, unknown>) ?? {}), [sub]: value ?? null };
  }
  return patch;
}

/** What a form field holds, with an emptied text or choice as "not filled in" (sent as `null`). */
export const filled = <T>(value: T | ''): T | undefined => (value === '' ? undefined : value);

/**
 * Debounced autosave of a draft record: `changed(next, paths)` keeps the latest content and, after `delay`
 * ms without changes, PUTs only the changed paths. A failed save keeps them pending and retries on the next
 * change or `flush()`. Nothing typed is lost by leaving: what is pending is saved when the editor closes
 * (another page of the app) and when the tab is hidden or closed (a request that outlives the page).
 */
export function useDraftAutosave<R>({
  save,
  onSaved,
  delay = 800,
}: {
  save: (patch: Content, options: SaveOptions) => Promise<R>;
  onSaved?: (result: R) => void;
  delay?: number;
}) {
  const [state, setState] = useState<DraftSaveState>({ kind: 'idle' });
  const content = useRef<Content>({});
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const savedRef = useRef(onSaved);
  savedRef.current = onSaved;

  const send = useCallback(async (options: SaveOptions): Promise<void> => {
    const paths = [...pending.current];
    pending.current.clear();
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const result = await saveRef.current(patchOf(content.current, paths), options);
        setState({ kind: 'saved', at: new Date() });
        savedRef.current?.(result);
      } catch (error) {
        for (const p of paths) pending.current.add(p);
        setState({
          kind: 'error',
          message:
            error instanceof ApiError && error.status === 0
              ? 'Not saved yet: no connection. Keep this page open; it saves again on your next change.'
              : `Not saved: ${messageOf(error)}`,
        });
      }
    })();
    running.current = run;
    await run;
    running.current = null;
  }, []);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (running.current) await running.current;
    if (pending.current.size === 0) return;
    await send({});
  }, [send]);

  const changed = useCallback(
    (next: Content, paths: string[]) => {
      content.current = next;
      for (const p of paths) pending.current.add(p);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [delay, flush],
  );

  const reset = useCallback((initial: Content) => {
    content.current = initial;
  }, []);

  /** Drops the changes not sent yet (a draft being discarded); `flush()` then waits for a save in flight. */
  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    pending.current.clear();
  }, []);

  useEffect(() => {
    // The page may be gone before a save in flight answers, so this one does not wait for it.
    const leaving = () => {
      clearTimeout(timer.current);
      if (pending.current.size > 0) void send({ keepalive: true });
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') leaving();
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leaving);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
      void flush();
    };
  }, [flush, send]);
  return { state, changed, flush, reset, cancel };
}
