import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { WriteContext } from '../../database/audited-transactions';
import { camelCase } from './change-response';
import { sqlIdentifier } from './sql-identifier';

/** Columns every versioned table maintains itself; a revert never restores them. */
const BOOKKEEPING = new Set(['version', 'created_at', 'updated_at']);

/** What a revert puts back: entity property values, and the version they apply to. */
export interface RevertPlan<T> {
  readonly changes: Partial<T>;
  readonly version: number;
}

/**
 * Records as they were, rebuilt from the audit log: as-of reads and reverts for any audited
 * entity. Images go back through `jsonb_populate_record` on the table's own row type, so values
 * come back with their column types (dates, numerics as exact strings) and hydrate like a read.
 *
 * A change's instant is its transaction's `at`, shared by every row the transaction wrote, so an
 * as-of read shows whole transactions or none of them. Within one row, ids give the order of its
 * changes (a row lock serialises writers), so the latest change at or before the instant wins.
 */
@Injectable()
export class RecordHistory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The record as it was at `at`; null when it did not exist then (not yet, or deleted). */
  async asOf<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    id: string,
    at: string,
  ): Promise<T | null> {
    const metadata = this.db.getMetadata(target);
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT r.* FROM (
         SELECT op, after FROM audit.change
         WHERE table_name = $1 AND row_id = $2 AND at <= $3::timestamptz
         ORDER BY id DESC LIMIT 1
       ) c
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${rowType(metadata)}, ${upgraded(metadata, 'c.after')}) r
       WHERE c.op <> 'delete'`,
      [metadata.tableName, id, at],
    );
    return rows[0] ? this.hydrate<T>(metadata, rows[0]) : null;
  }

  /**
   * The link rows (e.g. a park's industry links) that belonged to `parentId` at `at`: for each
   * link row, its latest change at or before the instant, unless that was a delete or moved it.
   */
  async linksAsOf<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    parentColumn: string,
    parentId: string,
    at: string,
  ): Promise<T[]> {
    const metadata = this.db.getMetadata(target);
    const parent = metadata.columns.find((c) => c.databaseName === parentColumn);
    if (!parent) throw new Error(`${metadata.tableName} has no column ${parentColumn}`);
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT r.* FROM (
         SELECT DISTINCT ON (row_id) op, after FROM audit.change
         WHERE table_name = $1 AND coalesce(after, before) ->> '${sqlIdentifier(parentColumn)}' = $2
           AND at <= $3::timestamptz
         ORDER BY row_id, id DESC
       ) c
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${rowType(metadata)}, ${upgraded(metadata, 'c.after')}) r
       WHERE c.op <> 'delete' AND c.after ->> '${sqlIdentifier(parentColumn)}' = $2`,
      [metadata.tableName, parentId, at],
    );
    return rows.map((row) => this.hydrate<T>(metadata, row));
  }

  /**
   * Reverting a change of one of the record's link rows: which link, and whether it was added,
   * removed or changed. 404 when the change is not a link change of this record; 409 when a
   * later change touched a link with the same `identity` (e.g. the same industry code).
   */
  async planLinkRevert<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    parentColumn: string,
    parentId: string,
    changeId: string,
    identity: string,
  ): Promise<{ op: 'insert' | 'update' | 'delete'; before: T | null; after: T | null } | null> {
    const metadata = this.db.getMetadata(target);
    const [change] = await this.db.query<{ op: 'insert' | 'update' | 'delete'; key: string }[]>(
      `SELECT op, coalesce(after, before) ->> '${sqlIdentifier(identity)}' AS key FROM audit.change
       WHERE id = $1::bigint AND table_name = $2 AND coalesce(after, before) ->> '${sqlIdentifier(parentColumn)}' = $3`,
      [changeId, metadata.tableName, parentId],
    );
    if (!change) return null;
    const later = await this.db.query<{ id: string }[]>(
      `SELECT c.id::text AS id FROM audit.change c
       WHERE c.table_name = $1 AND coalesce(c.after, c.before) ->> '${sqlIdentifier(parentColumn)}' = $2
         AND coalesce(c.after, c.before) ->> '${sqlIdentifier(identity)}' = $3 AND c.id > $4::bigint
       ORDER BY c.id`,
      [metadata.tableName, parentId, change.key, changeId],
    );
    if (later.length > 0) {
      throw new DomainError(
        'conflict',
        'REVERT_CONFLICT',
        `A later change touched the same link (${camelCase(identity)} ${change.key}); reverting change ${changeId} would undo it too.`,
        { extensions: { laterChangeIds: later.map((c) => c.id), fields: [camelCase(identity)] } },
      );
    }
    const [images] = await this.db.query<
      { before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]
    >(
      `SELECT CASE WHEN c.before IS NULL THEN NULL ELSE to_jsonb(b) END AS before,
              CASE WHEN c.after IS NULL THEN NULL ELSE to_jsonb(a) END AS after
       FROM audit.change c
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${rowType(metadata)}, ${upgraded(metadata, 'c.before')}) b
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${rowType(metadata)}, ${upgraded(metadata, 'c.after')}) a
       WHERE c.id = $1::bigint`,
      [changeId],
    );
    return {
      op: change.op,
      before: images.before ? this.hydrate<T>(metadata, images.before) : null,
      after: images.after ? this.hydrate<T>(metadata, images.after) : null,
    };
  }

  /**
   * What reverting change `changeId` of this record means: the fields it changed, back to their
   * values before it. Refused when the change is not an update of this record (404/422), touches
   * a field the resource does not let users set (422: e.g. a redacted password hash), or when a
   * later change touched any of the same fields (409: reverting would silently undo it too).
   */
  async planRevert<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    id: string,
    changeId: string,
    revertable: readonly (keyof T & string)[],
  ): Promise<RevertPlan<T>> {
    const metadata = this.db.getMetadata(target);
    const [change] = await this.db.query<{ op: string; changed: string[] }[]>(
      `SELECT op, changed FROM audit.change WHERE id = $1::bigint AND table_name = $2 AND row_id = $3`,
      [changeId, metadata.tableName, id],
    );
    if (!change) {
      throw new DomainError(
        'not_found',
        'CHANGE_NOT_FOUND',
        `Change ${changeId} is not a change of this ${metadata.tableName} record.`,
      );
    }
    if (change.op !== 'update') {
      throw new DomainError(
        'rule_violated',
        'REVERT_UNSUPPORTED',
        `Change ${changeId} is an ${change.op}; only updates can be reverted here.`,
      );
    }
    const columns = change.changed.filter((column) => !BOOKKEEPING.has(column));
    const properties = new Map(
      metadata.columns.map((column) => [column.databaseName, column.propertyName]),
    );
    const refused = columns.filter((column) => {
      const property = properties.get(column);
      return !property || !revertable.includes(property);
    });
    if (columns.length === 0 || refused.length > 0) {
      throw new DomainError(
        'rule_violated',
        'REVERT_UNSUPPORTED',
        refused.length
          ? `Change ${changeId} touched ${refused.map(camelCase).join(', ')}, which cannot be reverted.`
          : `Change ${changeId} changed nothing that can be reverted.`,
      );
    }

    const later = await this.db.query<{ id: string; changed: string[] }[]>(
      `SELECT c.id::text AS id, c.changed FROM audit.change c
       WHERE c.table_name = $1 AND c.row_id = $2 AND c.id > $3::bigint AND c.changed && $4::text[]
       ORDER BY c.id`,
      [metadata.tableName, id, changeId, columns],
    );
    if (later.length > 0) {
      const fields = [...new Set(later.flatMap((c) => c.changed))]
        .filter((column) => columns.includes(column))
        .map(camelCase);
      throw new DomainError(
        'conflict',
        'REVERT_CONFLICT',
        `Later changes also touched ${fields.join(', ')}; reverting change ${changeId} would undo them too. Revert those first or edit the record.`,
        { extensions: { laterChangeIds: later.map((c) => c.id), fields } },
      );
    }

    const [before] = await this.db.query<Record<string, unknown>[]>(
      `SELECT r.* FROM audit.change c
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${rowType(metadata)}, ${upgraded(metadata, 'c.before')}) r
       WHERE c.id = $1::bigint`,
      [changeId],
    );
    const [current] = await this.db.query<{ version: number }[]>(
      `SELECT version FROM ${rowType(metadata)} WHERE ${metadata.primaryColumns[0].databaseName} = $1`,
      [id],
    );
    if (!before || !current) {
      throw new DomainError(
        'not_found',
        'NOT_FOUND',
        `The ${metadata.tableName} no longer exists.`,
      );
    }
    const restored = this.hydrate<T>(metadata, before);
    const changes: Partial<T> = {};
    for (const column of columns) {
      const property = properties.get(column) as keyof T;
      changes[property] = restored[property];
    }
    return { changes, version: current.version };
  }

  private hydrate<T extends ObjectLiteral>(
    metadata: EntityMetadata,
    raw: Record<string, unknown>,
  ): T {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      if (!(column.databaseName in raw)) continue;
      column.setEntityValue(
        entity,
        this.db.driver.prepareHydratedValue(raw[column.databaseName], column),
      );
    }
    return entity;
  }
}

