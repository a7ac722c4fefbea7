import type { Source } from '../../common/sources/source';
import type { GeoSourceDto, LocationDto, LocationInputDto } from './dto/location.dto';
import type { Exactness, GeoPoint, Precision } from './geo-point';

/** The columns a located record keeps (parks and projects use the same names). */
export interface LocationColumns {
  location: GeoPoint | null;
  locationExactness: Exactness | null;
  locationPrecision: Precision | null;
  locationSource: Source | null;
}

/** A body's `location` as column values; null clears the point and everything said about it. */
export function locationColumns(input: LocationInputDto | null): LocationColumns {
  if (!input) {
    return {
      location: null,
      locationExactness: null,
      locationPrecision: null,
      locationSource: null,
    };
  }
  return {
    location: { lon: input.lon, lat: input.lat },
    locationExactness: input.exactness ?? null,
    locationPrecision: input.precision ?? null,
    locationSource: input.source
      ? {
          url: input.source.url,
          title: input.source.title,
          accessedOn: input.source.accessedOn ?? null,
        }
      : null,
  };
}

/** The API's `location` object, longitude first; null when the record has no point. */
export function toLocationDto(
  columns: LocationColumns,
  subdivisionCode: string | null,
): LocationDto | null {
  if (!columns.location) return null;
  return {
    lon: columns.location.lon,
    lat: columns.location.lat,
    exactness: columns.locationExactness,
    precision: columns.locationPrecision,
    subdivisionCode,
    source: toGeoSource(columns.locationSource),
  };
}

/** A stored location or boundary source as the API gives it (a URL is required on the way in). */
export function toGeoSource(source: Source | null): GeoSourceDto | null {
  return source
    ? { url: source.url ?? '', title: source.title, accessedOn: source.accessedOn }
    : null;
}
