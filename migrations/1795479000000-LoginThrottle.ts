import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-in counters, one row per account and per client address and window, shared by
 * every instance (see src/modules/auth/login-throttle.ts). Keys are SHA-256 hashes, so the table
 * holds no email or address. Infrastructure, like console sessions: not audited (a sign-in
 * attempt changes nothing in the registry).
 */
export class LoginThrottle1795479000000 implements MigrationInterface {
  name = 'LoginThrottle1795479000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE infra.login_throttle (
        scope text NOT NULL,
        key_hash text NOT NULL,
        failures integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        CONSTRAINT login_throttle_pkey PRIMARY KEY (scope, key_hash),
        CONSTRAINT login_throttle_scope_check CHECK (scope IN ('account', 'address')),
        CONSTRAINT login_throttle_key_hash_check CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT login_throttle_failures_check CHECK (failures >= 0)
      )`);
    await db.query(
      `CREATE INDEX login_throttle_window_ends_at_idx ON infra.login_throttle (window_ends_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE infra.login_throttle`);
  }
}
