import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalidInput } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import type { Page } from '../../common/pagination/keyset';
import type { NotificationKind } from './notification-kinds';

/** What became of a notification's email: sent to the outbox, waiting for the digest, or none. */
export type NotificationEmail = 'queued' | 'digest' | 'none';

export interface NotificationRow {
  readonly id: string;
  readonly recipientId: string;
  readonly kind: NotificationKind;
  readonly subject: string;
  readonly body: string;
  readonly link: string;
  readonly pairingId: string | null;
  readonly round: number | null;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface NewNotification {
  readonly recipientId: string;
  readonly kind: NotificationKind;
  readonly subject: string;
  readonly body: string;
  readonly link: string;
  readonly pairingId: string | null;
  readonly round: number | null;
  readonly email: NotificationEmail;
}

interface Raw {
  id: string;
  recipient_id: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  link: string;
  pairing_id: string | null;
  round: number | null;
  created_at: Date;
  read_at: Date | null;
  /** created_at to the microsecond (a JS Date keeps milliseconds only), for the cursor. */
  created_key: string;
}

const COLUMNS = `id, recipient_id, kind, subject, body, link, pairing_id, round, created_at, read_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key`;

const SORT = '-createdAt';
const CREATED_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRow(raw: Raw): NotificationRow {
  return {
    id: raw.id,
    recipientId: raw.recipient_id,
    kind: raw.kind,
    subject: raw.subject,
    body: raw.body,
    link: raw.link,
    pairingId: raw.pairing_id,
    round: raw.round,
    createdAt: raw.created_at,
    readAt: raw.read_at,
  };
}

/** The cursor's values, checked before they reach SQL (a forged one is a 400, not a 500). */
function cursorPosition(cursor: string): [string, string] {
  const [createdKey, id] = decodeCursor(cursor, SORT, 2);
  if (typeof createdKey !== 'string' || !CREATED_KEY.test(createdKey)) {
    throw invalidInput([{ path: 'cursor', message: 'not a cursor issued by this API' }]);
  }
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw invalidInput([{ path: 'cursor', message: 'not a cursor issued by this API' }]);
  }
  return [createdKey, id];
}

/**
 * SQL over infra.notification, the in-app inbox. Not audited: a notification is a message about
 * an audited change, and reading one changes nothing in the registry. Every read and write here
 * is limited to one recipient, so nobody can see or touch another's.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, notification: NewNotification): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO infra.notification
         (recipient_id, kind, subject, body, link, pairing_id, round, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id`,
      [
        notification.recipientId,
        notification.kind,
        notification.subject,
        notification.body,
        notification.link,
        notification.pairingId,
        notification.round,
        notification.email,
      ],
    );
    return rows[0].id;
  }

  /** Newest first, keyset on (created_at, id): page N costs what page 1 does. */
  async listPage(
    recipientId: string,
    filter: { readonly unread?: boolean },
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<NotificationRow>> {
    const parameters: unknown[] = [recipientId];
    const conditions = ['recipient_id = $1'];
    if (filter.unread === true) conditions.push('read_at IS NULL');
    if (filter.unread === false) conditions.push('read_at IS NOT NULL');
    if (page.cursor) {
      const [createdKey, id] = cursorPosition(page.cursor);
      parameters.push(createdKey, id);
      conditions.push(`(created_at, id) < ($2::timestamptz, $3::uuid)`);
    }
    parameters.push(page.limit + 1);
    const raws = await this.db.query<Raw[]>(
      `SELECT ${COLUMNS} FROM infra.notification
        WHERE ${conditions.join(' AND ')}
        ORDER BY created_at DESC, id DESC
        LIMIT $${parameters.length}`,
      parameters,
    );
    const items = raws.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(toRow),
      nextCursor:
        raws.length > page.limit && last ? encodeCursor(SORT, [last.created_key, last.id]) : null,
    };
  }

  async unreadCount(recipientId: string): Promise<number> {
    const rows = await this.db.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM infra.notification
        WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return rows[0]?.unread ?? 0;
  }

  /** Marks one read (keeping the first read time); null when it is not this recipient's. */
  async markRead(recipientId: string, id: string): Promise<NotificationRow | null> {
    const [raws] = await this.db.query<[Raw[], number]>(
      `UPDATE infra.notification SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND recipient_id = $2
        RETURNING ${COLUMNS}`,
      [id, recipientId],
    );
    return raws[0] ? toRow(raws[0]) : null;
  }

  async markAllRead(recipientId: string): Promise<number> {
    const [, marked] = await this.db.query<[unknown[], number]>(
      `UPDATE infra.notification SET read_at = now()
        WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return marked;
  }

  /** A recipient's notifications waiting for the daily digest, oldest first. */
  async awaitingDigest(manager: EntityManager, recipientId: string): Promise<NotificationRow[]> {
    const raws = await manager.query<Raw[]>(
      `SELECT ${COLUMNS} FROM infra.notification
        WHERE recipient_id = $1 AND email = 'digest'
        ORDER BY created_at, id`,
      [recipientId],
    );
    return raws.map(toRow);
  }

  async setEmail(
    manager: EntityManager,
    ids: readonly string[],
    email: NotificationEmail,
  ): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE infra.notification SET email = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      email,
    ]);
  }
}
