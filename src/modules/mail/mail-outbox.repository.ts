import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MailMessage } from './mail-transport';
import type { OutboundMail } from './outbound-mail';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A queued mail due for an attempt, as the worker claims it. */
export interface DueMail extends MailMessage {
  /** Attempts made before this one. */
  readonly attempts: number;
}

/** What one attempt came to; written in the transaction that holds the row. */
export type AttemptOutcome =
  | { readonly status: 'sent'; readonly at: Date }
  | {
      readonly status: 'pending';
      readonly attempts: number;
      readonly nextAttemptAt: Date;
      readonly lastError: string;
    }
  | { readonly status: 'failed'; readonly attempts: number; readonly lastError: string };

/** One outbox row for the admins' delivery list (no bodies). */
export interface MailDeliveryRow {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
  /** created_at in UTC with its microseconds (a Date keeps milliseconds), for the cursor. */
  readonly createdAtKey: string;
  readonly sentAt: Date | null;
}

/** Where a page of deliveries continues: after this row, newest first. */
export interface DeliveryKey {
  readonly createdAt: string;
  readonly id: string;
}

export type RequeueResult =
  | { readonly requeued: true; readonly row: MailDeliveryRow }
  | { readonly requeued: false; readonly status: MailStatus | null };

interface DeliverySqlRow {
  id: string;
  to_address: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  created_at_key: string;
  sent_at: Date | null;
}

const DELIVERY_COLUMNS = `id, to_address, subject, status, attempts, last_error, next_attempt_at,
  created_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_key,
  sent_at`;

function toDeliveryRow(row: DeliverySqlRow): MailDeliveryRow {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    createdAtKey: row.created_at_key,
    sentAt: row.sent_at,
  };
}

/**
 * The transactional outbox for email (infra.mail_outbox). Callers enqueue inside the transaction
 * of the change that causes the mail, so a rolled-back change sends nothing and a committed one
 * always has its mail queued. Infrastructure, not audited (like console sessions).
 */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Queues a mail in the caller's transaction; false when its dedupe key is already queued. */
  async enqueue(manager: EntityManager, mail: OutboundMail): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO infra.mail_outbox (dedupe_key, recipient_id, to_address, subject, text_body, html_body)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [mail.dedupeKey, mail.recipientId, mail.to, mail.subject, mail.text, mail.html ?? null],
    );
    return rows.length > 0;
  }

  /**
   * Claims the next pending mail due at `now`, lets `attempt` send it and records the outcome,
   * all in one transaction. The row stays locked while it is sent, and SKIP LOCKED makes other
   * workers (on this or any instance) pass over it to the next one: no mail is sent twice at
   * once. A crash between sending and commit leaves it pending, so it is sent again later
   * (at least once, with the same Message-ID). Null when nothing is due.
   */
  async attemptNextDue(
    now: Date,
    attempt: (mail: DueMail) => Promise<AttemptOutcome>,
  ): Promise<{ readonly id: string; readonly outcome: AttemptOutcome } | null> {
    return this.db.transaction(async (manager) => {
      const [due] = await manager.query<
        {
          id: string;
          to_address: string;
          subject: string;
          text_body: string;
          html_body: string | null;
          attempts: number;
        }[]
      >(
        `SELECT id, to_address, subject, text_body, html_body, attempts
           FROM infra.mail_outbox
          WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
        [now],
      );
      if (!due) return null;
      const outcome = await attempt({
        id: due.id,
        to: due.to_address,
        subject: due.subject,
        text: due.text_body,
        html: due.html_body,
        attempts: due.attempts,
      });
      if (outcome.status === 'sent') {
        await manager.query(
          `UPDATE infra.mail_outbox SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`,
          [due.id, outcome.at],
        );
      } else {
        await manager.query(
          `UPDATE infra.mail_outbox
              SET status = $2, attempts = $3, last_error = $4, next_attempt_at = coalesce($5, next_attempt_at)
            WHERE id = $1`,
          [
            due.id,
            outcome.status,
            outcome.attempts,
            outcome.lastError,
            outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          ],
        );
      }
      return { id: due.id, outcome };
    });
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether a next page exists. */
  async listPage(
    status: MailStatus | undefined,
    limit: number,
    after: DeliveryKey | null,
  ): Promise<MailDeliveryRow[]> {
    const rows = await this.db.query<DeliverySqlRow[]>(
      `SELECT ${DELIVERY_COLUMNS}
         FROM infra.mail_outbox
        WHERE ($1::text IS NULL OR status = $1)
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [status ?? null, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    return rows.map(toDeliveryRow);
  }

  /**
   * A sent or failed mail back to pending with a fresh count of attempts, due at `now`. A mail
   * already pending is left alone (the worker has it, possibly mid-send).
   */
  async requeue(id: string, now: Date): Promise<RequeueResult> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [[row]] = await this.db.query<[DeliverySqlRow[], number]>(
      `UPDATE infra.mail_outbox
          SET status = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL, sent_at = NULL
        WHERE id = $1 AND status <> 'pending'
        RETURNING ${DELIVERY_COLUMNS}`,
      [id, now],
    );
    if (row) return { requeued: true, row: toDeliveryRow(row) };
    const [current] = await this.db.query<{ status: MailStatus }[]>(
      `SELECT status FROM infra.mail_outbox WHERE id = $1`,
      [id],
    );
    return { requeued: false, status: current?.status ?? null };
  }
}
