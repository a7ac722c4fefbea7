import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { Clock } from '../../../common/jobs/clock';
import { PeriodicJob } from '../../../common/jobs/periodic-job';
import { AuditedTransactions, systemContext } from '../../../database/audited-transactions';
import { DigestJob } from '../../notifications/digest-job';
import type { NotificationKind } from '../../notifications/notification-kinds';
import { Notifier } from '../../notifications/notifier';
import { defaultCalendar, workingWeekOf } from '../calendar/review-calendar';
import { ReviewCalendarRepository } from '../calendar/review-calendar.repository';
import { type QueueRow, ReviewQueueRepository } from '../queue/review-queue.repository';
import { DeskRecipients } from '../rounds/desk-recipients';
import { localDate, workingDaysBetween } from '../working-days';
import { remindersOwed } from './reminder-ladder';

export const SWEEP_JOB = 'review-sweep';

export interface SweepResult {
  /** False when another instance held the sweep's lock (it did the work). */
  readonly ran: boolean;
  /** Reminders and escalations sent, one per round and kind. */
  readonly sent: number;
}

/**
 * The review desk's timer: sends each due reminder and escalation once, then the daily digests.
 * It works from current state (where each open round stands today in its country), so a sweep
 * after downtime catches up; it runs under a transaction-level advisory lock, so one instance
 * sweeps at a time; and the unique key (round, kind) of infra.review_reminder makes it
 * idempotent. It never decides anything: it writes reminders and notifications only, and the
 * database refuses a decision from any actor but the reviewer (see migration ReviewDesk).
 */
@Injectable()
export class ReminderSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReminderSweep.name);
  private job: PeriodicJob | undefined;

  constructor(
    private readonly transactions: AuditedTransactions,
    private readonly queue: ReviewQueueRepository,
    private readonly calendars: ReviewCalendarRepository,
    private readonly recipients: DeskRecipients,
    private readonly notifier: Notifier,
    private readonly digests: DigestJob,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.desk.sweepIntervalSeconds * 1000;
    this.job = new PeriodicJob(
      'Review desk sweep',
      intervalMs,
      () => this.run(),
      this.logger,
    ).start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  async run(now: Date = this.clock.now()): Promise<SweepResult> {
    const result = await this.transactions.run(systemContext(SWEEP_JOB), async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('twin-park:review-sweep')) AS locked`,
      );
      if (!locked) return { ran: false, sent: 0 };
      let sent = 0;
      for (const round of await this.queue.remindable(manager, now)) {
        for (const kind of remindersOwed(round.status, round.sent)) {
          if (await this.remind(manager, round, kind)) sent += 1;
        }
      }
      return { ran: true, sent };
    });
    await this.digests.sendDigests(now);
    if (result.sent > 0) this.logger.log(`Review desk: ${result.sent} reminders sent`);
    return result;
  }

  private async remind(
    manager: EntityManager,
    round: QueueRow,
    kind: NotificationKind,
  ): Promise<boolean> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO infra.review_reminder (round_id, kind) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING round_id`,
      [round.id, kind],
    );
    if (claimed.length === 0) return false;
    const countryCode = round.country_code.trim();
    const recipientIds =
      kind === 'review_escalated'
        ? await this.recipients.escalationRecipients(manager, countryCode)
        : await this.recipients.reviewersOf(manager, countryCode);
    await this.notifier.notify(manager, {
      kind,
      recipientIds,
      pairing: {
        id: round.pairing_id,
        code: round.pairing_code,
        name: round.pairing_name,
        nameZh: round.pairing_name_zh,
      },
      round: round.round,
      countryCode,
      dueOn: round.due_on,
      workingDaysWaiting: await this.waited(manager, round),
    });
    return true;
  }

  private async waited(manager: EntityManager, round: QueueRow): Promise<number> {
    const countryCode = round.country_code.trim();
    const calendar =
      (await this.calendars.find(countryCode, manager)) ?? defaultCalendar(countryCode);
    const week = workingWeekOf(calendar, round.subdivision_code);
    return workingDaysBetween(localDate(round.submitted_at, round.time_zone), round.today, week);
  }
}
