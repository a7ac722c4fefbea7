import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Rate {
  currency: string;
  date: string;
  usdPerUnit: string;
  source: string;
  version: number;
}

describe('FX rates', () => {
  let t: TestApp;
  let analyst: TestUser;
  let officer: TestUser;

  const put = (
    url: string,
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
    user = analyst,
  ) =>
    t.request<Rate>({
      method: 'PUT',
      url: `/api/v1/fx-rates/${url}`,
      headers: { ...user.auth, ...headers },
      payload,
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [analyst, officer] = await Promise.all([t.signIn('analyst'), t.signIn('officer', 'MY')]);
  });
  afterAll(() => t.close());

  it('creates a rate (201), repeats it harmlessly (200), and needs If-Match to change it', async () => {
    const created = await put('myr/2014-01-02', {
      usdPerUnit: '0.3050',
      source: 'Bank Negara Malaysia',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      currency: 'MYR',
      date: '2014-01-02',
      usdPerUnit: '0.305',
      version: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    const same = await put('MYR/2014-01-02', {
      usdPerUnit: '0.305',
      source: 'Bank Negara Malaysia',
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    const other = { usdPerUnit: '0.3049', source: 'Bank Negara Malaysia (revised)' };
    expectProblem(await put('MYR/2014-01-02', other), 428, 'VERSION_REQUIRED');
    expectProblem(await put('MYR/2014-01-02', other, { 'if-match': '"7"' }), 412, 'STALE_VERSION');
    const replaced = await put('MYR/2014-01-02', other, { 'if-match': '"1"' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ usdPerUnit: '0.3049', version: 2 });
  });

  it('refuses bad input naming the field, and writers other than analysts and admins', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['QQQ/2014-01-02', { usdPerUnit: '1', source: 's' }, 'currency'],
      ['MY/2014-01-02', { usdPerUnit: '1', source: 's' }, 'currency'],
      // US dollar amounts are their own USD amount: a "USD rate" can only be a mistake.
      ['USD/2014-01-02', { usdPerUnit: '1', source: 's' }, 'currency'],
      ['MYR/2014-02-30', { usdPerUnit: '1', source: 's' }, 'date'],
      ['MYR/2014-01-03', { usdPerUnit: '0', source: 's' }, 'usdPerUnit'],
      ['MYR/2014-01-03', { usdPerUnit: -1, source: 's' }, 'usdPerUnit'],
      ['MYR/2014-01-03', { usdPerUnit: '1e3', source: 's' }, 'usdPerUnit'],
      ['MYR/2014-01-03', { usdPerUnit: '1' }, 'source'],
    ];
    for (const [url, payload, path] of cases) {
      const problem = expectProblem(await put(url, payload), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    expect(
      (await put('MYR/2014-01-03', { usdPerUnit: '1', source: 's' }, {}, officer)).status,
    ).toBe(403);
  });

  it('lists newest first with currency and date filters, page by page', async () => {
    for (const [date, rate] of [
      ['2014-01-03', '0.306'],
      ['2014-01-06', '0.307'],
      ['2015-01-02', '0.28'],
    ]) {
      expect((await put(`MYR/${date}`, { usdPerUnit: rate, source: 'BNM' })).status).toBe(201);
    }
    await put('VND/2014-01-02', { usdPerUnit: '0.0000474', source: 'SBV' });
    const dates = async (query: string) =>
      (await t.get<{ items: Rate[] }>(`/api/v1/fx-rates?${query}`, officer.auth)).body.items.map(
        (r) => `${r.currency}:${r.date}`,
      );
    expect(await dates('currency=myr&from=2014-01-03&to=2014-12-31')).toEqual([
      'MYR:2014-01-06',
      'MYR:2014-01-03',
    ]);
    expect(await dates('currency=VND')).toEqual(['VND:2014-01-02']);
    const first = await t.get<{ items: Rate[]; nextCursor: string }>(
      '/api/v1/fx-rates?currency=MYR&limit=2',
      officer.auth,
    );
    const second = await t.get<{ items: Rate[]; nextCursor: null }>(
      `/api/v1/fx-rates?currency=MYR&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      officer.auth,
    );
    expect([...first.body.items, ...second.body.items].map((r) => r.date)).toEqual([
      '2015-01-02',
      '2014-01-06',
      '2014-01-03',
      '2014-01-02',
    ]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('keeps history, reads as of an instant and reverts a change', async () => {
    await put('IDR/2016-01-04', { usdPerUnit: '0.0000724', source: 'BI' });
    await sleep(5);
    const before = new Date().toISOString();
    await sleep(5);
    await put('IDR/2016-01-04', { usdPerUnit: '0.0000725', source: 'BI' }, { 'if-match': '"1"' });
    const then = await t.get<Rate>(`/api/v1/fx-rates/IDR/2016-01-04?asOf=${before}`, officer.auth);
    expect(then.body.usdPerUnit).toBe('0.0000724');
    const history = await t.get<{ items: { id: string; op: string }[] }>(
      '/api/v1/fx-rates/IDR/2016-01-04/history',
      officer.auth,
    );
    expect(history.body.items.map((c) => c.op)).toEqual(['update', 'insert']);
    const reverted = await t.request<Rate>({
      method: 'POST',
      url: '/api/v1/fx-rates/IDR/2016-01-04/revert',
      headers: { ...analyst.auth, 'x-change-reason': 'typo' },
      payload: { changeId: history.body.items[0].id },
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ usdPerUnit: '0.0000724', version: 3 });
    expectProblem(
      await t.get('/api/v1/fx-rates/IDR/2016-01-05', officer.auth),
      404,
      'FX_RATE_NOT_FOUND',
    );
  });
});
