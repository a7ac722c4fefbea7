/**
 * Regenerates migrations/data/country-extents.csv: each country's bounding box, from the Natural
 * Earth admin-0 outlines at 1:50m in the maintained `world-atlas` package (public domain data,
 * ISC-licensed package), widened by a margin for the generalised coastline and near-shore
 * islands. Parks and projects outside their country's box are refused as likely swapped
 * coordinates. Like the other reference CSVs the file is committed, so a migration's output
 * never changes when the package updates.
 *
 *   npm run refdata:extents
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { readReferenceCsv } from '../../migrations/reference-data';

/** Degrees added on every side: 1:50m outlines shift coasts by up to a few kilometres. */
const MARGIN_DEGREES = 0.5;

type Extent = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    default:
      return [];
  }
}

/** The box around the positions; a country across the antimeridian gets the full width. */
function extentOf(positions: readonly Position[]): Extent {
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const crossesAntimeridian = lons.some((lon) => lon > 170) && lons.some((lon) => lon < -170);
  const round = (value: number) => Math.round(value * 100) / 100;
  return [
    crossesAntimeridian ? -180 : round(Math.max(-180, Math.min(...lons) - MARGIN_DEGREES)),
    round(Math.max(-90, Math.min(...lats) - MARGIN_DEGREES)),
    crossesAntimeridian ? 180 : round(Math.min(180, Math.max(...lons) + MARGIN_DEGREES)),
    round(Math.min(90, Math.max(...lats) + MARGIN_DEGREES)),
  ];
}

function main(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const topology = require('world-atlas/countries-50m.json') as Topology<{
    countries: GeometryCollection;
  }>;
  const outlines = feature(topology, topology.objects.countries);
  const byNumeric = new Map<string, Position[]>();
  for (const outline of outlines.features) {
    if (outline.id === undefined || !outline.geometry) continue;
    const id = String(outline.id);
    byNumeric.set(id, [...(byNumeric.get(id) ?? []), ...positionsOf(outline.geometry)]);
  }
  const rows = readReferenceCsv('countries.csv')
    .filter((country) => byNumeric.has(country.numeric))
    .map((country) => [country.alpha2, ...extentOf(byNumeric.get(country.numeric) ?? [])]);
  writeFileSync(
    join(__dirname, '..', '..', 'migrations', 'data', 'country-extents.csv'),
    stringify(rows, {
      header: true,
      columns: ['alpha2', 'min_lon', 'min_lat', 'max_lon', 'max_lat'],
    }),
  );
  process.stdout.write(`${rows.length} country extents\n`);
}

main();
