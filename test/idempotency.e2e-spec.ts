import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdempotencyService } from '../src/common/idempotency/idempotency.service';
import { startTestApp, type TestApp, type TestResponse, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface User {
  id: string;
  email: string;
  name: string;
  version: number;
}

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { description?: string; headers?: Record<string, unknown> }>;
  'x-idempotency-key'?: string;
}

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin');
  });
  afterAll(() => t.close());

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `idem.${randomUUID().slice(0, 8)}@example.org`,
    name: 'Idempotent Ida',
    password: 'a long enough password',
    role: 'analyst',
    ...overrides,
  });
  const createUser = (
    payload: Record<string, unknown>,
    key?: string,
    as: TestUser = admin,
  ): Promise<TestResponse<User>> =>
    t.request<User>({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...as.auth, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.query<{ n: string }>(sql, params))[0]?.n);
  const users = () => count(`SELECT count(*) AS n FROM registry.app_user`);
  const userChanges = () =>
    count(`SELECT count(*) AS n FROM audit.change WHERE table_name = 'app_user'`);
  const storedKeys = (key: string) =>
    count(`SELECT count(*) AS n FROM infra.idempotency_key WHERE key = $1`, [key]);

  it('leaves requests without the header as they were: each one runs', async () => {
    const payload = newUser();
    const first = await createUser(payload);
    expect(first.status).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expectProblem(await createUser(payload), 409, 'USER_EMAIL_TAKEN');
    await expect(count(`SELECT count(*) AS n FROM infra.idempotency_key`)).resolves.toBe(0);
  });

  it('replays the first response for a retry, with Idempotency-Replayed, and creates nothing', async () => {
    const key = randomUUID();
    const payload = newUser({ countryCode: null });
    const first = await createUser(payload, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const [usersBefore, changesBefore] = [await users(), await userChanges()];

    // The same body with its members in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    for (const retry of [payload, reordered]) {
      const again = await createUser(retry, key);
      expect(again.status).toBe(201);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.body).toEqual(first.body);
    }
    await expect(users()).resolves.toBe(usersBefore);
    await expect(userChanges()).resolves.toBe(changesBefore);
    const [stored] = await t.db.query<{ user_id: string; method: string; path: string }>(
      `SELECT user_id, method, path FROM infra.idempotency_key WHERE key = $1`,
      [key],
    );
    expect(stored).toEqual({ user_id: admin.user.id, method: 'POST', path: '/api/v1/users' });
  });

  it('refuses the same key with another body or on another route with 422', async () => {
    const key = randomUUID();
    const payload = newUser();
    expect((await createUser(payload, key)).status).toBe(201);
    const usersBefore = await users();
    expectProblem(
      await createUser({ ...payload, name: 'Someone else' }, key),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectProblem(
      await t.request({
        method: 'POST',
        url: '/api/v1/audit/seals',
        headers: { ...admin.auth, 'idempotency-key': key },
      }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    await expect(users()).resolves.toBe(usersBefore);
  });

  it('keeps keys per user: another user’s identical key is independent', async () => {
    const other = await t.signIn('admin');
    const key = randomUUID();
    const mine = await createUser(newUser(), key);
    const theirs = await createUser(newUser({ name: 'Other body' }), key, other);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers['idempotency-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    const replay = await createUser(newUser(), key, other);
    expectProblem(replay, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('runs one of several concurrent requests with one key; the others get 409 or the replay', async () => {
    const key = randomUUID();
    const payload = newUser();
    const before = await users();
    const responses = await Promise.all(Array.from({ length: 5 }, () => createUser(payload, key)));
    const ran = responses.filter(
      (r) => r.status === 201 && r.headers['idempotency-replayed'] === undefined,
    );
    expect(ran).toHaveLength(1);
    for (const response of responses) {
      if (response === ran[0]) continue;
      if (response.status === 201) {
        expect(response.headers['idempotency-replayed']).toBe('true');
        expect(response.body).toEqual(ran[0]?.body);
      } else {
        expectProblem(response, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
      }
    }
    await expect(users()).resolves.toBe(before + 1);
    const settled = await createUser(payload, key);
    expect(settled.headers['idempotency-replayed']).toBe('true');
    expect(settled.body).toEqual(ran[0]?.body);
  });

  it('refuses a malformed key with 400 naming the header, and runs nothing', async () => {
    const before = await users();
    for (const key of ['', 'x'.repeat(256), 'with space', 'naïve']) {
      const problem = expectProblem(await createUser(newUser(), key), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.path).toBe('Idempotency-Key');
    }
    await expect(users()).resolves.toBe(before);
  });

  it('lets a failed request be retried with the same key', async () => {
    const key = randomUUID();
    const payload = newUser();
    const withoutName = { ...payload, name: '' };
    expectProblem(await createUser(withoutName, key), 400, 'VALIDATION_FAILED');
    await expect(storedKeys(key)).resolves.toBe(0);
    // The same request again runs again (and fails again); the corrected one then runs.
    expectProblem(await createUser(withoutName, key), 400, 'VALIDATION_FAILED');
    const fixed = await createUser(payload, key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotency-replayed']).toBeUndefined();
    // A business failure releases the key too.
    const taken = randomUUID();
    expectProblem(
      await createUser({ ...payload, name: 'Duplicate' }, taken),
      409,
      'USER_EMAIL_TAKEN',
    );
    await expect(storedKeys(taken)).resolves.toBe(0);
  });

  it('ignores the header where there is no signed-in user (sign-in) or the response holds a secret', async () => {
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'idempotency-key': 'not a valid key' },
      payload: { email: admin.user.email, password: 'a sturdy test passphrase' },
    });
    expect(login.status).toBe(200);
    const key = randomUUID();
    const createToken = () =>
      t.request<{ id: string }>({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        headers: { ...admin.auth, 'idempotency-key': key },
        payload: { name: 'script', expiresInDays: 30 },
      });
    const [one, two] = [await createToken(), await createToken()];
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(two.body.id).not.toBe(one.body.id);
    await expect(storedKeys(key)).resolves.toBe(0);
  });

  it('documents the header and its problems on POST operations in OpenAPI', async () => {
    const doc = (
      await t.get<{ paths: Record<string, Record<string, Operation>> }>('/docs/openapi.json')
    ).body;
    const header = (operation: Operation | undefined) =>
      operation?.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    const createUserOp = doc.paths['/api/v1/users']?.post;
    expect(header(createUserOp)).toMatchObject({ required: false });
    expect(createUserOp?.responses['409']?.description).toMatch(/IDEMPOTENCY_KEY_IN_PROGRESS/);
    expect(createUserOp?.responses['422']?.description).toMatch(/IDEMPOTENCY_KEY_REUSED/);
    expect(createUserOp?.responses['201']?.headers).toHaveProperty('Idempotency-Replayed');
    expect(header(doc.paths['/api/v1/audit/seals']?.post)).toBeDefined();
    expect(header(doc.paths['/api/v1/auth/login']?.post)).toBeUndefined();
    const tokens = doc.paths['/api/v1/auth/tokens']?.post;
    expect(header(tokens)).toBeUndefined();
    expect(tokens?.['x-idempotency-key']).toBe('ignored');
    expect(header(doc.paths['/api/v1/users']?.get)).toBeUndefined();
  });
});

describe('Idempotency-Key expiry', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { IDEMPOTENCY_TTL_SECONDS: '1' } });
    admin = await t.signIn('admin');
  });
  afterAll(() => t.close());

  const createUser = (email: string, key: string) =>
    t.request<User>({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...admin.auth, 'idempotency-key': key },
      payload: { email, name: 'Expiring', password: 'a long enough password', role: 'analyst' },
    });

  it('forgets a key after IDEMPOTENCY_TTL_SECONDS, and the purge job deletes it', async () => {
    const key = randomUUID();
    expect((await createUser('expiry.one@example.org', key)).status).toBe(201);
    expectProblem(await createUser('expiry.two@example.org', key), 422, 'IDEMPOTENCY_KEY_REUSED');
    await sleep(1100);
    const reused = await createUser('expiry.two@example.org', key);
    expect(reused.status).toBe(201);
    expect(reused.headers['idempotency-replayed']).toBeUndefined();
    expect(reused.body.email).toBe('expiry.two@example.org');

    await sleep(1100);
    await expect(t.app.get(IdempotencyService).purgeExpired()).resolves.toBeGreaterThanOrEqual(1);
    await expect(
      t.db.query(`SELECT 1 FROM infra.idempotency_key WHERE key = $1`, [key]),
    ).resolves.toEqual([]);
  });
});
