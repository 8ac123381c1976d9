// Types for outcome-measure definitions, scores and change classification.
// Reference keys such as 'R9' point to /work/shared/domain/clinical-reference.md (see sources.ts).

export const INSTRUMENT_IDS = [
  'nprs',
  'psfs',
  'lefs',
  'ndi',
  'odi',
  'quickdash',
  'bctq',
  'fiqr',
  'hit6',
] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export type Direction = 'higher-is-worse' | 'higher-is-better';

/** Reference key from the clinical reference's source list, e.g. 'R9'. */
export type SourceKey = `R${number}`;

export interface AnswerOption {
  /** The value stored and scored (HIT-6 stores its item weight: 6, 8, 10, 11 or 13). */
  readonly value: number;
  /** Structural, language-neutral key where the scoring rule names the option (HIT-6 'sometimes'). */
  readonly key?: string;
  /** Display label; absent when the label is part of licensed text that is not shipped. */
  readonly label?: string;
}

export interface AnswerScale {
  readonly options: readonly AnswerOption[];
}

export interface ItemDefinition {
  readonly id: string;
  /** 1-based position on the published form. */
  readonly number: number;
  /** Domain, section or subscale the item belongs to. */
  readonly domain: string;
  readonly scale: AnswerScale;
  /** Item text; absent for licensed instruments until a clinic loads its licensed text. */
  readonly text?: string;
}

/**
 * How a scale turns item answers into a number. `maxMissing` is the most unanswered items tolerated.
 * - sum: plain sum (no proration).
 * - mean-of-rated: mean of the rated items; unrated items are unused, not missing (PSFS).
 * - mean: mean of the answered items.
 * - sum-impute-mean: sum, each missing item replaced by the mean of the answered items (NDI).
 * - percent-of-answered-max: sum ÷ (item max × items answered) × 100 (ODI).
 * - dash: ((sum ÷ n answered) − 1) × 25 (QuickDASH).
 * - prorated-sum-divided: (sum × items ÷ answered) ÷ divisor (FIQR domains).
 */
export type ScoringRule =
  | { readonly kind: 'sum'; readonly maxMissing: number }
  | { readonly kind: 'mean-of-rated'; readonly minRated: number }
  | { readonly kind: 'mean'; readonly maxMissing: number }
  | { readonly kind: 'sum-impute-mean'; readonly maxMissing: number }
  | { readonly kind: 'percent-of-answered-max'; readonly maxMissing: number }
  | { readonly kind: 'dash'; readonly maxMissing: number }
  | { readonly kind: 'prorated-sum-divided'; readonly divisor: number; readonly maxMissing: number };

export interface MissingPolicy {
  /** 'reference' when the clinical reference states the rule; 'palpa-choice' when it is silent. */
  readonly basis: 'reference' | 'palpa-choice';
  readonly note: string;
}

export interface Band {
  readonly id: string;
  readonly label: string;
  /** Inclusive bounds as printed in the source. A score falls in the first band whose `max` ≥ score. */
  readonly min: number;
  readonly max: number;
}

export interface McidThreshold {
  readonly value: number;
  /** 'points' = absolute change on the scale; 'percent' = change relative to baseline. */
  readonly unit: 'points' | 'percent';
}

export interface McidEntry {
  readonly id: string;
  /** Met when ANY threshold is met (NPRS: 2 points OR 30 %). */
  readonly thresholds: readonly McidThreshold[];
  readonly source: SourceKey;
  readonly citation: string;
  readonly kind: 'MCID' | 'MDC' | 'MID' | 'MIC';
  /** Exactly one entry per scored scale is the default used by classifyChange. */
  readonly isDefault: boolean;
  /** 'group' values (between-group MIDs) are not meant for classifying an individual. */
  readonly population: 'individual' | 'group';
  readonly note?: string;
}

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

export interface ScaleDefinition {
  readonly id: string;
  readonly name: string;
  readonly itemIds: readonly string[];
  readonly rule: ScoringRule;
  readonly missingPolicy: MissingPolicy;
  readonly range: ScoreRange;
  /** Optional modules (QuickDASH Work, Sports/Performing Arts) are scored only when any item is answered. */
  readonly optional: boolean;
  readonly mcids: readonly McidEntry[];
  readonly bands?: readonly Band[];
  /** An equivalent score reported alongside (NDI raw × 2 = %). */
  readonly alsoReportAs?: { readonly id: string; readonly multiplier: number; readonly range: ScoreRange };
  readonly sources: readonly SourceKey[];
}

