import type { QueryRunner } from 'typeorm';

/**
 * Data migrations write audited tables like everyone else: with an actor. Call this first in a
 * migration's `up` or `down`; the setting is transaction-local (each migration runs in its own
 * transaction), and the change rows name the migration, e.g. `migration:AuditBaseline1795472100000`.
 */
export async function actAsMigration(db: QueryRunner, migration: { name?: string }): Promise<void> {
  if (!migration.name) throw new Error('a migration needs a name to act as an audit actor');
  await db.query(`SELECT set_config('app.actor', $1, true), set_config('app.reason', $2, true)`, [
    `migration:${migration.name}`,
    `schema migration ${migration.name}`,
  ]);
}
