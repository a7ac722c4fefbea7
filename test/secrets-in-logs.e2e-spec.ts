import { startTestApp, TEST_PASSWORD, type TestApp } from './harness/test-app';
import { ConsoleClient } from './support/console-client';

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
    // The console's sign-in form: a wrong and a right password, and the session cookie it sets.
    const browser = new ConsoleClient(t);
    await browser.signIn('observer@example.org', 'console leak-canary attempt');
    await browser.signIn('observer@example.org', secretPassword);
    const session = browser.cookie('tpr_session') ?? 'no session';
    expect(session).not.toBe('no session');
    await browser.get('/');

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
      'console leak-canary attempt',
      session,
      password_hash,
      password_hash.split('$').at(-1)!,
    ]) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
    // The request lines are there, with their ids, just without the secrets.
    expect(log).toMatch(/"msg":"POST \/api\/v1\/auth\/login 401/);
    expect(log).toMatch(/"msg":"POST \/sign-in 303/);
  });

  it('never answers with a password, a hash or a token secret, audit trail included', async () => {
    const admin = await t.signIn('admin');
    const created = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        email: 'responder@example.org',
        name: 'Responder',
        password: 'response-canary passphrase 7',
        role: 'analyst',
      },
    });
    const id = created.body.id;
    await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...admin.auth, 'if-match': '"1"' },
      payload: { password: 'response-canary passphrase 8' },
    });
    const token = await t.request<{ id: string; token: string }>({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: admin.auth,
      payload: { name: 'response canary' },
    });
    const hashes = await t.db.query<{ secret: string }>(
      `SELECT password_hash AS secret FROM registry.app_user WHERE id = $1
       UNION ALL SELECT token_hash FROM registry.api_token WHERE id = $2`,
      [id, token.body.id],
    );
    const responses = await Promise.all(
      [
        `/api/v1/users/${id}`,
        '/api/v1/users?limit=200',
        `/api/v1/users/${id}/history`,
        '/api/v1/audit/changes?table=app_user&limit=200',
        '/api/v1/audit/changes?table=api_token&limit=200',
        '/api/v1/audit/changes?table=app_user&format=csv',
        '/api/v1/auth/tokens',
      ].map((url) => t.get(url, admin.auth)),
    );
    const body = responses.map((r) => r.text).join('\n');
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const secret of [
      'response-canary passphrase 7',
      'response-canary passphrase 8',
      token.body.token,
      ...hashes.map((h) => h.secret),
    ]) {
      expect({ secret, found: body.includes(secret) }).toEqual({ secret, found: false });
    }
    // The change rows are there: what changed is named, its value is not.
    expect(body).toContain('passwordHash');
  });
});
