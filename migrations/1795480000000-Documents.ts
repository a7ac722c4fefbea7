import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';
import { readReferenceCsv } from './reference-data';

/** The records a document can belong to, each by its own foreign key column. */
const OWNERS = ['park', 'pairing', 'investor', 'project'] as const;

/**
 * Documents (issue 18): agreements, MoUs, gazette notices and studies attached to parks,
 * pairings, investors and projects.
 *
 * - `registry.document_category`: IATI DocumentCategory 2.03 (github.com/IATI/IATI-Codelists,
 *   branch version-2.03, commit 75e827b; Chinese names ours) and `registry.language`: IATI
 *   Language, i.e. ISO 639-1 (IATI-Codelists-NonEmbedded, commit 7aeece7). Reference data.
 * - `registry.document`: one row per attached file. It belongs to exactly one record through
 *   one of four foreign keys, so a record's history finds its documents like its other links.
 *   The file itself lives in the content-addressed store under its SHA-256, which the row (and
 *   so every audit change row of it) carries: the sealed hash chain covers the contents.
 * - Sources may cite a document by id (`documentId`); a trigger on each record table checks
 *   that every cited document belongs to that same record.
 */
export class Documents1795480000000 implements MigrationInterface {
  name = 'Documents1795480000000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`
      CREATE TABLE registry.document_category (
        code text NOT NULL,
        category character(1) NOT NULL,
        name text NOT NULL,
        name_zh text NOT NULL,
        CONSTRAINT document_category_pkey PRIMARY KEY (code)
      )`);
    for (const row of readReferenceCsv('document-categories.csv')) {
      await db.query(
        `INSERT INTO registry.document_category (code, category, name, name_zh) VALUES ($1, $2, $3, $4)`,
        [row.code, row.category, row.name, row.name_zh],
      );
    }
    await db.query(`SELECT audit.enable('registry.document_category', 'code')`);
    await db.query(`
      CREATE TABLE registry.language (
        code character(2) NOT NULL,
        name text NOT NULL,
        CONSTRAINT language_pkey PRIMARY KEY (code)
      )`);
    for (const row of readReferenceCsv('languages.csv')) {
      await db.query(`INSERT INTO registry.language (code, name) VALUES ($1, $2)`, [
        row.code,
        row.name,
      ]);
    }

    await db.query(`SELECT audit.enable('registry.language', 'code')`);
    await db.query(`
      CREATE TABLE registry.document (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        park_id uuid,
        pairing_id uuid,
        investor_id uuid,
        project_id uuid,
        title text NOT NULL,
        title_zh text,
        category text NOT NULL,
        language character(2) NOT NULL,
        document_date date,
        visibility text NOT NULL DEFAULT 'internal',
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 character(64) NOT NULL,
        scan text NOT NULL,
        scan_detail text,
        scanned_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz,
        CONSTRAINT document_pkey PRIMARY KEY (id),
        CONSTRAINT document_park_id_fkey FOREIGN KEY (park_id)
          REFERENCES registry.park (id) ON DELETE RESTRICT,
        CONSTRAINT document_pairing_id_fkey FOREIGN KEY (pairing_id)
          REFERENCES registry.pairing (id) ON DELETE RESTRICT,
        CONSTRAINT document_investor_id_fkey FOREIGN KEY (investor_id)
          REFERENCES registry.investor (id) ON DELETE RESTRICT,
        CONSTRAINT document_project_id_fkey FOREIGN KEY (project_id)
          REFERENCES registry.project (id) ON DELETE RESTRICT,
        CONSTRAINT document_category_fkey FOREIGN KEY (category)
          REFERENCES registry.document_category (code) ON DELETE RESTRICT,
        CONSTRAINT document_language_fkey FOREIGN KEY (language)
          REFERENCES registry.language (code) ON DELETE RESTRICT,
        CONSTRAINT document_one_owner_check CHECK (num_nonnulls(park_id, pairing_id, investor_id, project_id) = 1),
        CONSTRAINT document_visibility_check CHECK (visibility IN ('internal', 'public')),
        CONSTRAINT document_scan_check CHECK (scan IN ('clean', 'pending', 'unscanned', 'infected')),
        CONSTRAINT document_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT document_size_bytes_check CHECK (size_bytes >= 0),
        CONSTRAINT document_title_check CHECK (length(btrim(title)) > 0),
        CONSTRAINT document_file_name_check CHECK (length(file_name) BETWEEN 1 AND 255)
      )`);
    for (const owner of OWNERS) {
      await db.query(
        `CREATE INDEX document_${owner}_id_idx ON registry.document (${owner}_id, created_at, id) WHERE ${owner}_id IS NOT NULL`,
      );
      // The record's history reads its documents' changes through this index.
      await db.query(`
        CREATE INDEX change_document_${owner}_parent_idx ON audit.change
          ((coalesce(after, before) ->> '${owner}_id'), id) WHERE table_name = 'document'`);
    }
    await db.query(`CREATE INDEX document_sha256_idx ON registry.document (sha256)`);
    await db.query(
      `CREATE INDEX document_scan_pending_idx ON registry.document (created_at, id) WHERE scan = 'pending'`,
    );
    await db.query(`SELECT audit.enable('registry.document', 'id')`);
    await db.query(
      `CREATE TRIGGER zz_keep_version_on_noop BEFORE UPDATE ON registry.document
         FOR EACH ROW EXECUTE FUNCTION registry.keep_version_on_noop()`,
    );

    // A source citing a document must cite one of the record's own.
    await db.query(`
      CREATE FUNCTION registry.check_source_documents() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        owner_column text := TG_ARGV[0];
        cited text;
      BEGIN
        FOR cited IN
          SELECT s ->> 'documentId' FROM jsonb_array_elements(NEW.sources) s
          WHERE s ? 'documentId' AND jsonb_typeof(s -> 'documentId') = 'string'
        LOOP
          IF cited !~ '^[0-9a-fA-F-]{36}$' THEN
            RAISE EXCEPTION 'source cites % which is not a document id', cited
              USING ERRCODE = 'check_violation', CONSTRAINT = 'source_document_fkey';
          END IF;
          PERFORM 1 FROM registry.document d
           WHERE d.id = cited::uuid
             AND (to_jsonb(d) ->> owner_column) = NEW.id::text;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'source cites document % which is not one of this record''s documents', cited
              USING ERRCODE = 'check_violation', CONSTRAINT = 'source_document_fkey';
          END IF;
        END LOOP;
        RETURN NEW;
      END $$`);
    for (const owner of OWNERS) {
      await db.query(`
        CREATE TRIGGER check_source_documents
          BEFORE INSERT OR UPDATE OF sources ON registry.${owner}
          FOR EACH ROW WHEN (jsonb_path_exists(NEW.sources, '$[*].documentId'))
          EXECUTE FUNCTION registry.check_source_documents('${owner}_id')`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const owner of OWNERS) {
      await db.query(`DROP TRIGGER check_source_documents ON registry.${owner}`);
    }
    await db.query(`DROP FUNCTION registry.check_source_documents()`);
    for (const owner of OWNERS) {
      await db.query(`DROP INDEX audit.change_document_${owner}_parent_idx`);
    }
    await db.query(`DROP TABLE registry.document`);
    await db.query(`DROP TABLE registry.language`);
    await db.query(`DROP TABLE registry.document_category`);
  }
}
