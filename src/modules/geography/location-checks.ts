import { Injectable } from '@nestjs/common';
import type { Polygon } from 'geojson';
import { DomainError, type FieldError, invalidInput } from '../../common/errors/domain-error';
import { outsideCountry } from './country-extent';
import { CountryExtents } from './country-extents';
import type { GeoPoint } from './geo-point';
import { polygonContains } from './polygon';

/** A record's position as it will be after the write (the body merged over the stored row). */
export interface PlannedPosition {
  readonly countryCode: string;
  readonly location: GeoPoint | null;
  readonly boundary?: Polygon | null;
}

/**
 * The checks that need the registry: the point lies in its country's bounding box (else 422
 * LOCATION_OUTSIDE_COUNTRY, saying when the coordinates look swapped), and a boundary surrounds
 * the point (else 422 BOUNDARY_EXCLUDES_LOCATION). The shape checks are the DTO's.
 */
@Injectable()
export class LocationChecks {
  constructor(private readonly extents: CountryExtents) {}

  async assertPlausible(planned: PlannedPosition): Promise<void> {
    if (planned.boundary && !planned.location) {
      throw invalidInput([
        { path: 'boundary', message: 'a boundary needs the location inside it: send location too' },
      ]);
    }
    if (!planned.location) return;
    const outside = outsideCountry(
      planned.location,
      planned.countryCode,
      await this.extents.of(planned.countryCode),
    );
    if (outside) {
      throw rule('LOCATION_OUTSIDE_COUNTRY', { path: 'location', message: outside });
    }
    if (planned.boundary && !polygonContains(planned.boundary, planned.location)) {
      throw rule('BOUNDARY_EXCLUDES_LOCATION', {
        path: 'boundary',
        message: `does not contain the location (lon ${planned.location.lon}, lat ${planned.location.lat}); draw the boundary around the park's point`,
      });
    }
  }
}

function rule(code: string, error: FieldError): DomainError {
  return new DomainError('rule_violated', code, `${error.path}: ${error.message}`, {
    errors: [error],
  });
}
