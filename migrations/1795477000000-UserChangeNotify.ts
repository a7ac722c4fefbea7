import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every update or delete of a user notifies `twin_park_user_changed` with its id, at commit, so
 * each app instance drops that user from its cache of authenticated users (active-user-cache.ts)
 * and a deactivation or role change takes effect at once everywhere.
 */
export class UserChangeNotify1795477000000 implements MigrationInterface {
  name = 'UserChangeNotify1795477000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION registry.notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('twin_park_user_changed', OLD.id::text);
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON registry.app_user
      FOR EACH ROW EXECUTE FUNCTION registry.notify_user_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER app_user_changed ON registry.app_user`);
    await db.query(`DROP FUNCTION registry.notify_user_changed()`);
  }
}
