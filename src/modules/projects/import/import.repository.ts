import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Source } from '../../../common/sources/source';
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

/** A registered project that an update row names by ref. */
export interface ProjectTarget {
  readonly id: string;
  readonly version: number;
  readonly parkId: string;
  readonly hostCountryCode: string;
  readonly archived: boolean;
  readonly sources: readonly Source[];
}

/** An update row in table terms: the whole record as the file states it. */
export interface ProjectUpdate extends Omit<NewProject, 'ref'> {
  readonly id: string;
  readonly version: number;
}

export interface SectorLinkRow {
  readonly projectId: string;
  readonly code: string;
  readonly percentage: string;
}

export interface InvestorLinkRow {
  readonly projectId: string;
  readonly investorId: string;
  readonly role: string;
  readonly sharePct: string | null;
}

/** Columns an update sets, with their SQL types, in the order of the unnest parameters. */
const UPDATE_COLUMNS = [
  ['id', 'id', 'uuid'],
  ['version', 'version', 'int'],
  ['title', 'title', 'text'],
  ['description', 'description', 'text'],
  ['note', 'note', 'text'],
  ['parkId', 'park_id', 'uuid'],
  ['hostCountryCode', 'host_country_code', 'char(2)'],
  ['pairingId', 'pairing_id', 'uuid'],
  ['type', 'type', 'text'],
  ['stage', 'stage', 'text'],
  ['announcedOn', 'announced_on', 'date'],
  ['signedOn', 'signed_on', 'date'],
  ['constructionStartOn', 'construction_start_on', 'date'],
  ['operationalOn', 'operational_on', 'date'],
  ['amount', 'investment_amount', 'numeric'],
  ['currency', 'investment_currency', 'char(3)'],
  ['jobsPlanned', 'jobs_planned', 'int'],
  ['jobsActual', 'jobs_actual', 'int'],
  ['estimated', 'estimated', 'boolean'],
  ['sources', 'sources', 'jsonb'],
] as const satisfies readonly (readonly [keyof ProjectUpdate, string, string])[];

/** Free-text columns: the file's cells are trimmed, so stored text counts as equal up to that. */
const TRIMMED_TEXT = new Set(['title', 'description', 'note']);

/** `p.<column>` holds the same value as `x.<column>` (the file's). */
function sameValue(column: string): string {
  if (TRIMMED_TEXT.has(column)) {
    return `nullif(regexp_replace(p.${column}, '^\\s+|\\s+$', '', 'g'), '') IS NOT DISTINCT FROM x.${column}`;
  }
  return `p.${column} IS NOT DISTINCT FROM x.${column}`;
}

/** `x`: the update rows as a relation, from parameters $<first>... (one array per column). */
function updateRowsSql(first: number): string {
  const arrays = UPDATE_COLUMNS.map(
    ([, , type], i) => `$${first + i}::${type === 'jsonb' ? 'text' : type}[]`,
  );
  const names = UPDATE_COLUMNS.map(([, column]) => column);
  const select = UPDATE_COLUMNS.map(([, column, type]) =>
    type === 'jsonb' ? `u.${column}::jsonb AS ${column}` : `u.${column}`,
  );
  return `SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})`;
}

