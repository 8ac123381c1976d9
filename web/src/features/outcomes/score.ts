import { getInstrument, isInstrumentId } from '../../../../src/domain/outcomes/instruments/index.ts';

/** A score or change as read: whole, or to one decimal. */
export const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * The unit of an instrument's score, from its scoring rule: "%" for a percentage index (ODI), none for a
 * score in points on its own scale.
 */
export function scoreUnit(instrumentId: string): '%' | null {
  if (!isInstrumentId(instrumentId)) return null;
  const instrument = getInstrument(instrumentId);
  const primary = instrument.primary;
  if (primary.kind !== 'scale') return null;
  const scale = instrument.scales.find((s) => s.id === primary.scaleId);
  return scale?.rule.kind === 'percent-of-answered-max' ? '%' : null;
}

/** A score as read beside its instrument: "44 %", "6", "7.5" (one decimal at most). */
export function scoreText(instrumentId: string, score: number): string {
  const unit = scoreUnit(instrumentId);
  return unit ? `${formatScore(score)} ${unit}` : formatScore(score);
}
