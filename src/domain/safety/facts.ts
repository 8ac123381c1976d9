/**
 * Turns a HealthProfile into a flat list of health facts (one condition code each) that rules
 * match against, and reports anything it cannot use as an issue instead of dropping it silently.
 */
import type { DateTime } from 'luxon';
import {
  describeRegions,
  expandSites,
  isSiteId,
  type RegionId,
  type SiteId,
} from '../catalog/body-regions.ts';
import {
  CONDITION_LABELS,
  type ConditionCode,
  isMedicationClass,
  MEDICATION_CONDITION,
  normaliseConditionCode,
} from './codes.ts';
import { ageInYears, daysBetween, parseIsoDate } from './dates.ts';
import { RULES } from './rules.ts';
import type { HealthProfile, IsoDate, PregnancyEntry, ScreeningIssue, SiteInput } from './types.ts';

export interface Fact {
  /** `<code>@<sites or *>[#date]`, stable while the record is unchanged. */
  readonly key: string;
  readonly code: ConditionCode;
  /** In words, e.g. "Blood clot (DVT) in the left calf". */
  readonly subject: string;
  /** null = no site recorded. */
  readonly sites: readonly RegionId[] | null;
  /** Onset, surgery or start date; null = not recorded. */
  readonly date: DateTime | null;
  /** Gestational weeks on the screening date; null = unknown or not a pregnancy. */
  readonly pregnancyWeeks: number | null;
}

export interface CollectedFacts {
  readonly facts: readonly Fact[];
  readonly issues: readonly ScreeningIssue[];
}

const TIME_LIMITED = new Set<ConditionCode>(RULES.filter((r) => r.when?.within).flatMap((r) => r.triggers));
const SITE_BASED = new Set<ConditionCode>(
  RULES.filter((r) => r.site.kind === 'finding-site' || r.site.kind === 'finding-group').flatMap(
    (r) => r.triggers,
  ),
);

export function collectFacts(profile: HealthProfile, onDate: DateTime): CollectedFacts {
  const facts: Fact[] = [];
  const issues: ScreeningIssue[] = [];
  const seen = new Set<string>();

  const date = (value: IsoDate | undefined, what: string): DateTime | null => {
    if (value === undefined) return null;
    const parsed = parseIsoDate(value);
    if (!parsed)
      issues.push(
        review('invalid-date', `${what}: "${value}" is not a valid date, so it was ignored.`, value),
      );
    return parsed;
  };

  const sites = (input: readonly SiteInput[] | undefined, what: string): RegionId[] | null => {
    const known: SiteId[] = [];
    for (const site of input ?? []) {
      if (isSiteId(site)) known.push(site);
      else issues.push(review('unknown-site', `${what}: unknown body site "${site}".`, site));
    }
    return known.length > 0 ? expandSites(known) : null;
  };

  const add = (
    code: ConditionCode,
    detail: string,
    where: RegionId[] | null,
    when: DateTime | null,
    weeks = null as number | null,
  ) => {
    const key = `${code}@${where ? where.join('+') : '*'}${when ? `#${when.toISODate()}` : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const label = CONDITION_LABELS[code];
    if (!where && SITE_BASED.has(code)) {
      issues.push(
        info('missing-site', `${label}: no body site recorded, so its area rules apply everywhere.`, code),
      );
    }
    if (!when && TIME_LIMITED.has(code)) {
      issues.push(info('missing-date', `${label}: no date recorded, so it is treated as recent.`, code));
    }
    // "in the right knee", unless the patient's own words already say it ("Surgery: right knee (28 days ago)").
    const regions = where ? describeRegions(where) : null;
    const named =
      regions !== null && detail.toLowerCase().includes(regions.replace(/^the /, '').toLowerCase());
    const place = regions && !named ? ` in ${regions}` : '';
    facts.push({
      key,
      code,
      subject: `${label}${detail}${place}`,
      sites: where,
      date: when,
      pregnancyWeeks: weeks,
    });
  };

  const isFuture = (when: DateTime | null, what: string): boolean => {
    if (!when || when <= onDate) return false;
    issues.push(info('future-date', `${what} is dated after the screening date, so it was not applied.`));
    return true;
  };

  const ago = (when: DateTime | null): string => {
    if (!when) return ' (date not recorded)';
    const days = daysBetween(when, onDate);
    return days === 1 ? ' (1 day ago)' : ` (${days} days ago)`;
  };

  for (const entry of profile.conditions ?? []) {
    const code = normaliseConditionCode(entry.code);
    if (!code) {
      issues.push(
        review(
          'unknown-condition',
          `Unknown condition code "${entry.code}": it was NOT screened. Map it to a known code or add a rule.`,
          entry.code,
        ),
      );
      continue;
    }
    const resolved = date(entry.resolvedOn, `${entry.code} resolved date`);
    if (resolved && resolved <= onDate) continue;
    const onset = date(entry.onset, `${entry.code} onset`);
    if (isFuture(onset, `${CONDITION_LABELS[code]} onset`)) continue;
    const where = sites(entry.site, CONDITION_LABELS[code]);
    if (code === 'pregnancy') {
      if (!profile.pregnancy) addPregnancy({}, onDate, issues, add, date);
      continue;
    }
    add(code, TIME_LIMITED.has(code) ? ago(onset) : '', where, onset);
  }

  for (const medication of profile.medications ?? []) {
    const cls = medication.class.trim().toLowerCase();
    if (!isMedicationClass(cls)) {
      issues.push(
        review(
          'unknown-medication-class',
          `Unknown medication class "${medication.class}"${medication.name ? ` (${medication.name})` : ''}: it was NOT screened.`,
          medication.class,
        ),
      );
      continue;
    }
    const started = date(medication.startedOn, `${cls} start date`);
    const stopped = date(medication.stoppedOn, `${cls} stop date`);
    if ((started && started > onDate) || (stopped && stopped <= onDate)) continue;
    add(MEDICATION_CONDITION[cls], medication.name ? `, ${medication.name}` : '', null, null);
  }

  for (const surgery of profile.surgeries ?? []) {
    const when = date(surgery.date, 'Surgery date');
    if (isFuture(when, 'Surgery')) continue;
    const detail = `${surgery.description ? `: ${surgery.description}` : ''}${ago(when)}`;
    add('recent-surgery', detail, sites(surgery.site, 'Surgery'), when);
  }

  if (profile.pregnancy) addPregnancy(profile.pregnancy, onDate, issues, add, date);

  const birth = date(profile.birthDate, 'Birth date');
  if (birth && ageInYears(birth, onDate) >= 60)
    add('age-over-60', ` (${ageInYears(birth, onDate)})`, null, null);

  return { facts, issues };
}

