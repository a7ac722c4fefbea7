import type { ValueTransformer } from 'typeorm';

/** WGS 84 longitude and latitude in degrees; stored as PostgreSQL `point(lon, lat)`. */
export interface GeoPoint {
  readonly lon: number;
  readonly lat: number;
}

/** IATI GeographicExactness: is the point where the thing is, or only near it? */
export const EXACTNESSES = ['exact', 'approximate'] as const;
export type Exactness = (typeof EXACTNESSES)[number];

/**
 * What the point stands for: the site itself, or the district, city, province or country it is
 * known by (a park known only by its town is `city`, and `approximate`).
 */
export const PRECISIONS = ['site', 'district', 'city', 'province', 'country'] as const;
export type Precision = (typeof PRECISIONS)[number];

/**
 * node-postgres reads a `point` as `{x, y}`; TypeORM writes what `to` returns. Longitude is x,
 * so the GiST index and `<@ box` / `<->` work in (lon, lat) order, like GeoJSON.
 */
export const POINT_COLUMN: ValueTransformer = {
  to: (value: GeoPoint | null | undefined) =>
    value === null || value === undefined ? value : `(${value.lon},${value.lat})`,
  from: (value: { x: number; y: number } | null) =>
    value === null || value === undefined ? null : { lon: value.x, lat: value.y },
};

/** SQL for "inside the WGS 84 range", shared by the CHECK constraints of every located table. */
export const WORLD_BOX = `box '((-180,-90),(180,90))'`;
