import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReviewDates } from '../working-days';

/** One side of a pairing as the desk dates it: its country and its parks' subdivisions. */
export interface SideToDate {
  readonly countryCode: string;
  readonly subdivisionCodes: readonly (string | null)[];
}

/** A round a side has still to decide, with what its dates were computed from. */
export interface OpenRound {
  readonly id: string;
  readonly pairingId: string;
  readonly round: number;
  readonly countryCode: string;
  readonly submittedAt: Date;
  readonly subdivisionCode: string | null;
  readonly timeZone: string;
  readonly dueSoonOn: string;
  readonly dueOn: string;
  readonly escalateOn: string;
}

export interface DatedRound {
  readonly pairingId: string;
  readonly round: number;
  readonly countryCode: string;
  readonly submittedAt: Date;
  readonly submittedBy: string | null;
  readonly timeZone: string;
  readonly subdivisionCode: string | null;
  readonly dates: ReviewDates;
}

/**
 * Rounds that still await a side: the pairing is under review in that round, not archived, and
 * the side has not decided. Derived from current state on every read, so nothing can leave a
 * stale "open" flag behind.
 */
export const OPEN_ROUNDS = `registry.review_round r
  JOIN registry.pairing p ON p.id = r.pairing_id
   AND p.review_state = 'submitted' AND p.review_round = r.round AND p.archived_at IS NULL`;
export const UNDECIDED = `NOT EXISTS (
    SELECT FROM registry.pairing_review d
     WHERE d.pairing_id = r.pairing_id AND d.round = r.round AND d.country_code = r.country_code)`;

interface OpenRoundRow {
  id: string;
  pairing_id: string;
  round: number;
  country_code: string;
  submitted_at: Date;
  subdivision_code: string | null;
  time_zone: string;
  due_soon_on: string;
  due_on: string;
  escalate_on: string;
}

export function toOpenRound(row: OpenRoundRow): OpenRound {
  return {
    id: row.id,
    pairingId: row.pairing_id,
    round: row.round,
    countryCode: row.country_code.trim(),
    submittedAt: row.submitted_at,
    subdivisionCode: row.subdivision_code,
    timeZone: row.time_zone,
    dueSoonOn: row.due_soon_on,
    dueOn: row.due_on,
    escalateOn: row.escalate_on,
  };
}

export const OPEN_ROUND_COLUMNS = `r.id, r.pairing_id, r.round, r.country_code, r.submitted_at,
  r.subdivision_code, r.time_zone, r.due_soon_on::text, r.due_on::text, r.escalate_on::text`;

/** registry.review_round (audited): the dates of each side's review in each round. */
@Injectable()
export class ReviewRoundRepository {
  async sidesOf(manager: EntityManager, pairingId: string): Promise<SideToDate[]> {
    const rows: { country_code: string; subdivisions: (string | null)[] }[] = await manager.query(
      `SELECT pp.country_code, array_agg(pk.subdivision_code ORDER BY pk.id) AS subdivisions
         FROM registry.pairing_park pp JOIN registry.park pk ON pk.id = pp.park_id
        WHERE pp.pairing_id = $1
        GROUP BY pp.country_code ORDER BY pp.country_code`,
      [pairingId],
    );
    return rows.map((row) => ({
      countryCode: row.country_code.trim(),
      subdivisionCodes: row.subdivisions,
    }));
  }

  async insert(manager: EntityManager, round: DatedRound): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO registry.review_round
         (pairing_id, round, country_code, submitted_at, submitted_by, time_zone, subdivision_code,
          due_soon_on, due_on, escalate_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING id`,
      [
        round.pairingId,
        round.round,
        round.countryCode,
        round.submittedAt,
        round.submittedBy,
        round.timeZone,
        round.subdivisionCode,
        round.dates.dueSoonOn,
        round.dates.dueOn,
        round.dates.escalateOn,
      ],
    );
    return rows[0].id;
  }

  async openRoundsOf(manager: EntityManager, countryCode: string): Promise<OpenRound[]> {
    const rows: OpenRoundRow[] = await manager.query(
      `SELECT ${OPEN_ROUND_COLUMNS} FROM ${OPEN_ROUNDS}
        WHERE ${UNDECIDED} AND r.country_code = $1
          FOR UPDATE OF r`,
      [countryCode],
    );
    return rows.map(toOpenRound);
  }

  /** New dates after a calendar change; the audit trail keeps the old ones. */
  async redate(
    manager: EntityManager,
    id: string,
    timeZone: string,
    dates: ReviewDates,
  ): Promise<void> {
    await manager.query(
      `UPDATE registry.review_round
          SET time_zone = $2, due_soon_on = $3, due_on = $4, escalate_on = $5, updated_at = now()
        WHERE id = $1
          AND (time_zone, due_soon_on, due_on, escalate_on) IS DISTINCT FROM ($2, $3::date, $4::date, $5::date)`,
      [id, timeZone, dates.dueSoonOn, dates.dueOn, dates.escalateOn],
    );
  }
}
