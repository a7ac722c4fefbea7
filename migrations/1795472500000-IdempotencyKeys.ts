import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys for POST (the Idempotency-Key header): one row per user and key, claimed
 * before the handler runs and completed with its response. They live in the `infra` schema,
 * which holds infrastructure tables that are deliberately not audited (no audit triggers, so
 * no actor is needed to write them). Expired rows are purged by a periodic job.
 */
export class IdempotencyKeys1795472500000 implements MigrationInterface {
  name = 'IdempotencyKeys1795472500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA infra`);
    await db.query(`
      CREATE TABLE infra.idempotency_key (
        user_id text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        fingerprint text NOT NULL,
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT idempotency_key_pkey PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_key_key_check CHECK (key ~ '^[\\x21-\\x7e]{1,255}$'),
        CONSTRAINT idempotency_key_fingerprint_check CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
        CONSTRAINT idempotency_key_response_check
          CHECK (response_status BETWEEN 100 AND 599 OR (response_status IS NULL AND response_body IS NULL)),
        CONSTRAINT idempotency_key_expiry_check CHECK (expires_at > created_at)
      )`);
    await db.query(
      `CREATE INDEX idempotency_key_expires_at_idx ON infra.idempotency_key (expires_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE infra.idempotency_key`);
    await db.query(`DROP SCHEMA infra`);
  }
}
