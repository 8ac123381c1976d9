import { useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { type Alternatives as AlternativesData, alternativesOf, type Slot } from '../../api/scheduling.ts';
import { Alert } from '../../components/Status.tsx';
import { Alternatives } from '../calendar/Alternatives.tsx';

/**
 * A patient's attempt at a time (booking it, or moving an appointment there): busy while it runs; refused with
 * 409 slot_taken, the nearest free times to pick instead; refused otherwise, the server's message.
 */
export function useSlotAttempt(onRefused?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [alternatives, setAlternatives] = useState<AlternativesData | null>(null);
  async function run(attempt: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await attempt();
    } catch (e) {
      const alts = alternativesOf(e);
      setAlternatives(alts);
      setError(alts ? null : messageOf(e));
      onRefused?.();
    } finally {
      setBusy(false);
    }
  }
  const clear = () => {
    setError(null);
    setAlternatives(null);
  };
  return { busy, error, alternatives, run, clear };
}

/** What a refused attempt left: its message, or the nearest free times as buttons to try instead. */
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
  return (
    <>
      <Alert>{attempt.error}</Alert>
      {attempt.alternatives ? (
        <Alternatives
          alternatives={attempt.alternatives}
          timeZone={zone}
          nameOf={nameOf}
          busy={attempt.busy}
          message={`Sorry, someone just booked that time. Tap one of the nearest free times to ${retryWith} instead:`}
          onPick={onPick}
        />
      ) : null}
    </>
  );
}
