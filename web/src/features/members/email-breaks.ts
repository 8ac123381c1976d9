/**
 * An e-mail address cut where a line may break: before "@" and after each "." or "-"
 * ("theo.therapist@harbor.test" → "theo.", "therapist", "@harbor.", "test"). Rendered with <wbr> between the
 * pieces, a narrow column wraps at those points instead of mid-word.
 */
export function emailBreaks(email: string): string[] {
  return email.split(/(?=@)|(?<=[.-])/).filter(Boolean);
}
