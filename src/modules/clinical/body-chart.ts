/**
 * Body-chart findings: the one shape used by the intake's pain map, assessments and session notes, and the
 * comparison of two dates. Zod and pure functions only (the web app imports this file).
 */
import { z } from 'zod';
import { BODY_REGIONS, getRegion, type RegionId } from '../../domain/catalog/body-regions.ts';

export const REGION_IDS = BODY_REGIONS.map((r) => r.id) as [RegionId, ...RegionId[]];
export const regionIdSchema = z.enum(REGION_IDS).describe('Body region id from the catalog (e.g. calf-left)');

export const BODY_FINDING_KINDS = [
  'pain',
  'tension',
  'trigger_point',
  'numbness_tingling',
  'swelling',
  'scar',
] as const;
export type BodyFindingKind = (typeof BODY_FINDING_KINDS)[number];
export const BODY_FINDING_LABELS: Readonly<Record<BodyFindingKind, string>> = {
  pain: 'Pain',
  tension: 'Tension',
  trigger_point: 'Trigger point',
  numbness_tingling: 'Numbness / tingling',
  swelling: 'Swelling',
  scar: 'Scar',
};

/** Kinds that carry an intensity 0–10 (required for pain, optional for the others; never for a scar). */
const INTENSITY_KINDS = new Set<BodyFindingKind>([
  'pain',
  'tension',
  'trigger_point',
  'numbness_tingling',
  'swelling',
]);

export const bodyChartFinding = z
  .strictObject({
    region: regionIdSchema,
    kind: z.enum(BODY_FINDING_KINDS),
    intensity: z.number().int().min(0).max(10).optional().describe('0–10; required for pain'),
    note: z.string().trim().max(280).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'pain' && f.intensity === undefined)
      ctx.addIssue({ code: 'custom', path: ['intensity'], message: 'Pain needs an intensity 0–10' });
    if (!INTENSITY_KINDS.has(f.kind) && f.intensity !== undefined)
      ctx.addIssue({ code: 'custom', path: ['intensity'], message: `A ${f.kind} has no intensity` });
  });
export type BodyChartFinding = z.infer<typeof bodyChartFinding>;

export const bodyChart = z
  .array(bodyChartFinding)
  .max(200)
  .superRefine((findings, ctx) => {
    const seen = new Set<string>();
    findings.forEach((f, i) => {
      const key = `${f.region}|${f.kind}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [i], message: `${f.kind} on ${f.region} is listed twice` });
      seen.add(key);
    });
  });

/** The intake's pain map (one level, several regions) as body-chart findings. */
export function findingsFromIntakePain(pain: { level?: number; regions?: string[] } | undefined) {
  if (!pain?.regions?.length || pain.level === undefined) return [];
  const level = Math.max(0, Math.min(10, Math.round(pain.level)));
  return pain.regions
    .filter((r): r is RegionId => (REGION_IDS as string[]).includes(r))
    .map((region) => ({ region, kind: 'pain' as const, intensity: level }));
}

export const REGION_CHANGES = ['new', 'resolved', 'better', 'worse', 'unchanged', 'changed'] as const;

export const bodyChartSource = z.object({
  type: z.enum(['assessment', 'session_note', 'intake']),
  id: z.string(),
  date: z.string(),
});

/**
 * Who drew a body chart: the clinicians (evaluations and session notes) or the patient (the pain map of their
 * health history). A questionnaire is not an examination: charts are compared only with their own kind.
 */
export const CHART_KINDS = ['clinician', 'patient'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
export const chartKindOf = (source: z.infer<typeof bodyChartSource>): ChartKind =>
  source.type === 'intake' ? 'patient' : 'clinician';

export const regionComparison = z.object({
  region: z.string(),
  label: z.string(),
  before: z.array(bodyChartFinding),
  after: z.array(bodyChartFinding),
  painBefore: z.number().nullable(),
  painAfter: z.number().nullable(),
  change: z.enum(REGION_CHANGES),
});

export const bodyChartComparison = z.object({
  from: z.object({
    date: z.string(),
    source: bodyChartSource.nullable(),
    findings: z.array(bodyChartFinding),
  }),
  to: z.object({ date: z.string(), source: bodyChartSource.nullable(), findings: z.array(bodyChartFinding) }),
  regions: z.array(regionComparison),
});

/** A burden per region: pain counts by its intensity, others by intensity (or 1) — lower is better. */
const burden = (findings: readonly BodyChartFinding[]) =>
  findings.reduce((sum, f) => sum + (f.kind === 'scar' ? 0 : (f.intensity ?? 1)), 0);

/** What changed per region between two body charts (regions in catalog order). */
export function compareBodyCharts(
  before: readonly BodyChartFinding[],
  after: readonly BodyChartFinding[],
): z.infer<typeof regionComparison>[] {
  const regions = new Set([...before, ...after].map((f) => f.region));
  return REGION_IDS.filter((r) => regions.has(r)).map((region) => {
    const b = before.filter((f) => f.region === region);
    const a = after.filter((f) => f.region === region);
    const painBefore = b.find((f) => f.kind === 'pain')?.intensity ?? null;
    const painAfter = a.find((f) => f.kind === 'pain')?.intensity ?? null;
    let change: (typeof REGION_CHANGES)[number];
    const key = (list: BodyChartFinding[]) =>
      list
        .map((f) => `${f.kind}:${f.intensity ?? ''}`)
        .sort()
        .join(',');
    if (b.length === 0) change = 'new';
    else if (a.length === 0) change = 'resolved';
    else if (key(a) === key(b)) change = 'unchanged';
    else if (painBefore !== null && painAfter !== null && painBefore !== painAfter)
      change = painAfter < painBefore ? 'better' : 'worse';
    else {
      const diff = burden(a) - burden(b);
      change = diff < 0 ? 'better' : diff > 0 ? 'worse' : 'changed';
    }
    return { region, label: getRegion(region).label, before: b, after: a, painBefore, painAfter, change };
  });
}
