/**
 * bench/reports: reports and exports over a million projects, in one run on a scratch database.
 *
 *   npm run bench:reports            (BENCH_PROJECTS=200000 for a quick look)
 *
 * - sector report (division level) through the API against the same aggregation run directly
 *   on pg (the report's own SQL, via its repository on a plain pg pool); goal: at most 1.5x;
 * - CSV export of every project through the API against COPY (the export's own SELECT) TO
 *   STDOUT; goal: at least 0.5 of COPY's rows/s; and the peak resident memory of the process
 *   (the app runs in it) during the export; goal: under 300 MB.
 */
import { cpus } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { ProjectExportService } from '../src/modules/projects/export/project-export.service';
import { ReportsRepository } from '../src/modules/reports/reports.repository';
import { startBenchApp } from './lib/bench-app';
import { type Comparison, elapsedMs, median, printComparisons } from './lib/measure';
import { openScratchDatabase } from './lib/scratch-database';
import { seedProjects } from './lib/seed-projects';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 1_000_000);
const RUNS = 5;

/** Counts bytes and lines of a stream, keeping nothing. */
function counter() {
  const counts = { bytes: 0, lines: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      counts.bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) counts.lines += 1;
      done();
    },
  });
  return { counts, sink };
}

async function main(): Promise<void> {
  const db = await openScratchDatabase('reports', 4);
  console.log(`bench:reports on ${db.description}`);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  try {
    await seedProjects(pool, PROJECTS);
    const service = await startBenchApp(db.url, {
      DB_STATEMENT_TIMEOUT_MS: process.env.BENCH_STATEMENT_TIMEOUT_MS ?? '30000',
    });
    try {
      const results: Comparison[] = [];

      // Sector report: API vs the same aggregation on pg.
      const url = `${service.baseUrl}/api/v1/reports/sectors?level=division`;
      const apiTimes: number[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const ms = await elapsedMs(async () => {
          const response = await fetch(url, { headers: service.auth });
          if (response.status !== 200) throw new Error(`report answered ${response.status}`);
          await response.json();
        });
        if (run > 0) apiTimes.push(ms);
      }
      const direct = new ReportsRepository({
        query: async (text: string, values?: unknown[]): Promise<unknown[]> =>
          (await pool.query(text, values)).rows as unknown[],
      } as unknown as DataSource);
      const directTimes: number[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const ms = await elapsedMs(() =>
          Promise.all([direct.sectors({}, 'division'), direct.totals({})]),
        );
        if (run > 0) directTimes.push(ms);
      }
      const reportRatio = median(apiTimes) / median(directTimes);
      results.push({
        name: 'sector report, division level (time)',
        measured: `${median(apiTimes).toFixed(0)} ms`,
        baseline: `${median(directTimes).toFixed(0)} ms on pg`,
        ratio: reportRatio,
        goal: '<= 1.5',
        met: reportRatio <= 1.5,
      });

      // CSV export of everything: API (streamed) vs COPY of the same SELECT, and peak RSS.
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 20);
      const api = counter();
      const apiMs = await elapsedMs(async () => {
        const response = await fetch(`${service.baseUrl}/api/v1/projects/export?format=csv`, {
          headers: service.auth,
        });
        if (response.status !== 200 || !response.body)
          throw new Error(`export answered ${response.status}`);
        await pipeline(response.body, api.sink);
      });
      clearInterval(sampler);
      const [sql, parameters] = service.app.get(ProjectExportService).query({});
      if (parameters.length) throw new Error('the unfiltered export should have no parameters');
      const copy = counter();
      const client = await pool.connect();
      let copyMs: number;
      try {
        copyMs = await elapsedMs(() =>
          pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`)), copy.sink),
        );
      } finally {
        client.release();
      }
      const rows = api.counts.lines - 1;
      if (rows !== PROJECTS || copy.counts.lines !== PROJECTS) {
        throw new Error(`exported ${rows} rows, COPY ${copy.counts.lines}, expected ${PROJECTS}`);
      }
      const apiRate = rows / (apiMs / 1000);
      const copyRate = copy.counts.lines / (copyMs / 1000);
      results.push({
        name: `CSV export of ${PROJECTS.toLocaleString('en')} projects`,
        measured: `${apiRate.toFixed(0)} rows/s (${(api.counts.bytes / 1e6).toFixed(0)} MB in ${(apiMs / 1000).toFixed(1)} s)`,
        baseline: `${copyRate.toFixed(0)} rows/s COPY`,
        ratio: apiRate / copyRate,
        goal: '>= 0.5',
        met: apiRate / copyRate >= 0.5,
      });
      const peakMb = peakRss / 1024 / 1024;
      results.push({
        name: 'peak RSS during the export',
        measured: `${peakMb.toFixed(0)} MB`,
        baseline: '300 MB',
        ratio: peakMb / 300,
        goal: '< 1 (under 300 MB)',
        met: peakMb < 300,
      });
      printComparisons(
        `Reports and export at ${PROJECTS.toLocaleString('en')} projects (${cpus().length} CPUs)`,
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
