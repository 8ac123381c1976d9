import { useCallback, useEffect, useState } from 'react';
import type { Slot } from '../../api/scheduling.ts';

/**
 * The visitor's booking choices, kept in sessionStorage so they survive the sign-in (or account creation)
 * round trip at the last step, and a reload. Cleared once the booking is made.
 */
export const REFERRAL = 'referral';
const STORE = 'palpa.booking';
const ATTEMPT = 'palpa.booking.attempt';

export interface Choices {
  clinicId: string;
  /** A service id, or REFERRAL ("I have a referral for…"). */
  choice: string;
  note: string;
  referralServiceId: string;
  /** '' = first available. */
  therapistId: string;
  /** '' = any of the clinic's locations. */
  locationId: string;
  windowStart: string;
  day: string;
  slot: Slot | null;
}

const EMPTY: Choices = {
  clinicId: '',
  choice: '',
  note: '',
  referralServiceId: '',
  therapistId: '',
  locationId: '',
  windowStart: '',
  day: '',
  slot: null,
};

function read<T>(key: string): Partial<T> {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Partial<T>) : {};
  } catch {
    return {};
  }
}

/**
 * Choices start from links (`?clinicId=…&therapistId=…`, e.g. the directory's Book button); what the visitor
 * chose before wins when it is for the same clinic and therapist (so coming back from sign-in keeps everything,
 * but another therapist's Book button starts with that therapist).
 */
export function initialChoices(
  saved: Partial<Choices>,
  linkClinicId: string | null,
  linkTherapistId: string | null,
): Choices {
  const kept = { ...EMPTY, ...saved };
  if (!linkClinicId) return kept;
  const sameLink =
    kept.clinicId === linkClinicId && (!linkTherapistId || kept.therapistId === linkTherapistId);
  return sameLink ? kept : { ...EMPTY, clinicId: linkClinicId, therapistId: linkTherapistId ?? '' };
}

export function useChoices(linkClinicId: string | null, linkTherapistId: string | null) {
  const [choices, setChoices] = useState<Choices>(() =>
    initialChoices(read<Choices>(STORE), linkClinicId, linkTherapistId),
  );
  useEffect(() => sessionStorage.setItem(STORE, JSON.stringify(choices)), [choices]);
  const set = useCallback((patch: Partial<Choices>) => setChoices((prev) => ({ ...prev, ...patch })), []);
  const chooseClinic = useCallback((clinicId: string) => setChoices({ ...EMPTY, clinicId }), []);
  /** After booking: a fresh start at the same clinic. */
  const reset = useCallback(() => {
    sessionStorage.removeItem(ATTEMPT);
    setChoices((prev) => ({ ...EMPTY, clinicId: prev.clinicId }));
  }, []);
  return { choices, set, chooseClinic, reset };
}

/**
 * One Idempotency-Key per booking attempt: the same request (say, retried after a network error or a reload)
 * reuses its key, so it can never book twice; a different request gets a new one.
 */
export function attemptKey(body: string, fresh: () => string): string {
  const saved = read<{ body: string; key: string }>(ATTEMPT);
  if (saved.body === body && saved.key) return saved.key;
  const key = fresh();
  sessionStorage.setItem(ATTEMPT, JSON.stringify({ body, key }));
  return key;
}
