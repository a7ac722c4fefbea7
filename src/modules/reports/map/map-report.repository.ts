import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { REPORTS_DATA_SOURCE } from '../../../database/reports-data-source';
import type { ReportFilterDto } from '../dto/report-query.dto';
import { projectFilterSql } from '../report-filter';

export interface MapParkRow {
  id: string;
  code: string;
  name: string;
  name_zh: string | null;
  country_code: string;
  lon: number | null;
  lat: number | null;
  exactness: string | null;
  precision: string | null;
  projects: number;
  usd: string;
  jobs_planned: number;
}

export interface MapPairingParkRow {
  pairing_id: string;
  code: string;
  name: string;
  review_state: string;
  park_id: string;
  country_code: string;
}

const PARK_COLUMNS = `k.id, k.code, k.name, k.name_zh, k.country_code,
  k.location[0] AS lon, k.location[1] AS lat,
  k.location_exactness AS exactness, k.location_precision AS precision`;

/** The map report's SQL: one grouped scan of the filtered projects, then their pairings. */
@Injectable()
export class MapReportRepository {
  constructor(@InjectDataSource(REPORTS_DATA_SOURCE) private readonly db: DataSource) {}

  /**
   * Host parks with what their filtered projects add up to; with `allParks`, every live park
   * (the console's map of the registry), the ones without projects at zero.
   */
  parks(
    filter: ReportFilterDto,
    allParks: boolean,
    parkIds?: readonly string[],
  ): Promise<MapParkRow[]> {
    const params: unknown[] = [];
    let where = projectFilterSql(filter, params);
    const parks = ['k.archived_at IS NULL'];
    if (parkIds) {
      // In the totals too: the planner cannot carry an ANY() across the join into the GROUP BY.
      const ids = `$${params.push([...parkIds])}::uuid[]`;
      where += ` AND p.park_id = ANY(${ids})`;
      parks.push(`k.id = ANY(${ids})`);
    }
    if (allParks && filter.country) parks.push(`k.country_code = $${params.push(filter.country)}`);
    const totals = `SELECT p.park_id, count(*)::int AS projects,
                           coalesce(sum(p.amount_usd), 0) AS usd,
                           coalesce(sum(p.jobs_planned), 0)::int AS jobs_planned
                      FROM registry.project p WHERE ${where} GROUP BY p.park_id`;
    const from = allParks
      ? `registry.park k LEFT JOIN t ON t.park_id = k.id`
      : `t JOIN registry.park k ON k.id = t.park_id`;
    return this.db.query<MapParkRow[]>(
      `WITH t AS (${totals})
       SELECT ${PARK_COLUMNS}, coalesce(t.projects, 0) AS projects,
              coalesce(t.usd, 0)::numeric(20,2)::text AS usd,
              coalesce(t.jobs_planned, 0) AS jobs_planned
         FROM ${from}
        WHERE ${parks.join(' AND ')}
        ORDER BY coalesce(t.usd, 0) DESC, k.code`,
      params,
    );
  }

  /** Live pairings with a park among `parkIds` (or the one asked for), with all their parks. */
  pairingParks(parkIds: readonly string[], pairingId?: string): Promise<MapPairingParkRow[]> {
    return this.db.query<MapPairingParkRow[]>(
      `SELECT pr.id AS pairing_id, pr.code, pr.name, pr.review_state, pp.park_id, pp.country_code
         FROM registry.pairing pr JOIN registry.pairing_park pp ON pp.pairing_id = pr.id
        WHERE pr.archived_at IS NULL
          AND ($2::uuid IS NULL OR pr.id = $2::uuid)
          AND pr.id IN (SELECT pairing_id FROM registry.pairing_park WHERE park_id = ANY($1::uuid[]))
        ORDER BY pr.code, pp.country_code, pp.park_id`,
      [[...parkIds], pairingId ?? null],
    );
  }

  /** Parks by id (the far ends of arcs), with no figures. */
  parksById(ids: readonly string[]): Promise<MapParkRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.query<MapParkRow[]>(
      `SELECT ${PARK_COLUMNS}, 0 AS projects, '0.00' AS usd, 0 AS jobs_planned
         FROM registry.park k WHERE k.id = ANY($1::uuid[]) ORDER BY k.code`,
      [[...ids]],
    );
  }
}
