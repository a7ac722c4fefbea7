import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { rowsTouched } from '../../../database/rows-touched';
import type { Holiday, ReviewCalendar, SubdivisionWeek } from './review-calendar';

interface CalendarRow {
  country_code: string;
  review_working_days: number;
  weekend: number[];
  time_zone: string;
  subdivision_weekends: SubdivisionWeek[];
  holidays: Holiday[];
  source: string | null;
  version: number;
  updated_at: Date;
}

const COLUMNS = `country_code, review_working_days, weekend, time_zone, subdivision_weekends,
  holidays, source, version, updated_at`;

function toCalendar(row: CalendarRow): ReviewCalendar {
  return {
    countryCode: row.country_code.trim(),
    reviewWorkingDays: row.review_working_days,
    weekend: row.weekend.map(Number),
    timeZone: row.time_zone,
    subdivisionWeekends: row.subdivision_weekends,
    holidays: row.holidays,
    source: row.source,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export type CalendarValues = Omit<ReviewCalendar, 'countryCode' | 'version' | 'updatedAt'>;

/** registry.review_calendar: one audited row per country that has a calendar of its own. */
@Injectable()
export class ReviewCalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(countryCode: string, manager?: EntityManager): Promise<ReviewCalendar | null> {
    const rows: CalendarRow[] = await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM registry.review_calendar WHERE country_code = $1`,
      [countryCode],
    );
    return rows[0] ? toCalendar(rows[0]) : null;
  }

  async findMany(
    countryCodes: readonly string[],
    manager?: EntityManager,
  ): Promise<ReviewCalendar[]> {
    const rows: CalendarRow[] = await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM registry.review_calendar WHERE country_code = ANY($1)`,
      [countryCodes],
    );
    return rows.map(toCalendar);
  }

  async lock(manager: EntityManager, countryCode: string): Promise<ReviewCalendar | null> {
    const rows: CalendarRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM registry.review_calendar WHERE country_code = $1 FOR UPDATE`,
      [countryCode],
    );
    return rows[0] ? toCalendar(rows[0]) : null;
  }

  /** Inserts the first calendar of a country; false when another writer stored one first. */
  async insert(
    manager: EntityManager,
    countryCode: string,
    values: CalendarValues,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO registry.review_calendar
         (country_code, review_working_days, weekend, time_zone, subdivision_weekends, holidays, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (country_code) DO NOTHING
       RETURNING country_code`,
      [countryCode, ...params(values)],
    );
    return rows.length > 0;
  }

  /** Replaces the calendar at the version the writer read; false when it moved on. */
  async updateAtVersion(
    manager: EntityManager,
    countryCode: string,
    version: number,
    values: CalendarValues,
  ): Promise<boolean> {
    const affected = await rowsTouched(
      manager,
      `UPDATE registry.review_calendar
          SET review_working_days = $3, weekend = $4, time_zone = $5, subdivision_weekends = $6,
              holidays = $7, source = $8, version = version + 1, updated_at = now()
        WHERE country_code = $1 AND version = $2`,
      [countryCode, version, ...params(values)],
    );
    return affected > 0;
  }

  /** Whether PostgreSQL knows the time zone (it counts "today" in SQL too). */
  async knowsTimeZone(name: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT FROM pg_timezone_names WHERE name = $1`,
      [name],
    );
    return rows.length > 0;
  }
}

function params(values: CalendarValues): unknown[] {
  return [
    values.reviewWorkingDays,
    values.weekend,
    values.timeZone,
    JSON.stringify(values.subdivisionWeekends),
    JSON.stringify(values.holidays),
    values.source,
  ];
}
