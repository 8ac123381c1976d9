import { MIN_PASSWORD_LENGTH } from '../../../src/platform/schemas.ts';

/** The password policy, stated where people choose a password (the server enforces the same rules). */
export function PasswordRules() {
  return (
    <span>
      At least {MIN_PASSWORD_LENGTH} characters, and not a common or easily guessed password. A short sentence
      of unrelated words works well.
    </span>
  );
}
