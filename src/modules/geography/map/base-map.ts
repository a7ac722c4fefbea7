import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Geometry, GeoJsonObject, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';

/** One ring or line of the base map, with its bounding box (to skip what is out of view). */
export interface BaseMapPart {
  readonly positions: readonly Position[];
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

/** Filled land (polygon rings) and stroked lines (e.g. boundaries a ministry approved). */
export interface BaseMapData {
  readonly rings: readonly BaseMapPart[];
  readonly lines: readonly BaseMapPart[];
  /** Shown under every map: where the outlines come from. */
  readonly attribution: string;
}

/** Natural Earth 1:50m land, without national borders (world-atlas 2.0.2, ISC; data public domain). */
export const DEFAULT_ATTRIBUTION = 'Land: Natural Earth 1:50m (public domain), via world-atlas';

function part(positions: readonly Position[]): BaseMapPart {
  let [minLon, minLat, maxLon, maxLat] = [180, 90, -180, -90];
  for (const [lon, lat] of positions) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return { positions, minLon, minLat, maxLon, maxLat };
}

/** Every geometry in a GeoJSON object (FeatureCollection, Feature, or geometry). */
function geometriesOf(object: GeoJsonObject): Geometry[] {
  const typed = object as {
    type: string;
    features?: unknown[];
    geometry?: unknown;
    geometries?: unknown[];
  };
  switch (typed.type) {
    case 'FeatureCollection':
      return (typed.features ?? []).flatMap((f) => geometriesOf(f as GeoJsonObject));
    case 'Feature':
      return typed.geometry ? geometriesOf(typed.geometry as GeoJsonObject) : [];
    case 'GeometryCollection':
      return (typed.geometries ?? []).flatMap((g) => geometriesOf(g as GeoJsonObject));
    default:
      return [object as Geometry];
  }
}

/** Land rings and lines from GeoJSON or TopoJSON text; throws on anything else. */
export function parseBaseMap(json: unknown, attribution: string): BaseMapData {
  const object = json as { type?: unknown; objects?: Record<string, unknown> };
  let sources: GeoJsonObject[];
  if (object?.type === 'Topology' && object.objects) {
    const topology = json as Topology;
    sources = Object.values(topology.objects).map(
      (value) => feature(topology, value) as unknown as GeoJsonObject,
    );
  } else if (typeof object?.type === 'string') {
    sources = [json as GeoJsonObject];
  } else {
    throw new Error('the base map must be GeoJSON or TopoJSON');
  }
  const rings: BaseMapPart[] = [];
  const lines: BaseMapPart[] = [];
  for (const geometry of sources.flatMap(geometriesOf)) {
    if (geometry.type === 'Polygon') rings.push(...geometry.coordinates.map(part));
    if (geometry.type === 'MultiPolygon') rings.push(...geometry.coordinates.flat().map(part));
    if (geometry.type === 'LineString') lines.push(part(geometry.coordinates));
    if (geometry.type === 'MultiLineString') lines.push(...geometry.coordinates.map(part));
  }
  if (rings.length === 0 && lines.length === 0) {
    throw new Error('the base map has no polygons or lines to draw');
  }
  return { rings, lines, attribution };
}

/**
 * The base map every server-drawn map uses. Without BASEMAP_FILE: the land outlines shipped in
 * the world-atlas package, no borders (borders in this region are a political matter a
 * ministry decides). With it: that file, checked at start-up so a bad file stops the start
 * with its reason instead of breaking the first map.
 */
@Injectable()
export class BaseMap implements OnModuleInit {
  private data?: BaseMapData;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.maps.baseMapFile) this.get();
  }

  get(): BaseMapData {
    this.data ??= this.load();
    return this.data;
  }

  private load(): BaseMapData {
    const file = this.config.maps.baseMapFile;
    if (!file) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return parseBaseMap(require('world-atlas/land-50m.json'), DEFAULT_ATTRIBUTION);
    }
    try {
      return parseBaseMap(
        JSON.parse(readFileSync(file, 'utf8')),
        'Base map: this deployment’s own',
      );
    } catch (error) {
      throw new Error(`BASEMAP_FILE ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
}
