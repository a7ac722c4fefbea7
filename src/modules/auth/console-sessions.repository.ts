import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ConsoleSessionRow {
  readonly userId: string;
  readonly lastSeenAt: Date;
}

/**
 * SQL over infra.console_session (not audited: signing in changes nothing in the registry).
 * A session lives until `expires_at`, which each touch moves to `now() + idle`, never past
 * `created_at + max`.
 */
@Injectable()
export class ConsoleSessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: {
    readonly secretHash: string;
    readonly userId: string;
    readonly idleMinutes: number;
    readonly maxHours: number;
  }): Promise<void> {
    // Expired sessions go at each sign-in: cheap (indexed) and keeps the table small.
    await this.db.query(`DELETE FROM infra.console_session WHERE expires_at <= now()`);
    await this.db.query(
      `INSERT INTO infra.console_session (secret_hash, user_id, expires_at)
       VALUES ($1, $2, now() + least(make_interval(mins => $3), make_interval(hours => $4)))`,
      [input.secretHash, input.userId, input.idleMinutes, input.maxHours],
    );
  }

  async findLive(secretHash: string): Promise<ConsoleSessionRow | null> {
    const rows = await this.db.query<{ user_id: string; last_seen_at: Date }[]>(
      `SELECT user_id, last_seen_at FROM infra.console_session
        WHERE secret_hash = $1 AND expires_at > now()`,
      [secretHash],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, lastSeenAt: row.last_seen_at } : null;
  }

  async touch(secretHash: string, idleMinutes: number, maxHours: number): Promise<void> {
    await this.db.query(
      `UPDATE infra.console_session
          SET last_seen_at = now(),
              expires_at = least(now() + make_interval(mins => $2),
                                 created_at + make_interval(hours => $3))
        WHERE secret_hash = $1`,
      [secretHash, idleMinutes, maxHours],
    );
  }

  async delete(secretHash: string): Promise<void> {
    await this.db.query(`DELETE FROM infra.console_session WHERE secret_hash = $1`, [secretHash]);
  }
}
