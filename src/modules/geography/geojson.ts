import type { PairingResponseDto } from '../pairings/dto/pairing-response.dto';
import type { ParkResponseDto } from '../parks/dto/park-response.dto';
import type { ProjectResponseDto } from '../projects/dto/project-response.dto';
import type {
  MultiLineStringGeometryDto,
  PairingFeatureDto,
  ParkFeatureDto,
  PointGeometryDto,
  ProjectFeatureDto,
} from './dto/geojson.dto';
import type { GeoPoint } from './geo-point';

/** The Chinese side of every Two Countries Twin Parks pairing: its arcs start there. */
export const HUB_COUNTRY = 'CN';

const pointGeometry = (point: GeoPoint | null | undefined): PointGeometryDto | null =>
  point ? { type: 'Point', coordinates: [point.lon, point.lat] } : null;

export function parkFeature(park: ParkResponseDto): ParkFeatureDto {
  return { type: 'Feature', id: park.id, geometry: pointGeometry(park.location), properties: park };
}

/**
 * The pairs of parks a pairing links, as [from, to] park ids: each Chinese park to each partner
 * park (or, for a pairing without a Chinese side, the first side to the others).
 */
export function pairingLinks(pairing: {
  readonly sides: readonly { countryCode: string; parks: readonly { id: string }[] }[];
}): [string, string][] {
  const hub = pairing.sides.find((side) => side.countryCode === HUB_COUNTRY) ?? pairing.sides[0];
  if (!hub) return [];
  const partners = pairing.sides.filter((side) => side !== hub).flatMap((side) => side.parks);
  return hub.parks.flatMap((from) => partners.map((to): [string, string] => [from.id, to.id]));
}

export function pairingFeature(
  pairing: PairingResponseDto,
  points: ReadonlyMap<string, GeoPoint>,
): PairingFeatureDto {
  const lines = pairingLinks(pairing)
    .map(([from, to]) => [points.get(from), points.get(to)])
    .filter((pair): pair is [GeoPoint, GeoPoint] => Boolean(pair[0] && pair[1]))
    .map((pair) => pair.map((point) => [point.lon, point.lat]));
  const geometry: MultiLineStringGeometryDto | null = lines.length
    ? { type: 'MultiLineString', coordinates: lines }
    : null;
  return { type: 'Feature', id: pairing.id, geometry, properties: pairing };
}

/** A project at its own point, else at its park's. */
export function projectFeature(
  project: ProjectResponseDto,
  parkPoint: GeoPoint | undefined,
): ProjectFeatureDto {
  const point = project.location ?? parkPoint ?? null;
  return {
    type: 'Feature',
    id: project.id,
    geometry: pointGeometry(point),
    properties: {
      ...project,
      locatedAt: project.location ? 'project' : parkPoint ? 'park' : null,
    },
  };
}

export function featureCollection<F>(
  features: F[],
  nextCursor: string | null,
): { type: 'FeatureCollection'; features: F[]; nextCursor: string | null } {
  return { type: 'FeatureCollection', features, nextCursor };
}
