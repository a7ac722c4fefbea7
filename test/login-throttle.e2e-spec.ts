import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemContext } from '../src/database/audited-transactions';
import { LoginThrottle } from '../src/modules/auth/login-throttle';
import { UsersService } from '../src/modules/users/users.service';
import { startTestApp, type TestApp, type TestResponse, TEST_PASSWORD } from './harness/test-app';
import { ConsoleClient } from './support/console-client';
import { expectProblem } from './support/problem';
import { TcpProxy } from './support/tcp-proxy';

const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 10;
const LIMITS = {
  LOGIN_LIMIT_PER_ACCOUNT: String(ACCOUNT_LIMIT),
  LOGIN_LIMIT_PER_ADDRESS: String(ADDRESS_LIMIT),
  LOGIN_WINDOW_SECONDS: '60',
};

/** A user who has never signed in. */
async function newUser(t: TestApp): Promise<string> {
  const email = `colleague.${randomBytes(4).toString('hex')}@example.org`;
  await t.app
    .get(UsersService)
    .create(
      { email, name: 'Colleague', password: TEST_PASSWORD, role: 'analyst', countryCode: null },
      systemContext('test-fixtures'),
    );
  return email;
}

function login(t: TestApp, email: string, password: string, ip: string): Promise<TestResponse> {
  return t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });
}

function expectThrottled(response: TestResponse, windowSeconds = 60): void {
  const problem = expectProblem(response, 429, 'TOO_MANY_REQUESTS');
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(problem.detail).toBe(`Too many sign-in attempts; try again in ${retryAfter} s.`);
}

describe('sign-in throttle (failures only, shared by every instance)', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    one = await startTestApp({ env: LIMITS });
    // A second instance on the same database, as behind a load balancer.
    two = await startTestApp({ env: LIMITS, databaseUrl: () => one.db.url });
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('lets 15 colleagues behind one office address sign in, one after another', async () => {
    const emails = await Promise.all(Array.from({ length: 15 }, () => newUser(one)));
    for (const email of emails) {
      expect((await login(one, email, TEST_PASSWORD, '10.0.1.1')).status).toBe(200);
    }
    // Their sign-ins left the office address nothing to hold against a typo.
    expect((await login(one, emails[0], 'a typo in it', '10.0.1.1')).status).toBe(401);
  }, 60_000);

  it('refuses an account after its failures, even with the right password, until the window ends', async () => {
    const email = await newUser(one);
    for (let i = 0; i < ACCOUNT_LIMIT; i += 1) {
      expect((await login(one, email, 'wrong password', `10.0.2.${i}`)).status).toBe(401);
    }
    expectThrottled(await login(one, email, TEST_PASSWORD, '10.0.2.99'));
    // The refused attempt did not count against its address: another account signs in there.
    expect((await login(one, await newUser(one), TEST_PASSWORD, '10.0.2.99')).status).toBe(200);
    // The counters hold neither the email nor the address.
    const rows = await one.db.query(`SELECT * FROM infra.login_throttle`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/example\.org|10\.0\.2/);
  });

  it('forgives an account its failures when the right password comes', async () => {
    const email = await newUser(one);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < ACCOUNT_LIMIT - 1; i += 1) {
        expect((await login(one, email, 'wrong password', '10.0.3.1')).status).toBe(401);
      }
      expect((await login(one, email, TEST_PASSWORD, '10.0.3.2')).status).toBe(200);
    }
  });

  it('limits failures from one address across accounts; a success neither adds nor forgives', async () => {
    const colleague = await newUser(one);
    const spray = (n: number) => login(one, `spray${n}@example.org`, 'Winter2026!!', '10.0.4.1');
    for (let n = 0; n < ADDRESS_LIMIT - 1; n += 1) expect((await spray(n)).status).toBe(401);
    expect((await login(one, colleague, TEST_PASSWORD, '10.0.4.1')).status).toBe(200);
    // The tenth failure is still allowed (the success did not count)...
    expect((await spray(ADDRESS_LIMIT)).status).toBe(401);
    // ...and the address is now refused, for every account (the success forgave nothing).
    expectThrottled(await spray(ADDRESS_LIMIT + 1));
    expectThrottled(await login(one, colleague, TEST_PASSWORD, '10.0.4.1'));
    expectThrottled(await login(two, colleague, TEST_PASSWORD, '10.0.4.1'));
    // Another address is not affected.
    expect((await login(one, colleague, TEST_PASSWORD, '10.0.4.2')).status).toBe(200);
  });

  it('counts an IPv6 /64 network as one address', async () => {
    const spray = (n: number) =>
      login(one, `v6spray${n}@example.org`, 'Winter2026!!', `2001:db8:5:5::${n + 1}`);
    for (let n = 0; n < ADDRESS_LIMIT; n += 1) expect((await spray(n)).status).toBe(401);
    expectThrottled(await spray(ADDRESS_LIMIT));
  });

  it('enforces one limit across two instances', async () => {
    const email = await newUser(one);
    for (let i = 0; i < ACCOUNT_LIMIT; i += 1) {
      const instance = i % 2 === 0 ? one : two;
      expect((await login(instance, email, 'wrong password', `10.0.5.${i}`)).status).toBe(401);
    }
    expectThrottled(await login(one, email, TEST_PASSWORD, '10.0.5.99'));
    expectThrottled(await login(two, email, TEST_PASSWORD, '10.0.5.99'));
  });

  it('lets no more guesses through than the limit when they race on both instances', async () => {
    const email = await newUser(one);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        login(i % 2 === 0 ? one : two, email, `guess number ${i}`, `10.0.6.${i}`),
      ),
    );
    const statuses = attempts.map((response) => response.status).sort();
    expect(statuses).toEqual([
      ...Array<number>(ACCOUNT_LIMIT).fill(401),
      ...Array<number>(12 - ACCOUNT_LIMIT).fill(429),
    ]);
  });

  it('shares the counter between the console form and the API', async () => {
    const email = await newUser(one);
    const browser = new ConsoleClient(one);
    // The console's requests come from inject's default address.
    const api = (password: string) => login(one, email, password, '127.0.0.1');
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i += 1)
      expect((await api('wrong password')).status).toBe(401);
    // A console success clears what the API counted...
    expect((await browser.signIn(email, TEST_PASSWORD)).status).toBe(303);
    for (let i = 0; i < ACCOUNT_LIMIT - 2; i += 1)
      expect((await api('wrong password')).status).toBe(401);
    // ...and failures on both count together.
    expect((await browser.signIn(email, 'still wrong')).status).toBe(401);
    expect((await browser.signIn(email, 'wrong again')).status).toBe(401);
    const page = await browser.signIn(email, TEST_PASSWORD);
    expect(page.status).toBe(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(page.text).toContain('Too many attempts');
    expectThrottled(await api(TEST_PASSWORD));
  });
});

