import { isValidTimeZone } from '../../../src/platform/schemas.ts';

/**
 * Zones that ICU (Chromium, Node) still lists under a name the tz database has since replaced (CLDR keeps old
 * names for stability), with the name the tz database's zone.tab gives them today.
 */
export const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

export const currentZoneName = (zone: string) => CURRENT_ZONE_NAMES[zone] ?? zone;

/** Where most clinics are: listed first, each with what it is called and its offset today. */
export const COMMON_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'UTC',
] as const;

const REGION_LABELS: Record<string, string> = {
  America: 'Americas',
  Atlantic: 'Atlantic Ocean',
  Indian: 'Indian Ocean',
  Pacific: 'Pacific Ocean',
};

/**
 * Each zone once, under its current name ("Asia/Kolkata", not "Asia/Calcutta"), and UTC. `isValid`: whether
 * this browser (and the server's rule) accepts the current name; an older one without it keeps the old name.
 */
export function canonicalTimeZones(
  supported: readonly string[],
  isValid: (zone: string) => boolean = isValidTimeZone,
): string[] {
  const zones = new Set<string>();
  for (const zone of supported) {
    if (!isValid(zone)) continue;
    const current = currentZoneName(zone);
    zones.add(isValid(current) ? current : zone);
  }
  zones.add('UTC');
  return [...zones];
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires, Argentina": the place first, as people look for it. */
export function zonePlace(zone: string): string {
  if (!zone.includes('/')) return zone;
  return zone.split('/').slice(1).reverse().join(', ').replaceAll('_', ' ');
}

// Making a formatter costs about a millisecond, and the common zones are labelled again as one types.
const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneNamePart(zone: string, at: Date, timeZoneName: 'short' | 'shortOffset' | 'longGeneric'): string {
  const key = `${zone} ${timeZoneName}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName });
    formatters.set(key, formatter);
  }
  return formatter.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** The zone's offset from UTC at `at`: "UTC−7", "UTC+5:30", "UTC". */
export function zoneOffset(zone: string, at: Date): string {
  const offset = zoneNamePart(zone, at, 'shortOffset').replace(/^GMT/, '');
  return offset === '' || /^[+-]0$/.test(offset) ? 'UTC' : `UTC${offset.replace('-', '−')}`;
}

/**
 * A common zone as people know it at `at`: "Pacific Time — Los Angeles (PDT, UTC−7)"; the abbreviation only where
 * English has one, the zone's name only where it is more than an offset.
 */
export function commonZoneLabel(zone: string, at: Date): string {
  if (zone === 'UTC') return 'Coordinated Universal Time (UTC)';
  const offset = zoneOffset(zone, at);
  const abbreviation = zoneNamePart(zone, at, 'short');
  const generic = zoneNamePart(zone, at, 'longGeneric');
  const place = zonePlace(zone);
  const named = generic && !generic.startsWith('GMT') ? `${generic} — ${place}` : place;
  return /^[A-Z]{2,5}$/.test(abbreviation) && abbreviation !== 'UTC'
    ? `${named} (${abbreviation}, ${offset})`
    : `${named} (${offset})`;
}

export interface ZoneChoice {
  value: string;
  label: string;
}
export interface ZoneGroup {
  label: string;
  choices: ZoneChoice[];
}

/** Search words: "new york" and "new_york" are the same, case aside. */
export const searchWords = (search: string) =>
  search
    .toLowerCase()
    .replaceAll('_', ' ')
    .split(/[\s,/]+/)
    .filter(Boolean);

const byPlace = new Intl.Collator('en');

/** Each current name's old one, so a search for the old name finds it. */
const OLD_ZONE_NAMES = new Map(Object.entries(CURRENT_ZONE_NAMES).map(([old, current]) => [current, old]));

/**
 * The time zones to offer, grouped: the common ones (and the browser's own) first with their offset today, then
 * every other by region, by place. `search` narrows them to zones whose name, old name or label has every word
 * ("calcutta" finds Kolkata); `matched` counts them. The stored `value` is always offered, as the option of its
 * current name when it is an old one, so the select never shows a choice that is not the saved one; `best`
 * is the first zone that matches, which typing in the search box chooses.
 */
export function timeZoneGroups({
  zones,
  value,
  search = '',
  at,
  localZone,
}: {
  zones: readonly string[];
  value: string;
  search?: string;
  at: Date;
  localZone?: string;
}): { groups: ZoneGroup[]; matched: number; best: string | undefined } {
  const words = searchWords(search);
  const selected = currentZoneName(value);
  const common: string[] = [...COMMON_ZONES];
  const local = localZone ? currentZoneName(localZone) : undefined;
  // The browser's own zone before UTC, the last of the common ones.
  if (local && zones.includes(local) && !common.includes(local)) common.splice(-1, 0, local);

  const choice = (zone: string, label: string): ZoneChoice => ({
    value: zone === selected ? value : zone,
    label,
  });
  const matches = (zone: string, label: string) => {
    const haystack = `${zone} ${OLD_ZONE_NAMES.get(zone) ?? ''} ${label}`.toLowerCase().replaceAll('_', ' ');
    return words.every((w) => haystack.includes(w));
  };

  const groups: ZoneGroup[] = [{ label: 'Common', choices: [] }];
  for (const zone of common) {
    const label = commonZoneLabel(zone, at);
    if (matches(zone, label)) groups[0]!.choices.push(choice(zone, label));
  }
  const byRegion = new Map<string, ZoneChoice[]>();
  for (const zone of zones) {
    if (common.includes(zone)) continue;
    const label = zonePlace(zone);
    if (!matches(zone, label)) continue;
    const region = zone.split('/')[0]!;
    const choices = byRegion.get(region) ?? [];
    choices.push(choice(zone, label));
    byRegion.set(region, choices);
  }
  for (const region of [...byRegion.keys()].sort()) {
    groups.push({
      label: REGION_LABELS[region] ?? region,
      choices: byRegion.get(region)!.sort((a, b) => byPlace.compare(a.label, b.label)),
    });
  }
  const matched = groups.reduce((n, g) => n + g.choices.length, 0);
  const best = groups.find((g) => g.choices.length > 0)?.choices[0]?.value;
  if (value && !groups.some((g) => g.choices.some((c) => c.value === value))) {
    const label = common.includes(selected)
      ? commonZoneLabel(selected, at)
      : zones.includes(selected)
        ? zonePlace(selected)
        : value;
    groups[0]!.choices.unshift({ value, label });
  }
  return { groups: groups.filter((g) => g.choices.length > 0), matched, best };
}
