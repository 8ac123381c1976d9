// classifyChange: compares two scores of the same instrument (and scale) against an MCID.
import { getInstrument } from './instruments/index.ts';
import type {
  ChangeClass,
  ChangeResult,
  ClassifyOptions,
  InstrumentDefinition,
  InstrumentId,
  McidEntry,
  McidThreshold,
  McidUsed,
  ScoreRange,
} from './types.ts';

/** Tolerance so that a change of exactly the MCID (e.g. BCTQ 3.05 → 2.00 = 1.05) counts as meeting it. */
const EPSILON = 1e-9;

interface ScoreTarget {
  readonly scaleId: string;
  readonly range: ScoreRange;
  readonly mcids: readonly McidEntry[];
}

/** The primary score's id: the scale id, or the id of the summed total (FIQR 'total'). */
export function primaryScoreId(def: InstrumentDefinition): string {
  return def.primary.kind === 'scale' ? def.primary.scaleId : def.primary.id;
}

function resolveTarget(def: InstrumentDefinition, scaleId: string | undefined): ScoreTarget {
  const id = scaleId ?? primaryScoreId(def);
  const primary = def.primary;
  if (primary.kind === 'sum-of-scales' && primary.id === id) {
    return { scaleId: id, range: primary.range, mcids: primary.mcids };
  }
  const scale = def.scales.find((candidate) => candidate.id === id);
  if (scale === undefined) throw new RangeError(`${def.name} has no scale '${id}'`);
  return { scaleId: id, range: scale.range, mcids: scale.mcids };
}

/** The default MCID entry for a scale (primary score when omitted), or undefined if none is published. */
export function defaultMcid(instrumentId: InstrumentId, scaleId?: string): McidEntry | undefined {
  return resolveTarget(getInstrument(instrumentId), scaleId).mcids.find((entry) => entry.isDefault);
}

function checkScore(def: InstrumentDefinition, target: ScoreTarget, label: string, value: number): void {
  if (!Number.isFinite(value) || value < target.range.min || value > target.range.max) {
    throw new RangeError(
      `${def.name} ${target.scaleId} ${label} ${String(value)} outside ${target.range.min}–${target.range.max}`,
    );
  }
}

function pickMcid(
  def: InstrumentDefinition,
  target: ScoreTarget,
  options: ClassifyOptions,
): { id: string; source: string; thresholds: readonly McidThreshold[] } {
  if (options.mcid !== undefined) {
    const { thresholds, source } = options.mcid;
    if (thresholds.length === 0 || thresholds.some((t) => !(t.value > 0) || !Number.isFinite(t.value))) {
      throw new RangeError('Custom MCID thresholds must be positive finite numbers');
    }
    return { id: 'custom', source, thresholds };
  }
  const entry =
    options.mcidId === undefined
      ? target.mcids.find((candidate) => candidate.isDefault)
      : target.mcids.find((candidate) => candidate.id === options.mcidId);
  if (entry === undefined) {
    const what = options.mcidId === undefined ? 'no published MCID' : `no MCID '${options.mcidId}'`;
    throw new RangeError(`${def.name} ${target.scaleId}: ${what}; pass options.mcid`);
  }
  // The citation as a reader knows it; the reference key (`entry.source`) is for whoever checks the value.
  return { id: entry.id, source: entry.citation, thresholds: entry.thresholds };
}

/**
 * Classifies the change from `baseline` to `current` with the instrument's direction and default MCID
 * (or `options.mcidId` / `options.mcid`). A threshold is met at exactly the MCID. Multiple thresholds
 * combine with OR (NPRS: ≥2 points OR ≥30 %). Percent thresholds are relative to |baseline|; with a
 * baseline of 0 any change counts as an infinite percentage. Worsening uses the same thresholds.
 * Throws RangeError for scores outside the scale range or when no MCID is available.
 */
export function classifyChange(
  instrumentId: InstrumentId,
  baseline: number,
  current: number,
  options: ClassifyOptions = {},
): ChangeResult {
  const def = getInstrument(instrumentId);
  const target = resolveTarget(def, options.scale);
  checkScore(def, target, 'baseline', baseline);
  checkScore(def, target, 'current', current);
  const mcid = pickMcid(def, target, options);

  const change = current - baseline;
  const percentChange = baseline === 0 ? null : (change / Math.abs(baseline)) * 100;
  // Positive = better for the patient.
  const gain = def.direction === 'higher-is-worse' ? -change : change;
  const relativeGain =
    baseline === 0 ? (gain === 0 ? 0 : Math.sign(gain) * Infinity) : (gain / Math.abs(baseline)) * 100;
  const magnitude = (threshold: McidThreshold): number => (threshold.unit === 'points' ? gain : relativeGain);

  let classification: ChangeClass = 'no-meaningful-change';
  let decisive: McidThreshold | undefined = mcid.thresholds.find((t) => magnitude(t) >= t.value - EPSILON);
  if (decisive !== undefined) classification = 'improved';
  else {
    decisive = mcid.thresholds.find((t) => -magnitude(t) >= t.value - EPSILON);
    if (decisive !== undefined) classification = 'worse';
  }
  const used = decisive ?? mcid.thresholds[0]!;
  const mcidUsed: McidUsed = { value: used.value, unit: used.unit, source: mcid.source, id: mcid.id };

  return {
    instrumentId,
    scaleId: target.scaleId,
    change,
    percentChange,
    direction: def.direction,
    classification,
    mcidUsed,
  };
}
