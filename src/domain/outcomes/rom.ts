// Range-of-motion comparison against the reference values in rom-data.ts.
import { type JointMotion, ROM_NORMS, type RomNormSpec, type RomUnit, type RomValue } from './rom-data.ts';
import type { SourceKey } from './types.ts';

export {
  JOINT_MOTIONS,
  type JointMotion,
  ROM_NORMS,
  type RomNormSpec,
  type RomUnit,
  type RomValue,
} from './rom-data.ts';

export type RomStatus = 'within-normal' | 'limited' | 'impaired';

export interface RomOptions {
  /** Compare with the value from this source (e.g. 'R38' Muscolino); default is the first listed value. */
  readonly sourceKey?: SourceKey;
  /**
   * Palpa default, not from the reference: a motion is within normal when it reaches at least
   * (100 − tolerancePercent) % of the reference value. Default 10.
   */
  readonly tolerancePercent?: number;
  /** For motions whose normal is 0 (knee extension): degrees of deficit still counted normal. Default 5. */
  readonly toleranceDeg?: number;
}

export interface RomAssessment {
  readonly jointMotion: JointMotion;
  readonly measured: number;
  readonly unit: RomUnit;
  readonly status: RomStatus;
  readonly percentOfNormal: number | null;
  readonly normalUsed: RomValue;
  /** Measured beyond the reference value (not judged: may be normal variation or hypermobility). */
  readonly aboveReference: boolean;
  /** How the status was decided, with the source. */
  readonly rule: string;
}

export function getRomNorm(jointMotion: JointMotion): RomNormSpec {
  return ROM_NORMS[jointMotion];
}

function pickValue(spec: RomNormSpec, jointMotion: JointMotion, sourceKey: SourceKey | undefined): RomValue {
  const value =
    sourceKey === undefined
      ? spec.values[0]
      : spec.values.find((candidate) => candidate.sourceKey === sourceKey);
  if (value === undefined) throw new RangeError(`No ${jointMotion} value from source ${String(sourceKey)}`);
  return value;
}

function checkMeasured(spec: RomNormSpec, jointMotion: JointMotion, normal: number, measured: number): void {
  // Negative values are only meaningful for a zero-normal motion (knee extension deficit, e.g. −10).
  if (!Number.isFinite(measured) || (normal > 0 && measured < 0)) {
    throw new RangeError(`Invalid ${jointMotion} measurement ${String(measured)} ${spec.unit}`);
  }
}

/**
 * measured ÷ reference × 100. Null when the reference value is 0 (knee extension), where a
 * percentage means nothing. Throws RangeError for a negative or non-finite measurement.
 */
export function percentOfNormal(
  jointMotion: JointMotion,
  measured: number,
  options: RomOptions = {},
): number | null {
  const spec = getRomNorm(jointMotion);
  const value = pickValue(spec, jointMotion, options.sourceKey);
  checkMeasured(spec, jointMotion, value.normal, measured);
  return value.normal === 0 ? null : (measured / value.normal) * 100;
}

/**
 * Within normal / limited (and, for TMJ opening, impaired below 30 mm [R46]).
 * - TMJ: < 30 mm impaired [R46]; < 40 mm limited (usual lower limit [R44, S]); otherwise within normal.
 * - Zero-normal motions (knee extension, measured as degrees from full extension, negative = deficit):
 *   limited when the deficit exceeds toleranceDeg.
 * - Others: limited below (100 − tolerancePercent) % of the reference value.
 */
export function romStatus(
  jointMotion: JointMotion,
  measured: number,
  options: RomOptions = {},
): RomAssessment {
  const spec: RomNormSpec = getRomNorm(jointMotion);
  const normalUsed = pickValue(spec, jointMotion, options.sourceKey);
  checkMeasured(spec, jointMotion, normalUsed.normal, measured);
  const percent = normalUsed.normal === 0 ? null : (measured / normalUsed.normal) * 100;
  const aboveReference = measured > (normalUsed.range?.max ?? normalUsed.normal);
  const base = {
    jointMotion,
    measured,
    unit: spec.unit,
    percentOfNormal: percent,
    normalUsed,
    aboveReference,
  };

  if (spec.thresholds !== undefined) {
    const { lowerLimit, impairedBelow } = spec.thresholds;
    const status: RomStatus =
      measured < impairedBelow.normal
        ? 'impaired'
        : measured < lowerLimit.normal
          ? 'limited'
          : 'within-normal';
    return {
      ...base,
      status,
      rule: `< ${impairedBelow.normal} ${spec.unit} impaired (${impairedBelow.source}); < ${lowerLimit.normal} ${spec.unit} limited (${lowerLimit.source})`,
    };
  }
  if (normalUsed.normal === 0) {
    const toleranceDeg = options.toleranceDeg ?? 5;
    return {
      ...base,
      status: measured < -toleranceDeg ? 'limited' : 'within-normal',
      rule: `deficit > ${toleranceDeg} ${spec.unit} from ${normalUsed.normal} limited (${normalUsed.source})`,
    };
  }
  const tolerancePercent = options.tolerancePercent ?? 10;
  const cutOff = 100 - tolerancePercent;
  return {
    ...base,
    status: percent !== null && percent < cutOff - 1e-9 ? 'limited' : 'within-normal',
    rule: `< ${cutOff} % of ${normalUsed.normal} ${spec.unit} limited (${normalUsed.source})`,
  };
}
