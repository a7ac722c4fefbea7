import { createHmac } from 'node:crypto';
import { startTestApp, TEST_JWT_SECRET, TEST_PASSWORD, type TestApp } from './harness/test-app';
import { expectProblem } from './support/problem';

function signJwt(payload: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg, typ: 'JWT' })}.${part(payload)}`;
  const signature =
    alg === 'none' ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_LIMIT_PER_ACCOUNT: '5', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip = '10.1.1.1') =>
    t.request<{ accessToken: string; tokenType: string; expiresIn: number }>({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('signs in with email and password and returns a short-lived bearer JWT', async () => {
    const { user } = await t.signIn('officer', 'ID');
    const response = await login(user.email.toUpperCase(), TEST_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.get('/api/v1/auth/me', {
      authorization: `Bearer ${response.body.accessToken}`,
    });
    expect(me.body).toMatchObject({
      id: user.id,
      role: 'officer',
      countryCode: 'ID',
      active: true,
    });
    expect(me.text).not.toMatch(/password|hash/i);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const { user } = await t.signIn('analyst');
    const wrong = expectProblem(
      await login(user.email, 'not the password!'),
      401,
      'INVALID_CREDENTIALS',
    );
    const unknown = expectProblem(
      await login('nobody@example.org', 'not the password!'),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(wrong.detail).toBe(unknown.detail);
  });

  it('refuses requests without credentials, with garbage, and with tampered or expired JWTs', async () => {
    const { user, token } = await t.signIn('analyst');
    expectProblem(await t.get('/api/v1/countries'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await t.get('/api/v1/countries', { authorization: 'Basic abc' }),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(
      await t.get('/api/v1/countries', { authorization: 'Bearer not.a.jwt' }),
      401,
      'UNAUTHENTICATED',
    );
    const [header, payload, signature] = token.split('.');
    const elevated = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'x' }),
    ).toString('base64url');
    const tampered = `${header}.${elevated}.${signature}`;
    expectProblem(
      await t.get('/api/v1/countries', { authorization: `Bearer ${tampered}` }),
      401,
      'UNAUTHENTICATED',
    );
    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt({ sub: user.id, iat: now - 7200, exp: now - 3600 }, TEST_JWT_SECRET);
    expectProblem(
      await t.get('/api/v1/countries', { authorization: `Bearer ${expired}` }),
      401,
      'UNAUTHENTICATED',
    );
    const otherKey = signJwt(
      { sub: user.id, exp: now + 600 },
      'another secret that is long enough to look real',
    );
    expectProblem(
      await t.get('/api/v1/countries', { authorization: `Bearer ${otherKey}` }),
      401,
      'UNAUTHENTICATED',
    );
    const unsigned = signJwt({ sub: user.id, exp: now + 600 }, '', 'none');
    expectProblem(
      await t.get('/api/v1/countries', { authorization: `Bearer ${unsigned}` }),
      401,
      'UNAUTHENTICATED',
    );
    const valid = signJwt({ sub: user.id, exp: now + 600 }, TEST_JWT_SECRET);
    await expect(
      t.get('/api/v1/countries', { authorization: `Bearer ${valid}` }),
    ).resolves.toMatchObject({ status: 200 });
  });

  it('issues API tokens shown once, lists them without secrets, and refuses them once revoked', async () => {
    const { auth } = await t.signIn('officer', 'MY');
    const created = await t.request<{
      id: string;
      token: string;
      tokenPrefix: string;
      expiresAt: string;
    }>({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: auth,
      payload: { name: 'nightly import', expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tpr_[A-Za-z0-9_-]{43}$/);
    expect(created.body.token.startsWith(created.body.tokenPrefix)).toBe(true);
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);

    const bearer = { authorization: `Bearer ${created.body.token}` };
    const me = await t.get<{ role: string }>('/api/v1/auth/me', bearer);
    expect(me.body.role).toBe('officer');

    const list = await t.get<{ items: { id: string; lastUsedAt: string | null }[] }>(
      '/api/v1/auth/tokens',
      auth,
    );
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]?.lastUsedAt).not.toBeNull();
    expect(list.text).not.toContain(created.body.token);
    const [{ token_hash }] = await t.db.query<{ token_hash: string }>(
      `SELECT token_hash FROM registry.api_token`,
    );
    expect(token_hash).not.toContain(created.body.token.slice(4));

    const revoke = await t.request({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${created.body.id}`,
      headers: auth,
    });
    expect(revoke.status).toBe(204);
    expectProblem(await t.get('/api/v1/auth/me', bearer), 401, 'UNAUTHENTICATED');
    expectProblem(
      await t.request({
        method: 'DELETE',
        url: `/api/v1/auth/tokens/${created.body.id}`,
        headers: auth,
      }),
      404,
      'API_TOKEN_NOT_FOUND',
    );
  });

  it('refuses expired API tokens and other users’ tokens', async () => {
    const owner = await t.signIn('analyst');
    const other = await t.signIn('analyst');
    const created = await t.request<{ id: string; token: string }>({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: owner.auth,
      payload: { name: 'short' },
    });
    expectProblem(
      await t.request({
        method: 'DELETE',
        url: `/api/v1/auth/tokens/${created.body.id}`,
        headers: other.auth,
      }),
      404,
      'API_TOKEN_NOT_FOUND',
    );
    // Writes outside the app need an actor too (the audit trigger refuses them otherwise).
    await t.db.query(
      `BEGIN;
       SELECT set_config('app.actor', 'system:test', true);
       UPDATE registry.api_token SET expires_at = now() - interval '1 second' WHERE id = '${created.body.id}';
       COMMIT;`,
    );
    expectProblem(
      await t.get('/api/v1/auth/me', { authorization: `Bearer ${created.body.token}` }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('cuts off a deactivated user’s JWTs and API tokens at once', async () => {
    const admin = await t.signIn('admin');
    const officer = await t.signIn('officer', 'TH');
    const apiToken = await t.request<{ token: string }>({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: officer.auth,
      payload: { name: 'script' },
    });
    const deactivate = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${officer.user.id}`,
      headers: { ...admin.auth, 'if-match': `"${officer.user.version}"` },
      payload: { active: false },
    });
    expect(deactivate.status).toBe(200);
    expectProblem(await t.get('/api/v1/auth/me', officer.auth), 401, 'UNAUTHENTICATED');
    expectProblem(
      await t.get('/api/v1/auth/me', { authorization: `Bearer ${apiToken.body.token}` }),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(await login(officer.user.email, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
  });

  it('throttles sign-in per account and per address with 429 and Retry-After', async () => {
    const { user } = await t.signIn('analyst');
    // signIn succeeded, which does not count: the account may fail five times in the window.
    for (let i = 0; i < 5; i += 1) {
      expect((await login(user.email, 'wrong password!!', `10.2.0.${i}`)).status).toBe(401);
    }
    const throttled = await login(user.email, TEST_PASSWORD, '10.2.0.99');
    expectProblem(throttled, 429, 'TOO_MANY_REQUESTS');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from another address is unaffected.
    const other = await t.signIn('analyst');
    expect((await login(other.user.email, TEST_PASSWORD, '10.3.0.1')).status).toBe(200);
  });

  it('sets security headers and keeps CORS off unless configured', async () => {
    const response = await t.get('/health/live', { origin: 'https://evil.example' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('throttling per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { LOGIN_LIMIT_PER_ADDRESS: '3', LOGIN_LIMIT_PER_ACCOUNT: '100' },
    });
  });
  afterAll(() => t.close());

  it('refuses a fourth attempt from one address across different accounts', async () => {
    const attempt = (n: number) =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `spray${n}@example.org`, password: 'guess guess guess' },
        remoteAddress: '10.9.9.9',
      });
    for (let i = 0; i < 3; i += 1) expect((await attempt(i)).status).toBe(401);
    expectProblem(await attempt(4), 429, 'TOO_MANY_REQUESTS');
  });
});
