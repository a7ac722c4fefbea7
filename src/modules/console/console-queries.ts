import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface RegistryCounts {
  readonly parks: number;
  readonly pairings: number;
  readonly investors: number;
  readonly projects: number;
}

export interface CountryOption {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string | null;
}

/** A country with a review calendar of its own, as the calendar list shows it. */
export interface CalendarListing extends CountryOption {
  readonly reviewWorkingDays: number;
  readonly weekend: number[];
  readonly subdivisionWeeks: number;
  readonly holidays: number;
  readonly updatedAt: Date;
}

/**
 * The few reads the console needs that no API route answers in one go: headline counts, and
 * the names of the people in an audit trail. Reads only; every write goes through a service.
 */
@Injectable()
export class ConsoleQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async counts(): Promise<RegistryCounts> {
    const rows = await this.db.query<Record<keyof RegistryCounts, string>[]>(
      `SELECT (SELECT count(*) FROM registry.park WHERE archived_at IS NULL) AS parks,
              (SELECT count(*) FROM registry.pairing WHERE archived_at IS NULL) AS pairings,
              (SELECT count(*) FROM registry.investor WHERE archived_at IS NULL) AS investors,
              (SELECT count(*) FROM registry.project WHERE archived_at IS NULL) AS projects`,
    );
    const row = rows[0];
    return {
      parks: Number(row.parks),
      pairings: Number(row.pairings),
      investors: Number(row.investors),
      projects: Number(row.projects),
    };
  }

  /** The countries a park can be in: China and the ASEAN members, named in both languages. */
  async partnerCountries(): Promise<CountryOption[]> {
    const rows = await this.db.query<{ code: string; name: string; name_zh: string | null }[]>(
      `SELECT code, name, name_zh FROM registry.country
        WHERE twin_parks_partner OR code IN (SELECT DISTINCT country_code FROM registry.park)
        ORDER BY name`,
    );
    return rows.map((row) => ({ code: row.code, name: row.name, nameZh: row.name_zh }));
  }

  /** One country's names, or null for a code no country has. */
  async country(code: string): Promise<CountryOption | null> {
    const rows = await this.db.query<{ code: string; name: string; name_zh: string | null }[]>(
      `SELECT code, name, name_zh FROM registry.country WHERE code = $1`,
      [code],
    );
    const row = rows[0];
    return row ? { code: row.code.trim(), name: row.name, nameZh: row.name_zh } : null;
  }

  /** The countries with a review calendar of their own (the seeded ones and any saved since). */
  async reviewCalendars(): Promise<CalendarListing[]> {
    const rows = await this.db.query<
      {
        code: string;
        name: string;
        name_zh: string | null;
        review_working_days: number;
        weekend: number[];
        weeks: number;
        holidays: number;
        updated_at: Date;
      }[]
    >(
      `SELECT c.code, c.name, c.name_zh, rc.review_working_days, rc.weekend,
              jsonb_array_length(rc.subdivision_weekends) AS weeks,
              jsonb_array_length(rc.holidays) AS holidays, rc.updated_at
         FROM registry.review_calendar rc JOIN registry.country c ON c.code = rc.country_code
        ORDER BY c.name`,
    );
    return rows.map((row) => ({
      code: row.code.trim(),
      name: row.name,
      nameZh: row.name_zh,
      reviewWorkingDays: row.review_working_days,
      weekend: row.weekend.map(Number),
      subdivisionWeeks: row.weeks,
      holidays: row.holidays,
      updatedAt: row.updated_at,
    }));
  }

  /** user id → "Name <email>" for the ids given; system actors pass through as they are. */
  async actorNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const uuids = [...new Set(ids)].filter(
      (id): id is string => id !== null && /^[0-9a-f-]{36}$/i.test(id),
    );
    const names = new Map<string, string>();
    if (uuids.length === 0) return names;
    const rows = await this.db.query<{ id: string; name: string; email: string }[]>(
      `SELECT id, name, email FROM registry.app_user WHERE id = ANY($1::uuid[])`,
      [uuids],
    );
    for (const row of rows) names.set(row.id, `${row.name} <${row.email}>`);
    return names;
  }
}
