import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { GeoPoint } from './geo-point';

/** One spatial condition of a list: inside a box, or within a distance of a point. */
export interface GeoFilter {
  readonly bbox?: string;
  readonly near?: string;
  readonly within?: number;
}

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

function numbers(text: string, count: number): number[] | null {
  const parts = text.split(',');
  if (parts.length !== count || !parts.every((part) => NUMBER.test(part))) return null;
  return parts.map(Number);
}

/** Why `bbox` is not `minLon,minLat,maxLon,maxLat`, or null. */
export function bboxProblem(text: string): string | null {
  const values = numbers(text, 4);
  if (!values) return 'must be minLon,minLat,maxLon,maxLat (four numbers, longitude first)';
  const [minLon, minLat, maxLon, maxLat] = values as [number, number, number, number];
  if ([minLon, maxLon].some((lon) => Math.abs(lon) > 180)) {
    return 'longitudes (1st and 3rd) must be between -180 and 180';
  }
  if ([minLat, maxLat].some((lat) => Math.abs(lat) > 90)) {
    return 'latitudes (2nd and 4th) must be between -90 and 90: is it lat,lon? bbox is minLon,minLat,maxLon,maxLat';
  }
  if (minLat > maxLat) return 'minLat (2nd) must not be above maxLat (4th)';
  return null;
}

/** Why `near` is not `lon,lat`, or null. */
export function lonLatProblem(text: string): string | null {
  const values = numbers(text, 2);
  if (!values) return 'must be lon,lat (two numbers, longitude first)';
  const [lon, lat] = values as [number, number];
  if (Math.abs(lon) > 180) return 'longitude (1st) must be between -180 and 180';
  if (Math.abs(lat) > 90) {
    return Math.abs(lon) <= 90
      ? 'latitude (2nd) must be between -90 and 90: it looks like lat,lon; near is lon,lat'
      : 'latitude (2nd) must be between -90 and 90';
  }
  return null;
}

export const parseLonLat = (text: string): GeoPoint => {
  const [lon, lat] = text.split(',').map(Number) as [number, number];
  return { lon, lat };
};

/** Degrees of latitude per km along a meridian (mean Earth radius). */
const KM_PER_DEGREE = (Math.PI * 6371.0088) / 180;

interface Box {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

/** The boxes a bbox covers: two when it crosses the antimeridian. */
function boxesOf(text: string): Box[] {
  const [minLon, minLat, maxLon, maxLat] = text.split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (minLon <= maxLon) return [{ minLon, minLat, maxLon, maxLat }];
  return [
    { minLon, minLat, maxLon: 180, maxLat },
    { minLon: -180, minLat, maxLon, maxLat },
  ];
}

/** A box around the circle, for the index; whole longitudes near a pole or across ±180. */
function boxAround(centre: GeoPoint, km: number): Box {
  const dLat = km / KM_PER_DEGREE;
  const minLat = Math.max(-90, centre.lat - dLat);
  const maxLat = Math.min(90, centre.lat + dLat);
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const dLon = widest >= 89.9 ? 360 : dLat / Math.cos((widest * Math.PI) / 180);
  if (dLon >= 180 || centre.lon - dLon < -180 || centre.lon + dLon > 180) {
    return { minLon: -180, minLat, maxLon: 180, maxLat };
  }
  return { minLon: centre.lon - dLon, minLat, maxLon: centre.lon + dLon, maxLat };
}

let sequence = 0;

/**
 * SQL for the filter over a point expression (e.g. `park.location`), with its parameters; null
 * when the filter is empty. `<@ box` is what the GiST index answers; the distance is checked on
 * the rows the box lets through.
 */
export function geoCondition(
  point: string,
  filter: GeoFilter,
): { sql: string; params: Record<string, number> } | null {
  const parts: string[] = [];
  const params: Record<string, number> = {};
  const box = (b: Box): string => {
    const name = `geo${++sequence % 1_000_000}`;
    Object.assign(params, {
      [`${name}a`]: b.minLon,
      [`${name}b`]: b.minLat,
      [`${name}c`]: b.maxLon,
      [`${name}d`]: b.maxLat,
    });
    return `${point} <@ box(point(:${name}a, :${name}b), point(:${name}c, :${name}d))`;
  };
  if (filter.bbox) parts.push(`(${boxesOf(filter.bbox).map(box).join(' OR ')})`);
  if (filter.near && filter.within !== undefined) {
    const centre = parseLonLat(filter.near);
    const name = `near${++sequence % 1_000_000}`;
    Object.assign(params, {
      [`${name}lon`]: centre.lon,
      [`${name}lat`]: centre.lat,
      [`${name}km`]: filter.within,
    });
    parts.push(box(boxAround(centre, filter.within)));
    parts.push(`registry.distance_km(${point}, point(:${name}lon, :${name}lat)) <= :${name}km`);
  }
  return parts.length ? { sql: parts.join(' AND '), params } : null;
}

/** Adds the filter to a list query over `point`. */
export function whereLocated<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  point: string,
  filter: GeoFilter,
): void {
  const condition = geoCondition(point, filter);
  if (condition) query.andWhere(condition.sql, condition.params);
}
