import type { RegionId, SiteId } from '../catalog/body-regions.ts';
import type { PressureDepth, SafetyTag, TechniqueId } from '../catalog/techniques.ts';
import type { ConditionCode, MedicationClass } from './codes.ts';

/** Calendar date, `YYYY-MM-DD` (a full ISO timestamp is accepted and truncated to its UTC date). */
export type IsoDate = string;

/** Accepts the known codes with autocompletion, but also any string (from forms or older records). */
export type ConditionCodeInput = ConditionCode | (string & {});
export type MedicationClassInput = MedicationClass | (string & {});
export type SiteInput = SiteId | (string & {});

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

export interface ConditionEntry {
  readonly code: ConditionCodeInput;
  /** Where on the body (region or group ids). Needed by site rules; missing = treated as anywhere. */
  readonly site?: readonly SiteInput[];
  /** Onset or diagnosis date; used by time-limited rules such as recent stroke. */
  readonly onset?: IsoDate;
  /** Date it resolved; from this date on it no longer applies. */
  readonly resolvedOn?: IsoDate;
  readonly note?: string;
}

export interface MedicationEntry {
  readonly class: MedicationClassInput;
  readonly name?: string;
  readonly startedOn?: IsoDate;
  readonly stoppedOn?: IsoDate;
}

export interface SurgeryEntry {
  readonly date?: IsoDate;
  readonly site?: readonly SiteInput[];
  readonly description?: string;
}

export interface PregnancyEntry {
  /** Gestational weeks as recorded on `weeksRecordedOn` (or, without that date, as of the screening date). */
  readonly weeks?: number;
  readonly weeksRecordedOn?: IsoDate;
  /** Estimated due date; preferred over `weeks` when both are given. */
  readonly dueDate?: IsoDate;
  /** Pre-eclampsia, bleeding, preterm contractions or any pregnancy the provider calls high-risk. */
  readonly highRisk?: boolean;
}

export interface HealthProfile {
  readonly birthDate?: IsoDate;
  readonly conditions?: readonly ConditionEntry[];
  readonly medications?: readonly MedicationEntry[];
  readonly surgeries?: readonly SurgeryEntry[];
  readonly pregnancy?: PregnancyEntry | null;
  readonly allergies?: readonly string[];
}

/** A technique id from the catalog or a bare safety tag. */
export type TechniqueRef = TechniqueId | SafetyTag;

/** Every listed technique is planned over every listed region. */
export interface ProposedTreatment {
  readonly techniques: readonly (TechniqueRef | (string & {}))[];
  readonly regions: readonly SiteInput[];
  /** Planned pressure for all techniques; when absent each technique's default pressure is used. */
  readonly pressure?: PressureDepth;
  /**
   * A plan of care: the pressure is the therapist's to choose at each visit. A technique too deep at its usual
   * pressure, and not itself ruled out, is then a precaution (given at the pressure allowed), not a block; the
   * session note screens the pressure given.
   */
  readonly pressureAdjustable?: boolean;
}

/**
 * The physician's answer. `cleared` and `cleared-with-limits` lift what they name (the limits are words the
 * therapist reads beside the flag); `not-cleared` lifts nothing: the restriction stands, with this answer.
 */
export type ClearanceAnswer = 'cleared' | 'cleared-with-limits' | 'not-cleared';

