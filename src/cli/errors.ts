/** Exit codes: 0 success, 1 failure, 2 bad usage, 3 refused (a tampered file, a non-demo database…). */
export const EXIT = { ok: 0, failure: 1, usage: 2, refused: 3 } as const;

/** Thrown when the command deliberately refuses to act; the message says why. */
export class CliRefusal extends Error {}
