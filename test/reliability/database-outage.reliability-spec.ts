import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from '../harness/test-app';
import { haltDatabase, resumeDatabase } from './harness/database-control';

interface Outcome {
  readonly name: string;
  readonly status: number;
  readonly contentType: string;
  readonly code?: string;
  readonly at: number;
}

/**
 * Steady traffic (writes and reads from several clients) while PostgreSQL stops and starts
 * again under the running service.
 */
describe('database outage under steady traffic', () => {
  let t: TestApp;
  let officer: TestUser;

  beforeAll(async () => {
    t = await startTestApp({
      env: { AUDIT_SEAL_INTERVAL_SECONDS: '0', DB_CONNECT_TIMEOUT_MS: '1000' },
    });
    officer = await t.signIn('officer', 'MY');
  });
  afterAll(async () => {
    await resumeDatabase();
    await t.close();
  });

  it('answers 503 problems while it is down, recovers without a restart, and loses no committed write', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const client = async (worker: number) => {
      for (let i = 0; running; i += 1) {
        const name = `Outage investor ${worker}-${i}-${randomUUID().slice(0, 8)}`;
        const response = await t.request<{ code?: string }>({
          method: 'POST',
          url: '/api/v1/investors',
          headers: officer.auth,
          payload: { name, countryCode: 'MY', type: 'private' },
        });
        outcomes.push({
          name,
          status: response.status,
          contentType: String(response.headers['content-type'] ?? ''),
          code: response.body?.code,
          at: Date.now(),
        });
        await t.get('/api/v1/investors?limit=5', officer.auth);
        await sleep(20);
      }
    };
    const ready = async () => (await t.get('/health/ready')).status;

    const traffic = [0, 1, 2, 3].map((worker) => client(worker));
    await sleep(1500);
    expect(await ready()).toBe(200);

    const haltedAt = Date.now();
    await haltDatabase();
    await sleep(2500);
    expect(await ready()).toBe(503);
    const duringOutage = outcomes.filter((o) => o.at > haltedAt + 1000);
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const outcome of duringOutage) {
      expect(outcome.status).toBe(503);
      expect(outcome.contentType).toContain('application/problem+json');
    }

    await resumeDatabase();
    // The pool drops its dead connections and opens new ones: no restart of the service.
    let recovered = false;
    for (let waited = 0; waited < 20_000 && !recovered; waited += 250) {
      recovered = (await ready()) === 200;
      if (!recovered) await sleep(250);
    }
    expect(recovered).toBe(true);
    const recoveredAt = Date.now();
    await sleep(3000);
    running = false;
    await Promise.all(traffic);

    // Nothing but 201 and 503, ever; once ready again, every write succeeds.
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
    const settled = outcomes.filter((o) => o.at > recoveredAt + 1000);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.every((o) => o.status === 201)).toBe(true);

    // Every write that was answered 201 is there, each with its audit row. A write answered
    // 503 may or may not have committed (its COMMIT can race the shutdown), but none is half
    // there: a row always has its change row.
    const stored = await t.db.query<{ name: string; audited: boolean }>(
      `SELECT i.name, EXISTS (SELECT FROM audit.change c WHERE c.table_name = 'investor'
                               AND c.row_id = i.id::text AND c.op = 'insert') AS audited
         FROM registry.investor i WHERE i.name LIKE 'Outage investor %'`,
    );
    const storedNames = new Set(stored.map((row) => row.name));
    const committed = outcomes.filter((o) => o.status === 201);
    expect(committed.length).toBeGreaterThan(20);
    expect(committed.filter((o) => !storedNames.has(o.name))).toEqual([]);
    expect(stored.every((row) => row.audited)).toBe(true);
    const attempted = new Set(outcomes.map((o) => o.name));
    expect(stored.filter((row) => !attempted.has(row.name))).toEqual([]);

    // And the trail is intact.
    const admin = await t.signIn('admin');
    await t.request({ method: 'POST', url: '/api/v1/audit/seals', headers: admin.auth });
    const verify = await t.get<{ ok: boolean }>('/api/v1/audit/verify', admin.auth);
    expect(verify.body.ok).toBe(true);
  }, 90_000);
});
