import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InvestorType } from '../../investors/investor-enums';

export interface ParkRef {
  readonly id: string;
  readonly countryCode: string;
  readonly archived: boolean;
}

export interface PairingRef {
  readonly id: string;
  readonly archived: boolean;
  readonly parkIds: readonly string[];
}

/** An investor named in the file: its normalised key, and its id when already registered. */
export interface InvestorMatch {
  readonly key: string;
  readonly id: string | null;
}

/** One project row ready to insert (column values, in table terms). */
export interface NewProject {
  readonly ref: string;
  readonly title: string;
  readonly description: string | null;
  readonly note: string | null;
  readonly parkId: string;
  readonly hostCountryCode: string;
  readonly pairingId: string | null;
  readonly type: string;
  readonly stage: string;
  readonly announcedOn: string | null;
  readonly signedOn: string | null;
  readonly constructionStartOn: string | null;
  readonly operationalOn: string | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly jobsPlanned: number | null;
  readonly jobsActual: number | null;
  readonly estimated: boolean;
  readonly sources: string;
}

/**
 * Set-based SQL for the CSV import: each lookup is one query for all rows, and each write one
 * statement for all rows, whatever the file size.
 */
@Injectable()
export class ImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async parks(codes: readonly string[]): Promise<Map<string, ParkRef>> {
    const rows = await this.db.query<
      { code: string; id: string; country_code: string; archived: boolean }[]
    >(
      `SELECT code, id, country_code, archived_at IS NOT NULL AS archived
       FROM registry.park WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(
      rows.map((r) => [r.code, { id: r.id, countryCode: r.country_code, archived: r.archived }]),
    );
  }

  async pairings(codes: readonly string[]): Promise<Map<string, PairingRef>> {
    const rows = await this.db.query<
      { code: string; id: string; archived: boolean; park_ids: string[] }[]
    >(
      `SELECT p.code, p.id, p.archived_at IS NOT NULL AS archived,
              coalesce(array_agg(pp.park_id) FILTER (WHERE pp.park_id IS NOT NULL), '{}') AS park_ids
       FROM registry.pairing p LEFT JOIN registry.pairing_park pp ON pp.pairing_id = p.id
       WHERE p.code = ANY($1::text[]) GROUP BY p.id`,
      [codes],
    );
    return new Map(
      rows.map((r) => [r.code, { id: r.id, archived: r.archived, parkIds: r.park_ids }]),
    );
  }

  async missing(
    table: 'industry' | 'currency' | 'country',
    codes: readonly string[],
  ): Promise<Set<string>> {
    const rows = await this.db.query<{ code: string }[]>(
      `SELECT c.code FROM unnest($1::text[]) AS c(code)
       WHERE NOT EXISTS (SELECT 1 FROM registry.${table} t WHERE t.code = c.code)`,
      [codes],
    );
    return new Set(rows.map((row) => row.code));
  }

  /** For each (country, name): the normalised key and the live investor it names, if any. */
  async investors(
    names: readonly { countryCode: string; name: string }[],
  ): Promise<InvestorMatch[]> {
    const rows = await this.db.query<{ i: string; key: string; id: string | null }[]>(
      `SELECT x.i, registry.org_name_key(x.name) AS key, inv.id
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(country, name, i)
       LEFT JOIN registry.investor inv
         ON inv.country_code = x.country AND inv.archived_at IS NULL
        AND registry.org_name_key(inv.name) = registry.org_name_key(x.name)
       ORDER BY x.i`,
      [names.map((n) => n.countryCode), names.map((n) => n.name)],
    );
    return rows.map((row) => ({ key: row.key, id: row.id }));
  }

  async insertInvestors(
    manager: EntityManager,
    investors: readonly { name: string; countryCode: string; type: InvestorType }[],
  ): Promise<Map<string, string>> {
    if (investors.length === 0) return new Map();
    const rows = await manager.query<{ id: string; country_code: string; key: string }[]>(
      `INSERT INTO registry.investor (name, country_code, type)
       SELECT * FROM unnest($1::text[], $2::char(2)[], $3::text[])
       RETURNING id, country_code, registry.org_name_key(name) AS key`,
      [
        investors.map((i) => i.name),
        investors.map((i) => i.countryCode),
        investors.map((i) => i.type),
      ],
    );
    return new Map(rows.map((row) => [`${row.country_code}|${row.key}`, row.id]));
  }

  /** Reserves `count` refs per (park, year); returns the last number of each reservation. */
  async reserveRefs(
    manager: EntityManager,
    blocks: readonly { parkId: string; year: number; count: number }[],
  ): Promise<Map<string, number>> {
    // Counter rows are locked in one order (park, year) whatever the file's order, so two
    // imports over the same parks queue instead of deadlocking.
    const ordered = [...blocks].sort((a, b) =>
      a.parkId === b.parkId ? a.year - b.year : a.parkId < b.parkId ? -1 : 1,
    );
    const rows = await manager.query<{ park_id: string; year: number; last: number }[]>(
      `INSERT INTO infra.project_ref_counter (park_id, year, last)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])
       ON CONFLICT (park_id, year) DO UPDATE SET last = project_ref_counter.last + EXCLUDED.last
       RETURNING park_id, year, last`,
      [ordered.map((b) => b.parkId), ordered.map((b) => b.year), ordered.map((b) => b.count)],
    );
    return new Map(rows.map((row) => [`${row.park_id}|${row.year}`, row.last]));
  }

  async insertProjects(
    manager: EntityManager,
    projects: readonly NewProject[],
  ): Promise<Map<string, string>> {
    const column = <K extends keyof NewProject>(key: K) => projects.map((p) => p[key]);
    const rows = await manager.query<{ id: string; ref: string }[]>(
      `INSERT INTO registry.project (ref, title, description, park_id, host_country_code, pairing_id, type, stage,
         announced_on, signed_on, construction_start_on, operational_on, investment_amount, investment_currency,
         jobs_planned, jobs_actual, estimated, sources, note)
       SELECT ref, title, description, park_id, host_country_code, pairing_id, type, stage,
         announced_on, signed_on, construction_start_on, operational_on, amount, currency,
         jobs_planned, jobs_actual, estimated, sources::jsonb, note
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::char(2)[], $6::uuid[], $7::text[], $8::text[],
         $9::date[], $10::date[], $11::date[], $12::date[], $13::numeric[], $14::char(3)[],
         $15::int[], $16::int[], $17::boolean[], $18::text[], $19::text[])
         AS p(ref, title, description, park_id, host_country_code, pairing_id, type, stage,
              announced_on, signed_on, construction_start_on, operational_on, amount, currency,
              jobs_planned, jobs_actual, estimated, sources, note)
       RETURNING id, ref`,
      [
        column('ref'),
        column('title'),
        column('description'),
        column('parkId'),
        column('hostCountryCode'),
        column('pairingId'),
        column('type'),
        column('stage'),
        column('announcedOn'),
        column('signedOn'),
        column('constructionStartOn'),
        column('operationalOn'),
        column('amount'),
        column('currency'),
        column('jobsPlanned'),
        column('jobsActual'),
        column('estimated'),
        column('sources'),
        column('note'),
      ],
    );
    return new Map(rows.map((row) => [row.ref, row.id]));
  }

  async insertSectors(
    manager: EntityManager,
    sectors: readonly { projectId: string; code: string; percentage: string }[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO registry.project_sector (project_id, industry_code, percentage)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[])`,
      [
        sectors.map((s) => s.projectId),
        sectors.map((s) => s.code),
        sectors.map((s) => s.percentage),
      ],
    );
  }

  async insertInvestorLinks(
    manager: EntityManager,
    links: readonly {
      projectId: string;
      investorId: string;
      role: string;
      sharePct: string | null;
    }[],
  ): Promise<void> {
    if (links.length === 0) return;
    await manager.query(
      `INSERT INTO registry.project_investor (project_id, investor_id, role, share_pct)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[])`,
      [
        links.map((l) => l.projectId),
        links.map((l) => l.investorId),
        links.map((l) => l.role),
        links.map((l) => l.sharePct),
      ],
    );
  }
}
