import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence. A seal covers every change of the transactions that finished below a
 * snapshot horizon (pg_snapshot_xmin): none of them can still commit, so a sealed range never
 * grows, and writers are never serialised. Each seal hashes the previous seal's hash with the
 * digests of its changes in (tx_id, id) order, forming a chain that verify recomputes.
 */
export class AuditSeals1795471500000 implements MigrationInterface {
  name = 'AuditSeals1795471500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit.seal (
        id bigint GENERATED ALWAYS AS IDENTITY,
        from_tx xid8 NOT NULL,
        to_tx xid8 NOT NULL,
        change_count bigint NOT NULL,
        chain_hash text NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT seal_pkey PRIMARY KEY (id),
        CONSTRAINT seal_range_check CHECK (from_tx <= to_tx)
      )`);
    await db.query(`
      CREATE TRIGGER seal_append_only BEFORE UPDATE OR DELETE ON audit.seal
      FOR EACH ROW EXECUTE FUNCTION audit.refuse('seals are append-only')`);
    await db.query(`
      CREATE TRIGGER seal_no_truncate BEFORE TRUNCATE ON audit.seal
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse('seals are append-only')`);

    // The hash of one seal: previous hash, range, count, and the ordered change digests.
    await db.query(`
      CREATE FUNCTION audit.seal_hash(previous text, from_tx xid8, to_tx xid8) RETURNS TABLE (change_count bigint, chain_hash text)
      LANGUAGE sql STABLE AS $$
        SELECT count(*), encode(sha256(convert_to(
                 concat_ws(chr(31), previous, from_tx::text, to_tx::text, count(*)::text,
                           coalesce(string_agg(c.digest, ',' ORDER BY c.tx_id, c.id), '')),
                 'UTF8')), 'hex')
        FROM audit.change c
        WHERE c.tx_id >= from_tx AND c.tx_id < to_tx
      $$`);

    // Seals everything finished since the last seal; one sealer at a time (advisory lock).
    await db.query(`
      CREATE FUNCTION audit.seal_now() RETURNS audit.seal LANGUAGE plpgsql AS $$
      DECLARE
        v_last audit.seal;
        v_from xid8;
        v_to xid8 := pg_snapshot_xmin(pg_current_snapshot());
        v_new audit.seal;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(7243019002) THEN
          RETURN NULL;
        END IF;
        SELECT * INTO v_last FROM audit.seal ORDER BY id DESC LIMIT 1;
        v_from := coalesce(v_last.to_tx, '0'::xid8);
        IF v_to <= v_from OR NOT EXISTS (SELECT 1 FROM audit.change WHERE tx_id >= v_from AND tx_id < v_to) THEN
          RETURN NULL;
        END IF;
        INSERT INTO audit.seal (from_tx, to_tx, change_count, chain_hash)
        SELECT v_from, v_to, h.change_count, h.chain_hash
        FROM audit.seal_hash(coalesce(v_last.chain_hash, ''), v_from, v_to) h
        RETURNING * INTO v_new;
        RETURN v_new;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION audit.seal_now()`);
    await db.query(`DROP FUNCTION audit.seal_hash(text, xid8, xid8)`);
    await db.query(`DROP TABLE audit.seal`);
  }
}
