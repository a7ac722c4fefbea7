import { startTestApp, TEST_PASSWORD, type TestApp } from './harness/test-app';

describe('no secrets in logs or responses', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'trace' }, logLines: lines });
  });
  afterAll(() => t.close());

  it('never writes passwords, hashes, JWTs or API tokens to the log', async () => {
    const admin = await t.signIn('admin');
    const secretPassword = 'leak-canary passphrase 42';
    const created = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        email: 'observer@example.org',
        name: 'Canary',
        password: secretPassword,
        role: 'analyst',
      },
    });
    expect(created.status).toBe(201);
    await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'observer@example.org', password: 'wrong leak-canary attempt' },
    });
    const token = await t.request<{ token: string }>({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: admin.auth,
      payload: { name: 'canary' },
    });
    await t.get('/api/v1/auth/me', { authorization: `Bearer ${token.body.token}` });
    await t.get('/api/v1/auth/me', { authorization: 'Bearer tpr_forged-canary-token' });

    const [{ password_hash }] = await t.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM registry.app_user WHERE email = 'observer@example.org'`,
    );
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      secretPassword,
      'wrong leak-canary attempt',
      TEST_PASSWORD,
      admin.token,
      token.body.token,
      'tpr_forged-canary-token',
      password_hash,
      password_hash.split('$').at(-1)!,
    ]) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
    // The request lines are there, with their ids, just without the secrets.
    expect(log).toMatch(/"msg":"POST \/api\/v1\/auth\/login 401/);
  });
});
