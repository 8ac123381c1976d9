// score(instrumentId, answers): scores a completed form with the rules in the clinical reference.
import { getInstrument } from './instruments/index.ts';
import { applyRule, fmt } from './rules.ts';
import type {
  Answers,
  Band,
  InstrumentDefinition,
  InstrumentId,
  ScaleDefinition,
  ScoreFailureDetail,
  ScoreResult,
  UnscoredScale,
} from './types.ts';
import { itemIndex, validateAnswers } from './validate.ts';

/** The first band whose upper bound is ≥ score (bands are listed from low to high). */
export function bandFor(bands: readonly Band[] | undefined, score: number): Band | undefined {
  if (bands === undefined) return undefined;
  return bands.find((band) => score <= band.max) ?? bands[bands.length - 1];
}

interface ScaleOutcome {
  readonly scale: ScaleDefinition;
  readonly answeredCount: number;
  readonly missingItems: string[];
  readonly result: ReturnType<typeof applyRule>;
}

function scoreScale(def: InstrumentDefinition, scale: ScaleDefinition, answers: Answers): ScaleOutcome {
  const items = itemIndex(def);
  const answered: number[] = [];
  const missingItems: string[] = [];
  let itemMax = 0;
  for (const itemId of scale.itemIds) {
    const item = items.get(itemId);
    for (const option of item?.scale.options ?? []) itemMax = Math.max(itemMax, option.value);
    const value = answers[itemId];
    if (typeof value === 'number') answered.push(value);
    else missingItems.push(itemId);
  }
  const result = applyRule(scale.rule, { answered, itemCount: scale.itemIds.length, itemMax });
  // Unrated PSFS slots are unused, not missing.
  const reportedMissing = scale.rule.kind === 'mean-of-rated' ? [] : missingItems;
  return { scale, answeredCount: answered.length, missingItems: reportedMissing, result };
}

/** Scores answers against a definition (use this for a definition merged with clinic-licensed text). */
export function scoreDefinition(def: InstrumentDefinition, answers: Answers): ScoreResult {
  const invalid = validateAnswers(def, answers);
  if (invalid.length > 0) return { ok: false, reason: 'invalid-answer', details: invalid };

  const failures: ScoreFailureDetail[] = [];
  const unscored: UnscoredScale[] = [];
  const values = new Map<string, number>();
  const missingItems: string[] = [];
  const methods: string[] = [];

  for (const scale of def.scales) {
    const outcome = scoreScale(def, scale, answers);
    if (scale.optional && outcome.answeredCount === 0) continue;
    if (!outcome.result.ok) {
      if (scale.optional) {
        unscored.push({ scaleId: scale.id, reason: 'too-many-missing', missingItems: outcome.missingItems });
        missingItems.push(...outcome.missingItems);
        methods.push(`${scale.name}: not scored (${outcome.result.message})`);
        continue;
      }
      failures.push({ scaleId: scale.id, message: `${scale.name}: ${outcome.result.message}` });
      continue;
    }
    values.set(scale.id, outcome.result.value);
    missingItems.push(...outcome.missingItems);
    methods.push(`${scale.name}: ${outcome.result.method}`);
  }
  if (failures.length > 0) return { ok: false, reason: 'too-many-missing', details: failures };

  let total: number;
  let bands: readonly Band[] | undefined;
  const primary = def.primary;
  if (primary.kind === 'scale') {
    const scale = def.scales.find((candidate) => candidate.id === primary.scaleId);
    total = values.get(primary.scaleId) ?? Number.NaN;
    bands = scale?.bands;
  } else {
    const parts = primary.scaleIds.map((id) => values.get(id) ?? Number.NaN);
    total = parts.reduce((sum, value) => sum + value, 0);
    bands = primary.bands;
    methods.push(`Total = ${parts.map(fmt).join(' + ')} = ${fmt(total)}`);
  }

  const subscores: Record<string, number> = {};
  if (def.scales.length > 1) for (const [id, value] of values) subscores[id] = value;
  for (const scale of def.scales) {
    const value = values.get(scale.id);
    if (scale.alsoReportAs !== undefined && value !== undefined) {
      subscores[scale.alsoReportAs.id] = value * scale.alsoReportAs.multiplier;
      methods.push(`${scale.alsoReportAs.id} = ${fmt(value)} × ${scale.alsoReportAs.multiplier}`);
    }
  }

  const band = bandFor(bands, total);
  return {
    ok: true,
    instrumentId: def.id,
    version: def.version,
    score: total,
    ...(Object.keys(subscores).length > 0 ? { subscores } : {}),
    ...(band !== undefined ? { band } : {}),
    missingItems,
    ...(unscored.length > 0 ? { unscoredScales: unscored } : {}),
    method: `${def.name}. ${methods.join('; ')}`,
  };
}

export function score(instrumentId: InstrumentId, answers: Answers): ScoreResult {
  return scoreDefinition(getInstrument(instrumentId), answers);
}
