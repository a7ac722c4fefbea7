import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { sqlStateOf } from './database-errors';

/** deadlock_detected and serialization_failure: PostgreSQL rolled back; running again is safe. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

export const concurrentWriteConflict = (): DomainError =>
  new DomainError(
    'conflict',
    'CONCURRENT_WRITE',
    'Other writes to the same records kept colliding with this one; nothing was written. Try again.',
  );

/**
 * Who writes, for which request, and why: what the audit trigger records with every change row.
 * `actor` is a user id, `system:<job>` or `migration:<name>`.
 */
export interface WriteContext {
  readonly actor: string;
  readonly requestId: string | null;
  readonly reason: string | null;
}

export function systemContext(job: string, reason: string | null = null): WriteContext {
  return { actor: `system:${job}`, requestId: null, reason };
}

/**
 * The one way to write. Opens a transaction, sets the audit context with transaction-local
 * set_config(..., true) on that connection before the first write (never session-level SET: a
 * pooled connection would carry the actor into someone else's request), then runs `work` with
 * the transaction's manager. The database refuses audited writes made any other way.
 */
@Injectable()
export class AuditedTransactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(context: WriteContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // A deadlock or serialization failure rolls the whole transaction back, so it runs again
    // from the start (with jitter, so the colliders do not collide again); if it keeps losing,
    // the client gets a 409 to retry, never a 500.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(context, work);
      } catch (error) {
        if (!RETRYABLE_SQLSTATES.has(sqlStateOf(error) ?? '')) throw error;
        if (attempt >= ATTEMPTS) throw concurrentWriteConflict();
        await sleep(5 + Math.random() * 20 * attempt);
      }
    }
  }

  private once<T>(context: WriteContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT set_config('app.actor', $1, true),
                set_config('app.request_id', coalesce($2, ''), true),
                set_config('app.reason', coalesce($3, ''), true)`,
        [context.actor, context.requestId, context.reason],
      );
      return work(manager);
    });
  }
}
