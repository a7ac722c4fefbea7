import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';
import { readReferenceCsv } from './reference-data';

const WORLD = `box '((-180,-90),(180,90))'`;
const EXACTNESS = `'exact', 'approximate'`;
const PRECISION = `'site', 'district', 'city', 'province', 'country'`;

/**
 * Geography (issue 19): parks and projects are located by a PostgreSQL `point` (longitude as x,
 * WGS 84) under a GiST index, so `<@ box` and `<->` queries use it, with IATI-style exactness,
 * a precision, and a source. A park may have a boundary (GeoJSON Polygon, checked by the API:
 * closed, valid, around its point). A project's own point is optional: without one it is
 * located at its park.
 *
 * Parks had `lat` and `lon` columns; their values move into `location` (an audited update by
 * this migration) and the columns go, so there is one place a park's position is kept.
 *
 * `registry.country_extent`: each country's bounding box from Natural Earth 1:50m admin-0
 * outlines (the world-atlas 2.0.2 package; data public domain, package ISC), widened by half a
 * degree (src/cli/generate-country-extents.ts). Reference data: a point outside its country's
 * box is refused as likely swapped.
 */
export class Geography1795481000000 implements MigrationInterface {
  name = 'Geography1795481000000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`
      CREATE TABLE registry.country_extent (
        country_code character(2) NOT NULL,
        extent box NOT NULL,
        CONSTRAINT country_extent_pkey PRIMARY KEY (country_code),
        CONSTRAINT country_extent_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE CASCADE
      )`);
    const known = new Set(
      ((await db.query(`SELECT code FROM registry.country`)) as { code: string }[]).map(
        (row) => row.code,
      ),
    );
    for (const row of readReferenceCsv('country-extents.csv')) {
      if (!known.has(row.alpha2)) continue;
      await db.query(
        `INSERT INTO registry.country_extent (country_code, extent)
         VALUES ($1, box(point($2, $3), point($4, $5)))`,
        [row.alpha2, row.min_lon, row.min_lat, row.max_lon, row.max_lat],
      );
    }
    // Reference data like the others: loaded here, every later change audited.
    await db.query(`SELECT audit.enable('registry.country_extent', 'country_code')`);

    // Great-circle distance (haversine, mean Earth radius): `near=...&within=km` filters on it
    // after a bounding box the GiST index answers. SQL and IMMUTABLE, so the planner inlines it.
    await db.query(`
      CREATE FUNCTION registry.distance_km(a point, b point) RETURNS double precision
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN 2 * 6371.0088 * asin(least(1, sqrt(
        sin(radians(b[1] - a[1]) / 2) ^ 2
        + cos(radians(a[1])) * cos(radians(b[1])) * sin(radians(b[0] - a[0]) / 2) ^ 2)))`);
    await db.query(`
      ALTER TABLE registry.park
        ADD COLUMN location point,
        ADD COLUMN location_exactness text,
        ADD COLUMN location_precision text,
        ADD COLUMN location_source jsonb,
        ADD COLUMN boundary jsonb,
        ADD COLUMN boundary_source jsonb`);
    await db.query(
      `UPDATE registry.park SET location = point(lon, lat) WHERE lat IS NOT NULL AND lon IS NOT NULL`,
    );
    await db.query(`
      ALTER TABLE registry.park
        DROP CONSTRAINT park_location_check,
        DROP COLUMN lat,
        DROP COLUMN lon`);
    await db.query(`
      ALTER TABLE registry.park
        ADD CONSTRAINT park_location_check CHECK ("location" <@ ${WORLD}),
        ADD CONSTRAINT park_location_exactness_check CHECK ("location_exactness" IN (${EXACTNESS})),
        ADD CONSTRAINT park_location_precision_check CHECK ("location_precision" IN (${PRECISION})),
        ADD CONSTRAINT park_location_details_check CHECK ("location" IS NOT NULL OR ("location_exactness" IS NULL AND "location_precision" IS NULL AND "location_source" IS NULL AND "boundary" IS NULL)),
        ADD CONSTRAINT park_boundary_check CHECK ("boundary" IS NULL OR ("boundary" ->> 'type' = 'Polygon' AND jsonb_typeof("boundary" -> 'coordinates') = 'array')),
        ADD CONSTRAINT park_boundary_source_check CHECK ("boundary" IS NOT NULL OR "boundary_source" IS NULL)`);
    await db.query(`CREATE INDEX park_location_idx ON registry.park USING GiST (location)`);

    await db.query(`
      ALTER TABLE registry.project
        ADD COLUMN location point,
        ADD COLUMN location_exactness text,
        ADD COLUMN location_precision text,
        ADD COLUMN location_subdivision_code text,
        ADD COLUMN location_source jsonb`);
    await db.query(`
      ALTER TABLE registry.project
        ADD CONSTRAINT project_location_check CHECK ("location" <@ ${WORLD}),
        ADD CONSTRAINT project_location_exactness_check CHECK ("location_exactness" IN (${EXACTNESS})),
        ADD CONSTRAINT project_location_precision_check CHECK ("location_precision" IN (${PRECISION})),
        ADD CONSTRAINT project_location_details_check CHECK ("location" IS NOT NULL OR ("location_exactness" IS NULL AND "location_precision" IS NULL AND "location_subdivision_code" IS NULL AND "location_source" IS NULL)),
        ADD CONSTRAINT project_location_subdivision_check CHECK ("location_subdivision_code" IS NULL OR left("location_subdivision_code", 2) = "host_country_code")`);
    await db.query(`CREATE INDEX project_location_idx ON registry.project USING GiST (location)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`DROP INDEX registry.project_location_idx`);
    await db.query(`
      ALTER TABLE registry.project
        DROP CONSTRAINT project_location_subdivision_check,
        DROP CONSTRAINT project_location_details_check,
        DROP CONSTRAINT project_location_precision_check,
        DROP CONSTRAINT project_location_exactness_check,
        DROP CONSTRAINT project_location_check,
        DROP COLUMN location_source,
        DROP COLUMN location_subdivision_code,
        DROP COLUMN location_precision,
        DROP COLUMN location_exactness,
        DROP COLUMN location`);
    await db.query(`DROP INDEX registry.park_location_idx`);
    await db.query(`
      ALTER TABLE registry.park
        ADD COLUMN lat double precision,
        ADD COLUMN lon double precision`);
    await db.query(
      `UPDATE registry.park SET lat = location[1], lon = location[0] WHERE location IS NOT NULL`,
    );
    await db.query(`
      ALTER TABLE registry.park
        DROP CONSTRAINT park_boundary_source_check,
        DROP CONSTRAINT park_boundary_check,
        DROP CONSTRAINT park_location_details_check,
        DROP CONSTRAINT park_location_precision_check,
        DROP CONSTRAINT park_location_exactness_check,
        DROP CONSTRAINT park_location_check,
        DROP COLUMN boundary_source,
        DROP COLUMN boundary,
        DROP COLUMN location_source,
        DROP COLUMN location_precision,
        DROP COLUMN location_exactness,
        DROP COLUMN location`);
    await db.query(`
      ALTER TABLE registry.park ADD CONSTRAINT park_location_check
        CHECK (("lat" IS NULL) = ("lon" IS NULL) AND "lat" BETWEEN -90 AND 90 AND "lon" BETWEEN -180 AND 180)`);
    await db.query(`DROP FUNCTION registry.distance_km(point, point)`);
    await db.query(`DROP TABLE registry.country_extent`);
  }
}
