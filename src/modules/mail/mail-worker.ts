import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../../common/jobs/clock';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { type AttemptOutcome, type DueMail, MailOutboxRepository } from './mail-outbox.repository';
import { afterFailure, MAX_MAIL_ATTEMPTS } from './mail-retry';
import { MailTransport } from './mail-transport';

/** Mails per run at most: a big backlog is worked off over several runs, not one long one. */
const MAX_PER_RUN = 100;

export interface MailRunResult {
  readonly sent: number;
  /** Failed this time, to be tried again later. */
  readonly retrying: number;
  /** Failed for the last time: now in the failed list for an admin. */
  readonly failed: number;
}

/**
 * Sends what the outbox holds: every MAIL_INTERVAL_SECONDS (0 turns the timer off), one mail at
 * a time, each in a transaction of its own. Any number of workers and instances may run at
 * once: each claims its mail with FOR UPDATE SKIP LOCKED, so none is sent twice at the same
 * time. A failed attempt waits with exponential backoff; after MAX_MAIL_ATTEMPTS the mail is
 * marked failed, where admins see it and can send it again.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailWorker.name);
  private job: PeriodicJob | undefined;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.desk.mailIntervalSeconds * 1000;
    this.job = new PeriodicJob(
      'Sending mail',
      intervalMs,
      () => this.sendDue(),
      this.logger,
    ).start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Sends every mail due at `now` (the clock's time unless given; tests pass a later time to
   * reach a retry without waiting), until none is due or the run's limit is reached.
   */
  async sendDue(now: Date = this.clock.now()): Promise<MailRunResult> {
    const counts = { sent: 0, retrying: 0, failed: 0 };
    for (let n = 0; n < MAX_PER_RUN; n += 1) {
      const done = await this.outbox.attemptNextDue(now, (mail) => this.attempt(mail, now));
      if (!done) break;
      if (done.outcome.status === 'sent') counts.sent += 1;
      else if (done.outcome.status === 'pending') counts.retrying += 1;
      else counts.failed += 1;
    }
    return counts;
  }

  private async attempt(mail: DueMail, now: Date): Promise<AttemptOutcome> {
    try {
      await this.transport.send(mail);
      return { status: 'sent', at: now };
    } catch (error) {
      const attempts = mail.attempts + 1;
      const lastError = this.transport.describeError(error);
      const next = afterFailure(attempts, now);
      if (next.status === 'failed') {
        this.logger.error(
          `Mail ${mail.id} failed ${attempts} times, giving up (an admin can resend it): ${lastError}`,
        );
        return { status: 'failed', attempts, lastError };
      }
      this.logger.warn(
        `Mail ${mail.id}: attempt ${attempts} of ${MAX_MAIL_ATTEMPTS} failed, next at ${next.nextAttemptAt.toISOString()}: ${lastError}`,
      );
      return { status: 'pending', attempts, nextAttemptAt: next.nextAttemptAt, lastError };
    }
  }
}
