import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Investors: organisations with a home country and a type. The same organisation must not be
 * registered twice: a unique index on (country, normalised name) among live investors makes a
 * second registration fail even when two arrive at once.
 */
export class Investors1795473500000 implements MigrationInterface {
  name = 'Investors1795473500000';

  async up(db: QueryRunner): Promise<void> {
    // "Alliance Steel (M) Sdn. Bhd." and "alliance steel (m) sdn bhd" are one name.
    await db.query(`
      CREATE FUNCTION registry.org_name_key(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT btrim(regexp_replace(registry.search_fold(value), '[^[:alnum:]]+', ' ', 'g')) $$`);
    await db.query(`
      CREATE TABLE registry.investor (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        name_zh text,
        name_local text,
        country_code character(2) NOT NULL,
        type text,
        website text,
        identifiers jsonb NOT NULL DEFAULT '[]',
        description text,
        sources jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        CONSTRAINT investor_pkey PRIMARY KEY (id),
        CONSTRAINT investor_type_check CHECK ("type" IN ('state_owned', 'private', 'joint_venture', 'government', 'dfi', 'other')),
        CONSTRAINT investor_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT
      )`);
    await db.query(`
      CREATE UNIQUE INDEX investor_name_key ON registry.investor
        (country_code, registry.org_name_key(name)) WHERE archived_at IS NULL`);
    await db.query(
      `CREATE INDEX investor_country_name_idx ON registry.investor (country_code, name, id)`,
    );
    await db.query(`CREATE INDEX investor_name_idx ON registry.investor (name, id)`);
    await db.query(`CREATE INDEX investor_type_idx ON registry.investor (type)`);
    await db.query(`
      CREATE INDEX investor_search_idx ON registry.investor USING gin (
        registry.search_fold(name || ' ' || coalesce(name_zh, '') || ' ' || coalesce(name_local, ''))
        gin_trgm_ops)`);
    await db.query(`SELECT audit.enable('registry.investor', 'id')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE registry.investor`);
    await db.query(`DROP FUNCTION registry.org_name_key(text)`);
  }
}
