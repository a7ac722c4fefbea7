import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PeriodicJob } from '../jobs/periodic-job';
import { requestFingerprint } from './idempotency-key';
import { idempotencyKeyInProgress, idempotencyKeyReused } from './idempotency.errors';
import { type IdempotencyClaim, IdempotencyRepository } from './idempotency.repository';

/** The HMAC key for request fingerprints (see fingerprintKey). */
export const IDEMPOTENCY_FINGERPRINT_KEY = Symbol('IDEMPOTENCY_FINGERPRINT_KEY');

/** How often expired keys are deleted (lookups ignore them in the meantime). */
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

/** A claim lost to a concurrent release or expiry is retried this often before giving up. */
const CLAIM_ATTEMPTS = 3;

export interface IdempotentRequest {
  readonly userId: string;
  readonly key: string;
  readonly method: string;
  /** Path and query, as requested. */
  readonly path: string;
  readonly body: unknown;
}

/** Run the request (and record its response on the claim), or answer with the recorded one. */
export type IdempotencyDecision =
  | { readonly kind: 'run'; readonly claim: IdempotencyClaim }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

/**
 * Idempotency-Key for POST: the first request with a key claims it and records its response;
 * a retry with the same key and request gets that response again, and nothing runs twice.
 * Keys are per user and expire after IDEMPOTENCY_TTL_SECONDS.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private job: PeriodicJob | undefined;

  constructor(
    private readonly keys: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDEMPOTENCY_FINGERPRINT_KEY) private readonly fingerprintKey: Buffer,
  ) {}

  /** The purge job: deletes expired keys every few minutes. */
  onApplicationBootstrap(): void {
    this.job = new PeriodicJob(
      'Purging expired idempotency keys',
      PURGE_INTERVAL_MS,
      () => this.purgeExpired(),
      this.logger,
    ).start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Claims the key, or decides what a repeat gets: the recorded response, 422 when the key came
   * with another request, 409 while the first request is still running.
   */
  async begin(request: IdempotentRequest): Promise<IdempotencyDecision> {
    const fingerprint = requestFingerprint(request, this.fingerprintKey);
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const claim = await this.keys.claim({
        userId: request.userId,
        key: request.key,
        method: request.method,
        path: request.path,
        fingerprint,
        ttlSeconds: this.config.idempotency.ttlSeconds,
      });
      if (claim) return { kind: 'run', claim };
      const stored = await this.keys.findLive(request.userId, request.key);
      // Released (the first request failed) or expired since the claim: claim it again.
      if (!stored) continue;
      if (stored.fingerprint !== fingerprint) throw idempotencyKeyReused();
      if (!stored.response) throw idempotencyKeyInProgress();
      return { kind: 'replay', status: stored.response.status, body: stored.response.body };
    }
    throw idempotencyKeyInProgress();
  }

  /**
   * Records the response of a request that succeeded. Its write has committed by now, so a
   * failure here must not fail the response: the claim is given up instead (a retry would then
   * run again), and that is logged.
   */
  async complete(claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
    try {
      if (!(await this.keys.complete(claim, status, body))) {
        this.logger.warn(`Idempotency key expired before its response was recorded`);
      }
    } catch (error) {
      this.logger.error({ err: error }, `Recording the response of an idempotency key failed`);
      await this.release(claim);
    }
  }

  /** Gives the key up after a failed request (which wrote nothing), so a retry can run. */
  async release(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.keys.release(claim);
    } catch (error) {
      // The claim stays until it expires; repeats meanwhile get 409.
      this.logger.error({ err: error }, `Releasing an idempotency key failed`);
    }
  }

  async purgeExpired(): Promise<number> {
    const purged = await this.keys.purgeExpired();
    if (purged > 0) this.logger.debug(`Purged ${purged} expired idempotency keys`);
    return purged;
  }
}
