import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

type ThrottleScope = 'account' | 'address';

export interface ThrottleKeys {
  readonly accountHash: string;
  readonly addressHash: string;
}

export interface ThrottleLimits {
  readonly account: number;
  readonly address: number;
  readonly windowSeconds: number;
}

/** Admitted (counted as a failure until it succeeds), or refused until a window ends. */
export type ThrottleDecision =
  | { readonly admitted: true; readonly addressWindowEndsAt: string }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/** Thrown inside the counting transaction to roll it back: a refused attempt does not count. */
class OverLimit extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('over the sign-in limit');
  }
}

/** SQL over infra.login_throttle (not audited: infrastructure, like console sessions). */
@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Counts one attempt against the account and the address in one statement; a window that has
   * ended starts again at 1. The rows stay locked until the transaction ends, so a concurrent
   * attempt on either key (on any instance) waits and then sees this one's count: racing
   * attempts cannot both slip under a limit. Over either limit the transaction rolls back.
   */
  async countAttempt(keys: ThrottleKeys, limits: ThrottleLimits): Promise<ThrottleDecision> {
    try {
      return await this.db.transaction(async (manager) => {
        const rows = await manager.query<
          { scope: ThrottleScope; failures: number; window_ends_at: string; seconds_left: number }[]
        >(
          `INSERT INTO infra.login_throttle AS t (scope, key_hash, failures, window_ends_at)
           VALUES ('account', $1, 1, now() + make_interval(secs => $3)),
                  ('address', $2, 1, now() + make_interval(secs => $3))
           ON CONFLICT (scope, key_hash) DO UPDATE
              SET failures = CASE WHEN t.window_ends_at <= now() THEN 1 ELSE t.failures + 1 END,
                  window_ends_at = CASE WHEN t.window_ends_at <= now()
                                        THEN excluded.window_ends_at ELSE t.window_ends_at END
           RETURNING t.scope, t.failures, t.window_ends_at::text AS window_ends_at,
                     greatest(1, ceil(extract(epoch FROM t.window_ends_at - now())))::int
                       AS seconds_left`,
          [keys.accountHash, keys.addressHash, limits.windowSeconds],
        );
        const over = rows.filter((row) => row.failures > limits[row.scope]);
        if (over.length > 0) {
          throw new OverLimit(Math.max(...over.map((row) => row.seconds_left)));
        }
        const address = rows.find((row) => row.scope === 'address');
        return { admitted: true as const, addressWindowEndsAt: address!.window_ends_at };
      });
    } catch (error) {
      if (!(error instanceof OverLimit)) throw error;
      return { admitted: false, retryAfterSeconds: error.retryAfterSeconds };
    }
  }

  /**
   * A successful sign-in: the account's failures are forgiven, and the address gets back the
   * one attempt counted for it (if its window is still the same one); its other failures stay.
   */
  async succeeded(keys: ThrottleKeys, addressWindowEndsAt: string): Promise<void> {
    await this.db.query(
      `WITH account AS (
         DELETE FROM infra.login_throttle WHERE scope = 'account' AND key_hash = $1
       )
       UPDATE infra.login_throttle SET failures = failures - 1
        WHERE scope = 'address' AND key_hash = $2 AND window_ends_at = $3::timestamptz
          AND failures > 0`,
      [keys.accountHash, keys.addressHash, addressWindowEndsAt],
    );
  }

  /** Rows whose window has ended count for nothing; the index on window_ends_at finds them. */
  async purgeExpired(): Promise<number> {
    const rows = await this.db.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM infra.login_throttle WHERE window_ends_at <= now() RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    return rows[0]?.n ?? 0;
  }
}
