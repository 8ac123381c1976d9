/**
 * Named anatomical body regions used for screening, treatment records and the SVG body chart.
 *
 * IDs ARE STABLE. They are stored in patient records and used as SVG element ids by the body chart.
 * Never rename or delete an id; add new ones instead (see README.md).
 *
 * Paired regions have the form `<base>-left` / `<base>-right` (the patient's left and right).
 * Midline regions have no suffix.
 */

export type Side = 'left' | 'right' | 'midline';
export type View = 'front' | 'back';
export type LimbSide = 'left' | 'right';

/** Regions that exist once, on the midline. */
export const MIDLINE_REGION_IDS = [
  'head',
  'face',
  'neck-anterior',
  'neck-posterior',
  'chest',
  'abdomen',
  'upper-back',
  'mid-back',
  'low-back',
  'sacrum',
] as const;
export type MidlineRegionId = (typeof MIDLINE_REGION_IDS)[number];

/** Bases of regions that exist on both sides. */
export const PAIRED_REGION_BASES = [
  'jaw',
  'upper-trapezius',
  'shoulder',
  'axilla',
  'upper-arm',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'gluteal',
  'hip',
  'groin',
  'thigh-anterior',
  'thigh-posterior',
  'knee',
  'calf',
  'shin',
  'ankle',
  'foot',
] as const;
export type PairedRegionBase = (typeof PAIRED_REGION_BASES)[number];
export type PairedRegionId = `${PairedRegionBase}-${LimbSide}`;

export type RegionId = MidlineRegionId | PairedRegionId;

export const REGION_GROUP_IDS = [
  'head',
  'neck',
  'thoracic',
  'lumbar',
  'chest',
  'abdomen',
  'arm-left',
  'arm-right',
  'leg-left',
  'leg-right',
] as const;
/** A named area made of several regions. Every region belongs to exactly one group. */
export type RegionGroupId = (typeof REGION_GROUP_IDS)[number];

/** A place on the body: a single region or a whole group (e.g. `leg-left`). */
export type SiteId = RegionId | RegionGroupId;

export interface BodyRegion {
  readonly id: RegionId;
  /** Human label, e.g. "Left calf". */
  readonly label: string;
  readonly side: Side;
  /** Views of the body chart in which the region is drawn. */
  readonly views: readonly View[];
  readonly group: RegionGroupId;
}

export interface RegionGroup {
  readonly id: RegionGroupId;
  readonly label: string;
  readonly kind: 'limb' | 'axial';
  readonly side: Side;
}

const FRONT: readonly View[] = ['front'];
const BACK: readonly View[] = ['back'];
const BOTH: readonly View[] = ['front', 'back'];

const midline: readonly Omit<BodyRegion, 'side'>[] = [
  { id: 'head', label: 'Head and scalp', views: BOTH, group: 'head' },
  { id: 'face', label: 'Face', views: FRONT, group: 'head' },
  { id: 'neck-anterior', label: 'Front of the neck', views: FRONT, group: 'neck' },
  { id: 'neck-posterior', label: 'Back of the neck', views: BACK, group: 'neck' },
  { id: 'chest', label: 'Chest', views: FRONT, group: 'chest' },
  { id: 'abdomen', label: 'Abdomen', views: FRONT, group: 'abdomen' },
  { id: 'upper-back', label: 'Upper back', views: BACK, group: 'thoracic' },
  { id: 'mid-back', label: 'Mid back', views: BACK, group: 'thoracic' },
  { id: 'low-back', label: 'Low back', views: BACK, group: 'lumbar' },
  { id: 'sacrum', label: 'Sacrum', views: BACK, group: 'lumbar' },
];

type Limb = 'arm' | 'leg';
/** label, views, group kind ('arm' | 'leg' → arm-left etc.; otherwise a fixed axial group). */
const paired: Readonly<Record<PairedRegionBase, readonly [string, readonly View[], Limb | RegionGroupId]>> = {
  jaw: ['jaw (TMJ)', FRONT, 'head'],
  // Upper trapezius is grouped with the neck on purpose: neck restrictions (stroke, carotid bruit)
  // then cover it too, which is the conservative reading.
  'upper-trapezius': ['upper trapezius', BACK, 'neck'],
  shoulder: ['shoulder', BOTH, 'arm'],
  axilla: ['armpit (axilla)', FRONT, 'arm'],
  'upper-arm': ['upper arm', BOTH, 'arm'],
  elbow: ['elbow', BOTH, 'arm'],
  forearm: ['forearm', BOTH, 'arm'],
  wrist: ['wrist', BOTH, 'arm'],
  hand: ['hand', BOTH, 'arm'],
  gluteal: ['buttock (gluteal)', BACK, 'leg'],
  hip: ['hip', BOTH, 'leg'],
  groin: ['groin', FRONT, 'leg'],
  'thigh-anterior': ['front of the thigh', FRONT, 'leg'],
  'thigh-posterior': ['back of the thigh', BACK, 'leg'],
  knee: ['knee', BOTH, 'leg'],
  calf: ['calf', BACK, 'leg'],
  shin: ['shin', FRONT, 'leg'],
  ankle: ['ankle', BOTH, 'leg'],
  foot: ['foot', BOTH, 'leg'],
};

