import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows carry an optimistic-concurrency `version` and an `updated_at`. */
const VERSIONED_TABLES = [
  'country',
  'app_user',
  'park',
  'investor',
  'pairing',
  'fx_rate',
  'project',
] as const;

/**
 * An update that changes nothing but `version` and `updated_at` (a PATCH sending the text the
 * record already has, an export re-imported unchanged) keeps the row as it was: the version
 * stays, so the ETag a client holds stays valid, and the audit capture, which skips rows whose
 * images are equal, leaves no change row. Decided by the database on its own values, so every
 * write path (services, set-based imports, raw SQL) agrees and no type is compared in
 * application code.
 *
 * A write that changed only a record's links (its sectors, parks, industries or a review
 * decision) still bumps the record's version, so that concurrent editors see it: it says so
 * with the transaction-local setting `app.version_bump = force` (src/database/update-at-version.ts).
 *
 * Named to sort after every other BEFORE UPDATE trigger (they fire in name order), so that it
 * compares the row after derived columns are set.
 */
export class NoOpUpdatesKeepVersion1795478700000 implements MigrationInterface {
  name = 'NoOpUpdatesKeepVersion1795478700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION registry.keep_version_on_noop() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('app.version_bump', true) IS DISTINCT FROM 'force'
           AND to_jsonb(NEW) - 'version' - 'updated_at' = to_jsonb(OLD) - 'version' - 'updated_at' THEN
          NEW.version := OLD.version;
          NEW.updated_at := OLD.updated_at;
        END IF;
        RETURN NEW;
      END
      $$`);
    for (const table of VERSIONED_TABLES) {
      await db.query(
        `CREATE TRIGGER zz_keep_version_on_noop BEFORE UPDATE ON registry.${table}
           FOR EACH ROW EXECUTE FUNCTION registry.keep_version_on_noop()`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await db.query(`DROP TRIGGER zz_keep_version_on_noop ON registry.${table}`);
    }
    await db.query(`DROP FUNCTION registry.keep_version_on_noop()`);
  }
}
