import { startTestApp, type TestApp, withHeaders } from './harness/test-app';
import { expectProblem } from './support/problem';
import { TcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait-for';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is live and ready without authentication, outside /api/v1', async () => {
    await expect(t.get('/health/live')).resolves.toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    await expect(t.get('/health/ready')).resolves.toMatchObject({
      status: 200,
      body: { status: 'ok', info: { database: { status: 'up' } } },
    });
  });

  it('is not served under /api/v1', async () => {
    expectProblem(await t.get('/api/v1/health/ready'), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('health when the database goes away and comes back', () => {
  let t: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    t = await startTestApp({
      databaseUrl: async (db) => {
        const url = new URL(db.url);
        proxy = new TcpProxy(url.hostname, Number(url.port));
        await proxy.start();
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        return url.toString();
      },
    });
    t = withHeaders(t, (await t.signIn('analyst')).auth);
  });

  afterAll(async () => {
    await t.close();
    await proxy.stop();
  });

  it('goes red with 503 problems during the outage and recovers without a restart', async () => {
    await expect(t.get('/api/v1/countries/MY')).resolves.toMatchObject({ status: 200 });

    await proxy.cut();
    const notReady = await waitFor(
      () => t.get('/health/ready'),
      (r) => r.status === 503,
    );
    const problem = expectProblem(notReady, 503, 'NOT_READY');
    expect(problem.checks).toMatchObject({ database: { status: 'down' } });
    expect(notReady.headers['retry-after']).toBeDefined();
    expectProblem(await t.get('/api/v1/countries/MY'), 503, 'DATABASE_UNAVAILABLE');
    expectProblem(await t.get('/api/v1/industries?level=section'), 503, 'DATABASE_UNAVAILABLE');
    // Liveness does not depend on the database: the process is fine, only not ready.
    await expect(t.get('/health/live')).resolves.toMatchObject({ status: 200 });

    await proxy.restore();
    const ready = await waitFor(
      () => t.get('/health/ready'),
      (r) => r.status === 200,
    );
    expect(ready.status).toBe(200);
    await expect(t.get('/api/v1/countries/MY')).resolves.toMatchObject({
      status: 200,
      body: { code: 'MY' },
    });
  });
});
