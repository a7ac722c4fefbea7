import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailOutboxRepository } from '../mail/mail-outbox.repository';
import { alwaysEmailed, type NotificationLanguage, pairingLink } from './notification-kinds';
import type { NotificationRequest } from './notification-request';
import { NotificationSettingsRepository, type Recipient } from './notification-settings.repository';
import {
  type NotificationFacts,
  type RenderedNotification,
  renderNotification,
  renderNotificationMail,
} from './notification-templates';
import { type NotificationEmail, NotificationsRepository } from './notifications.repository';

/**
 * The one way to notify someone. It writes in the caller's transaction (the transactional
 * outbox): the inbox entry and its email commit with the change that caused them, or not at all,
 * so a decision is never recorded without its message nor a message sent for a rolled-back one.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly settings: NotificationSettingsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly outbox: MailOutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One notification per recipient (duplicates once, inactive users skipped), in the recipient's
   * language, emailed now, kept for the daily digest, or not emailed, as they chose; escalations
   * are emailed now whatever they chose.
   */
  async notify(manager: EntityManager, request: NotificationRequest): Promise<void> {
    const userIds = [...new Set(request.recipientIds)];
    if (userIds.length === 0) return;
    const recipients = await this.settings.activeRecipients(manager, userIds);
    if (recipients.length === 0) return;
    const country = (await this.settings.countryNames(manager, request.countryCode)) ?? {
      name: request.countryCode,
      nameZh: null,
    };
    const facts: NotificationFacts = {
      kind: request.kind,
      pairing: request.pairing,
      round: request.round,
      country,
      dueOn: request.dueOn ?? null,
      workingDaysWaiting: request.workingDaysWaiting ?? null,
      reason: request.reason ?? null,
      decidedByName: request.decidedByName ?? null,
    };
    const link = pairingLink(request.pairing.id);
    const rendered = new Map<NotificationLanguage, RenderedNotification>();
    for (const recipient of recipients) {
      let notification = rendered.get(recipient.language);
      if (!notification) {
        notification = renderNotification(recipient.language, facts);
        rendered.set(recipient.language, notification);
      }
      const email = this.emailFor(request, recipient);
      const id = await this.notifications.insert(manager, {
        recipientId: recipient.userId,
        kind: request.kind,
        subject: notification.subject,
        body: notification.body,
        link,
        pairingId: request.pairing.id,
        round: request.round,
        email,
      });
      if (email !== 'queued') continue;
      const mail = renderNotificationMail({
        language: recipient.language,
        recipientName: recipient.name,
        notification,
        url: `${this.config.desk.publicUrl}${link}`,
        alwaysEmailed: alwaysEmailed(request.kind),
      });
      await this.outbox.enqueue(manager, {
        dedupeKey: `notification:${id}`,
        recipientId: recipient.userId,
        to: recipient.address,
        ...mail,
      });
    }
  }

  private emailFor(request: NotificationRequest, recipient: Recipient): NotificationEmail {
    if (alwaysEmailed(request.kind)) return 'queued';
    if (recipient.email === 'immediate') return 'queued';
    return recipient.email === 'daily' ? 'digest' : 'none';
  }
}
