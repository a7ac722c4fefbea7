import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { GeoPoint } from './geo-point';

/** Where parks are, by id, in one query (for pairing arcs and projects located at their park). */
@Injectable()
export class ParkPoints {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(parkIds: readonly string[]): Promise<Map<string, GeoPoint>> {
    if (parkIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; lon: number; lat: number }[]>(
      `SELECT id, location[0] AS lon, location[1] AS lat
         FROM registry.park WHERE id = ANY($1::uuid[]) AND location IS NOT NULL`,
      [[...new Set(parkIds)]],
    );
    return new Map(rows.map((row) => [row.id, { lon: row.lon, lat: row.lat }]));
  }
}
