import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import type { Page } from '../../common/pagination/keyset';
import { rowsTouched } from '../../database/rows-touched';
import { type DocumentOwner, OWNER_COLUMN, type OwnerType } from './document-owner';
import type { ScanState, Visibility } from './dto/document.dto';

export interface DocumentRow {
  id: string;
  park_id: string | null;
  pairing_id: string | null;
  investor_id: string | null;
  project_id: string | null;
  title: string;
  title_zh: string | null;
  category: string;
  category_name: string;
  language: string;
  document_date: string | null;
  visibility: Visibility;
  file_name: string;
  media_type: string;
  size_bytes: string;
  sha256: string;
  scan: ScanState;
  scan_detail: string | null;
  scanned_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  /** created_at as PostgreSQL prints it, exact to the microsecond, for cursors. */
  created_key: string;
}

export interface NewDocument {
  readonly owner: { readonly type: OwnerType; readonly id: string };
  readonly title: string;
  readonly titleZh: string | null;
  readonly category: string;
  readonly language: string;
  readonly documentDate: string | null;
  readonly visibility: Visibility;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly scan: ScanState;
  readonly scanDetail: string | null;
}

/** Metadata a PATCH may change, by column. */
export interface DocumentChanges {
  title?: string;
  title_zh?: string | null;
  category?: string;
  language?: string;
  document_date?: string | null;
  visibility?: Visibility;
}

const SELECT = `
  SELECT d.id, d.park_id, d.pairing_id, d.investor_id, d.project_id, d.title, d.title_zh,
         d.category, c.name AS category_name, d.language,
         to_char(d.document_date, 'YYYY-MM-DD') AS document_date, d.visibility, d.file_name,
         d.media_type, d.size_bytes, d.sha256, d.scan, d.scan_detail, d.scanned_at, d.version,
         d.created_at, d.updated_at, d.archived_at, d.created_at::text AS created_key
  FROM registry.document d JOIN registry.document_category c ON c.code = d.category`;

/** The records documents belong to: what decides who may attach, per kind. */
const OWNER_SQL: Record<OwnerType, string> = {
  park: `SELECT id, name AS label, ARRAY[country_code::text] AS countries, archived_at IS NOT NULL AS archived
         FROM registry.park WHERE id = $1`,
  pairing: `SELECT p.id, p.code || ' ' || p.name AS label, archived_at IS NOT NULL AS archived,
                   ARRAY(SELECT DISTINCT pp.country_code::text FROM registry.pairing_park pp
                         WHERE pp.pairing_id = p.id ORDER BY 1) AS countries
            FROM registry.pairing p WHERE p.id = $1`,
  investor: `SELECT id, name AS label, NULL::text[] AS countries, archived_at IS NOT NULL AS archived
             FROM registry.investor WHERE id = $1`,
  project: `SELECT id, ref || ' ' || title AS label, ARRAY[host_country_code::text] AS countries,
                   archived_at IS NOT NULL AS archived
            FROM registry.project WHERE id = $1`,
};

