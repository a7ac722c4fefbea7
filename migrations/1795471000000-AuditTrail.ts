import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first capture function; AuditCaptureSpeed replaces it and restores it on revert. */
export const CAPTURE_FUNCTION_V1 = `
      CREATE OR REPLACE FUNCTION audit.capture() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_actor   text := NULLIF(current_setting('app.actor', true), '');
        v_request text := NULLIF(current_setting('app.request_id', true), '');
        v_reason  text := NULLIF(current_setting('app.reason', true), '');
        v_pk      text := TG_ARGV[0];
        v_redact  text[] := TG_ARGV[1]::text[];
        v_ignore  text[] := TG_ARGV[2]::text[];
        v_tx      xid8 := pg_current_xact_id();
        v_at      timestamptz := now();
      BEGIN
        IF v_actor IS NULL THEN
          RAISE EXCEPTION 'write to %.% refused: no actor in this transaction', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write through the audited transaction helper, which sets app.actor with set_config(..., true).';
        END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO audit.change (table_name, row_id, op, actor, request_id, reason, tx_id, at, changed, before, after, digest)
          SELECT TG_TABLE_NAME, n.raw ->> v_pk, 'insert', v_actor, v_request, v_reason, v_tx, v_at,
                 k.changed, NULL, n.image,
                 audit.row_digest(TG_TABLE_NAME, n.raw ->> v_pk, 'insert', v_actor, v_request, v_reason, v_tx, v_at, k.changed, NULL, n.image)
          FROM (SELECT to_jsonb(r) AS raw, audit.redact(to_jsonb(r), v_redact) AS image FROM new_rows r) n
          CROSS JOIN LATERAL (SELECT array_agg(key ORDER BY key) AS changed FROM jsonb_object_keys(n.raw) key) k;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO audit.change (table_name, row_id, op, actor, request_id, reason, tx_id, at, changed, before, after, digest)
          SELECT TG_TABLE_NAME, n.raw ->> v_pk, 'update', v_actor, v_request, v_reason, v_tx, v_at,
                 d.changed, o.image, n.image,
                 audit.row_digest(TG_TABLE_NAME, n.raw ->> v_pk, 'update', v_actor, v_request, v_reason, v_tx, v_at, d.changed, o.image, n.image)
          FROM (SELECT to_jsonb(r) AS raw, audit.redact(to_jsonb(r), v_redact) AS image FROM old_rows r) o
          JOIN (SELECT to_jsonb(r) AS raw, audit.redact(to_jsonb(r), v_redact) AS image FROM new_rows r) n
            ON n.raw ->> v_pk = o.raw ->> v_pk
          CROSS JOIN LATERAL (
            SELECT array_agg(key ORDER BY key) AS changed
            FROM jsonb_object_keys(n.raw) key
            WHERE n.raw -> key IS DISTINCT FROM o.raw -> key AND NOT key = ANY(v_ignore)
          ) d
          -- A no-op update (or one touching only ignored columns) leaves no row.
          WHERE d.changed IS NOT NULL;
        ELSE
          INSERT INTO audit.change (table_name, row_id, op, actor, request_id, reason, tx_id, at, changed, before, after, digest)
          SELECT TG_TABLE_NAME, o.raw ->> v_pk, 'delete', v_actor, v_request, v_reason, v_tx, v_at,
                 '{}', o.image, NULL,
                 audit.row_digest(TG_TABLE_NAME, o.raw ->> v_pk, 'delete', v_actor, v_request, v_reason, v_tx, v_at, '{}', o.image, NULL)
          FROM (SELECT to_jsonb(r) AS raw, audit.redact(to_jsonb(r), v_redact) AS image FROM old_rows r) o;
        END IF;
        RETURN NULL;
      END
      $$`;

/**
 * The audit trail, captured by PostgreSQL itself: one append-only `audit.change` row per changed
 * row of every registry table, written by statement-level triggers (transition tables, so bulk
 * writes cost one trigger call per statement) in the same transaction as the change. A write
 * whose transaction has no `app.actor` is refused. `audit.enable(table, pk, redact, ignore)`
 * audits a new table in one line.
 */
