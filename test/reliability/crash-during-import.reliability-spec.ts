import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase } from '../harness/test-database';
import { type RunningService, startService, stopService } from '../process/service-process';
import { api, signIn } from './harness/service-api';

const ADMIN = { email: 'crash.admin@example.org', password: 'a crash test passphrase 42' };
const ROWS = 120_000;

function csv(rows: number, first = 0): string {
  const lines = ['parkCode,title,type,stage,sectors,amount,currency'];
  for (let i = first; i < first + rows; i += 1) {
    lines.push(`MY-CRASH,Crash test project ${i},greenfield,pipeline,2410:100,1000.00,MYR`);
  }
  return `${lines.join('\n')}\n`;
}

/** The service is SIGKILLed while its import transaction inserts: nothing of it may remain. */
describe('crash during a large import', () => {
  let db: TestDatabase;
  let dataDir: string;
  let service: RunningService | undefined;
  const env = () => ({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    IMPORT_MAX_ROWS: String(ROWS * 2),
    AUDIT_SEAL_INTERVAL_SECONDS: '0',
    DEMO_DATA: 'false',
  });
  const counts = async () =>
    (
      await db.query<{ projects: string; counters: string; changes: string }>(
        `SELECT (SELECT count(*) FROM registry.project) AS projects,
                (SELECT count(*) FROM infra.project_ref_counter) AS counters,
                (SELECT count(*) FROM audit.change WHERE table_name LIKE 'project%') AS changes`,
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'twin-park-crash-'));
  });
  afterAll(async () => {
    if (service) await stopService(service.child, 'SIGKILL');
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves none of its rows after SIGKILL mid-transaction; the restarted service verifies ok', async () => {
    service = await startService(env());
    const token = await signIn(service, ADMIN);
    const park = await api(service, token, '/parks', {
      method: 'POST',
      body: JSON.stringify({
        code: 'MY-CRASH',
        name: 'Crash test park',
        countryCode: 'MY',
        zoneType: 'industrial_park',
      }),
    });
    expect(park.status).toBe(201);
    const before = await counts();

    const upload = fetch(`${service.apiUrl}/projects/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv(ROWS),
    }).catch((error: unknown) => error);

    // Kill as soon as the import's INSERT is running in PostgreSQL.
    let inserting = false;
    for (let waited = 0; waited < 60_000 && !inserting; waited += 20) {
      const active = await db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
           AND query LIKE 'INSERT INTO registry.project %'`,
      );
      inserting = active.length > 0;
      if (!inserting) await sleep(20);
    }
    expect(inserting).toBe(true);
    service.child.kill('SIGKILL');
    await stopService(service.child);
    service = undefined;
    // The client never got an answer: the connection dropped (fetch fails with a TypeError).
    expect(await upload).toMatchObject({ name: 'TypeError', message: 'fetch failed' });

    // PostgreSQL notices the dead client and rolls the transaction back on its own.
    for (let waited = 0; waited < 60_000; waited += 100) {
      const open = await db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
           AND application_name = 'twin-park-registry' AND state <> 'idle'`,
      );
      if (open.length === 0) break;
      await sleep(100);
    }
    expect(await counts()).toEqual(before);

    // Restarted: it serves, the audit trail verifies, and refs start where they were.
    service = await startService(env());
    const again = await signIn(service, ADMIN);
    const small = await api<{ projectsCreated: number; projects: { ref: string }[] }>(
      service,
      again,
      '/projects/import',
      { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv(2, ROWS) },
    );
    expect(small.status).toBe(201);
    expect(small.body.projects.map((p) => p.ref)).toEqual([
      expect.stringMatching(/^MY-CRASH-\d{4}-0001$/),
      expect.stringMatching(/^MY-CRASH-\d{4}-0002$/),
    ]);
    await api(service, again, '/audit/seals', { method: 'POST' });
    const verify = await api<{ ok: boolean; checked: number }>(service, again, '/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
    expect(await stopService(service.child, 'SIGTERM')).toBe(0);
    service = undefined;
  }, 180_000);
});
