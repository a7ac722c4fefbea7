import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

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

  run<T>(context: WriteContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
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
