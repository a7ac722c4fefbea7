import { Injectable } from '@nestjs/common';
import { staleVersion } from '../../common/http/expected-version';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import type {
  NotificationSettingsDto,
  PutNotificationSettingsDto,
} from './dto/notification-settings.dto';
import { DEFAULT_SETTINGS } from './notification-kinds';
import { NotificationSettingsRepository } from './notification-settings.repository';

/** The version of the defaults, before a user's first save (which creates version 1). */
const UNSAVED = 0;

/** Each user's own choice of email and language for their notifications (audited). */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly settings: NotificationSettingsRepository,
    private readonly transactions: AuditedTransactions,
  ) {}

  async get(userId: string): Promise<NotificationSettingsDto> {
    const stored = await this.settings.find(userId);
    return stored ?? { ...DEFAULT_SETTINGS, version: UNSAVED };
  }

  /**
   * Replaces the user's choices at the version they read. The defaults count as version 0, so
   * two first saves from two tabs cannot both win: the second finds version 1 and gets a 412.
   */
  async put(
    userId: string,
    dto: PutNotificationSettingsDto,
    expected: number,
    context: WriteContext,
  ): Promise<NotificationSettingsDto> {
    const choices = { email: dto.email, language: dto.language };
    await this.transactions.run(context, async (manager) => {
      const current = await this.settings.findForUpdate(manager, userId);
      const currentVersion = current?.version ?? UNSAVED;
      if (expected !== currentVersion) throw staleVersion('notification settings', currentVersion);
      if (current) {
        await this.settings.update(manager, userId, choices);
      } else if (!(await this.settings.insert(manager, userId, choices))) {
        const now = await this.settings.find(userId, manager);
        throw staleVersion('notification settings', now?.version ?? UNSAVED);
      }
    });
    return this.get(userId);
  }
}
