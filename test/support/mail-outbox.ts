import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MailOutboxRepository } from '../../src/modules/mail/mail-outbox.repository';
import type { OutboundMail } from '../../src/modules/mail/outbound-mail';
import type { TestApp } from '../harness/test-app';

/**
 * Queues a mail the way the desk does, through MailOutboxRepository.enqueue in a transaction,
 * and returns its outbox id.
 */
export async function queueMail(t: TestApp, mail: Partial<OutboundMail> = {}): Promise<string> {
  const dedupeKey = mail.dedupeKey ?? `test:${randomUUID()}`;
  const outbox = t.app.get(MailOutboxRepository);
  await t.app.get(DataSource).transaction((manager) =>
    outbox.enqueue(manager, {
      recipientId: null,
      to: 'reviewer@example.gov',
      subject: 'A review awaits you',
      text: 'Pairing CN-MY-TCTP awaits your review.',
      ...mail,
      dedupeKey,
    }),
  );
  const [row] = await t.db.query<{ id: string }>(
    `SELECT id FROM infra.mail_outbox WHERE dedupe_key = $1`,
    [dedupeKey],
  );
  if (!row) throw new Error(`mail ${dedupeKey} was not queued`);
  return row.id;
}

export interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
}

export async function outboxRow(t: TestApp, id: string): Promise<OutboxRow> {
  const [row] = await t.db.query<OutboxRow & Record<string, unknown>>(
    `SELECT id, status, attempts, next_attempt_at, last_error, sent_at
       FROM infra.mail_outbox WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}
