import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users with a role and, for officers and reviewers, one country; their API tokens. */
export class UsersAndTokens1795470600000 implements MigrationInterface {
  name = 'UsersAndTokens1795470600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry.app_user (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        country_code character(2),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_pkey PRIMARY KEY (id),
        CONSTRAINT app_user_role_check CHECK ("role" IN ('admin', 'officer', 'reviewer', 'analyst')),
        CONSTRAINT app_user_country_scope_check CHECK (("role" IN ('officer', 'reviewer')) = ("country_code" IS NOT NULL)),
        CONSTRAINT app_user_email_lower_check CHECK ("email" = lower("email")),
        CONSTRAINT app_user_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email_key ON registry.app_user (email)`);
    await db.query(`CREATE INDEX app_user_role_idx ON registry.app_user (role)`);
    await db.query(`CREATE INDEX app_user_country_code_idx ON registry.app_user (country_code)`);

    await db.query(`
      CREATE TABLE registry.api_token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL,
        token_prefix text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_token_pkey PRIMARY KEY (id),
        CONSTRAINT api_token_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES registry.app_user (id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE UNIQUE INDEX api_token_token_hash_key ON registry.api_token (token_hash)`,
    );
    await db.query(`CREATE INDEX api_token_user_id_idx ON registry.api_token (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE registry.api_token`);
    await db.query(`DROP TABLE registry.app_user`);
  }
}
