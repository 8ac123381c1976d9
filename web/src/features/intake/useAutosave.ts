import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { AnswersPatch, IntakeAnswers } from '../patients/api.ts';

/** Fields of the object answers: the server merges them field by field, so a cleared field is sent as null. */
const OBJECT_FIELDS: Record<string, readonly string[]> = {
  pregnancy: ['pregnant', 'weeks', 'dueDate', 'highRisk'],
  pain: ['level', 'regions'],
  lifestyle: ['occupation', 'hoursSittingPerDay', 'activityLevel', 'sports'],
  consent: ['agreed', 'typedName', 'textVersion', 'textHash'],
};

/** The autosave patch for these questions: full values, null for a cleared answer or field. */
export function patchOf(answers: IntakeAnswers, keys: Iterable<string>): AnswersPatch {
  const patch: Record<string, unknown> = {};
  const all = answers as Record<string, unknown>;
  for (const key of keys) {
    let value = all[key];
    if (key === 'implants' && Array.isArray(value))
      value = value.filter((i: { description?: string }) => i.description?.trim());
    if (value === undefined) patch[key] = null;
    else if (OBJECT_FIELDS[key]) {
      const obj = value as Record<string, unknown>;
      patch[key] = Object.fromEntries(OBJECT_FIELDS[key].map((f) => [f, obj[f] ?? null]));
    } else patch[key] = value;
  }
  return patch as AnswersPatch;
}

interface Stored {
  answers: IntakeAnswers;
  editedAt: string;
  pending: string[];
}

export function readLocal(key: string): Stored | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline'; message: string }
  | { kind: 'error'; message: string };

/**
 * Saves as you go: every change is written to localStorage at once and sent (debounced) as a patch of the
 * questions that changed. A failed save keeps the local copy and retries (with backoff, and when the device
 * comes back online), so nothing typed is lost on a bad connection.
 */
export function useAutosave({
  storageKey,
  save,
  initialPending = [],
  delay = 700,
}: {
  storageKey: string;
  save: (patch: AnswersPatch) => Promise<{ savedAt: string }>;
  initialPending?: string[];
  delay?: number;
}) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef(new Set<string>(initialPending));
  const answers = useRef<IntakeAnswers>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const failures = useRef(0);
  const saveRef = useRef(save);
  saveRef.current = save;

  const writeLocal = useCallback(() => {
    try {
      const stored: Stored = {
        answers: answers.current,
        editedAt: new Date().toISOString(),
        pending: [...pending.current],
      };
      localStorage.setItem(storageKey, JSON.stringify(stored));
    } catch {
      // Private mode or full storage: the server copy still works.
    }
  }, [storageKey]);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      await inFlight.current;
      if (pending.current.size === 0) return;
    }
    if (pending.current.size === 0) return;
    const keys = [...pending.current];
    pending.current.clear();
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const result = await saveRef.current(patchOf(answers.current, keys));
        failures.current = 0;
        setState({ kind: 'saved', at: result.savedAt });
        if (pending.current.size === 0) localStorage.removeItem(storageKey);
        else writeLocal();
      } catch (error) {
        for (const k of keys) pending.current.add(k);
        writeLocal();
        failures.current += 1;
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408) {
          setState({ kind: 'error', message: `Not saved: ${error.message}` });
          return;
        }
        const wait = Math.min(30_000, 2_000 * 2 ** (failures.current - 1));
        setState({
          kind: 'offline',
          message:
            'Not saved yet: no connection. Your answers are kept on this device and will be sent again.',
        });
        timer.current = setTimeout(() => void flush(), wait);
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [storageKey, writeLocal]);

  const changed = useCallback(
    (next: IntakeAnswers, key: string) => {
      answers.current = next;
      pending.current.add(key);
      writeLocal();
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [delay, flush, writeLocal],
  );

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      clearTimeout(timer.current);
    };
  }, [flush]);

  /** Sets the starting answers (after a restore from this device, the restored keys are sent at once). */
  const start = useCallback(
    (initial: IntakeAnswers) => {
      answers.current = initial;
      if (pending.current.size > 0) timer.current = setTimeout(() => void flush(), 50);
    },
    [flush],
  );

  /** The changes not yet on the server, taken over by the caller (submit sends them itself). */
  const takePending = useCallback((): AnswersPatch => {
    clearTimeout(timer.current);
    const patch = patchOf(answers.current, pending.current);
    pending.current.clear();
    return patch;
  }, []);

  return { state, changed, flush, start, takePending, inFlight };
}