const updateParameters = (updates: readonly ProjectUpdate[]): unknown[] =>
  UPDATE_COLUMNS.map(([key]) => updates.map((u) => u[key]));

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

  /** The projects that rows name by ref, one query for the whole file. */
  async projectsByRef(refs: readonly string[]): Promise<Map<string, ProjectTarget>> {
    if (refs.length === 0) return new Map();
    const rows = await this.db.query<
      {
        ref: string;
        id: string;
        version: number;
        park_id: string;
        host_country_code: string;
        archived: boolean;
        sources: Source[];
      }[]
    >(
      `SELECT ref, id, version, park_id, host_country_code, archived_at IS NOT NULL AS archived, sources
       FROM registry.project WHERE ref = ANY($1::text[])`,
      [refs],
    );
    return new Map(
      rows.map((r) => [
        r.ref,
        {
          id: r.id,
          version: r.version,
          parkId: r.park_id,
          hostCountryCode: r.host_country_code,
          archived: r.archived,
          sources: r.sources,
        },
      ]),
    );
  }

  /**
   * Locks the rows' projects (in id order, so two imports queue rather than deadlock) and
   * returns those whose version is no longer the one the file names, with their version now.
   * Held until the transaction ends, so nothing can change them between this check and the
   * writes.
   */
  async lockAtVersions(
    manager: EntityManager,
    targets: readonly { id: string; version: number }[],
  ): Promise<Map<string, number>> {
    if (targets.length === 0) return new Map();
    const rows = await manager.query<{ id: string; version: number; expected: number }[]>(
      `SELECT p.id, p.version, x.version AS expected
       FROM registry.project p JOIN unnest($1::uuid[], $2::int[]) AS x(id, version) ON x.id = p.id
       ORDER BY p.id FOR UPDATE OF p`,
      [targets.map((t) => t.id), targets.map((t) => t.version)],
    );
    const moved = new Map(targets.map((t) => [t.id, 0]));
    for (const row of rows) {
      if (row.version === row.expected) moved.delete(row.id);
      else moved.set(row.id, row.version);
    }
    return moved;
  }

  /**
   * The update rows that would change their project: a field, the sector list or the investor
   * list differs from what is stored. One statement, whatever the number of rows.
   */
  async changedProjects(
    executor: EntityManager | null,
    updates: readonly ProjectUpdate[],
    sectors: readonly SectorLinkRow[],
    investors: readonly InvestorLinkRow[],
  ): Promise<Set<string>> {
    if (updates.length === 0) return new Set();
    const n = UPDATE_COLUMNS.length;
    const fields = UPDATE_COLUMNS.filter(([key]) => key !== 'id' && key !== 'version')
      .map(([, column]) => sameValue(column))
      .join(' AND ');
    const rows = await (executor ?? this.db.manager).query<{ id: string }[]>(
      `WITH x AS (${updateRowsSql(1)}),
       s AS (SELECT * FROM unnest($${n + 1}::uuid[], $${n + 2}::text[], $${n + 3}::numeric[]) AS s(project_id, code, percentage)),
       i AS (SELECT * FROM unnest($${n + 4}::uuid[], $${n + 5}::uuid[], $${n + 6}::text[], $${n + 7}::numeric[])
             AS i(project_id, investor_id, role, share_pct)),
       ps AS (SELECT ps.project_id, ps.industry_code AS code, ps.percentage
              FROM registry.project_sector ps JOIN x ON x.id = ps.project_id),
       pi AS (SELECT pi.project_id, pi.investor_id, pi.role, pi.share_pct
              FROM registry.project_investor pi JOIN x ON x.id = pi.project_id)
       SELECT x.id FROM x JOIN registry.project p ON p.id = x.id WHERE NOT (${fields})
       UNION SELECT project_id FROM ((SELECT * FROM s EXCEPT SELECT * FROM ps)
                                     UNION ALL (SELECT * FROM ps EXCEPT SELECT * FROM s)) AS sector_change
       UNION SELECT project_id FROM ((SELECT * FROM i EXCEPT SELECT * FROM pi)
                                     UNION ALL (SELECT * FROM pi EXCEPT SELECT * FROM i)) AS investor_change`,
      [
        ...updateParameters(updates),
        sectors.map((s) => s.projectId),
        sectors.map((s) => s.code),
        sectors.map((s) => s.percentage),
        investors.map((i) => i.projectId),
        investors.map((i) => i.investorId),
        investors.map((i) => i.role),
        investors.map((i) => i.sharePct),
      ],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Sets each project to its row, bumping version and updated_at, in one UPDATE ... FROM. The
   * version is checked in the statement itself; returns how many projects it updated. Text equal
   * to the stored text up to surrounding whitespace is left as stored.
   */
  async updateProjects(manager: EntityManager, updates: readonly ProjectUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const set = UPDATE_COLUMNS.filter(([key]) => key !== 'id' && key !== 'version').map(
      ([, column]) =>
        TRIMMED_TEXT.has(column)
          ? `${column} = CASE WHEN ${sameValue(column)} THEN p.${column} ELSE x.${column} END`
          : `${column} = x.${column}`,
    );
    // Only rows that change are sent, some only in their links: the version must move for
    // those too (as PATCH), so the keep_version_on_noop trigger is told not to keep it.
    await manager.query(`SELECT set_config('app.version_bump', 'force', true)`);
    // TypeORM's pg driver answers an UPDATE with [rows, rowCount].
    const [, updated] = await manager.query<[unknown[], number]>(
      `WITH x AS (${updateRowsSql(1)})
       UPDATE registry.project p SET ${set.join(', ')}, version = p.version + 1, updated_at = now()
       FROM x WHERE p.id = x.id AND p.version = x.version`,
      updateParameters(updates),
    );
    await manager.query(`SELECT set_config('app.version_bump', '', true)`);
    return updated;
  }

  /** Makes these projects' sectors exactly `sectors`, touching only the rows that differ. */
  async replaceSectorsOf(
    manager: EntityManager,
    projectIds: readonly string[],
    sectors: readonly SectorLinkRow[],
  ): Promise<void> {
    if (projectIds.length === 0) return;
    const links = [sectors.map((s) => s.projectId), sectors.map((s) => s.code)];
    await manager.query(
      `DELETE FROM registry.project_sector ps WHERE ps.project_id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::text[]) AS s(project_id, code)
                         WHERE s.project_id = ps.project_id AND s.code = ps.industry_code)`,
      [projectIds, ...links],
    );
    await manager.query(
      `INSERT INTO registry.project_sector (project_id, industry_code, percentage)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[])
       ON CONFLICT (project_id, industry_code) DO UPDATE SET percentage = EXCLUDED.percentage
       WHERE project_sector.percentage IS DISTINCT FROM EXCLUDED.percentage`,
      [...links, sectors.map((s) => s.percentage)],
    );
  }

  /** Makes these projects' investor links exactly `links`, touching only the rows that differ. */
  async replaceInvestorsOf(
    manager: EntityManager,
    projectIds: readonly string[],
    links: readonly InvestorLinkRow[],
  ): Promise<void> {
    if (projectIds.length === 0) return;
    const keys = [links.map((l) => l.projectId), links.map((l) => l.investorId)];
    await manager.query(
      `DELETE FROM registry.project_investor pi WHERE pi.project_id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS l(project_id, investor_id)
                         WHERE l.project_id = pi.project_id AND l.investor_id = pi.investor_id)`,
      [projectIds, ...keys],
    );
    await manager.query(
      `INSERT INTO registry.project_investor (project_id, investor_id, role, share_pct)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[])
       ON CONFLICT (project_id, investor_id) DO UPDATE SET role = EXCLUDED.role, share_pct = EXCLUDED.share_pct
       WHERE (project_investor.role, project_investor.share_pct) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.share_pct)`,
      [...keys, links.map((l) => l.role), links.map((l) => l.sharePct)],
    );
  }
}
