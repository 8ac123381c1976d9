import { describe, expect, it } from 'vitest';
import {
  CURRENT_ZONE_NAMES,
  canonicalTimeZones,
  commonZoneLabel,
  timeZoneGroups,
  zoneOffset,
  zonePlace,
} from '../../web/src/components/time-zones.ts';

const SUPPORTED = Intl.supportedValuesOf('timeZone');
const ZONES = canonicalTimeZones(SUPPORTED);
const JULY = new Date('2026-07-01T12:00:00Z');
const JANUARY = new Date('2026-01-15T12:00:00Z');
const values = (groups: { choices: { value: string }[] }[]) =>
  groups.flatMap((g) => g.choices.map((c) => c.value));

describe('canonicalTimeZones', () => {
  it('offers the current names instead of the old ones ICU still lists, each once, and UTC', () => {
    expect(SUPPORTED).toContain('Asia/Calcutta');
    expect(ZONES).toContain('Asia/Kolkata');
    expect(ZONES).toContain('Asia/Ho_Chi_Minh');
    expect(ZONES).toContain('America/Argentina/Buenos_Aires');
    for (const old of Object.keys(CURRENT_ZONE_NAMES)) expect(ZONES, old).not.toContain(old);
    expect(new Set(ZONES).size).toBe(ZONES.length);
    expect(ZONES).toContain('UTC');
  });

  it('keeps the old name where the browser does not know the new one, and drops what the server refuses', () => {
    const oldBrowser = (zone: string) => zone !== 'Europe/Kyiv';
    expect(canonicalTimeZones(['Europe/Kiev', 'Asia/Calcutta'], oldBrowser)).toEqual([
      'Europe/Kiev',
      'Asia/Kolkata',
      'UTC',
    ]);
    expect(canonicalTimeZones(['EST', 'Mars/Olympus', 'Europe/Paris'])).toEqual(['Europe/Paris', 'UTC']);
  });
});

describe('zone labels', () => {
  it('names the place first, with its state or country', () => {
    expect(zonePlace('America/Argentina/Buenos_Aires')).toBe('Buenos Aires, Argentina');
    expect(zonePlace('America/Los_Angeles')).toBe('Los Angeles');
    expect(zonePlace('UTC')).toBe('UTC');
  });

  it('gives the offset on the day, with daylight saving time and half hours', () => {
    expect(zoneOffset('America/Los_Angeles', JULY)).toBe('UTC−7');
    expect(zoneOffset('America/Los_Angeles', JANUARY)).toBe('UTC−8');
    expect(zoneOffset('Asia/Kolkata', JULY)).toBe('UTC+5:30');
    expect(zoneOffset('UTC', JULY)).toBe('UTC');
    expect(zoneOffset('Europe/London', JANUARY)).toBe('UTC');
  });

  it('labels a common zone with its name, abbreviation and offset', () => {
    expect(commonZoneLabel('America/Los_Angeles', JULY)).toBe('Pacific Time — Los Angeles (PDT, UTC−7)');
    expect(commonZoneLabel('America/Phoenix', JULY)).toBe('Mountain Standard Time — Phoenix (MST, UTC−7)');
    // No English abbreviation for India: the offset alone.
    expect(commonZoneLabel('Asia/Kolkata', JULY)).toBe('India Standard Time — Kolkata (UTC+5:30)');
    expect(commonZoneLabel('UTC', JULY)).toBe('Coordinated Universal Time (UTC)');
  });
});

describe('timeZoneGroups', () => {
  it('lists the common zones first, then every other zone once by region', () => {
    const { groups } = timeZoneGroups({ zones: ZONES, value: 'America/Chicago', at: JULY });
    expect(groups[0]!.label).toBe('Common');
    expect(values([groups[0]!])).toEqual([
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
      'UTC',
    ]);
    expect(groups.map((g) => g.label)).toContain('Americas');
    expect(groups.find((g) => g.label === 'Europe')!.choices[0]).toEqual({
      value: 'Europe/Amsterdam',
      label: 'Amsterdam',
    });
    const all = values(groups);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...ZONES].sort());
  });

  it("adds the browser's own zone to the common ones", () => {
    const { groups } = timeZoneGroups({ zones: ZONES, value: 'UTC', at: JULY, localZone: 'Asia/Calcutta' });
    expect(groups[0]!.choices.at(-2)).toEqual({
      value: 'Asia/Kolkata',
      label: 'India Standard Time — Kolkata (UTC+5:30)',
    });
    expect(values(groups.slice(1))).not.toContain('Asia/Kolkata');
  });

  it('narrows to zones matching every word, old names included, and names the first match', () => {
    const chicago = timeZoneGroups({
      zones: ZONES,
      value: 'America/Los_Angeles',
      search: 'chicago',
      at: JULY,
    });
    expect(chicago.best).toBe('America/Chicago');
    expect(chicago.matched).toBe(1);
    // The saved zone stays offered so the select keeps showing it, but it is not a match.
    expect(values(chicago.groups)).toEqual(['America/Los_Angeles', 'America/Chicago']);

    const calcutta = timeZoneGroups({ zones: ZONES, value: 'UTC', search: 'Calcutta', at: JULY });
    expect(calcutta.best).toBe('Asia/Kolkata');
    expect(timeZoneGroups({ zones: ZONES, value: 'UTC', search: 'new york', at: JULY }).best).toBe(
      'America/New_York',
    );
    expect(timeZoneGroups({ zones: ZONES, value: 'UTC', search: 'buenos aires', at: JULY }).best).toBe(
      'America/Argentina/Buenos_Aires',
    );
    const none = timeZoneGroups({ zones: ZONES, value: 'UTC', search: 'atlantis', at: JULY });
    expect(none.matched).toBe(0);
    expect(none.best).toBeUndefined();
  });

  it('shows a clinic saved under an old name as the option of its current name, keeping the saved value', () => {
    const { groups } = timeZoneGroups({ zones: ZONES, value: 'Asia/Calcutta', at: JULY });
    const all = groups.flatMap((g) => g.choices);
    expect(all.filter((c) => c.label === 'Kolkata')).toEqual([{ value: 'Asia/Calcutta', label: 'Kolkata' }]);
    expect(all.map((c) => c.value)).not.toContain('Asia/Kolkata');
  });
});
