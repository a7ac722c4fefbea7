import type { GeoPoint } from './geo-point';

/** A country's bounding box, widened a little (migrations/data/country-extents.csv). */
export interface CountryExtent {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

const inside = (extent: CountryExtent, lon: number, lat: number): boolean =>
  lon >= extent.minLon && lon <= extent.maxLon && lat >= extent.minLat && lat <= extent.maxLat;

/**
 * Why the point cannot be in the country, or null when it can. Swapped coordinates are the most
 * common error in published location data, so when the swapped pair falls inside, say so.
 */
export function outsideCountry(
  point: GeoPoint,
  countryCode: string,
  extent: CountryExtent | null,
): string | null {
  if (!extent || inside(extent, point.lon, point.lat)) return null;
  const box = `${extent.minLon}..${extent.maxLon} E, ${extent.minLat}..${extent.maxLat} N`;
  if (Math.abs(point.lon) <= 90 && inside(extent, point.lat, point.lon)) {
    return `lon ${point.lon}, lat ${point.lat} is outside ${countryCode} (${box}), but lon ${point.lat}, lat ${point.lon} is inside: longitude and latitude look swapped`;
  }
  return `lon ${point.lon}, lat ${point.lat} is outside ${countryCode}'s bounding box (${box}); check the coordinates, or the country`;
}
