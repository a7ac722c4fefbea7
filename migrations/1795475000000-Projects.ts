import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Investment projects with their sectors (ISIC codes with percentages) and investors (with
 * roles and optional shares).
 * - `reference_date` (signed, else announced, else the creation date in UTC) is kept by a row
 *   trigger, so every writer (API, import, SQL) gets it right; USD amounts use the latest FX
 *   rate on or before it.
 * - Public refs (`MY-MCKIP-2013-0001`) count per park and year in `infra.project_ref_counter`:
 *   an upsert that locks the counter row, so two concurrent creates never get the same number.
 */
export class Projects1795475000000 implements MigrationInterface {
  name = 'Projects1795475000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry.project (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        ref text NOT NULL,
        title text NOT NULL,
        description text,
        park_id uuid NOT NULL,
        host_country_code character(2) NOT NULL,
        pairing_id uuid,
        type text NOT NULL,
        stage text NOT NULL,
        announced_on date,
        signed_on date,
        construction_start_on date,
        operational_on date,
        reference_date date NOT NULL,
        investment_amount numeric(20,2),
        investment_currency character(3),
        jobs_planned integer,
        jobs_actual integer,
        estimated boolean NOT NULL DEFAULT false,
        sources jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        CONSTRAINT project_pkey PRIMARY KEY (id),
        CONSTRAINT project_type_check CHECK ("type" IN ('greenfield', 'expansion', 'joint_venture', 'brownfield', 'm_and_a')),
        CONSTRAINT project_stage_check CHECK ("stage" IN ('pipeline', 'signed', 'under_construction', 'operational', 'suspended', 'cancelled')),
        CONSTRAINT project_investment_check CHECK (("investment_amount" IS NULL) = ("investment_currency" IS NULL) AND "investment_amount" >= 0),
        CONSTRAINT project_jobs_check CHECK ("jobs_planned" >= 0 AND "jobs_actual" >= 0),
        CONSTRAINT project_dates_check CHECK ("signed_on" >= "announced_on" AND "construction_start_on" >= coalesce("signed_on", "announced_on") AND "operational_on" >= "construction_start_on"),
        CONSTRAINT project_park_id_fkey FOREIGN KEY (park_id) REFERENCES registry.park (id) ON DELETE RESTRICT,
        CONSTRAINT project_host_country_code_fkey FOREIGN KEY (host_country_code) REFERENCES registry.country (code) ON DELETE RESTRICT,
        CONSTRAINT project_pairing_id_fkey FOREIGN KEY (pairing_id) REFERENCES registry.pairing (id) ON DELETE RESTRICT,
        CONSTRAINT project_investment_currency_fkey FOREIGN KEY (investment_currency) REFERENCES registry.currency (code) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX project_ref_key ON registry.project (ref)`);
    await db.query(`CREATE INDEX project_park_id_idx ON registry.project (park_id, ref)`);
    await db.query(
      `CREATE INDEX project_host_country_code_idx ON registry.project (host_country_code, ref)`,
    );
    await db.query(`CREATE INDEX project_pairing_id_idx ON registry.project (pairing_id, ref)`);
    await db.query(`CREATE INDEX project_stage_idx ON registry.project (stage, ref)`);
    await db.query(`CREATE INDEX project_type_idx ON registry.project (type, ref)`);
    await db.query(
      `CREATE INDEX project_reference_date_idx ON registry.project (reference_date, id)`,
    );
    await db.query(`CREATE INDEX project_title_idx ON registry.project (title, id)`);
    await db.query(`
      CREATE INDEX project_search_idx ON registry.project USING gin (
        registry.search_fold(title || ' ' || coalesce(description, '')) gin_trgm_ops)`);
    await db.query(`
      CREATE FUNCTION registry.project_reference_date() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.reference_date := coalesce(NEW.signed_on, NEW.announced_on, (NEW.created_at AT TIME ZONE 'UTC')::date);
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER project_reference_date BEFORE INSERT OR UPDATE ON registry.project
      FOR EACH ROW EXECUTE FUNCTION registry.project_reference_date()`);

    await db.query(`
      CREATE TABLE registry.project_sector (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        industry_code text NOT NULL,
        percentage numeric(5,2) NOT NULL,
        CONSTRAINT project_sector_pkey PRIMARY KEY (id),
        CONSTRAINT project_sector_percentage_check CHECK ("percentage" > 0 AND "percentage" <= 100),
        CONSTRAINT project_sector_project_id_fkey FOREIGN KEY (project_id) REFERENCES registry.project (id) ON DELETE CASCADE,
        CONSTRAINT project_sector_industry_code_fkey FOREIGN KEY (industry_code) REFERENCES registry.industry (code) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX project_sector_project_id_industry_code_key ON registry.project_sector (project_id, industry_code)`,
    );
    await db.query(
      `CREATE INDEX project_sector_industry_code_idx ON registry.project_sector (industry_code, project_id)`,
    );

    await db.query(`
      CREATE TABLE registry.project_investor (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        investor_id uuid NOT NULL,
        role text NOT NULL,
        share_pct numeric(5,2),
        CONSTRAINT project_investor_pkey PRIMARY KEY (id),
        CONSTRAINT project_investor_role_check CHECK ("role" IN ('lead', 'partner', 'lender', 'developer', 'operator')),
        CONSTRAINT project_investor_share_pct_check CHECK ("share_pct" > 0 AND "share_pct" <= 100),
        CONSTRAINT project_investor_project_id_fkey FOREIGN KEY (project_id) REFERENCES registry.project (id) ON DELETE CASCADE,
        CONSTRAINT project_investor_investor_id_fkey FOREIGN KEY (investor_id) REFERENCES registry.investor (id) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX project_investor_project_id_investor_id_key ON registry.project_investor (project_id, investor_id)`,
    );
    await db.query(
      `CREATE INDEX project_investor_investor_id_idx ON registry.project_investor (investor_id, project_id)`,
    );

    await db.query(`
      CREATE TABLE infra.project_ref_counter (
        park_id uuid NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        CONSTRAINT project_ref_counter_pkey PRIMARY KEY (park_id, year)
      )`);

    for (const table of ['project', 'project_sector', 'project_investor']) {
      await db.query(`SELECT audit.enable('registry.${table}', 'id')`);
    }
    for (const table of ['project_sector', 'project_investor']) {
      await db.query(`
        CREATE INDEX change_${table}_parent_idx ON audit.change
          ((coalesce(after, before) ->> 'project_id'), id) WHERE table_name = '${table}'`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['project_investor', 'project_sector']) {
      await db.query(`DROP INDEX audit.change_${table}_parent_idx`);
      await db.query(`DROP TABLE registry.${table}`);
    }
    await db.query(`DROP TABLE infra.project_ref_counter`);
    await db.query(`DROP TABLE registry.project`);
    await db.query(`DROP FUNCTION registry.project_reference_date()`);
  }
}