type AddFact = (code: ConditionCode, detail: string, where: null, when: null, weeks?: number | null) => void;

function addPregnancy(
  entry: PregnancyEntry,
  onDate: DateTime,
  issues: ScreeningIssue[],
  add: AddFact,
  date: (value: IsoDate | undefined, what: string) => DateTime | null,
): void {
  const due = date(entry.dueDate, 'Pregnancy due date');
  const recorded = date(entry.weeksRecordedOn, 'Pregnancy weeks recorded date');
  let weeks: number | null = null;
  if (due) weeks = 40 - daysBetween(onDate, due) / 7;
  else if (entry.weeks !== undefined && Number.isFinite(entry.weeks)) {
    weeks = entry.weeks + (recorded ? daysBetween(recorded, onDate) / 7 : 0);
  }
  let detail: string;
  if (weeks === null) {
    issues.push(
      review(
        'pregnancy-weeks-unknown',
        'Pregnancy without weeks or due date: every trimester rule is applied until it is recorded.',
      ),
    );
    detail = ' (weeks not recorded)';
  } else {
    if (weeks < 0 || weeks > 42) {
      issues.push(
        review(
          'pregnancy-out-of-range',
          `Pregnancy works out at ${Math.floor(weeks)} weeks on this date; check whether the record is out of date.`,
        ),
      );
    }
    detail = `, ${Math.floor(weeks)} weeks (${trimester(weeks)} trimester)`;
  }
  add('pregnancy', detail, null, null, weeks);
  if (entry.highRisk) add('high-risk-pregnancy', '', null, null);
}

/** First: before week 14; second: weeks 14–27; third: week 28 on. */
export function trimester(weeks: number): 'first' | 'second' | 'third' {
  if (weeks < 14) return 'first';
  return weeks < 28 ? 'second' : 'third';
}

function review(kind: ScreeningIssue['kind'], message: string, value?: string): ScreeningIssue {
  return value === undefined ? { kind, level: 'review', message } : { kind, level: 'review', message, value };
}

function info(kind: ScreeningIssue['kind'], message: string, value?: string): ScreeningIssue {
  return value === undefined ? { kind, level: 'info', message } : { kind, level: 'info', message, value };
}
