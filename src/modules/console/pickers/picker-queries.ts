import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { containsPattern } from '../../../common/pagination/like-pattern';

export interface ParkKey {
  readonly id: string;
  readonly code: string;
  readonly countryCode: string;
  /** The host country's default currency (ISO 4217), if it has one. */
  readonly currencyCode: string | null;
}

export interface InvestorKey {
  readonly id: string;
  readonly name: string;
  readonly countryCode: string;
}

export interface CurrencyRow {
  readonly code: string;
  readonly name: string;
}

/** Text PostgreSQL can take as a parameter (it refuses U+0000); such a key names nothing. */
const storable = (text: string): boolean => !text.includes('\u0000');

/**
 * Reads behind the console's pickers: the human keys a form may carry (a park or pairing code,
 * an investor's name) turned into ids, and the currency list. Each is one query on a unique or
 * indexed key; nothing here writes.
 */
@Injectable()
export class PickerQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Parks by id or code (codes are upper case), with the host country's currency. */
  async parksByKey(typed: readonly string[]): Promise<ParkKey[]> {
    const keys = typed.filter(storable);
    if (keys.length === 0) return [];
    const rows = await this.db.query<
      { id: string; code: string; country_code: string; currency_code: string | null }[]
    >(
      `SELECT p.id, p.code, p.country_code, c.currency_code
         FROM registry.park p JOIN registry.country c ON c.code = p.country_code
        WHERE p.code = ANY($1::text[]) OR p.id::text = ANY($1::text[])`,
      [keys],
    );
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      countryCode: row.country_code,
      currencyCode: row.currency_code?.trim() ?? null,
    }));
  }

  /** Pairings by id or code: code → id and id → code. */
  async pairingsByKey(typed: readonly string[]): Promise<{ id: string; code: string }[]> {
    const keys = typed.filter(storable);
    if (keys.length === 0) return [];
    return this.db.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM registry.pairing
        WHERE code = ANY($1::text[]) OR id::text = ANY($1::text[])`,
      [keys],
    );
  }

  /**
   * Live investors whose name has the same registration key as `name` (case, accents and
   * punctuation aside, as the API's duplicate rule reads names), in `countryCode` if given.
   * The trigram index narrows the candidates; the key comparison decides.
   */
  async investorsNamed(name: string, countryCode: string | null): Promise<InvestorKey[]> {
    if (!storable(name) || name.length > 500) return [];
    const rows = await this.db.query<{ id: string; name: string; country_code: string }[]>(
      `SELECT id, name, country_code FROM registry.investor
        WHERE archived_at IS NULL
          AND ($2::text IS NULL OR country_code = $2)
          AND registry.org_name_key(name) = registry.org_name_key($1)
          AND registry.search_fold(name || ' ' || coalesce(name_zh, '') || ' ' || coalesce(name_local, ''))
              LIKE registry.search_fold($3)
        ORDER BY country_code, id
        LIMIT 10`,
      [name, countryCode, containsPattern(name)],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, countryCode: row.country_code }));
  }

  /** Every ISO 4217 currency the registry knows, by code. */
  currencies(): Promise<CurrencyRow[]> {
    return this.db.query<CurrencyRow[]>(
      `SELECT trim(code) AS code, name FROM registry.currency ORDER BY code`,
    );
  }

  /** The currencies of the twin-park partner countries (China and the ASEAN members). */
  async partnerCurrencies(): Promise<string[]> {
    const rows = await this.db.query<{ code: string }[]>(
      `SELECT DISTINCT trim(currency_code) AS code FROM registry.country
        WHERE twin_parks_partner AND currency_code IS NOT NULL ORDER BY 1`,
    );
    return rows.map((row) => row.code);
  }

  /** A country's default currency. */
  async currencyOf(countryCode: string): Promise<string | null> {
    const rows = await this.db.query<{ code: string | null }[]>(
      `SELECT trim(currency_code) AS code FROM registry.country WHERE code = $1`,
      [countryCode],
    );
    return rows[0]?.code ?? null;
  }

  /** Default currencies of the given countries: country code → currency code. */
  async currenciesOf(countryCodes: readonly string[]): Promise<Map<string, string>> {
    if (countryCodes.length === 0) return new Map();
    const rows = await this.db.query<{ country: string; currency: string }[]>(
      `SELECT code AS country, trim(currency_code) AS currency FROM registry.country
        WHERE code = ANY($1::text[]) AND currency_code IS NOT NULL`,
      [[...new Set(countryCodes)]],
    );
    return new Map(rows.map((row) => [row.country, row.currency]));
  }
}
