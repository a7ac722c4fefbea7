import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, type PublishedView, sha256Hex } from './published-view';
import { asOfSources, liveSources, publishedViewSql } from './published-view.sql';

/** A published view read at one instant, serialised the one way it is hashed. */
export interface ReadView {
  readonly view: PublishedView;
  /** Canonical JSON of `view`: the bytes a snapshot keeps and hashes. */
  readonly content: string;
  readonly sha256: string;
  /** The PostgreSQL snapshot the statement read (which transactions it saw). */
  readonly pgSnapshot: string;
}

const LIVE = publishedViewSql(liveSources());
const AS_OF = publishedViewSql(asOfSources(2));

function toReadView(row: { view: string; snapshot: string }): ReadView {
  const view = JSON.parse(row.view) as PublishedView;
  const content = canonicalJson(view);
  return { view, content, sha256: sha256Hex(content), pgSnapshot: row.snapshot };
}

/** Reads the published view from the primary (never a replica: it must see the last write). */
@Injectable()
export class PublishedViewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The view now; with `previewPairingId`, as if that pairing were approved. */
  async live(manager?: EntityManager, previewPairingId?: string): Promise<ReadView> {
    const rows: { view: string; snapshot: string }[] = await (manager ?? this.db).query(LIVE, [
      previewPairingId ?? null,
    ]);
    return toReadView(rows[0]);
  }

  /** The view as the transactions visible in `pgSnapshot` left the registry (from the audit). */
  async asOf(pgSnapshot: string): Promise<ReadView> {
    const rows: { view: string; snapshot: string }[] = await this.db.query(AS_OF, [
      null,
      pgSnapshot,
    ]);
    return { ...toReadView(rows[0]), pgSnapshot };
  }
}
