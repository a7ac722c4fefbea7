/**
 * bench/projects: a million projects, in one run on a scratch database.
 *
 *   npm run bench:projects            (embedded PostgreSQL; DATABASE_URL=... for a server)
 *   BENCH_PROJECTS=200000 npm run bench:projects   (a smaller seed for a quick look)
 *
 * - list: a filtered project page through the HTTP API (autocannon, 4 connections) against the
 *   same SQL (the list query and the page's detail queries) run directly on pg by 4 clients;
 *   goal: the API at least 0.5 of the direct rate.
 * - import: 100,000 CSV rows through POST /projects/import against a plain COPY of the same
 *   rows into a table of text columns (ratio and rows/s reported; no goal set).
 *
 * Seeding writes with COPY and, in this throw-away database only, with the audit triggers of
 * the seeded tables disabled (re-enabled before anything is measured).
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import autocannon from 'autocannon';
import { Pool, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Repository } from 'typeorm';
import type { ProjectEntity } from '../src/modules/projects/project.entity';
import { ProjectsRepository } from '../src/modules/projects/projects.repository';
import { startBenchApp } from './lib/bench-app';
import { type Comparison, elapsedMs, printComparisons } from './lib/measure';
import { openScratchDatabase } from './lib/scratch-database';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 1_000_000);
const IMPORT_ROWS = 100_000;
const SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 8);
const CLIENTS = 4;
const COUNTRIES = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL', 'CN'];
const CURRENCY: Record<string, string> = { MY: 'MYR', CN: 'CNY', ID: 'IDR', TH: 'THB', VN: 'VND' };
const STAGES = [
  'pipeline',
  'signed',
  'under_construction',
  'operational',
  'suspended',
  'cancelled',
];
const TYPES = ['greenfield', 'expansion', 'joint_venture', 'brownfield', 'm_and_a'];
const LIST_QUERY = { country: 'MY', stage: 'operational' as const };
const LIST_URL = '/api/v1/projects?country=MY&stage=operational&limit=50';

async function copyInto(client: PoolClient, sql: string, lines: Iterable<string>): Promise<void> {
  function* chunks() {
    let buffer = '';
    for (const line of lines) {
      buffer += `${line}\n`;
      if (buffer.length > 1 << 16) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

interface Seed {
  parks: { id: string; code: string; country: string }[];
  investors: { id: string; name: string; country: string }[];
  industries: string[];
}

async function seed(pool: Pool): Promise<Seed> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.actor', 'system:bench', true)`);
    const parks = (
      await client.query<{ id: string; code: string; country: string }>(
        `INSERT INTO registry.park (code, name, country_code, zone_type, status)
         SELECT c || '-P' || g, 'Park ' || g || ' of ' || c, c, 'industrial_park', 'operational'
         FROM unnest($1::text[]) c, generate_series(1, 10) g
         RETURNING id, code, country_code AS country`,
        [COUNTRIES],
      )
    ).rows;
    const investors = (
      await client.query<{ id: string; name: string; country: string }>(
        `INSERT INTO registry.investor (name, country_code, type)
         SELECT 'Investor ' || g || ' ' || c, c, 'private'
         FROM unnest($1::text[]) c, generate_series(1, 100) g
         RETURNING id, name, country_code AS country`,
        [COUNTRIES],
      )
    ).rows;
    await client.query(
      `INSERT INTO registry.fx_rate (currency_code, rate_date, usd_per_unit, source)
       SELECT cur, make_date(y, 1, 1), 0.1 + (y - 2000) * 0.001, 'bench'
       FROM unnest($1::text[]) cur, generate_series(2000, 2026) y`,
      [Object.values(CURRENCY)],
    );
    await client.query('COMMIT');
    const industries = (
      await client.query<{ code: string }>(
        `SELECT code FROM registry.industry WHERE level = 'class'`,
      )
    ).rows.map((r) => r.code);

    // Bulk rows by COPY, with the seeded tables' user triggers off in this scratch database.
    for (const table of ['project', 'project_sector', 'project_investor']) {
      await client.query(`ALTER TABLE registry.${table} DISABLE TRIGGER USER`);
    }
    const ids: string[] = [];
    function* projects() {
      for (let i = 0; i < PROJECTS; i++) {
        const park = parks[i % parks.length];
        const year = 2005 + (i % 20);
        const id = randomUUID();
        ids.push(id);
        const currency = CURRENCY[park.country] ?? 'USD';
        const date = `${year}-0${1 + (i % 9)}-1${i % 10}`;
        yield [
          id,
          `${park.code}-${year}-${String(i).padStart(7, '0')}`,
          `Project ${i} in ${park.code}`,
          park.id,
          park.country,
          TYPES[i % TYPES.length],
          STAGES[(i >> 3) % STAGES.length],
          date,
          date,
          `${(i % 997) * 1000000 + 0.5}`,
          currency,
          String(i % 3000),
        ].join('\t');
      }
    }
    const seeded = await elapsedMs(() =>
      copyInto(
        client,
        `COPY registry.project (id, ref, title, park_id, host_country_code, type, stage, announced_on, reference_date,
           investment_amount, investment_currency, jobs_planned) FROM STDIN`,
        projects(),
      ),
    );
    await copyInto(
      client,
      `COPY registry.project_sector (project_id, industry_code, percentage) FROM STDIN`,
      (function* () {
        for (let i = 0; i < ids.length; i++)
          yield `${ids[i]}\t${industries[i % industries.length]}\t100`;
      })(),
    );
    await copyInto(
      client,
      `COPY registry.project_investor (project_id, investor_id, role) FROM STDIN`,
      (function* () {
        for (let i = 0; i < ids.length; i++)
          yield `${ids[i]}\t${investors[(i * 7) % investors.length].id}\tlead`;
      })(),
    );
    // What the project trigger would have stored: the USD amount at the applicable rate.
    await client.query(`
      UPDATE registry.project p SET (amount_usd, usd_rate_date) = (
        SELECT round(p.investment_amount * r.usd_per_unit, 2), r.rate_date FROM registry.fx_rate r
        WHERE r.currency_code = p.investment_currency AND r.rate_date <= p.reference_date
        ORDER BY r.rate_date DESC LIMIT 1)`);
    for (const table of ['project', 'project_sector', 'project_investor']) {
      await client.query(`ALTER TABLE registry.${table} ENABLE TRIGGER USER`);
      await client.query(`VACUUM ANALYZE registry.${table}`);
    }
    console.log(
      `  seeded ${PROJECTS.toLocaleString('en')} projects by COPY in ${(seeded / 1000).toFixed(1)} s`,
    );
    return { parks, investors, industries };
  } finally {
    client.release();
  }
}

/** Queries per second of `work` from CLIENTS concurrent loops for SECONDS. */
async function rate(work: () => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline) {
        await work();
        done += 1;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

async function benchList(
  baseUrl: string,
  auth: Record<string, string>,
  pool: Pool,
  repository: ProjectsRepository,
): Promise<Comparison> {
  const check = await fetch(`${baseUrl}${LIST_URL}`, { headers: auth });
  if (check.status !== 200) throw new Error(`list answered ${check.status}: ${await check.text()}`);
  const api = await autocannon({
    url: `${baseUrl}${LIST_URL}`,
    connections: CLIENTS,
    duration: SECONDS,
    headers: auth,
  });
  if (api.non2xx > 0 || api.errors > 0)
    throw new Error(`list: ${api.non2xx} non-2xx, ${api.errors} errors`);

  // The same SQL on pg directly: the list query, then the page's sectors, investors, money, parks.
  const [sql, parameters] = repository
    .listQuery(LIST_QUERY)
    .orderBy('project.ref', 'ASC')
    .addOrderBy('project.id', 'ASC')
    .limit(51)
    .getQueryAndParameters();
  const direct = new ProjectsRepository({
    query: async (text: string, values?: unknown[]): Promise<unknown[]> =>
      (await pool.query(text, values)).rows as unknown[],
  } as unknown as Repository<ProjectEntity>);
  const directRate = await rate(async () => {
    const rows = (
      await pool.query<{
        project_id: string;
        project_park_id: string;
        project_investment_amount: string | null;
        project_investment_currency: string | null;
        project_reference_date: string;
      }>(sql, parameters)
    ).rows;
    const ids = rows.map((r) => r.project_id);
    await Promise.all([
      direct.sectorsOf(ids),
      direct.investorsOf(ids),
      direct.money(
        rows.map((r) => ({
          key: r.project_id,
          amount: r.project_investment_amount,
          currency: r.project_investment_currency,
          referenceDate: r.project_reference_date,
        })),
      ),
      direct.parkCodes(rows.map((r) => r.project_park_id)),
    ]);
  });
  const ratio = api.requests.average / directRate;
  return {
    name: `list page (${LIST_URL.split('?')[1]})`,
    measured: `${api.requests.average.toFixed(0)} req/s (p50 ${api.latency.p50} ms, p99 ${api.latency.p99} ms)`,
    baseline: `${directRate.toFixed(0)} pages/s on pg`,
    ratio,
    goal: '>= 0.5',
    met: ratio >= 0.5,
  };
}

async function benchImport(
  baseUrl: string,
  auth: Record<string, string>,
  pool: Pool,
  data: Seed,
): Promise<Comparison> {
  const malaysian = data.parks.filter((p) => p.country === 'MY');
  const header =
    'parkCode,title,type,stage,announcedOn,amount,currency,jobsPlanned,sectors,investors';
  const lines = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const investor = data.investors[i % data.investors.length];
    return [
      malaysian[i % malaysian.length].code,
      `Imported ${i}`,
      'greenfield',
      'signed',
      '2024-03-01',
      `${1000 + i}.00`,
      'MYR',
      String(i % 500),
      `${data.industries[i % data.industries.length]}:100`,
      `${investor.name}|${investor.country}|lead`,
    ].join(',');
  });
  const csv = [header, ...lines].join('\n');
  let created = 0;
  const apiMs = await elapsedMs(async () => {
    const response = await fetch(`${baseUrl}/api/v1/projects/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: csv,
    });
    if (response.status !== 201)
      throw new Error(
        `import answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    created = ((await response.json()) as { projectsCreated: number }).projectsCreated;
  });
  if (created !== IMPORT_ROWS) throw new Error(`import created ${created} projects`);
  const client = await pool.connect();
  let copyMs: number;
  try {
    await client.query(
      `CREATE TABLE bench_import_copy (${header
        .split(',')
        .map((c) => `"${c}" text`)
        .join(', ')})`,
    );
    copyMs = await elapsedMs(() =>
      copyInto(client, `COPY bench_import_copy FROM STDIN WITH (FORMAT csv, HEADER true)`, [
        header,
        ...lines,
      ]),
    );
  } finally {
    client.release();
  }
  const apiRate = IMPORT_ROWS / (apiMs / 1000);
  const copyRate = IMPORT_ROWS / (copyMs / 1000);
  return {
    name: `import ${IMPORT_ROWS.toLocaleString('en')} CSV rows`,
    measured: `${apiRate.toFixed(0)} rows/s (${(apiMs / 1000).toFixed(1)} s, audited)`,
    baseline: `${copyRate.toFixed(0)} rows/s COPY`,
    ratio: apiRate / copyRate,
    goal: 'reported',
    met: true,
  };
}

async function main(): Promise<void> {
  const db = await openScratchDatabase('projects', 4);
  console.log(`bench:projects on ${db.description}`);
  const pool = new Pool({ connectionString: db.url, max: CLIENTS + 1 });
  try {
    const data = await seed(pool);
    const service = await startBenchApp(db.url, { DB_POOL_SIZE: '8' });
    try {
      const results = [
        await benchList(service.baseUrl, service.auth, pool, service.app.get(ProjectsRepository)),
        await benchImport(service.baseUrl, service.auth, pool, data),
      ];
      printComparisons(
        `Projects at ${PROJECTS.toLocaleString('en')} (${db.description.split(' on ')[0]}, ${cpus().length} CPUs)`,
        results,
      );
      if (results.some((r) => !r.met)) process.exitCode = 1;
    } finally {
      await service.close();
    }
  } finally {
    await pool.end();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
