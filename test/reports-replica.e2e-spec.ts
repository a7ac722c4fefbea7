import { DemoSeedService } from '../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { createTestDatabase, type TestDatabase } from './harness/test-database';

/**
 * With DATABASE_REPLICA_URL, reports and exports read the replica and everything else the
 * primary. A real replica would be a streaming copy; here it is a second database that has not
 * "caught up" yet, so what each route reads shows which database served it.
 */
describe('reports and exports on a read replica', () => {
  let replica: TestDatabase;
  let t: TestApp;
  let analyst: TestUser;

  beforeAll(async () => {
    replica = await createTestDatabase();
    t = await startTestApp({
      env: { DATABASE_REPLICA_URL: replica.url, AUDIT_SEAL_INTERVAL_SECONDS: '0' },
    });
    analyst = await t.signIn('analyst');
    await t.app.get(DemoSeedService).seed();
  });
  afterAll(async () => {
    await t.close();
    await replica.drop();
  });

  it('lists projects from the primary, reports and exports them from the replica', async () => {
    const list = await t.get<{ items: unknown[] }>('/api/v1/projects?limit=200', analyst.auth);
    expect(list.body.items).toHaveLength(9);

    const report = await t.get<{ totals: { projects: number } }>(
      '/api/v1/reports/sectors?level=section',
      analyst.auth,
    );
    expect(report.status).toBe(200);
    expect(report.body.totals.projects).toBe(0);
    const exported = await t.get('/api/v1/projects/export?format=csv', analyst.auth);
    expect(exported.status).toBe(200);
    expect(exported.rawPayload.toString('utf8').trim().split('\r\n')).toHaveLength(1);
  });
});
