import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export const SNAPSHOT_CAUSES = [
  'approval',
  'pairing_change',
  'schedule',
  'manual',
  'publisher',
] as const;
export type SnapshotCause = (typeof SNAPSHOT_CAUSES)[number];

export interface SnapshotRow {
  id: number;
  published_at: Date;
  cause: SnapshotCause;
  sha256: string;
  pg_snapshot: string;
  pairings: number;
  projects: number;
  documents: number;
}

export interface NewSnapshot {
  readonly cause: SnapshotCause;
  readonly sha256: string;
  readonly pgSnapshot: string;
  readonly pairings: number;
  readonly projects: number;
  readonly documents: number;
  readonly content: string;
}

const COLUMNS = 'id, published_at, cause, sha256, pg_snapshot, pairings, projects, documents';

/** registry.open_snapshot: append-only, audited (the content is kept here, once). */
@Injectable()
export class SnapshotsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Publications one at a time across every instance (held to the end of the transaction). */
  async lockPublication(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('twin-park:open-data-publish'))`);
  }

  async latest(manager?: EntityManager): Promise<SnapshotRow | null> {
    const rows: SnapshotRow[] = await (manager ?? this.db).query(
      `SELECT ${COLUMNS} FROM registry.open_snapshot ORDER BY id DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async find(id: number): Promise<SnapshotRow | null> {
    const rows: SnapshotRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM registry.open_snapshot WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async content(id: number): Promise<string | null> {
    const rows: { content: string }[] = await this.db.query(
      `SELECT content FROM registry.open_snapshot WHERE id = $1`,
      [id],
    );
    return rows[0]?.content ?? null;
  }

  /** Newest first, keyset on id. */
  async list(limit: number, before: number | null): Promise<SnapshotRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM registry.open_snapshot
        WHERE $2::int IS NULL OR id < $2 ORDER BY id DESC LIMIT $1`,
      [limit, before],
    );
  }

  async insert(manager: EntityManager, snapshot: NewSnapshot): Promise<SnapshotRow> {
    const rows: SnapshotRow[] = await manager.query(
      `INSERT INTO registry.open_snapshot (cause, sha256, pg_snapshot, pairings, projects, documents, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        snapshot.cause,
        snapshot.sha256,
        snapshot.pgSnapshot,
        snapshot.pairings,
        snapshot.projects,
        snapshot.documents,
        snapshot.content,
      ],
    );
    return rows[0];
  }
}
