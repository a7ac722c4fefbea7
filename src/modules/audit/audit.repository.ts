import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sqlIdentifier } from './sql-identifier';

export interface SealRow {
  id: string;
  from_tx: string;
  to_tx: string;
  change_count: string;
  chain_hash: string;
  sealed_at: Date;
}

export interface ChangeRow {
  id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  actor: string;
  request_id: string | null;
  reason: string | null;
  at: Date;
  tx_id: string;
  changed: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A link table whose rows belong to a record through `parentColumn` (e.g. park_industry.park_id). */
export interface LinkTable {
  readonly table: string;
  readonly parentColumn: string;
}

export interface ChangeFilter {
  /** With `table` and `entityId`: also the changes of these link tables' rows of that record. */
  readonly links?: readonly LinkTable[];
  readonly table?: string;
  readonly entityId?: string;
  readonly actor?: string;
  readonly requestId?: string;
  readonly op?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface Mismatch {
  readonly changeId?: string;
  readonly sealId?: string;
  readonly reason: string;
}

/**
 * SQL over the audit schema. The audit tables have no TypeORM entities: nothing in the app may
 * write them except the database's own triggers and functions.
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Seals what finished since the last seal; null when there was nothing (or another sealer ran). */
  async sealNow(): Promise<SealRow | null> {
    const rows = await this.db.query<SealRow[]>(
      `SELECT (s).* FROM (SELECT audit.seal_now() AS s) x WHERE (s).id IS NOT NULL`,
    );
    return rows[0] ?? null;
  }

  async listSeals(limit: number, beforeId: string | null): Promise<SealRow[]> {
    return await this.db.query<SealRow[]>(
      `SELECT * FROM audit.seal WHERE ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $1`,
      [limit, beforeId],
    );
  }

  countChanges(): Promise<number> {
    return this.db
      .query(`SELECT count(*)::bigint AS n FROM audit.change`)
      .then((rows: { n: string }[]) => Number(rows[0]?.n ?? 0));
  }

  /** The first change row whose stored digest no longer matches its content. */
  async firstDigestMismatch(): Promise<Mismatch | null> {
    const rows = await this.db.query<{ id: string }[]>(`
      SELECT c.id FROM audit.change c
      WHERE c.digest IS DISTINCT FROM audit.row_digest(c.table_name, c.row_id, c.op, c.actor, c.request_id,
              c.reason, c.tx_id, c.at, c.changed, c.before, c.after)
      ORDER BY c.id LIMIT 1`);
    return rows[0]
      ? { changeId: rows[0].id, reason: 'change row content does not match its digest' }
      : null;
  }

  /**
   * The first seal whose range does not follow the previous one, or whose recomputed hash (over
   * the change rows in its range, in order) differs: a deleted, inserted or re-ordered change.
   */
  async firstSealMismatch(): Promise<Mismatch | null> {
    const rows = await this.db.query<{ id: string; gap: boolean; count_differs: boolean }[]>(`
      WITH ordered AS (
        SELECT s.*, lag(s.chain_hash, 1, '') OVER (ORDER BY s.id) AS previous_hash,
               lag(s.to_tx, 1, '0'::xid8) OVER (ORDER BY s.id) AS previous_to
        FROM audit.seal s
      )
      SELECT o.id, o.from_tx <> o.previous_to AS gap, h.change_count <> o.change_count AS count_differs
      FROM ordered o
      CROSS JOIN LATERAL audit.seal_hash(o.previous_hash, o.from_tx, o.to_tx) h
      WHERE o.from_tx <> o.previous_to OR h.chain_hash <> o.chain_hash
      ORDER BY o.id LIMIT 1`);
    const row = rows[0];
    if (!row) return null;
    const reason = row.gap
      ? 'seal range does not continue the previous seal'
      : row.count_differs
        ? 'change rows were deleted from or inserted into this sealed range'
        : 'change rows in this sealed range were altered or re-ordered';
    return { sealId: row.id, reason };
  }

  countSeals(): Promise<number> {
    return this.db
      .query(`SELECT count(*)::bigint AS n FROM audit.seal`)
      .then((rows: { n: string }[]) => Number(rows[0]?.n ?? 0));
  }

  /**
   * One page of change rows, filtered, in id order (ids follow insertion; within a transaction
   * they follow statement order). Each filter has an index: (table, row id, id), (actor, id),
   * (request id, id), (at, id).
   */
  async listChanges(
    filter: ChangeFilter,
    afterId: string | null,
    descending: boolean,
    limit: number,
  ): Promise<ChangeRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.table && filter.entityId && filter.links?.length) {
      // One index per link table serves its branch (see e.g. change_park_industry_parent_idx).
      params.push(filter.table, filter.entityId);
      const [table, id] = [`$${params.length - 1}`, `$${params.length}`];
      const branches = filter.links.map(
        (link) =>
          `(table_name = '${sqlIdentifier(link.table)}' AND coalesce(after, before) ->> '${sqlIdentifier(link.parentColumn)}' = ${id})`,
      );
      where.push(`((table_name = ${table} AND row_id = ${id}) OR ${branches.join(' OR ')})`);
    } else {
      if (filter.table) add('table_name = ?', filter.table);
      if (filter.entityId) add('row_id = ?', filter.entityId);
    }
    if (filter.actor) add('actor = ?', filter.actor);
    if (filter.requestId) add('request_id = ?', filter.requestId);
    if (filter.op) add('op = ?', filter.op);
    if (filter.from) add('at >= ?::timestamptz', filter.from);
    if (filter.to) add('at < ?::timestamptz', filter.to);
    if (afterId) add(descending ? 'id < ?::bigint' : 'id > ?::bigint', afterId);
    params.push(limit);
    return this.db.query<ChangeRow[]>(
      // Order by the bigint column, not the text alias of the same name (which sorts '9' > '10').
      `SELECT c.id::text AS id, table_name, row_id, op, actor, request_id, reason, at, tx_id::text,
              changed, before, after
       FROM audit.change c
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.id ${descending ? 'DESC' : 'ASC'}
       LIMIT $${params.length}`,
      params,
    );
  }
}
