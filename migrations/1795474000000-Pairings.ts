import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two Countries Twin Parks pairings: two sides (each a country and one or more of its parks),
 * cooperation industries, a lifecycle status and a review state driven by the ministry review
 * workflow. Reviews keep one decision per side per round (a unique index, so two decisions for
 * one side cannot both land). Every table is audited; the audit log gets an index per link
 * table so a pairing's history includes its parks, industries and reviews.
 */
export class Pairings1795474000000 implements MigrationInterface {
  name = 'Pairings1795474000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry.pairing (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        name_zh text,
        description text,
        agreement_signed_on date,
        launched_on date,
        status text NOT NULL,
        review_state text NOT NULL DEFAULT 'draft',
        review_round integer NOT NULL DEFAULT 0,
        submitted_by uuid,
        submitted_at timestamptz,
        sources jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        CONSTRAINT pairing_pkey PRIMARY KEY (id),
        CONSTRAINT pairing_code_check CHECK ("code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
        CONSTRAINT pairing_status_check CHECK ("status" IN ('proposed', 'active', 'suspended', 'terminated')),
        CONSTRAINT pairing_review_state_check CHECK ("review_state" IN ('draft', 'submitted', 'approved', 'returned', 'rejected')),
        CONSTRAINT pairing_submitted_by_fkey FOREIGN KEY (submitted_by)
          REFERENCES registry.app_user (id) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX pairing_code_key ON registry.pairing (code)`);
    await db.query(`CREATE INDEX pairing_name_idx ON registry.pairing (name, id)`);
    await db.query(`CREATE INDEX pairing_status_idx ON registry.pairing (status)`);
    await db.query(`CREATE INDEX pairing_review_state_idx ON registry.pairing (review_state)`);

    await db.query(`
      CREATE TABLE registry.pairing_park (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        pairing_id uuid NOT NULL,
        park_id uuid NOT NULL,
        country_code character(2) NOT NULL,
        CONSTRAINT pairing_park_pkey PRIMARY KEY (id),
        CONSTRAINT pairing_park_pairing_id_fkey FOREIGN KEY (pairing_id)
          REFERENCES registry.pairing (id) ON DELETE CASCADE,
        CONSTRAINT pairing_park_park_id_fkey FOREIGN KEY (park_id)
          REFERENCES registry.park (id) ON DELETE RESTRICT,
        CONSTRAINT pairing_park_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX pairing_park_pairing_id_park_id_key ON registry.pairing_park (pairing_id, park_id)`,
    );
    await db.query(
      `CREATE INDEX pairing_park_park_id_idx ON registry.pairing_park (park_id, pairing_id)`,
    );
    await db.query(
      `CREATE INDEX pairing_park_country_code_idx ON registry.pairing_park (country_code, pairing_id)`,
    );

    await db.query(`
      CREATE TABLE registry.pairing_industry (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        pairing_id uuid NOT NULL,
        industry_code text NOT NULL,
        CONSTRAINT pairing_industry_pkey PRIMARY KEY (id),
        CONSTRAINT pairing_industry_pairing_id_fkey FOREIGN KEY (pairing_id)
          REFERENCES registry.pairing (id) ON DELETE CASCADE,
        CONSTRAINT pairing_industry_industry_code_fkey FOREIGN KEY (industry_code)
          REFERENCES registry.industry (code) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX pairing_industry_pairing_id_industry_code_key ON registry.pairing_industry (pairing_id, industry_code)`,
    );
    await db.query(
      `CREATE INDEX pairing_industry_industry_code_idx ON registry.pairing_industry (industry_code, pairing_id)`,
    );

    await db.query(`
      CREATE TABLE registry.pairing_review (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        pairing_id uuid NOT NULL,
        round integer NOT NULL,
        country_code character(2) NOT NULL,
        decision text NOT NULL,
        comment text,
        reviewer_id uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pairing_review_pkey PRIMARY KEY (id),
        CONSTRAINT pairing_review_decision_check CHECK ("decision" IN ('approve', 'return', 'reject')),
        CONSTRAINT pairing_review_pairing_id_fkey FOREIGN KEY (pairing_id)
          REFERENCES registry.pairing (id) ON DELETE CASCADE,
        CONSTRAINT pairing_review_reviewer_id_fkey FOREIGN KEY (reviewer_id)
          REFERENCES registry.app_user (id) ON DELETE RESTRICT,
        CONSTRAINT pairing_review_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX pairing_review_round_side_key ON registry.pairing_review (pairing_id, round, country_code)`,
    );

    for (const table of ['pairing', 'pairing_park', 'pairing_industry', 'pairing_review']) {
      await db.query(`SELECT audit.enable('registry.${table}', 'id')`);
    }
    for (const table of ['pairing_park', 'pairing_industry', 'pairing_review']) {
      await db.query(`
        CREATE INDEX change_${table}_parent_idx ON audit.change
          ((coalesce(after, before) ->> 'pairing_id'), id) WHERE table_name = '${table}'`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['pairing_review', 'pairing_industry', 'pairing_park']) {
      await db.query(`DROP INDEX audit.change_${table}_parent_idx`);
      await db.query(`DROP TABLE registry.${table}`);
    }
    await db.query(`DROP TABLE registry.pairing`);
  }
}
