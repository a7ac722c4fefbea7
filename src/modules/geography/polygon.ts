import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanValid from '@turf/boolean-valid';
import kinks from '@turf/kinks';
import type { Polygon } from 'geojson';
import type { GeoPoint } from './geo-point';

/** Enough for a park outline on a map (validity checks are quadratic); a survey file belongs in a document. */
export const MAX_BOUNDARY_POSITIONS = 1000;

const isPosition = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  (value.length === 2 || value.length === 3) &&
  value.every((n) => typeof n === 'number' && Number.isFinite(n));

/**
 * What is wrong with a GeoJSON Polygon, as messages for the `boundary` field; none when it is a
 * closed, valid polygon of [longitude, latitude] positions (RFC 7946 section 3.1.6: each ring
 * has at least four positions and ends where it starts; rings do not cross themselves or each
 * other, and holes lie inside the outer ring).
 */
export function polygonProblems(value: unknown): string[] {
  // class-validator asks twice (to validate, then for the message): check each body once.
  if (typeof value === 'object' && value !== null) {
    const known = checked.get(value);
    if (known) return known;
    const problems = findPolygonProblems(value);
    checked.set(value, problems);
    return problems;
  }
  return findPolygonProblems(value);
}

const checked = new WeakMap<object, string[]>();

function findPolygonProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['must be a GeoJSON Polygon object ({"type": "Polygon", "coordinates": [...]})'];
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon') return ['type must be "Polygon"'];
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    return ['coordinates must be a list of rings, the outer boundary first'];
  }
  let positions = 0;
  for (const [index, ring] of coordinates.entries()) {
    const at = `coordinates[${index}]`;
    if (!Array.isArray(ring) || ring.length < 4) {
      return [`${at} must be a ring of at least 4 positions (the last repeats the first)`];
    }
    positions += ring.length;
    const bad = ring.findIndex((position) => !isPosition(position));
    if (bad >= 0) return [`${at}[${bad}] must be a [longitude, latitude] pair of numbers`];
    const outOfRange = (ring as number[][]).findIndex(
      ([lon, lat]) => Math.abs(lon) > 180 || Math.abs(lat) > 90,
    );
    if (outOfRange >= 0) {
      return [
        `${at}[${outOfRange}] is outside longitude -180..180 / latitude -90..90 (positions are [longitude, latitude])`,
      ];
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return [`${at} is not closed: its last position must equal its first`];
    }
  }
  if (positions > MAX_BOUNDARY_POSITIONS) {
    return [`has ${positions} positions; at most ${MAX_BOUNDARY_POSITIONS} are kept`];
  }
  const crossing = kinks(value as Polygon).features[0];
  if (crossing) {
    const [lon, lat] = crossing.geometry.coordinates;
    return [`is not a valid polygon: its edges cross at [${lon}, ${lat}]`];
  }
  const [outer, ...holes] = (value as Polygon).coordinates;
  const shell: Polygon = { type: 'Polygon', coordinates: [outer] };
  const stray = holes.findIndex(
    (hole) => !hole.every(([lon, lat]) => booleanPointInPolygon([lon, lat], shell)),
  );
  if (stray >= 0) {
    return [`coordinates[${stray + 1}] is a hole outside the outer ring (coordinates[0])`];
  }
  if (!booleanValid(value as Polygon)) {
    return ['is not a valid polygon: a hole touches or lies outside the outer ring'];
  }
  return [];
}

/** Whether the point lies inside the polygon (on its edge counts as inside). */
export function polygonContains(polygon: Polygon, point: GeoPoint): boolean {
  return booleanPointInPolygon([point.lon, point.lat], polygon);
}