/** A recorded physician clearance, or a physician's refusal to clear (`answer: 'not-cleared'`). */
export interface Clearance {
  /** The rule it clears (e.g. `pregnancy-first-trimester`) … */
  readonly ruleId?: string;
  /** … or one specific finding (`Finding.key`). At least one of the two is needed. */
  readonly findingKey?: string;
  /** Date the physician gave it. It does not cover facts dated after it (e.g. a later surgery). */
  readonly date: IsoDate;
  readonly expiresOn?: IsoDate;
  /** Limits what it covers; absent = the whole finding. */
  readonly scope?: {
    readonly regions?: readonly SiteInput[];
    readonly techniques?: readonly SafetyTag[];
  };
  readonly clearedBy?: string;
  readonly note?: string;
  /** Absent: `cleared`. */
  readonly answer?: ClearanceAnswer;
  /** With `cleared-with-limits`: the areas, techniques or pressure the physician limits massage to. */
  readonly limits?: string;
  /** When the answer was recorded (ISO instant): orders two answers dated the same day. */
  readonly recordedAt?: string;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/**
 * defer: no treatment at all today. avoid-area: no work on the affected area.
 * avoid-technique: named techniques ruled out. clearance: ruled out until a physician clears it.
 * precaution: treat, but modify technique (may still rule out some techniques or pressures).
 */
export type Severity = 'defer' | 'avoid-area' | 'avoid-technique' | 'clearance' | 'precaution';

/** required: the rule exists to ask for clearance. may-override: a clearance lifts it. */
export type ClearancePolicy = 'required' | 'may-override' | 'not-overridable';

export type TechniqueScope = 'all' | readonly SafetyTag[];

export type RuleSite =
  | { readonly kind: 'everywhere' }
  /** the regions recorded on the finding */
  | { readonly kind: 'finding-site' }
  /** every region of the groups (limbs, neck, lumbar …) that contain the finding's regions */
  | { readonly kind: 'finding-group' }
  | { readonly kind: 'fixed'; readonly sites: readonly SiteId[] };

export interface RuleWhen {
  /** Gestational weeks: from (inclusive) … before (exclusive). */
  readonly pregnancyWeeks?: { readonly from?: number; readonly before?: number };
  /** Applies only while the finding's date is this recent. */
  readonly within?: { readonly days: number } | { readonly months: number };
}

/** sourced: a non-secondary source; secondary: only [S] sources; not-verified: NV in the reference. */
export type Evidence = 'sourced' | 'secondary' | 'not-verified';

export interface SafetyRule {
  readonly id: string;
  readonly triggers: readonly ConditionCode[];
  readonly when?: RuleWhen;
  readonly severity: Severity;
  /** Techniques that may not be used on the affected area. */
  readonly rulesOut?: TechniqueScope;
  /** Techniques that may be used, with care. */
  readonly modifies?: TechniqueScope;
  /** Pressure above this depth is ruled out on the affected area. */
  readonly maxPressure?: PressureDepth;
  /**
   * The care the rule asks of the work is its pressure limit alone ("light pressure only"): work at or under
   * `maxPressure` already meets it, so a session note marks only the rows it asks something of.
   */
  readonly pressureOnly?: boolean;
  readonly site: RuleSite;
  /** What is restricted, in words. `{area}` is replaced by the affected area ("the left leg"). */
  readonly restriction: string;
  /** Why, in plain words. */
  readonly reason: string;
  /** What the therapist does. `{area}` is replaced as above. */
  readonly action: string;
  readonly clearance: ClearancePolicy;
  /** Keys of the clinical reference list, e.g. "R47". */
  readonly sources: readonly string[];
  readonly evidence: Evidence;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export interface ProposalConflict {
  readonly technique: string;
  /** Safety tags of the technique (empty for an unknown technique). */
  readonly tags: readonly SafetyTag[];
  readonly regions: readonly RegionId[];
  /** technique: the technique is ruled out there; pressure: it is too deep there. */
  readonly because: 'technique' | 'pressure';
  readonly pressure: PressureDepth;
}

export interface Finding {
  /** `<ruleId>:<condition>@<sites>`; stable while the underlying record is unchanged. */
  readonly key: string;
  readonly ruleId: string;
  readonly condition: ConditionCode;
  /** The health fact in words ("Blood clot (DVT) in the left calf"). */
  readonly subject: string;
  readonly severity: Severity;
  readonly ruledOut: TechniqueScope;
  readonly modified: TechniqueScope;
  readonly maxPressure: PressureDepth | null;
  /** See `SafetyRule.pressureOnly`. */
  readonly pressureOnly: boolean;
  readonly regions: 'everywhere' | readonly RegionId[];
  /** The rule needs a site and none was recorded, so it is applied everywhere. */
  readonly siteUnknown: boolean;
  /** The rule is time-limited and no date was recorded, so it is assumed recent. */
  readonly dateUnknown: boolean;
  /** The restriction with its area filled in ("no massage of the left leg …"). */
  readonly restriction: string;
  /** One self-contained sentence: subject, restriction, reason and source. */
  readonly message: string;
  readonly reason: string;
  readonly action: string;
  readonly sources: readonly string[];
  readonly evidence: Evidence;
  readonly clearancePolicy: ClearancePolicy;
  /** A recorded clearance covers this finding (required clearance given, or override). */
  readonly acknowledged: boolean;
  /** A clearance lifted a finding that is not itself a clearance requirement. */
  readonly overridden: boolean;
  readonly clearance: Clearance | null;
  /** The physician's latest answer not to clear this finding (the restriction stands), when no later clearance covers it. */
  readonly declined: Clearance | null;
  /**
   * screen(): the proposal uses something this finding rules out, and no clearance covers it.
   * screenProfile(): the finding rules something out and no clearance covers it.
   */
  readonly blocking: boolean;
  /** screen() only: where the proposal collides with this finding. */
  readonly conflicts: readonly ProposalConflict[];
}

export type IssueKind =
  | 'unknown-condition'
  | 'unknown-medication-class'
  | 'unknown-site'
  | 'unknown-technique'
  | 'invalid-date'
  | 'missing-date'
  | 'missing-site'
  | 'future-date'
  | 'pregnancy-weeks-unknown'
  | 'pregnancy-out-of-range'
  | 'invalid-clearance'
  | 'clearance-not-applicable'
  | 'empty-proposal';

/** review: a person must look before relying on the result. info: noted, result still usable. */
export interface ScreeningIssue {
  readonly kind: IssueKind;
  readonly level: 'review' | 'info';
  readonly message: string;
  readonly value?: string;
}

export type ScreeningStatus = 'clear' | 'proceed-with-precautions' | 'needs-review' | 'blocked';

export interface ScreeningResult {
  readonly onDate: IsoDate;
  readonly status: ScreeningStatus;
  /** True when any finding blocks the proposal. */
  readonly blocked: boolean;
  /** Findings that touch the proposal (blocking first). */
  readonly findings: readonly Finding[];
  /** Findings for this patient that do not touch this proposal. */
  readonly notApplicable: readonly Finding[];
  readonly issues: readonly ScreeningIssue[];
}

export interface ChartFlags {
  readonly onDate: IsoDate;
  /** Everything that applies to the patient today, most serious first. */
  readonly flags: readonly Finding[];
  readonly highestSeverity: Severity | null;
  /** Rule ids that still need a physician clearance. */
  readonly clearancesNeeded: readonly string[];
  readonly allergies: readonly string[];
  readonly issues: readonly ScreeningIssue[];
}
