import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';
import { readReferenceCsv } from './reference-data';

/**
 * Open data, first part (issue 20): who publishes.
 *
 * - `registry.iati_organisation_type`: IATI OrganisationType 2.03 (github.com/IATI/IATI-Codelists,
 *   branch version-2.03, commit 75e827b; Chinese names ours) and
 *   `registry.org_registration_agency`: IATI OrganisationRegistrationAgency, the org-id.guide
 *   register of identifier lists (IATI-Codelists-NonEmbedded, commit 7aeece7). Reference data.
 * - `registry.publisher`: the one row naming the reporting organisation (its IATI org-id, whose
 *   prefix is a registration agency) and the licence of what the registry publishes. Audited;
 *   until an admin sets it, nothing can be published.
 */
export class OpenDataPublisher1795482000000 implements MigrationInterface {
  name = 'OpenDataPublisher1795482000000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`
      CREATE TABLE registry.iati_organisation_type (
        code text NOT NULL,
        name text NOT NULL,
        name_zh text NOT NULL,
        CONSTRAINT iati_organisation_type_pkey PRIMARY KEY (code)
      )`);
    for (const row of readReferenceCsv('iati-organisation-types.csv')) {
      await db.query(
        `INSERT INTO registry.iati_organisation_type (code, name, name_zh) VALUES ($1, $2, $3)`,
        [row.code, row.name, row.name_zh],
      );
    }
    await db.query(`SELECT audit.enable('registry.iati_organisation_type', 'code')`);
    await db.query(`
      CREATE TABLE registry.org_registration_agency (
        code text NOT NULL,
        name text NOT NULL,
        country_code text,
        withdrawn boolean NOT NULL DEFAULT false,
        CONSTRAINT org_registration_agency_pkey PRIMARY KEY (code)
      )`);
    for (const row of readReferenceCsv('iati-registration-agencies.csv')) {
      await db.query(
        `INSERT INTO registry.org_registration_agency (code, name, country_code, withdrawn)
         VALUES ($1, $2, NULLIF($3, ''), $4)`,
        [row.code, row.name, row.country, row.status === 'withdrawn'],
      );
    }
    await db.query(`SELECT audit.enable('registry.org_registration_agency', 'code')`);
    await db.query(`
      CREATE TABLE registry.publisher (
        id smallint NOT NULL DEFAULT 1,
        name text NOT NULL,
        name_zh text,
        org_id text NOT NULL,
        org_type text NOT NULL,
        licence_id text NOT NULL DEFAULT 'CC-BY-4.0',
        licence_url text NOT NULL DEFAULT 'https://creativecommons.org/licenses/by/4.0/',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT publisher_pkey PRIMARY KEY (id),
        CONSTRAINT publisher_single_row_check CHECK (id = 1),
        CONSTRAINT publisher_org_type_fkey FOREIGN KEY (org_type)
          REFERENCES registry.iati_organisation_type (code) ON DELETE RESTRICT,
        CONSTRAINT publisher_org_id_check CHECK (org_id ~ '^[A-Z]{2}-[A-Za-z0-9]+-[^/&|?[:space:]]+$')
      )`);
    await db.query(`SELECT audit.enable('registry.publisher', 'id')`);
    await db.query(
      `CREATE TRIGGER zz_keep_version_on_noop BEFORE UPDATE ON registry.publisher
         FOR EACH ROW EXECUTE FUNCTION registry.keep_version_on_noop()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`DROP TABLE registry.publisher`);
    await db.query(`DROP TABLE registry.org_registration_agency`);
    await db.query(`DROP TABLE registry.iati_organisation_type`);
  }
}
