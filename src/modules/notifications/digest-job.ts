import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailOutboxRepository } from '../mail/mail-outbox.repository';
import { localTime } from './local-time';
import {
  type DigestRecipient,
  NotificationSettingsRepository,
} from './notification-settings.repository';
import { renderDigestMail } from './notification-templates';
import { NotificationsRepository } from './notifications.repository';

/** A digest lists at most this many notifications; it counts the others and points to the inbox. */
const LISTED_PER_DIGEST = 100;

export interface DigestRun {
  /** False when another instance held the digest lock (it does the work). */
  readonly ran: boolean;
  /** Digest mails queued in this run. */
  readonly digests: number;
}

/**
 * The daily digest for users who chose it: once per local day, from `DIGEST_HOUR` on in the
 * time zone of their country's review calendar, one mail listing what waited for it. No timer of
 * its own: the review desk's sweep calls sendDigests on its tick (and tests call it with a set
 * time).
 */
@Injectable()
export class DigestJob {
  private readonly logger = new Logger(DigestJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: NotificationSettingsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly outbox: MailOutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues the digests due at `now`. Idempotent: a digest's mail and the marking of what it lists
   * commit together, and its dedupe key (`digest:<user>:<local date>`) allows one mail per user
   * and day, so running twice, or on several instances, sends one. Notifications that arrive
   * after the day's digest wait for the next day's.
   */
  async sendDigests(now: Date): Promise<DigestRun> {
    // Notifications and the outbox are infrastructure, not audited records: a plain transaction.
    const run = await this.db.transaction(async (manager) => {
      // Transaction-level: released at commit or rollback, whatever happens to this process.
      const [lock] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext('twin-park:digest')) AS locked`,
      );
      if (!lock?.locked) return { ran: false, digests: 0 };
      let digests = 0;
      for (const recipient of await this.settings.digestRecipients(manager)) {
        if (await this.digestFor(manager, recipient, now)) digests += 1;
      }
      return { ran: true, digests };
    });
    if (run.digests > 0) this.logger.log(`queued ${run.digests} daily digest mail(s)`);
    return run;
  }

  private async digestFor(
    manager: EntityManager,
    recipient: DigestRecipient,
    now: Date,
  ): Promise<boolean> {
    const waiting = await this.notifications.awaitingDigest(manager, recipient.userId);
    const ids = waiting.map((notification) => notification.id);
    // They chose no email since these were kept for a digest: respect the newer choice.
    if (recipient.email === 'none') {
      await this.notifications.setEmail(manager, ids, 'none');
      return false;
    }
    const local = localTime(now, recipient.timeZone);
    if (local.hour < this.config.desk.digestHour || waiting.length === 0) return false;
    const publicUrl = this.config.desk.publicUrl;
    const listed = waiting.slice(-LISTED_PER_DIGEST);
    const mail = renderDigestMail({
      language: recipient.language,
      recipientName: recipient.name,
      localDate: local.date,
      items: listed.map((notification) => ({
        subject: notification.subject,
        body: notification.body,
        url: `${publicUrl}${notification.link}`,
        when: localTime(notification.createdAt, local.timeZone).text,
      })),
      notListed: waiting.length - listed.length,
      registryUrl: `${publicUrl}/`,
    });
    const queued = await this.outbox.enqueue(manager, {
      dedupeKey: `digest:${recipient.userId}:${local.date}`,
      recipientId: recipient.userId,
      to: recipient.address,
      ...mail,
    });
    // Already sent today: these wait for tomorrow's digest.
    if (queued) await this.notifications.setEmail(manager, ids, 'queued');
    return queued;
  }
}
