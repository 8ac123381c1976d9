import { useRef } from 'react';
import { newIdempotencyKey } from './scheduling.ts';

/**
 * An Idempotency-Key per request body, for a form that creates something: sending the same body again (a retry
 * after a lost answer) reuses the key, so nothing is created twice; a corrected body, after a refusal, gets a
 * fresh key, since the server replays the refusal stored for a key.
 */
export function useAttemptKey(): (body: unknown) => string {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const serial = JSON.stringify(body);
    if (attempt.current?.body !== serial) attempt.current = { body: serial, key: newIdempotencyKey() };
    return attempt.current.key;
  };
}
