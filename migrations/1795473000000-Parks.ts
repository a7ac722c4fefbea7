import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Industrial parks and their focus industries (ISIC links, at most one primary). Both tables are
 * audited; the audit log gets an index to find a park's link changes for its history.
 */
export class Parks1795473000000 implements MigrationInterface {
  name = 'Parks1795473000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry.park (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        name_zh text,
        name_local text,
        country_code character(2) NOT NULL,
        subdivision_code text,
        city text,
        zone_type text NOT NULL,
        status text NOT NULL,
        established_on date,
        area_ha numeric(12,2),
        lat double precision,
        lon double precision,
        website text,
        description text,
        sources jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        CONSTRAINT park_pkey PRIMARY KEY (id),
        CONSTRAINT park_code_check CHECK ("code" ~ '^[A-Z]{2}-[A-Z0-9]+(-[A-Z0-9]+)*$'),
        CONSTRAINT park_zone_type_check CHECK ("zone_type" IN ('industrial_park', 'sez', 'ftz_area', 'cross_border_zone', 'overseas_cooperation_zone', 'logistics_park')),
        CONSTRAINT park_status_check CHECK ("status" IN ('planned', 'under_construction', 'operational', 'suspended', 'closed')),
        CONSTRAINT park_area_ha_check CHECK ("area_ha" > 0),
        CONSTRAINT park_location_check CHECK (("lat" IS NULL) = ("lon" IS NULL) AND "lat" BETWEEN -90 AND 90 AND "lon" BETWEEN -180 AND 180),
        CONSTRAINT park_subdivision_check CHECK ("subdivision_code" IS NULL OR left("subdivision_code", 2) = "country_code"),
        CONSTRAINT park_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX park_code_key ON registry.park (code)`);
    // Filters and sorts: country with each sort key, status, zone type; q by trigram.
    await db.query(`CREATE INDEX park_country_code_idx ON registry.park (country_code, code)`);
    await db.query(`CREATE INDEX park_country_name_idx ON registry.park (country_code, name, id)`);
    await db.query(`CREATE INDEX park_name_idx ON registry.park (name, id)`);
    await db.query(`CREATE INDEX park_created_at_idx ON registry.park (created_at, id)`);
    await db.query(`CREATE INDEX park_status_idx ON registry.park (status)`);
    await db.query(`CREATE INDEX park_zone_type_idx ON registry.park (zone_type)`);
    await db.query(`
      CREATE INDEX park_search_idx ON registry.park USING gin (
        registry.search_fold(code || ' ' || name || ' ' || coalesce(name_zh, '') || ' ' || coalesce(name_local, ''))
        gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE registry.park_industry (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL,
        industry_code text NOT NULL,
        is_primary boolean NOT NULL DEFAULT false,
        CONSTRAINT park_industry_pkey PRIMARY KEY (id),
        CONSTRAINT park_industry_park_id_fkey FOREIGN KEY (park_id)
          REFERENCES registry.park (id) ON DELETE CASCADE,
        CONSTRAINT park_industry_industry_code_fkey FOREIGN KEY (industry_code)
          REFERENCES registry.industry (code) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX park_industry_park_id_industry_code_key ON registry.park_industry (park_id, industry_code)`,
    );
    await db.query(
      `CREATE UNIQUE INDEX park_industry_primary_key ON registry.park_industry (park_id) WHERE is_primary`,
    );
    await db.query(
      `CREATE INDEX park_industry_industry_code_idx ON registry.park_industry (industry_code, park_id)`,
    );

    await db.query(`SELECT audit.enable('registry.park', 'id')`);
    await db.query(`SELECT audit.enable('registry.park_industry', 'id')`);
    // A park's history includes its industry links: find them by the park id in the images.
    await db.query(`
      CREATE INDEX change_park_industry_parent_idx ON audit.change
        ((coalesce(after, before) ->> 'park_id'), id) WHERE table_name = 'park_industry'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX audit.change_park_industry_parent_idx`);
    await db.query(`DROP TABLE registry.park_industry`);
    await db.query(`DROP TABLE registry.park`);
  }
}
