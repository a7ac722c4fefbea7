/**
 * Reads and writes of projects through the API, each against a baseline in the same run:
 *
 * - getById: GET one project (random ids) through the API against a bare Fastify + pg server
 *   running the same SQL (autocannon in a process of its own, same settings for both, see
 *   LOAD_SETTINGS); goal >= 0.5;
 * - list: a filtered page (`country=MY&stage=operational`), same comparison; goal >= 0.5;
 * - import: CSV rows through POST /projects/import against a plain COPY of the same rows into
 *   a table of text columns (rows/s; reported, no goal: one is validated, resolved, priced,
 *   referenced and audited row by row, the other only stored).
 */
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ProjectEntity } from '../../src/modules/projects/project.entity';
import { ProjectsRepository } from '../../src/modules/projects/projects.repository';
import { type BareServer, type BareSql, startBareServer } from '../lib/bare-server';
import type { BenchApp } from '../lib/bench-app';
import { generateLoad, LOAD_SETTINGS, type LoadResult } from '../lib/load-generator';
import { type Comparison, elapsedMs, median } from '../lib/measure';
import { copyInto, type Seed } from '../lib/seed-projects';

const LIST_QUERY = { country: 'MY', stage: 'operational' as const };
const LIST_PATH = '/projects?country=MY&stage=operational&limit=50';

/** The SQL the API runs for one project and for the list page, for the bare baseline. */
function apiSql(dataSource: DataSource): BareSql {
  const [byId] = dataSource
    .getRepository(ProjectEntity)
    .createQueryBuilder('project')
    .where('project.id = $1')
    .limit(1)
    .getQueryAndParameters();
  const list = new ProjectsRepository(dataSource.getRepository(ProjectEntity))
    .listQuery(LIST_QUERY)
    .orderBy('project.ref', 'ASC')
    .addOrderBy('project.id', 'ASC')
    .limit(51)
    .getQueryAndParameters() as [string, unknown[]];
  return { byId, list };
}

/** One side's figures: the medians of its rounds. */
interface Load {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly rounds: readonly number[];
}

function medians(results: readonly LoadResult[]): Load {
  return {
    rate: median(results.map((r) => r.rate)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    rounds: results.map((r) => Math.round(r.rate)),
  };
}

/**
 * The API and the bare server under the same load, in alternating rounds (API, bare, API, ...)
 * so that a slow spell of the shared machine falls on both sides.
 */
async function loadBoth(
  name: string,
  api: { url: string; paths: readonly string[]; headers: Record<string, string> },
  bare: { url: string; paths: readonly string[] },
): Promise<{ api: Load; bare: Load }> {
  const apiRuns: LoadResult[] = [];
  const bareRuns: LoadResult[] = [];
  for (let round = 1; round <= LOAD_SETTINGS.rounds; round++) {
    apiRuns.push(await generateLoad(api.url, api.paths, api.headers));
    bareRuns.push(await generateLoad(bare.url, bare.paths));
    console.log(
      `  ${name}, round ${round}: API ${apiRuns.at(-1)!.rate.toFixed(0)} req/s, bare ${bareRuns.at(-1)!.rate.toFixed(0)} req/s`,
    );
  }
  return { api: medians(apiRuns), bare: medians(bareRuns) };
}

function compare(name: string, api: Load, bare: Load): Comparison {
  const ratio = api.rate / bare.rate;
  // Each round's own ratio (API / the bare run right after it): the spread of the figure.
  const spread = api.rounds.map((rate, i) => (rate / bare.rounds[i]).toFixed(2)).join(', ');
  return {
    name,
    measured: `${api.rate.toFixed(0)} req/s (p50 ${api.p50} ms, p99 ${api.p99} ms; round ratios ${spread})`,
    baseline: `${bare.rate.toFixed(0)} req/s bare Fastify + pg (p50 ${bare.p50} ms, p99 ${bare.p99} ms)`,
    ratio,
    goal: '>= 0.5',
    met: ratio >= 0.5,
    rates: {
      apiRequests: api.rate,
      apiP50Ms: api.p50,
      apiP99Ms: api.p99,
      baselineRequests: bare.rate,
      baselineP50Ms: bare.p50,
      baselineP99Ms: bare.p99,
      ...Object.fromEntries(api.rounds.map((rate, i) => [`apiRequestsRound${i + 1}`, rate])),
      ...Object.fromEntries(bare.rounds.map((rate, i) => [`baselineRequestsRound${i + 1}`, rate])),
    },
  };
}

/** getById and list, API against the bare server, one after the other. */
export async function benchReads(
  service: BenchApp,
  pool: Pool,
  db: { url: string; dataSource: DataSource },
): Promise<{ getById: Comparison; list: Comparison }> {
  const ids = (
    await pool.query<{ id: string }>(
      `SELECT id FROM registry.project TABLESAMPLE SYSTEM (1) LIMIT 5000`,
    )
  ).rows.map((row) => row.id);
  const check = await fetch(`${service.baseUrl}/api/v1/projects/${ids[0]}`, {
    headers: service.auth,
  });
  if (check.status !== 200)
    throw new Error(`getById answered ${check.status}: ${await check.text()}`);
  let bare: BareServer | undefined;
  try {
    bare = await startBareServer(db.url, apiSql(db.dataSource));
    const byId = await loadBoth(
      'getById',
      {
        url: service.baseUrl,
        paths: ids.map((id) => `/api/v1/projects/${id}`),
        headers: service.auth,
      },
      { url: bare.baseUrl, paths: ids.map((id) => `/projects/${id}`) },
    );
    const list = await loadBoth(
      'list',
      { url: service.baseUrl, paths: [`/api/v1${LIST_PATH}`], headers: service.auth },
      { url: bare.baseUrl, paths: ['/projects'] },
    );
    return {
      getById: compare('getById: GET one project', byId.api, byId.bare),
      list: compare(`list: ${LIST_PATH.split('?')[1]}`, list.api, list.bare),
    };
  } finally {
    await bare?.close();
  }
}

export async function benchImport(
  service: BenchApp,
  pool: Pool,
  data: Seed,
  rows: number,
): Promise<Comparison> {
  const { baseUrl, auth } = service;
  const malaysian = data.parks.filter((p) => p.country === 'MY');
  const header =
    'parkCode,title,type,stage,announcedOn,amount,currency,jobsPlanned,sectors,investors';
  const lines = Array.from({ length: rows }, (_, i) => {
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
  if (created !== rows) throw new Error(`import created ${created} projects`);
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
  const apiRate = rows / (apiMs / 1000);
  const copyRate = rows / (copyMs / 1000);
  return {
    name: `import ${rows.toLocaleString('en')} CSV rows`,
    measured: `${apiRate.toFixed(0)} rows/s (${(apiMs / 1000).toFixed(1)} s, audited)`,
    baseline: `${copyRate.toFixed(0)} rows/s COPY`,
    ratio: apiRate / copyRate,
    goal: 'reported',
    met: true,
    rates: { apiRows: apiRate, copyRows: copyRate },
  };
}
