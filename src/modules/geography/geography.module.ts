import { Module } from '@nestjs/common';
import { CountryExtents } from './country-extents';
import { LocationChecks } from './location-checks';
import { BaseMap } from './map/base-map';
import { ParkPoints } from './park-points';

/** Locations, their checks, GeoJSON and the server-drawn maps (issue 19). */
@Module({
  providers: [BaseMap, CountryExtents, LocationChecks, ParkPoints],
  exports: [BaseMap, CountryExtents, LocationChecks, ParkPoints],
})
export class GeographyModule {}
