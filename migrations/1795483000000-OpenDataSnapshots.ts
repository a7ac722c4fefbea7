import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';

/**
 * Open data, second part (issue 20): sealed snapshots of what is published.
 *
 * `registry.open_snapshot` keeps each published view exactly as it went out: the canonical JSON
 * (`content`), its SHA-256, and the PostgreSQL snapshot (`pg_snapshot`, the set of transactions
 * whose writes it saw). The audit trail records each row, so the hash chain covers what was
 * published; the content itself is left out of the audit image (it is kept once, here, and the
 * image's `sha256` pins it). Rows are never changed or deleted: a new publication is a new row.
 *
 * Regenerating a snapshot reads the audit images of the transactions its `pg_snapshot` saw
 * (`pg_visible_in_snapshot`), so it gets the registry exactly as the publication read it.
 */
export class OpenDataSnapshots1795483000000 implements MigrationInterface {
  name = 'OpenDataSnapshots1795483000000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`
      CREATE TABLE registry.open_snapshot (
        id integer GENERATED ALWAYS AS IDENTITY,
        published_at timestamptz NOT NULL DEFAULT now(),
        cause text NOT NULL,
        sha256 char(64) NOT NULL,
        pg_snapshot text NOT NULL,
        pairings integer NOT NULL,
        projects integer NOT NULL,
        documents integer NOT NULL,
        content text NOT NULL,
        CONSTRAINT open_snapshot_pkey PRIMARY KEY (id),
        CONSTRAINT open_snapshot_cause_check
          CHECK (cause IN ('approval', 'pairing_change', 'schedule', 'manual', 'publisher')),
        CONSTRAINT open_snapshot_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT open_snapshot_counts_check CHECK (pairings >= 0 AND projects >= 0 AND documents >= 0)
      )`);
    await db.query(
      `CREATE INDEX open_snapshot_published_at_idx ON registry.open_snapshot (published_at, id)`,
    );
    await db.query(`SELECT audit.enable('registry.open_snapshot', 'id', '{content}')`);
    await db.query(
      `CREATE TRIGGER open_snapshot_append_only BEFORE UPDATE OR DELETE ON registry.open_snapshot
         FOR EACH ROW EXECUTE FUNCTION audit.refuse('a published snapshot is never changed')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`DROP TABLE registry.open_snapshot`);
  }
}