describe('sign-in throttle windows and outages', () => {
  const WINDOW_SECONDS = 2;
  let t: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    t = await startTestApp({
      env: { LOGIN_LIMIT_PER_ACCOUNT: '2', LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS) },
      databaseUrl: async (db) => {
        const url = new URL(db.url);
        proxy = new TcpProxy(url.hostname, Number(url.port));
        await proxy.start();
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        return url.toString();
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
  });

  it('forgets failures when the window ends, and purges the ended counters', async () => {
    const email = await newUser(t);
    for (let i = 0; i < 2; i += 1) {
      expect((await login(t, email, 'wrong password', '10.0.7.1')).status).toBe(401);
    }
    expectThrottled(await login(t, email, TEST_PASSWORD, '10.0.7.1'), WINDOW_SECONDS);
    await sleep(WINDOW_SECONDS * 1000 + 200);
    await expect(t.app.get(LoginThrottle).purgeExpired()).resolves.toBeGreaterThan(0);
    await expect(
      t.db.query(`SELECT 1 FROM infra.login_throttle WHERE window_ends_at <= now()`),
    ).resolves.toEqual([]);
    expect((await login(t, email, 'wrong password', '10.0.7.1')).status).toBe(401);
    expect((await login(t, email, TEST_PASSWORD, '10.0.7.1')).status).toBe(200);
  });

  it('answers 503 while the database is away, never an unthrottled attempt', async () => {
    const email = await newUser(t);
    await proxy.cut();
    try {
      expectProblem(await login(t, email, TEST_PASSWORD, '10.0.8.1'), 503, 'DATABASE_UNAVAILABLE');
    } finally {
      await proxy.restore();
    }
  });
});