/** A lock per file content: an upload and the sweep of unreferenced files never interleave. */
const CONTENT_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('registry.document:' || $1, 0))`;

/** registry.document (audited) and its reference tables. */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findOwner(type: OwnerType, id: string): Promise<DocumentOwner | null> {
    const rows = await this.db.query<
      { id: string; label: string; countries: string[] | null; archived: boolean }[]
    >(OWNER_SQL[type], [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      type,
      id: row.id,
      label: row.label,
      writerCountries: row.countries,
      archived: row.archived,
    };
  }

  async findById(id: string, manager?: EntityManager): Promise<DocumentRow | null> {
    const rows = await (manager ?? this.db).query<DocumentRow[]>(`${SELECT} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Newest first; keyset on (created_at, id). */
  async listForOwner(
    type: OwnerType,
    ownerId: string,
    options: { includeArchived: boolean; limit: number; cursor?: string },
  ): Promise<Page<DocumentRow>> {
    const params: unknown[] = [ownerId, options.limit + 1];
    const where = [`d.${OWNER_COLUMN[type]} = $1`];
    if (!options.includeArchived) where.push('d.archived_at IS NULL');
    if (options.cursor) {
      const [createdKey, id] = decodeCursor(options.cursor, '-createdAt', 2);
      params.push(createdKey, id);
      where.push(`(d.created_at, d.id) < ($3::timestamptz, $4::uuid)`);
    }
    const rows = await this.db.query<DocumentRow[]>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, options.limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > options.limit && last
          ? encodeCursor('-createdAt', [last.created_key, last.id])
          : null,
    };
  }

  /** Takes the content lock for this hash until the transaction ends. */
  async lockContent(manager: EntityManager, sha256: string): Promise<void> {
    await manager.query(CONTENT_LOCK, [sha256]);
  }

  async findLiveDuplicate(
    manager: EntityManager,
    owner: { type: OwnerType; id: string },
    sha256: string,
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM registry.document
       WHERE ${OWNER_COLUMN[owner.type]} = $1 AND sha256 = $2 AND archived_at IS NULL LIMIT 1`,
      [owner.id, sha256],
    );
    return rows[0]?.id ?? null;
  }

  async insert(manager: EntityManager, document: NewDocument): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO registry.document
         (${OWNER_COLUMN[document.owner.type]}, title, title_zh, category, language, document_date,
          visibility, file_name, media_type, size_bytes, sha256, scan, scan_detail, scanned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
               CASE WHEN $12 IN ('clean', 'infected') THEN now() END)
       RETURNING id`,
      [
        document.owner.id,
        document.title,
        document.titleZh,
        document.category,
        document.language,
        document.documentDate,
        document.visibility,
        document.fileName,
        document.mediaType,
        document.sizeBytes,
        document.sha256,
        document.scan,
        document.scanDetail,
      ],
    );
    return rows[0].id;
  }

  /** Applies metadata changes at the expected version; false when the version moved on. */
  async updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: DocumentChanges,
  ): Promise<boolean> {
    const entries: [string, unknown][] = Object.entries(changes);
    const sets = entries.map(([column], index) => `${column} = $${index + 3}`);
    const touched = await rowsTouched(
      manager,
      `UPDATE registry.document
       SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND version = $2 AND archived_at IS NULL`,
      [id, version, ...entries.map(([, value]) => value)],
    );
    return touched === 1;
  }

  async archiveAtVersion(manager: EntityManager, id: string, version: number): Promise<boolean> {
    const touched = await rowsTouched(
      manager,
      `UPDATE registry.document SET archived_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 AND archived_at IS NULL`,
      [id, version],
    );
    return touched === 1;
  }

  /** Documents waiting for a scan, oldest first. */
  async pendingScans(limit: number): Promise<{ id: string; sha256: string }[]> {
    return this.db.query(
      `SELECT id, sha256 FROM registry.document WHERE scan = 'pending' ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
  }

  /** Records a scan's result on every pending row of that content. */
  async recordScan(
    manager: EntityManager,
    sha256: string,
    scan: 'clean' | 'infected',
    detail: string | null,
  ): Promise<number> {
    return rowsTouched(
      manager,
      `UPDATE registry.document SET scan = $2, scan_detail = $3, scanned_at = now(),
              version = version + 1, updated_at = now()
       WHERE sha256 = $1 AND scan = 'pending'`,
      [sha256, scan, detail],
    );
  }

  /** Of these hashes, the ones no document row refers to. */
  async unreferenced(hashes: readonly string[], manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.db).query<{ sha256: string }[]>(
      `SELECT s.sha256 FROM unnest($1::text[]) s(sha256)
       WHERE NOT EXISTS (SELECT 1 FROM registry.document d WHERE d.sha256 = s.sha256)`,
      [hashes],
    );
    return rows.map((row) => row.sha256);
  }

  async categories(): Promise<{ code: string; category: string; name: string; name_zh: string }[]> {
    return this.db.query(
      `SELECT code, category, name, name_zh FROM registry.document_category ORDER BY code`,
    );
  }

  async languages(): Promise<{ code: string; name: string }[]> {
    return this.db.query(`SELECT code, name FROM registry.language ORDER BY code`);
  }
}