function pairedRegion(base: PairedRegionBase, side: LimbSide): BodyRegion {
  const [name, views, grouping] = paired[base];
  const group: RegionGroupId = grouping === 'arm' || grouping === 'leg' ? `${grouping}-${side}` : grouping;
  const sideWord = side === 'left' ? 'Left' : 'Right';
  return { id: `${base}-${side}`, label: `${sideWord} ${name}`, side, views, group };
}

export const BODY_REGIONS: readonly BodyRegion[] = [
  ...midline.map((r) => ({ ...r, side: 'midline' as const })),
  ...PAIRED_REGION_BASES.flatMap((base) => [pairedRegion(base, 'left'), pairedRegion(base, 'right')]),
];

export const REGION_GROUPS: readonly RegionGroup[] = [
  { id: 'head', label: 'Head, face and jaw', kind: 'axial', side: 'midline' },
  { id: 'neck', label: 'Neck', kind: 'axial', side: 'midline' },
  { id: 'thoracic', label: 'Upper and mid back', kind: 'axial', side: 'midline' },
  { id: 'lumbar', label: 'Low back and sacrum', kind: 'axial', side: 'midline' },
  { id: 'chest', label: 'Chest', kind: 'axial', side: 'midline' },
  { id: 'abdomen', label: 'Abdomen', kind: 'axial', side: 'midline' },
  { id: 'arm-left', label: 'Left arm', kind: 'limb', side: 'left' },
  { id: 'arm-right', label: 'Right arm', kind: 'limb', side: 'right' },
  { id: 'leg-left', label: 'Left leg', kind: 'limb', side: 'left' },
  { id: 'leg-right', label: 'Right leg', kind: 'limb', side: 'right' },
];

/** Whole limbs (shoulder to hand, buttock to foot). */
export const LIMB_GROUPS: readonly RegionGroup[] = REGION_GROUPS.filter((g) => g.kind === 'limb');

const regionById = new Map<string, BodyRegion>(BODY_REGIONS.map((r) => [r.id, r]));
const groupById = new Map<string, RegionGroup>(REGION_GROUPS.map((g) => [g.id, g]));

export function isRegionId(value: string): value is RegionId {
  return regionById.has(value);
}

export function isRegionGroupId(value: string): value is RegionGroupId {
  return groupById.has(value);
}

export function isSiteId(value: string): value is SiteId {
  return isRegionId(value) || isRegionGroupId(value);
}

export function getRegion(id: RegionId): BodyRegion {
  const region = regionById.get(id);
  if (!region) throw new Error(`Unknown body region: ${id}`);
  return region;
}

export function getRegionGroup(id: RegionGroupId): RegionGroup {
  const group = groupById.get(id);
  if (!group) throw new Error(`Unknown body region group: ${id}`);
  return group;
}

/** All region ids of a group, in catalog order. */
export function expandGroup(id: RegionGroupId): RegionId[] {
  return BODY_REGIONS.filter((r) => r.group === id).map((r) => r.id);
}

/** Region ids for a mix of regions and groups, deduplicated, in catalog order. */
export function expandSites(sites: readonly SiteId[]): RegionId[] {
  const wanted = new Set<string>();
  for (const site of sites) {
    if (isRegionGroupId(site)) for (const id of expandGroup(site)) wanted.add(id);
    else wanted.add(site);
  }
  return BODY_REGIONS.filter((r) => wanted.has(r.id)).map((r) => r.id);
}

/** Label of a region or group ("Left calf", "Left leg"). */
export function siteLabel(site: SiteId): string {
  return isRegionGroupId(site) ? getRegionGroup(site).label : getRegion(site as RegionId).label;
}

/**
 * Phrase for running text: a group is named when every one of its regions is present,
 * otherwise the regions are listed ("the left leg", "the left calf and the left shin").
 */
export function describeRegions(regions: readonly RegionId[]): string {
  const remaining = new Set<string>(regions);
  const parts: string[] = [];
  for (const group of REGION_GROUPS) {
    const members = expandGroup(group.id);
    if (members.length > 1 && members.every((m) => remaining.has(m))) {
      parts.push(`the ${lowerFirst(group.label)}`);
      for (const m of members) remaining.delete(m);
    }
  }
  for (const region of BODY_REGIONS) {
    if (remaining.has(region.id)) parts.push(`the ${lowerFirst(region.label)}`);
  }
  if (parts.length <= 1) return parts[0] ?? 'no region';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
