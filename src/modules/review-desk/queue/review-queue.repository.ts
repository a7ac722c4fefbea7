import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReviewStatus } from '../working-days';
import { OPEN_ROUNDS, UNDECIDED } from '../rounds/review-round.repository';

/** Which open rounds a caller's query covers. */
export interface QueueScope {
  /** Only this deciding country. */
  readonly countryCode?: string;
  /** Only rounds of pairings with a side in this country (an officer's own). */
  readonly pairingCountryCode?: string;
  /** Only these statuses. */
  readonly statuses?: readonly ReviewStatus[];
  /** Only rounds due before this date (exclusive). */
  readonly dueBefore?: string;
  /** Nothing at all (a caller nothing awaits). */
  readonly none?: boolean;
}

export interface QueueRow {
  id: string;
  pairing_id: string;
  pairing_code: string;
  pairing_name: string;
  pairing_name_zh: string | null;
  round: number;
  country_code: string;
  submitted_at: Date;
  submitted_by: string | null;
  submitted_by_name: string | null;
  subdivision_code: string | null;
  time_zone: string;
  today: string;
  due_soon_on: string;
  due_on: string;
  escalate_on: string;
  status: ReviewStatus;
}

/** Where each round stands on its country's local date: the rule of reviewStatus, in SQL. */
const STATUS = `CASE
    WHEN today >= escalate_on THEN 'escalated'
    WHEN today > due_on THEN 'overdue'
    WHEN today = due_on THEN 'due'
    WHEN today >= due_soon_on THEN 'due_soon'
    ELSE 'pending' END`;

/** Dates leave PostgreSQL as YYYY-MM-DD text (the driver would make them local-time Dates). */
const PROJECTION = `id, pairing_id, pairing_code, pairing_name, pairing_name_zh, round,
  country_code, submitted_at, submitted_by, submitted_by_name, subdivision_code, time_zone,
  today::text AS today, due_soon_on::text AS due_soon_on, due_on::text AS due_on,
  escalate_on::text AS escalate_on, status`;

/** The review queue: open rounds with their status today, soonest due first. */
@Injectable()
export class ReviewQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(
    scope: QueueScope,
    now: Date,
    limit: number,
    after: { dueOn: string; id: string } | null,
  ): Promise<QueueRow[]> {
    const { sql, parameters } = scoped(scope, now);
    let keyset = '';
    if (after) {
      parameters.push(after.dueOn, after.id);
      keyset = `WHERE (due_on, id) > ($${parameters.length - 1}::date, $${parameters.length}::uuid)`;
    }
    parameters.push(limit);
    return this.dataSource.query(
      `SELECT ${PROJECTION} FROM (${sql}) q ${keyset} ORDER BY due_on, id LIMIT $${parameters.length}`,
      parameters,
    );
  }

  /**
   * Open rounds at due soon or later, with the reminder kinds they have had, locked against a
   * concurrent decision changing them while the sweep writes (the sweep's own transaction).
   */
  async remindable(manager: EntityManager, now: Date): Promise<(QueueRow & { sent: string[] })[]> {
    const { sql, parameters } = scoped(
      { statuses: ['due_soon', 'due', 'overdue', 'escalated'] },
      now,
    );
    return manager.query(
      `SELECT ${PROJECTION},
              ARRAY(SELECT kind FROM infra.review_reminder rr WHERE rr.round_id = q.id) AS sent
         FROM (${sql}) q ORDER BY due_on, id`,
      parameters,
    );
  }

  async countByStatus(scope: QueueScope, now: Date): Promise<Map<ReviewStatus, number>> {
    const { sql, parameters } = scoped(scope, now);
    const rows: { status: ReviewStatus; count: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS count FROM (${sql}) q GROUP BY status`,
      parameters,
    );
    return new Map(rows.map((row) => [row.status, row.count]));
  }
}

/** The open rounds in scope with their status today ($1 is now). */
function scoped(scope: QueueScope, now: Date): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [now];
  const param = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const where = [UNDECIDED];
  if (scope.none) where.push('false');
  if (scope.countryCode) where.push(`r.country_code = ${param(scope.countryCode)}`);
  if (scope.pairingCountryCode) {
    where.push(`EXISTS (SELECT FROM registry.pairing_park pp
      WHERE pp.pairing_id = r.pairing_id AND pp.country_code = ${param(scope.pairingCountryCode)})`);
  }
  if (scope.dueBefore) where.push(`r.due_on < ${param(scope.dueBefore)}::date`);
  const statuses = scope.statuses ? `WHERE status = ANY(${param(scope.statuses)})` : '';
  const sql = `SELECT * FROM (
      SELECT *, ${STATUS} AS status FROM (
        SELECT r.id, r.pairing_id, p.code AS pairing_code, p.name AS pairing_name,
               p.name_zh AS pairing_name_zh, r.round, r.country_code, r.submitted_at,
               r.submitted_by, u.name AS submitted_by_name, r.subdivision_code, r.time_zone,
               ($1::timestamptz AT TIME ZONE r.time_zone)::date AS today,
               r.due_soon_on, r.due_on, r.escalate_on
          FROM ${OPEN_ROUNDS}
          LEFT JOIN registry.app_user u ON u.id = r.submitted_by
         WHERE ${where.join(' AND ')}
      ) dated
    ) with_status ${statuses}`;
  return { sql, parameters };
}