/**
 * Images written before a column change, read as the table is now. Parks kept `lat` and `lon`
 * until the Geography migration put them into `location` (a point, longitude first): an older
 * image gets its point from them, so an as-of read from before it still shows where the park was.
 */
const IMAGE_UPGRADES: Readonly<Record<string, (image: string) => string>> = {
  park: (image) =>
    `(CASE WHEN ${image} ? 'lat' AND NOT ${image} ? 'location' AND ${image} ->> 'lat' IS NOT NULL
       THEN ${image} || jsonb_build_object('location', format('(%s,%s)', ${image} ->> 'lon', ${image} ->> 'lat'))
       ELSE ${image} END)`,
};

function upgraded(metadata: EntityMetadata, image: string): string {
  return IMAGE_UPGRADES[metadata.tableName]?.(image) ?? image;
}

/** `registry.country`: trusted, from entity metadata, never from a request. */
function rowType(metadata: EntityMetadata): string {
  return `${metadata.schema ?? 'public'}.${metadata.tableName}`;
}

/** Reverts and deletions must say why (X-Change-Reason); without it, 428. */
export function requireReason(context: WriteContext): WriteContext {
  if (context.reason) return context;
  throw new DomainError(
    'precondition_required',
    'REASON_REQUIRED',
    'Say why in the X-Change-Reason header; it is kept with the audit record of this change.',
  );
}
