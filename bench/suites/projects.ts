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
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import type { Repository } from 'typeorm';
import type { ProjectEntity } from '../src/modules/projects/project.entity';
import { ProjectsRepository } from '../src/modules/projects/projects.repository';
import { startBenchApp } from './lib/bench-app';
import { type Comparison, elapsedMs, printComparisons } from './lib/measure';
import { openScratchDatabase } from './lib/scratch-database';
import { copyInto, type Seed, seedProjects } from './lib/seed-projects';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 1_000_000);
const IMPORT_ROWS = 100_000;
const SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 8);
const CLIENTS = 4;
const LIST_QUERY = { country: 'MY', stage: 'operational' as const };
const LIST_URL = '/api/v1/projects?country=MY&stage=operational&limit=50';

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
    const data = await seedProjects(pool, PROJECTS);
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
