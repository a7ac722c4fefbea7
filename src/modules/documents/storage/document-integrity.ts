import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';

/** A stored file that is not what its rows say. */
export interface ContentFault {
  readonly sha256: string;
  /** The documents whose file it is. */
  readonly documentIds: string[];
  /**
   * `missing`: no file; `changed`: its bytes hash to something else now; `unaudited`: the
   * row's SHA-256 is not the one its audited insert recorded (the row was altered outside the
   * registry).
   */
  readonly problem: 'missing' | 'changed' | 'unaudited';
  /** The SHA-256 the bytes have now (changed only). */
  readonly actualSha256: string | null;
}

export interface ContentReport {
  /** Distinct stored files re-hashed. */
  readonly checkedFiles: number;
  readonly checkedBytes: number;
  readonly faults: ContentFault[];
}

const BATCH = 200;
/** At most this many faults are listed (a lost store would otherwise list every file). */
const MAX_FAULTS = 100;

/**
 * Re-hashes every stored file the registry refers to and compares it with the SHA-256 in its
 * rows, which the audit trail's sealed chain covers: so `GET /audit/verify` proves the files too.
 */
@Injectable()
export class DocumentIntegrity {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  async verify(): Promise<ContentReport> {
    const faults: ContentFault[] = [];
    let checkedFiles = 0;
    let checkedBytes = 0;
    let after = '';
    for (;;) {
      const batch = await this.db.query<{ sha256: string; size_bytes: string; ids: string[] }[]>(
        `SELECT sha256, min(size_bytes)::text AS size_bytes, array_agg(id ORDER BY id)::text[] AS ids
         FROM registry.document WHERE sha256 > $1 GROUP BY sha256 ORDER BY sha256 LIMIT $2`,
        [after, BATCH],
      );
      for (const content of batch) {
        const actual = await this.store.rehash(content.sha256);
        checkedFiles += 1;
        if (actual === content.sha256) {
          checkedBytes += Number(content.size_bytes);
          continue;
        }
        if (faults.length < MAX_FAULTS) {
          faults.push({
            sha256: content.sha256,
            documentIds: content.ids,
            problem: actual === null ? 'missing' : 'changed',
            actualSha256: actual,
          });
        }
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].sha256;
    }
    for (const row of await this.rowsUnlikeTheirAudit()) {
      if (faults.length >= MAX_FAULTS) break;
      faults.push({
        sha256: row.sha256,
        documentIds: [row.id],
        problem: 'unaudited',
        actualSha256: null,
      });
    }
    return { checkedFiles, checkedBytes, faults };
  }

  /** Rows whose hash differs from what the audit trail recorded at their insert. */
  private rowsUnlikeTheirAudit(): Promise<{ id: string; sha256: string }[]> {
    return this.db.query(
      `SELECT d.id, d.sha256 FROM registry.document d
       WHERE NOT EXISTS (
         SELECT 1 FROM audit.change c
         WHERE c.table_name = 'document' AND c.row_id = d.id::text AND c.op = 'insert'
           AND c.after ->> 'sha256' = d.sha256)
       ORDER BY d.id LIMIT $1`,
      [MAX_FAULTS],
    );
  }
}
