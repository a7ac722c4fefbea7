/**
 * npm run bench [-- --scale 100k|1m]: every performance claim, measured in one run, each as a
 * ratio against a baseline measured in the same run on the same machine.
 *
 * A scratch database (embedded PostgreSQL, or DATABASE_URL's server) is seeded with projects by
 * COPY, the service starts on it (the built dist/src/main.js, in a process of its own), and then:
 * getById, list, sectorsReport, exportCsv (and the service's peak RSS), import, auditedWrites and
 * verify (see bench/suites). HTTP load comes from autocannon in yet another process, never from
 * the process that serves the requests (see lib/load-generator.ts). The results go to
 * bench/results/<scale>.json and latest.json, and BENCHMARKS.md is written from every scale's
 * results there. Absolute times are context only: the ratios are the figures.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { startBenchApp } from './lib/bench-app';
import { interrupted, stopEverythingOnInterrupt } from './lib/child-processes';
import { LOAD_SETTINGS, type LoadSettings } from './lib/load-generator';
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
  machine: {
    cpus: number;
    node: string;
    postgres: string;
    database: string;
    /** 1-minute load average of the (shared) machine when the run started and ended. */
    loadAverage?: { start: number; end: number };
  };
  /** How the HTTP load was generated (absent in runs from before it was recorded). */
  load?: LoadSettings & { processes: string };
}

const PROCESSES =
  'the service (dist/src/main.js), the bare baseline server and the load generator, each its own, plus PostgreSQL';

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
  const loadAtStart = loadavg()[0];
  const db = await openScratchDatabase(`run_${scale}`, 4);
  console.log(
    `npm run bench --scale ${scale}: ${projects.toLocaleString('en')} projects on ${db.description}`,
  );
  const pool = new Pool({ connectionString: db.url, max: 8 });
  // Once, from whichever comes first: the end of the run, its failure or an interrupt.
  let closing: Promise<void> | undefined;
  const closeDatabase = () =>
    (closing ??= Promise.all([pool.end(), db.close()]).then(() => undefined));
  stopEverythingOnInterrupt(closeDatabase);
  console.log(
    `  load: ${describeLoad(LOAD_SETTINGS)}; machine load average ${loadAtStart.toFixed(2)}`,
  );
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
        loadAverage: { start: round2(loadAtStart), end: round2(loadavg()[0]) },
      },
      load: { ...LOAD_SETTINGS, processes: PROCESSES },
    };
    printComparisons(
      `npm run bench --scale ${scale} (PostgreSQL ${postgres}, ${cpus().length} CPUs, Node ${process.version})`,
      rows,
    );
    console.log(`load: ${describeLoad(LOAD_SETTINGS)}\n`);
    await mkdir(RESULTS, { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    await writeFile(join(RESULTS, `${scale}.json`), json);
    await writeFile(join(RESULTS, 'latest.json'), json);
    await writeFile(BENCHMARKS_MD, await renderBenchmarks());
    console.log(`wrote bench/results/${scale}.json, bench/results/latest.json and BENCHMARKS.md`);
  } finally {
    await closeDatabase();
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const round2 = (value: number) => Math.round(value * 100) / 100;

function describeLoad(load: LoadSettings): string {
  return (
    `${load.generator}; ${load.connections} connections, pipelining ${load.pipelining}, ` +
    `${load.warmupSeconds} s warm-up then ${load.durationSeconds} s measured, ` +
    `${load.rounds} alternating rounds per side (medians reported)`
  );
}

/** How a run was measured, for its section of BENCHMARKS.md. */
function describeRun(run: RunResult): string[] {
  const { machine } = run;
  const loadAverage = machine.loadAverage
    ? ` Machine load average (1 min): ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end (the run's own processes included).`
    : '';
  const load = run.load
    ? `HTTP load (getById, list): ${describeLoad(run.load)}. Processes: ${run.load.processes}. The sector report, the export and the import are single requests sent by the harness process.`
    : 'HTTP load (getById, list): autocannon inside the harness process (a run from before the load generator had a process of its own; settings not recorded).';
  return [
    `Run ${run.generatedAt.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpus} CPUs, Node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.database}).${loadAverage}`,
    '',
    load,
  ];
}

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
      ...describeRun(run),
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
    'The service (the built `dist/src/main.js`), the bare baseline server and the HTTP load',
    'generator (autocannon) each run in a process of their own: neither side of a ratio shares',
    'its event loop with the load, and both get the same load settings, printed with each run.',
    'The machine is shared with other work, so each run notes its load average: in a run taken',
    'while others were busy, the absolute figures are lower, the ratios drift towards 1 (the',
    'machine, not the service, limits both sides) and the round ratios spread wider.',
    '',
    ...sections,
  ].join('\n');
}

main().catch((error: unknown) => {
  // After an interrupt the failure is the interrupt's doing, and its handler exits.
  if (interrupted()) return;
  console.error(error);
  process.exit(1);
});
