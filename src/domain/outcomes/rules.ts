// Arithmetic for each ScoringRule kind. Pure: takes the answered values of one scale.
import type { ScoringRule } from './types.ts';

export type RuleOutcome = { ok: true; value: number; method: string } | { ok: false; message: string };

export interface RuleInput {
  /** Values of the answered items, in item order. */
  readonly answered: readonly number[];
  /** Number of items on the scale. */
  readonly itemCount: number;
  /** Highest allowed value of one item (ODI: 5). */
  readonly itemMax: number;
}

/** Formats a number for method strings: at most 2 decimals, no trailing zeros. */
export function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function tooMany(missing: number, maxMissing: number): RuleOutcome {
  return {
    ok: false,
    message: `${missing} item(s) missing; at most ${maxMissing} allowed`,
  };
}

export function applyRule(rule: ScoringRule, input: RuleInput): RuleOutcome {
  const n = input.answered.length;
  const missing = input.itemCount - n;
  const sum = sumOf(input.answered);
  switch (rule.kind) {
    case 'sum': {
      if (missing > rule.maxMissing) return tooMany(missing, rule.maxMissing);
      return { ok: true, value: sum, method: `sum of ${n} items = ${fmt(sum)}` };
    }
    case 'mean-of-rated': {
      if (n < rule.minRated) {
        return { ok: false, message: `${n} item(s) rated; at least ${rule.minRated} needed` };
      }
      const value = sum / n;
      return { ok: true, value, method: `sum ${fmt(sum)} ÷ ${n} rated = ${fmt(value)}` };
    }
    case 'mean': {
      if (missing > rule.maxMissing || n === 0) return tooMany(missing, rule.maxMissing);
      const value = sum / n;
      return { ok: true, value, method: `mean of ${n} answered items: ${fmt(sum)} ÷ ${n} = ${fmt(value)}` };
    }
    case 'sum-impute-mean': {
      if (missing > rule.maxMissing || n === 0) return tooMany(missing, rule.maxMissing);
      const mean = sum / n;
      const value = sum + missing * mean;
      const imputed = missing === 0 ? '' : ` + ${missing} missing × mean ${fmt(mean)}`;
      return { ok: true, value, method: `sum ${fmt(sum)}${imputed} = ${fmt(value)}` };
    }
    case 'percent-of-answered-max': {
      if (missing > rule.maxMissing || n === 0) return tooMany(missing, rule.maxMissing);
      const value = (sum / (input.itemMax * n)) * 100;
      return {
        ok: true,
        value,
        method: `sum ${fmt(sum)} ÷ (${input.itemMax} × ${n} answered) × 100 = ${fmt(value)}`,
      };
    }
    case 'dash': {
      if (missing > rule.maxMissing || n === 0) return tooMany(missing, rule.maxMissing);
      const value = (sum / n - 1) * 25;
      return { ok: true, value, method: `((sum ${fmt(sum)} ÷ ${n}) − 1) × 25 = ${fmt(value)}` };
    }
    case 'prorated-sum-divided': {
      if (missing > rule.maxMissing || n === 0) return tooMany(missing, rule.maxMissing);
      const weighted = (sum * input.itemCount) / n;
      const value = weighted / rule.divisor;
      const weighting = missing === 0 ? `${fmt(sum)}` : `${fmt(sum)} × ${input.itemCount}/${n}`;
      return { ok: true, value, method: `${weighting} ÷ ${rule.divisor} = ${fmt(value)}` };
    }
  }
}
