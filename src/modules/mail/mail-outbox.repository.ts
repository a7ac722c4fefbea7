import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboundMail } from './outbound-mail';

/**
 * The transactional outbox for email (infra.mail_outbox). Callers enqueue inside the transaction
 * of the change that causes the mail, so a rolled-back change sends nothing and a committed one
 * always has its mail queued.
 */
@Injectable()
export class MailOutboxRepository {
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
}
