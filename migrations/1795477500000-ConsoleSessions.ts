import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web console sessions. The cookie holds a random secret; only its SHA-256 is stored, so a read
 * of this table cannot be replayed as a session. Infrastructure, like idempotency keys: not
 * audited (signing in is not a change to the registry), and rows die with their user.
 */
export class ConsoleSessions1795477500000 implements MigrationInterface {
  name = 'ConsoleSessions1795477500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE infra.console_session (
        secret_hash text NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT console_session_pkey PRIMARY KEY (secret_hash),
        CONSTRAINT console_session_user_fkey FOREIGN KEY (user_id)
          REFERENCES registry.app_user (id) ON DELETE CASCADE,
        CONSTRAINT console_session_secret_hash_check CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT console_session_expiry_check CHECK (expires_at > created_at)
      )`);
    await db.query(`CREATE INDEX console_session_user_idx ON infra.console_session (user_id)`);
    await db.query(
      `CREATE INDEX console_session_expires_at_idx ON infra.console_session (expires_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE infra.console_session`);
  }
}
