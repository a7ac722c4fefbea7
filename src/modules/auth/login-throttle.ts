import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { loginThrottled } from './auth.errors';
import { throttleAddress } from './client-address';
import { LoginThrottleRepository, type ThrottleKeys } from './login-throttle.repository';

const PURGE_INTERVAL_MS = 5 * 60 * 1000;

/** An attempt let through to the password check; it counts as a failure unless it succeeds. */
export interface LoginAttempt {
  readonly keys: ThrottleKeys;
  readonly addressWindowEndsAt: string;
}

function keyHash(scope: string, value: string): string {
  return createHash('sha256').update(`${scope}:${value}`).digest('hex');
}

/**
 * Sign-in limits, shared by every sign-in route (the API's login and the console's form) and by
 * every instance (the counters live in PostgreSQL): failed attempts per account (the email
 * tried) and per client address, each per window. Successful sign-ins do not count. The check
 * comes before the password is verified, so an attempt over a limit gets no password check.
 */
@Injectable()
export class LoginThrottle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private job: PeriodicJob | undefined;

  constructor(
    private readonly counters: LoginThrottleRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ended windows are deleted every few minutes, so the table holds only live counters. */
  onApplicationBootstrap(): void {
    this.job = new PeriodicJob(
      'Purging ended sign-in counters',
      PURGE_INTERVAL_MS,
      () => this.counters.purgeExpired(),
      this.logger,
    ).start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Counts the attempt (in advance, as a failure) or refuses it with 429 and Retry-After. The
   * advance count is what keeps concurrent guesses on several instances within the limit. A
   * database error propagates (503): attempts are never let through uncounted.
   */
  async begin(email: string, clientIp: string | undefined): Promise<LoginAttempt> {
    const keys: ThrottleKeys = {
      accountHash: keyHash('account', email.trim().toLowerCase()),
      addressHash: keyHash('address', throttleAddress(clientIp)),
    };
    const { loginLimitPerAccount, loginLimitPerAddress, loginWindowSeconds } = this.config.auth;
    const decision = await this.counters.countAttempt(keys, {
      account: loginLimitPerAccount,
      address: loginLimitPerAddress,
      windowSeconds: loginWindowSeconds,
    });
    if (!decision.admitted) throw loginThrottled(decision.retryAfterSeconds);
    return { keys, addressWindowEndsAt: decision.addressWindowEndsAt };
  }

  /** The password was right: the account starts afresh and the address gets its attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.counters.succeeded(attempt.keys, attempt.addressWindowEndsAt);
  }

  purgeExpired(): Promise<number> {
    return this.counters.purgeExpired();
  }
}
