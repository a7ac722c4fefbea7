import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_SETTINGS,
  type EmailChoice,
  type NotificationLanguage,
} from './notification-kinds';

export interface NotificationSettings {
  readonly email: EmailChoice;
  readonly language: NotificationLanguage;
}

export interface StoredSettings extends NotificationSettings {
  readonly version: number;
}

/** Someone a notification can go to: who they are and how they want it. */
export interface Recipient extends NotificationSettings {
  readonly userId: string;
  readonly name: string;
  readonly address: string;
}

/** A recipient of a daily digest, with the time zone their day is counted in. */
export interface DigestRecipient extends Recipient {
  readonly timeZone: string;
}

interface RawRecipient {
  user_id: string;
  name: string;
  address: string;
  email: EmailChoice;
  language: NotificationLanguage;
}

const toRecipient = (raw: RawRecipient): Recipient => ({
  userId: raw.user_id,
  name: raw.name,
  address: raw.address,
  email: raw.email,
  language: raw.language,
});

/**
 * SQL over registry.notification_setting (audited: writes run in the caller's AuditedTransactions
 * manager) and the user facts notifications need. A user without a row has DEFAULT_SETTINGS.
 */
@Injectable()
export class NotificationSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(userId: string, manager?: EntityManager): Promise<StoredSettings | null> {
    const rows = await (manager ?? this.db).query<StoredSettings[]>(
      `SELECT email, language, version FROM registry.notification_setting WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** The row, locked until the transaction ends, so its version cannot move under a write. */
  async findForUpdate(manager: EntityManager, userId: string): Promise<StoredSettings | null> {
    const rows = await manager.query<StoredSettings[]>(
      `SELECT email, language, version FROM registry.notification_setting
        WHERE user_id = $1 FOR UPDATE`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** The first save of a user's choices; false when a concurrent first save won. */
  async insert(
    manager: EntityManager,
    userId: string,
    settings: NotificationSettings,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO registry.notification_setting (user_id, email, language)
       VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO NOTHING
       RETURNING user_id`,
      [userId, settings.email, settings.language],
    );
    return rows.length > 0;
  }

  /** Under the lock of findForUpdate; an unchanged row keeps its version (trigger). */
  async update(
    manager: EntityManager,
    userId: string,
    settings: NotificationSettings,
  ): Promise<void> {
    await manager.query(
      `UPDATE registry.notification_setting
          SET email = $2, language = $3, version = version + 1, updated_at = now()
        WHERE user_id = $1`,
      [userId, settings.email, settings.language],
    );
  }

  /** The active users among `userIds`, with their address and choices (in the given order). */
  async activeRecipients(manager: EntityManager, userIds: readonly string[]): Promise<Recipient[]> {
    const raws = await manager.query<RawRecipient[]>(
      `SELECT u.id AS user_id, u.name, u.email AS address,
              coalesce(s.email, $2) AS email, coalesce(s.language, $3) AS language
         FROM unnest($1::uuid[]) WITH ORDINALITY AS wanted (id, position)
         JOIN registry.app_user u ON u.id = wanted.id
         LEFT JOIN registry.notification_setting s ON s.user_id = u.id
        WHERE u.active
        ORDER BY wanted.position`,
      [userIds, DEFAULT_SETTINGS.email, DEFAULT_SETTINGS.language],
    );
    return raws.map(toRecipient);
  }

  /**
   * Active users with notifications waiting for a digest, and the time zone of their day: their
   * country's review calendar, or UTC for users without a country (admins, analysts) or calendar.
   */
  async digestRecipients(manager: EntityManager): Promise<DigestRecipient[]> {
    const raws = await manager.query<(RawRecipient & { time_zone: string })[]>(
      `SELECT u.id AS user_id, u.name, u.email AS address,
              coalesce(s.email, $1) AS email, coalesce(s.language, $2) AS language,
              coalesce(c.time_zone, 'UTC') AS time_zone
         FROM registry.app_user u
         LEFT JOIN registry.notification_setting s ON s.user_id = u.id
         LEFT JOIN registry.review_calendar c ON c.country_code = u.country_code
        WHERE u.active
          AND EXISTS (SELECT FROM infra.notification n
                       WHERE n.recipient_id = u.id AND n.email = 'digest')
        ORDER BY u.id`,
      [DEFAULT_SETTINGS.email, DEFAULT_SETTINGS.language],
    );
    return raws.map((raw) => ({ ...toRecipient(raw), timeZone: raw.time_zone }));
  }

  /** A country's names, to say which side a notification is about. */
  async countryNames(
    manager: EntityManager,
    code: string,
  ): Promise<{ name: string; nameZh: string | null } | null> {
    const rows = await manager.query<{ name: string; name_zh: string | null }[]>(
      `SELECT name, name_zh FROM registry.country WHERE code = $1`,
      [code],
    );
    return rows[0] ? { name: rows[0].name, nameZh: rows[0].name_zh } : null;
  }
}
