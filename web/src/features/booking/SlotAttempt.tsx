import { useState } from 'react';
import type { Slot } from '../../api/scheduling.ts';
import { Alert } from '../../components/Status.tsx';
import { Alternatives } from '../calendar/Alternatives.tsx';
import { type Refusal, refusalOf } from '../calendar/refusal.ts';

/**
 * A patient's attempt at a time (booking it, or moving an appointment there): busy while it runs; refused, why
 * in plain words (taken meanwhile, too soon to book online, outside the therapist's hours…) and the nearest
 * free times when the server offered them.
 */
export function useSlotAttempt(onRefused?: () => void) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  async function run(attempt: () => Promise<void>) {
    setBusy(true);
    setRefusal(null);
    try {
      await attempt();
    } catch (e) {
      setRefusal(refusalOf(e, 'patient'));
      onRefused?.();
    } finally {
      setBusy(false);
    }
  }
  return { busy, refusal, run, clear: () => setRefusal(null) };
}

/** What a refused attempt left: its reason, with the nearest free times as buttons to try instead. */
export function SlotAttemptOutcome({
  attempt,
  zone,
  nameOf,
  retryWith,
  onPick,
}: {
  attempt: ReturnType<typeof useSlotAttempt>;
  zone: string;
  nameOf: (therapistId: string) => string | undefined;
  /** "book it", "move there": how the alternatives' message ends. */
  retryWith: string;
  onPick: (slot: Slot) => void;
}) {
  const { refusal } = attempt;
  if (!refusal) return null;
  return refusal.alternatives ? (
    <Alternatives
      alternatives={refusal.alternatives}
      timeZone={zone}
      nameOf={nameOf}
      busy={attempt.busy}
      reason={refusal.message}
      message={`Choose one of the nearest free times to ${retryWith} instead:`}
      onPick={onPick}
    />
  ) : (
    <Alert>{refusal.message}</Alert>
  );
}