/** The number reported as `score`: one scale, or the sum of several (FIQR). */
export type PrimaryScore =
  | { readonly kind: 'scale'; readonly scaleId: string }
  | {
      readonly kind: 'sum-of-scales';
      readonly id: string;
      readonly scaleIds: readonly string[];
      readonly range: ScoreRange;
      readonly mcids: readonly McidEntry[];
      readonly bands?: readonly Band[];
    };

export interface LoincCode {
  readonly code: string;
  readonly display: string;
  readonly part: 'panel' | 'total' | 'item';
  /** 'check' = seen only in a sample implementation guide; confirm on loinc.org before use. */
  readonly status: 'verified' | 'check';
  readonly source: SourceKey;
}

export interface Licensing {
  readonly itemTextShipped: boolean;
  readonly licence: string;
  readonly note: string;
  /** Set by withLicensedText when a clinic has loaded text it holds a licence for. */
  readonly clinicTextLoaded?: boolean;
}

export interface InstrumentDefinition {
  readonly id: InstrumentId;
  readonly name: string;
  readonly fullName: string;
  /** Revision of this definition (bump when scoring or items change); store it with raw answers. */
  readonly version: string;
  /** The published form this definition models. */
  readonly form: string;
  readonly measures: string;
  /** What it measures in a patient's words, lower case, no acronym: "pain rating", "how well your leg works". */
  readonly forPatients: string;
  readonly recall?: string;
  readonly direction: Direction;
  readonly items: readonly ItemDefinition[];
  readonly scales: readonly ScaleDefinition[];
  readonly primary: PrimaryScore;
  readonly loinc: readonly LoincCode[];
  readonly licensing: Licensing;
  readonly sources: readonly SourceKey[];
}

/** Item id → answer value, or null when the item was left unanswered. Absent keys count as unanswered. */
export type Answers = Readonly<Record<string, number | null>>;

export interface ScoreFailureDetail {
  readonly itemId?: string;
  readonly scaleId?: string;
  readonly value?: unknown;
  readonly message: string;
}

export interface UnscoredScale {
  readonly scaleId: string;
  readonly reason: 'too-many-missing';
  readonly missingItems: readonly string[];
}

export interface ScoreSuccess {
  readonly ok: true;
  readonly instrumentId: InstrumentId;
  readonly version: string;
  /** Unrounded; round for display only. */
  readonly score: number;
  /** Every scored scale plus derived scores (e.g. NDI percent); absent for single-scale instruments. */
  readonly subscores?: Readonly<Record<string, number>>;
  readonly band?: Band;
  readonly missingItems: readonly string[];
  /** Optional modules that were started but could not be scored. */
  readonly unscoredScales?: readonly UnscoredScale[];
  /** Human-readable account of the calculation, with reference keys. */
  readonly method: string;
}

export interface ScoreFailure {
  readonly ok: false;
  readonly reason: 'too-many-missing' | 'invalid-answer';
  readonly details: readonly ScoreFailureDetail[];
}

export type ScoreResult = ScoreSuccess | ScoreFailure;

export type ChangeClass = 'improved' | 'no-meaningful-change' | 'worse';

export interface McidUsed {
  readonly value: number;
  readonly unit: 'points' | 'percent';
  readonly source: string;
  /** McidEntry id, or 'custom' for a caller-supplied threshold. */
  readonly id: string;
}

export interface ChangeResult {
  readonly instrumentId: InstrumentId;
  readonly scaleId: string;
  /** current − baseline, in scale points. */
  readonly change: number;
  /** (current − baseline) ÷ |baseline| × 100; null when baseline is 0. */
  readonly percentChange: number | null;
  readonly direction: Direction;
  readonly classification: ChangeClass;
  /** The threshold that decided the classification (the first one when none was met). */
  readonly mcidUsed: McidUsed;
}

export interface ClassifyOptions {
  /** Scale to classify (BCTQ 'fss', QuickDASH 'work' / 'sports'); default is the primary score. */
  readonly scale?: string;
  /** Use a non-default McidEntry by id. */
  readonly mcidId?: string;
  /** Caller-supplied threshold(s); required for scales without a published MCID. */
  readonly mcid?: { readonly thresholds: readonly McidThreshold[]; readonly source: string };
}
