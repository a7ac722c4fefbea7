import { type DynamicModule, Module } from '@nestjs/common';
import { fingerprintKey } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';
import { IDEMPOTENCY_FINGERPRINT_KEY, IdempotencyService } from './idempotency.service';

/**
 * Idempotency-Key for every POST. The interceptor is registered globally by the app factory,
 * after the ETag interceptor, so a replayed response gets its ETag too.
 */
@Module({})
export class IdempotencyModule {
  /** `signingSecret` (the JWT secret) keys the request fingerprints; see fingerprintKey. */
  static forRoot(signingSecret: string): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        IdempotencyRepository,
        IdempotencyService,
        IdempotencyInterceptor,
        { provide: IDEMPOTENCY_FINGERPRINT_KEY, useValue: fingerprintKey(signingSecret) },
      ],
      exports: [IdempotencyService, IdempotencyInterceptor],
    };
  }
}
