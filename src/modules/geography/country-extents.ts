import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CountryExtent } from './country-extent';

/**
 * Country bounding boxes (registry.country_extent, reference data that only a migration
 * changes): read once per process.
 */
@Injectable()
export class CountryExtents {
  private extents?: Promise<Map<string, CountryExtent>>;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(countryCode: string): Promise<CountryExtent | null> {
    this.extents ??= this.load().catch((error: unknown) => {
      this.extents = undefined;
      throw error;
    });
    return (await this.extents).get(countryCode) ?? null;
  }

  private async load(): Promise<Map<string, CountryExtent>> {
    const rows = await this.db.query<({ code: string } & CountryExtent)[]>(
      `SELECT country_code AS code, (extent[1])[0] AS "minLon", (extent[1])[1] AS "minLat",
              (extent[0])[0] AS "maxLon", (extent[0])[1] AS "maxLat"
         FROM registry.country_extent`,
    );
    return new Map(rows.map(({ code, ...extent }) => [code, extent]));
  }
}
