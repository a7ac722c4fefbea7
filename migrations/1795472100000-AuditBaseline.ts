import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';

/** Reference tables filled before the audit trail existed, with their key columns. */
const REFERENCE_TABLES = [
  ['currency', 'code'],
  ['country', 'code'],
  ['industry', 'code'],
] as const;

/**
 * The reference data was loaded by an earlier migration, before the triggers existed, so its
 * rows had no history and an as-of read could not find them. This records one `insert` change
 * per such row, as the migration's actor: history and as-of reads start from here.
 */
export class AuditBaseline1795472100000 implements MigrationInterface {
  name = 'AuditBaseline1795472100000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    for (const [table, key] of REFERENCE_TABLES) {
      await db.query(
        `INSERT INTO audit.change (table_name, row_id, op, actor, request_id, reason, tx_id, at, changed, before, after, digest)
         SELECT $1, x.row_id, 'insert', x.actor, NULL, x.reason, x.tx, x.at, x.changed, NULL, x.image,
                audit.row_digest($1, x.row_id, 'insert', x.actor, NULL, x.reason, x.tx, x.at, x.changed, NULL, x.image)
         FROM (
           SELECT t.image ->> $2 AS row_id, t.image,
                  ARRAY(SELECT k FROM jsonb_object_keys(t.image) k ORDER BY k) AS changed,
                  current_setting('app.actor') AS actor, current_setting('app.reason') AS reason,
                  pg_current_xact_id() AS tx, now() AS at
           FROM (SELECT to_jsonb(r) AS image FROM registry.${table} r) t
         ) x
         WHERE NOT EXISTS (SELECT 1 FROM audit.change c WHERE c.table_name = $1 AND c.row_id = x.row_id)
         ORDER BY x.row_id`,
        [table, key],
      );
    }
  }

  /** The baseline rows stay: the audit log is append-only, and reverting must not rewrite it. */
  async down(): Promise<void> {}
}
