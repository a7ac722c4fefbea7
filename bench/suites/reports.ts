/**
 * Reports and exports, each against the same work done directly on pg in the same run:
 *
 * - sectorsReport: the sector report (division level) through the API against the same
 *   aggregation (the report's own SQL, via its repository on a plain pg pool); time ratio, goal
 *   <= 1.5;
 * - exportCsv: CSV export of every project through the API against COPY (the export's own
 *   SELECT) TO STDOUT; rows/s ratio, goal >= 0.5; and the peak resident memory of the service's
 *   process during the export, goal under 300 MB.
 *
 * These are single requests, sent (and their answers read) by the harness process, which is
 * neither the service nor PostgreSQL: the API side crosses a process boundary as the COPY does.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { ProjectExportService } from '../../src/modules/projects/export/project-export.service';
import { ReportsRepository } from '../../src/modules/reports/reports.repository';
import { ProjectEntity } from '../../src/modules/projects/project.entity';
import { ProjectsRepository } from '../../src/modules/projects/projects.repository';
import type { BenchApp } from '../lib/bench-app';
import { type Comparison, elapsedMs, median } from '../lib/measure';

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

/** Median of RUNS timings after one warm-up run. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const ms = await elapsedMs(work);
    if (run > 0) times.push(ms);
  }
  return median(times);
}

export async function benchSectorsReport(service: BenchApp, pool: Pool): Promise<Comparison> {
  const url = `${service.baseUrl}/api/v1/reports/sectors?level=division`;
  const apiMs = await timed(async () => {
    const response = await fetch(url, { headers: service.auth });
    if (response.status !== 200) throw new Error(`report answered ${response.status}`);
    await response.json();
  });
  const direct = new ReportsRepository({
    query: async (text: string, values?: unknown[]): Promise<unknown[]> =>
      (await pool.query(text, values)).rows as unknown[],
  } as unknown as DataSource);
  const sqlMs = await timed(() => Promise.all([direct.sectors({}, 'division'), direct.totals({})]));
  const ratio = apiMs / sqlMs;
  return {
    name: 'sectorsReport: division level (time)',
    measured: `${apiMs.toFixed(0)} ms`,
    baseline: `${sqlMs.toFixed(0)} ms, same SQL on pg`,
    ratio,
    goal: '<= 1.5',
    met: ratio <= 1.5,
    rates: { apiMs, sqlMs },
  };
}

export async function benchExportCsv(
  service: BenchApp,
  pool: Pool,
  dataSource: DataSource,
  projects: number,
): Promise<{ exportCsv: Comparison; peakRssMb: number; rss: Comparison }> {
  // The service's own resident memory, sampled while it streams the export.
  let peakRssMb = await service.rssMb();
  const sampler = setInterval(() => {
    void service.rssMb().then((mb) => (peakRssMb = Math.max(peakRssMb, mb)));
  }, 25);
  const api = counter();
  const apiMs = await elapsedMs(async () => {
    const response = await fetch(`${service.baseUrl}/api/v1/projects/export?format=csv`, {
      headers: service.auth,
    });
    if (response.status !== 200 || !response.body)
      throw new Error(`export answered ${response.status}`);
    await pipeline(response.body, api.sink);
  }).finally(() => clearInterval(sampler));
  const [sql, parameters] = new ProjectExportService(
    dataSource,
    new ProjectsRepository(dataSource.getRepository(ProjectEntity)),
  ).query({});
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
  if (rows !== projects || copy.counts.lines !== projects) {
    throw new Error(`exported ${rows} rows, COPY ${copy.counts.lines}, expected ${projects}`);
  }
  const apiRate = rows / (apiMs / 1000);
  const copyRate = copy.counts.lines / (copyMs / 1000);
  return {
    exportCsv: {
      name: `exportCsv: ${projects.toLocaleString('en')} projects`,
      measured: `${apiRate.toFixed(0)} rows/s (${(api.counts.bytes / 1e6).toFixed(0)} MB in ${(apiMs / 1000).toFixed(1)} s)`,
      baseline: `${copyRate.toFixed(0)} rows/s COPY TO STDOUT`,
      ratio: apiRate / copyRate,
      goal: '>= 0.5',
      met: apiRate / copyRate >= 0.5,
      rates: { apiRows: apiRate, copyRows: copyRate },
    },
    peakRssMb,
    rss: {
      name: 'peak RSS of the service process during the export',
      measured: `${peakRssMb.toFixed(0)} MB`,
      baseline: '300 MB',
      ratio: peakRssMb / 300,
      goal: '< 1 (under 300 MB)',
      met: peakRssMb < 300,
    },
  };
}