export class AuditTrail1795471000000 implements MigrationInterface {
  name = 'AuditTrail1795471000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA audit`);
    await db.query(`
      CREATE TABLE audit.change (
        id bigint GENERATED ALWAYS AS IDENTITY,
        table_name text NOT NULL,
        row_id text NOT NULL,
        op text NOT NULL,
        actor text NOT NULL,
        request_id text,
        reason text,
        tx_id xid8 NOT NULL,
        at timestamptz NOT NULL,
        changed text[] NOT NULL,
        before jsonb,
        after jsonb,
        digest text NOT NULL,
        CONSTRAINT change_pkey PRIMARY KEY (id),
        CONSTRAINT change_op_check CHECK (op IN ('insert', 'update', 'delete'))
      )`);
    await db.query(`CREATE INDEX change_entity_idx ON audit.change (table_name, row_id, id)`);
    await db.query(`CREATE INDEX change_request_idx ON audit.change (request_id, id)`);
    await db.query(`CREATE INDEX change_actor_idx ON audit.change (actor, id)`);
    await db.query(`CREATE INDEX change_at_idx ON audit.change (at, id)`);
    await db.query(`CREATE INDEX change_tx_idx ON audit.change (tx_id)`);

    // The digest covers every field of the change row; verify recomputes it. Time is hashed as
    // epoch microseconds so the session's TimeZone cannot change the result.
    await db.query(`
      CREATE FUNCTION audit.row_digest(
        table_name text, row_id text, op text, actor text, request_id text, reason text,
        tx_id xid8, at timestamptz, changed text[], before jsonb, after jsonb
      ) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT encode(sha256(convert_to(concat_ws(chr(31),
          table_name, row_id, op, actor, coalesce(request_id, ''), coalesce(reason, ''),
          tx_id::text, (extract(epoch FROM at) * 1000000)::bigint::text,
          array_to_string(changed, ','), coalesce(before::text, ''), coalesce(after::text, '')
        ), 'UTF8')), 'hex')
      $$`);

    await db.query(`
      CREATE FUNCTION audit.redact(image jsonb, columns text[]) RETURNS jsonb
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(
          (SELECT jsonb_object_agg(key, CASE WHEN key = ANY(columns) AND value <> 'null'::jsonb
                                             THEN '"[redacted]"'::jsonb ELSE value END)
           FROM jsonb_each(image)),
          '{}'::jsonb)
      $$`);

    // Trigger arguments: primary-key column, redacted columns, ignored columns (bookkeeping such
    // as a token's last use: never a reason for a change row on its own).
    await db.query(CAPTURE_FUNCTION_V1);

    await db.query(`
      CREATE FUNCTION audit.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on %.% is refused: %', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_ARGV[0]
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);

    // The change log is append-only.
    await db.query(`
      CREATE TRIGGER change_append_only BEFORE UPDATE OR DELETE ON audit.change
      FOR EACH ROW EXECUTE FUNCTION audit.refuse('the audit log is append-only')`);
    await db.query(`
      CREATE TRIGGER change_no_truncate BEFORE TRUNCATE ON audit.change
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse('the audit log is append-only')`);

    // One line per audited table. Transition tables allow one event per trigger, hence three.
    await db.query(`
      CREATE FUNCTION audit.enable(target regclass, pk text, redact text[] DEFAULT '{}', ignore text[] DEFAULT '{}')
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit.capture(%L, %L, %L)', target, pk, redact, ignore);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit.capture(%L, %L, %L)', target, pk, redact, ignore);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit.capture(%L, %L, %L)', target, pk, redact, ignore);
        EXECUTE format('CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON %s
                        FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse(%L)', target, 'audited tables are never truncated');
      END
      $$`);

    await db.query(`SELECT audit.enable('registry.currency', 'code')`);
    await db.query(`SELECT audit.enable('registry.country', 'code')`);
    await db.query(`SELECT audit.enable('registry.industry', 'code')`);
    await db.query(`SELECT audit.enable('registry.app_user', 'id', '{password_hash}')`);
    await db.query(
      `SELECT audit.enable('registry.api_token', 'id', '{token_hash}', '{last_used_at}')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['api_token', 'app_user', 'industry', 'country', 'currency']) {
      for (const trigger of ['audit_insert', 'audit_update', 'audit_delete', 'audit_no_truncate']) {
        await db.query(`DROP TRIGGER ${trigger} ON registry.${table}`);
      }
    }
    await db.query(`DROP SCHEMA audit CASCADE`);
  }
}
