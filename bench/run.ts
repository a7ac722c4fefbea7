/**
 * npm run bench [-- --scale 100k|1m]: every performance claim, measured in one run, each as a
 * ratio against a baseline measured in the same run on the same machine.
 *
 * A scratch database (embedded PostgreSQL, or DATABASE_URL's server) is seeded with projects by
 * COPY, the service starts on it, and then: getById, list, sectorsReport, exportCsv (and the
 * app's peak RSS), import, auditedWrites and verify (see bench/suites). The results go to
 * bench/results/<scale>.json and latest.json, and BENCHMARKS.md is written from every scale's
 * results there. Absolute times are context only: the ratios are the figures.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { startBenchApp } from './lib/bench-app';
import { type Comparison, printComparisons } from './lib/measure';
import { openScratchDatabase } from './lib/scratch-database';
import { seedProjects } from './lib/seed-projects';
import { benchAuditedWrites, benchBulkUpdate, benchVerify } from './suites/audit';
import { benchImport, benchReads } from './suites/projects';
import { benchExportCsv, benchSectorsReport } from './suites/reports';

const SCALES = { '100k': 100_000, '1m': 1_000_000 } as const;
type Scale = keyof typeof SCALES;
const RESULTS = resolve(__dirname, 'results');
const BENCHMARKS_MD = resolve(__dirname, '..', 'BENCHMARKS.md');

/** What results/<scale>.json holds. */
interface RunResult {
  scale: Scale;
  projects: number;
  generatedAt: string;
  ratios: Record<string, number>;
  rates: Record<string, Readonly<Record<string, number>>>;
  peakRssMb: { export: number };
  rows: (Comparison & { key: string })[];
  machine: { cpus: number; node: string; postgres: string; database: string };
}

function parseCommandLine(): { scale: Scale; renderOnly: boolean } {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '100k' },
      // Rewrites BENCHMARKS.md from bench/results without measuring anything.
      'render-only': { type: 'boolean', default: false },
    },
  });
  const scale = String(values.scale).toLowerCase();
  if (!(scale in SCALES))
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  return { scale: scale as Scale, renderOnly: values['render-only'] === true };
}

async function main(): Promise<void> {
  const { scale, renderOnly } = parseCommandLine();
  if (renderOnly) {
    await writeFile(BENCHMARKS_MD, await renderBenchmarks());
    return;
  }
  const projects = SCALES[scale];
  const db = await openScratchDatabase(`run_${scale}`, 4);
  console.log(
    `npm run bench --scale ${scale}: ${projects.toLocaleString('en')} projects on ${db.description}`,
  );
  const pool = new Pool({ connectionString: db.url, max: 8 });
  const rows: (Comparison & { key: string })[] = [];
  let peakRssMb: number | undefined;
  try {
    const data = await seedProjects(pool, projects);
    const service = await startBenchApp(db.url, { DB_POOL_SIZE: '8' });
    try {
      const reads = await benchReads(service, pool, db);
      rows.push({ key: 'getById', ...reads.getById }, { key: 'list', ...reads.list });
      rows.push({ key: 'sectorsReport', ...(await benchSectorsReport(service, pool)) });
      const exported = await benchExportCsv(service, pool, db.dataSource, projects);
      peakRssMb = exported.peakRssMb;
      rows.push(
        { key: 'exportCsv', ...exported.exportCsv },
        { key: 'exportPeakRss', ...exported.rss },
      );
      rows.push({
        key: 'import',
        ...(await benchImport(service, pool, data, Math.max(10_000, projects / 10))),
      });
    } finally {
      await service.close();
    }
    rows.push({ key: 'auditedWrites', ...(await benchAuditedWrites(db, 1)) });
    rows.push({ key: 'bulkUpdate', ...(await benchBulkUpdate(db)) });
    rows.push({ key: 'verify', ...(await benchVerify(db, projects)) });

    const [{ server_version: postgres }] = (
      await pool.query<{ server_version: string }>(`SHOW server_version`)
    ).rows;
    const result: RunResult = {
      scale,
      projects,
      generatedAt: new Date().toISOString(),
      ratios: Object.fromEntries(
        rows
          .filter((row) =>
            ['getById', 'list', 'sectorsReport', 'exportCsv', 'import', 'auditedWrites'].includes(
              row.key,
            ),
          )
          .map((row) => [row.key, Number(row.ratio.toFixed(4))]),
      ),
      rates: Object.fromEntries(
        rows.filter((row) => row.rates).map((row) => [row.key, row.rates!]),
      ),
      peakRssMb: { export: Math.round(peakRssMb ?? 0) },
      rows,
      machine: {
        cpus: cpus().length,
        node: process.version,
        postgres,
        database: db.description.replace(/:\d+$/, ''),
      },
    };
    printComparisons(
      `npm run bench --scale ${scale} (PostgreSQL ${postgres}, ${cpus().length} CPUs, Node ${process.version})`,
      rows,
    );
    await mkdir(RESULTS, { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    await writeFile(join(RESULTS, `${scale}.json`), json);
    await writeFile(join(RESULTS, 'latest.json'), json);
    await writeFile(BENCHMARKS_MD, await renderBenchmarks());
    console.log(`wrote bench/results/${scale}.json, bench/results/latest.json and BENCHMARKS.md`);
  } finally {
    await pool.end();
    await db.close();
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** BENCHMARKS.md from every scale's results in bench/results. */
async function renderBenchmarks(): Promise<string> {
  const files = (await readdir(RESULTS)).filter((f) => /^(100k|1m)\.json$/.test(f)).sort();
  const runs = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(RESULTS, f), 'utf8')) as RunResult),
  );
  const sections = runs.map((run) => {
    const table = [
      '| benchmark | measured | baseline (same run) | ratio | goal | met |',
      '| --- | --- | --- | --- | --- | --- |',
      ...run.rows.map(
        (r) =>
          `| ${cell(r.name)} | ${cell(r.measured)} | ${cell(r.baseline)} | ${r.ratio >= 0.01 ? r.ratio.toFixed(2) : r.ratio.toPrecision(2)} | ${cell(r.goal)} | ${r.met ? 'yes' : '**no**'} |`,
      ),
    ];
    return [
      `## ${run.projects.toLocaleString('en')} projects (\`--scale ${run.scale}\`)`,
      '',
      `Run ${run.generatedAt.slice(0, 16).replace('T', ' ')} UTC on ${run.machine.cpus} CPUs, Node ${run.machine.node}, PostgreSQL ${run.machine.postgres} (${run.machine.database}).`,
      '',
      ...table,
      '',
    ].join('\n');
  });
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`-- --scale 100k`, the default, or `-- --scale 1m`); the raw',
    'figures are in `bench/results/`. Every figure is a ratio against a baseline measured in the',
    'same run on the same machine: a bare Fastify + pg server running the same SQL (getById,',
    'list), the same SQL on pg (sector report), `COPY` (export, import), the same writes with the',
    'audit triggers disabled (audited writes). Ratios are API / baseline, except for times',
    '(sector report), where they are API time / baseline time. Absolute numbers are context only:',
    'they depend on the machine, the ratios much less. What falls short of its goal, and why, is',
    'in the README (Performance).',
    '',
    ...sections,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
