/** A referral's diagnosis in words, the ICD-10 code after them: "Lymphedema, not elsewhere classified (I89.0)". */
export function diagnosisText(d: { code: string; description: string }): string {
  const words = d.description.trim();
  return words ? `${words} (${d.code})` : d.code;
}
