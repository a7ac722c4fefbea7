import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Identifies one claim of a key: a later claim of the same (expired) key is another claim. */
export interface IdempotencyClaim {
  readonly userId: string;
  readonly key: string;
  /** created_at of the claim, as PostgreSQL text (microseconds kept). */
  readonly claimedAt: string;
}

export interface StoredIdempotencyKey {
  readonly fingerprint: string;
  /** null while the first request is still running. */
  readonly response: { readonly status: number; readonly body: unknown } | null;
}

interface StoredRow {
  fingerprint: string;
  response_status: number | null;
  response_body: unknown;
}

/**
 * SQL over infra.idempotency_key. The infra schema is not audited (no triggers), so these
 * writes need no audit actor and run outside the request's audited transaction.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims the key for a request, atomically: a fresh key is inserted; an expired row is taken
   * over (treated as absent); a live row is left alone (DO UPDATE ... WHERE false behaves as DO
   * NOTHING, and waits for a concurrent claim to commit first). Null when the key is live.
   */
  async claim(input: {
    readonly userId: string;
    readonly key: string;
    readonly method: string;
    readonly path: string;
    readonly fingerprint: string;
    readonly ttlSeconds: number;
  }): Promise<IdempotencyClaim | null> {
    const rows = await this.db.query<{ claimed_at: string }[]>(
      `INSERT INTO infra.idempotency_key AS k (user_id, key, method, path, fingerprint, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(secs => $6))
       ON CONFLICT (user_id, key) DO UPDATE
         SET method = excluded.method, path = excluded.path, fingerprint = excluded.fingerprint,
             response_status = NULL, response_body = NULL,
             created_at = excluded.created_at, expires_at = excluded.expires_at
         WHERE k.expires_at <= now()
       RETURNING k.created_at::text AS claimed_at`,
      [input.userId, input.key, input.method, input.path, input.fingerprint, input.ttlSeconds],
    );
    const claimedAt = rows[0]?.claimed_at;
    return claimedAt ? { userId: input.userId, key: input.key, claimedAt } : null;
  }

  /** The live (unexpired) row for the key, if any. */
  async findLive(userId: string, key: string): Promise<StoredIdempotencyKey | null> {
    const rows = await this.db.query<StoredRow[]>(
      `SELECT fingerprint, response_status, response_body FROM infra.idempotency_key
       WHERE user_id = $1 AND key = $2 AND expires_at > now()`,
      [userId, key],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      fingerprint: row.fingerprint,
      response:
        row.response_status === null
          ? null
          : // A handler that returned nothing (204) is recorded with a NULL body.
            { status: row.response_status, body: row.response_body ?? undefined },
    };
  }

  /** Records the response of the claim's request; false when the claim is gone (expired). */
  async complete(claim: IdempotencyClaim, status: number, body: unknown): Promise<boolean> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] instead of rows.
    const rows = await this.db.query<{ n: number }[]>(
      `WITH done AS (
         UPDATE infra.idempotency_key SET response_status = $4, response_body = $5::jsonb
         WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND response_status IS NULL
         RETURNING 1)
       SELECT count(*)::int AS n FROM done`,
      [
        claim.userId,
        claim.key,
        claim.claimedAt,
        status,
        body === undefined ? null : JSON.stringify(body),
      ],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  /** Gives the key up, so that a retry runs the request again. */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.db.query(
      `DELETE FROM infra.idempotency_key
       WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND response_status IS NULL`,
      [claim.userId, claim.key, claim.claimedAt],
    );
  }

  /** Deletes expired keys; returns how many. */
  async purgeExpired(): Promise<number> {
    const rows = await this.db.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM infra.idempotency_key WHERE expires_at <= now() RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    return rows[0]?.n ?? 0;
  }
}
