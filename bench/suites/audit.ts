/**
 * What the database-enforced audit trail costs, against the same writes with the audit triggers
 * disabled, and how fast the trail verifies.
 *
 * - auditedWrites: single-row update transactions per second the way the app writes (BEGIN,
 *   set_config, UPDATE by id, COMMIT) from one client: audited / unaudited, goal >= 0.75;
 * - bulkUpdate: one UPDATE of 100,000 rows, audited time / unaudited time, goal <= 8;
 * - verify: GET /audit/verify's work (the service method) over the change rows there are (topped
 *   up to VERIFY_ROWS), goal under 10 s per million rows.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { DocumentIntegrity } from '../../src/modules/documents/storage/document-integrity';
import { LocalDocumentStore } from '../../src/modules/documents/storage/local-document-store';
import { type Comparison, elapsedMs, median } from '../lib/measure';
import type { ScratchDatabase } from '../lib/scratch-database';

const ROUNDS = 3;
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
const SINGLE_ROWS = 10_000;
const BULK_ROWS = 100_000;
const ACTOR = `SELECT set_config('app.actor', 'system:bench', true)`;

/** A table shaped like a registry record, audited by the same one-line helper the app uses. */
async function createRecordTable(db: ScratchDatabase, table: string, rows: number): Promise<void> {
  await db.dataSource.query(`
    CREATE TABLE registry.${table} (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      stage text NOT NULL,
      amount numeric(20, 2),
      currency char(3) NOT NULL,
      jobs integer NOT NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
  await db.dataSource.query(`SELECT audit.enable('registry.${table}', 'id')`);
  await db.dataSource.transaction(async (manager) => {
    await manager.query(ACTOR);
    await manager.query(
      `INSERT INTO registry.${table} (title, stage, amount, currency, jobs, notes)
       SELECT 'Record ' || g, 'announced', g * 1000.50, 'MYR', g % 500, 'bench row ' || g
       FROM generate_series(1, $1) g`,
      [rows],
    );
  });
}

async function setAuditTriggers(db: ScratchDatabase, table: string, on: boolean): Promise<void> {
  const action = on ? 'ENABLE' : 'DISABLE';
  for (const trigger of ['audit_insert', 'audit_update', 'audit_delete']) {
    await db.dataSource.query(`ALTER TABLE registry.${table} ${action} TRIGGER ${trigger}`);
  }
}

/** Transactions per second of single-row updates from CLIENTS connections for ROUND_SECONDS. */
async function singleRowRate(clients: readonly Client[], ids: string[]): Promise<number> {
  const deadline = Date.now() + ROUND_SECONDS * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < deadline) {
        const id = ids[Math.floor(Math.random() * ids.length)];
        await client.query('BEGIN');
        await client.query(
          `SELECT set_config('app.actor', 'system:bench', true),
                  set_config('app.request_id', $1, true),
                  set_config('app.reason', '', true)`,
          [`bench-${done}`],
        );
        await client.query(
          `UPDATE registry.single_record
           SET jobs = jobs + 1, stage = 'signed', version = version + 1, updated_at = now()
           WHERE id = $1`,
          [id],
        );
        await client.query('COMMIT');
        done += 1;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

/** The single-row comparison; creates its table on first use. */
export async function benchAuditedWrites(
  db: ScratchDatabase,
  clientCount = 1,
): Promise<Comparison> {
  if (!(await tableExists(db, 'single_record')))
    await createRecordTable(db, 'single_record', SINGLE_ROWS);
  const rows = await db.dataSource.query<{ id: string }[]>(`SELECT id FROM registry.single_record`);
  const ids = rows.map((row) => row.id);
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async () => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      return client;
    }),
  );
  const audited: number[] = [];
  const unaudited: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      audited.push(await singleRowRate(clients, ids));
      await setAuditTriggers(db, 'single_record', false);
      unaudited.push(await singleRowRate(clients, ids));
      await setAuditTriggers(db, 'single_record', true);
      console.log(
        `  single-row, ${clientCount} client(s), round ${round + 1}: audited ${audited.at(-1)!.toFixed(0)} tx/s, unaudited ${unaudited.at(-1)!.toFixed(0)} tx/s`,
      );
    }
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  const ratio = median(audited) / median(unaudited);
  return {
    name: `audited single-row update tx/s, ${clientCount} client(s)`,
    measured: `${median(audited).toFixed(0)} tx/s`,
    baseline: `${median(unaudited).toFixed(0)} tx/s unaudited`,
    ratio,
    goal: '>= 0.75',
    met: ratio >= 0.75,
    rates: { auditedTx: median(audited), unauditedTx: median(unaudited) },
  };
}

async function bulkUpdate(db: ScratchDatabase): Promise<number> {
  const ms = await elapsedMs(() =>
    db.dataSource.transaction(async (manager) => {
      await manager.query(ACTOR);
      await manager.query(
        `UPDATE registry.bulk_record SET jobs = jobs + 1, version = version + 1, updated_at = now()`,
      );
    }),
  );
  await db.dataSource.query(`VACUUM registry.bulk_record`);
  return ms;
}

export async function benchBulkUpdate(db: ScratchDatabase): Promise<Comparison> {
  await createRecordTable(db, 'bulk_record', BULK_ROWS);
  await db.dataSource.query(`VACUUM ANALYZE registry.bulk_record`);
  const audited: number[] = [];
  const unaudited: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    audited.push(await bulkUpdate(db));
    await setAuditTriggers(db, 'bulk_record', false);
    unaudited.push(await bulkUpdate(db));
    await setAuditTriggers(db, 'bulk_record', true);
    console.log(
      `  bulk round ${round + 1}: audited ${audited.at(-1)!.toFixed(0)} ms, unaudited ${unaudited.at(-1)!.toFixed(0)} ms`,
    );
  }
  const ratio = median(audited) / median(unaudited);
  return {
    name: `UPDATE of ${BULK_ROWS.toLocaleString('en')} rows (time)`,
    measured: `${median(audited).toFixed(0)} ms`,
    baseline: `${median(unaudited).toFixed(0)} ms`,
    ratio,
    goal: '<= 8',
    met: ratio <= 8,
    rates: { auditedMs: median(audited), unauditedMs: median(unaudited) },
  };
}

export async function benchVerify(db: ScratchDatabase, verifyRows: number): Promise<Comparison> {
  const countChanges = async () =>
    Number(
      (await db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit.change`))[0].n,
    );
  const missing = verifyRows - (await countChanges());
  if (missing > 0) await createRecordTable(db, 'verify_record', missing);
  await db.dataSource.query(`VACUUM ANALYZE audit.change`);
  await db.dataSource.query(`SELECT audit.seal_now()`);
  const service = new AuditService(
    new AuditRepository(db.dataSource),
    // No documents in the bench database: the files part checks nothing.
    new DocumentIntegrity(
      db.dataSource,
      new LocalDocumentStore(join(tmpdir(), 'bench-no-documents')),
    ),
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }),
  );
  const runs: number[] = [];
  let checked = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    runs.push(
      await elapsedMs(async () => {
        const result = await service.verify();
        if (!result.ok) throw new Error(`verify failed: ${JSON.stringify(result.firstMismatch)}`);
        checked = result.checked;
      }),
    );
  }
  const seconds = median(runs) / 1000;
  const perMillion = seconds * (1_000_000 / checked);
  return {
    name: `verify ${checked.toLocaleString('en')} change rows`,
    measured: `${seconds.toFixed(2)} s (${Math.round(checked / seconds).toLocaleString('en')} rows/s)`,
    baseline: '10 s per 1M',
    ratio: perMillion / 10,
    goal: '< 1 (under 10 s per 1M)',
    met: perMillion < 10,
    rates: { rows: Math.round(checked / seconds), checked },
  };
}

async function tableExists(db: ScratchDatabase, table: string): Promise<boolean> {
  const [row] = await db.dataSource.query<{ found: boolean }[]>(
    `SELECT to_regclass($1) IS NOT NULL AS found`,
    [`registry.${table}`],
  );
  return row.found;
}
