/**
 * The screening severities in words and colours, most serious first (rank 0): the chart's safety strip, the
 * clearances and the therapist's day use the same words. Re-exported by labels.tsx.
 */
export const SEVERITY: Record<string, { label: string; tone: string; rank: number }> = {
  defer: { label: 'Defer treatment', tone: 'danger', rank: 0 },
  'avoid-area': { label: 'Avoid area', tone: 'danger', rank: 1 },
  'avoid-technique': { label: 'Avoid technique', tone: 'warning', rank: 2 },
  clearance: { label: 'Physician clearance', tone: 'warning', rank: 3 },
  precaution: { label: 'Precaution', tone: 'info', rank: 4 },
};
