import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface User {
  id: string;
  email: string;
  role: string;
  countryCode: string | null;
  active: boolean;
  version: number;
}

describe('users (admin)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin');
  });
  afterAll(() => t.close());

  const create = (payload: Record<string, unknown>) =>
    t.request<User>({ method: 'POST', url: '/api/v1/users', headers: admin.auth, payload });
  const patch = (
    id: string,
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) =>
    t.request<User>({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...admin.auth, ...headers },
      payload,
    });

  it('creates an officer with a country; the response never carries the password', async () => {
    const response = await create({
      email: 'Officer.MY@Example.org',
      name: 'Aminah',
      password: 'kuantan steel 2013',
      role: 'officer',
      countryCode: 'my',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      email: 'officer.my@example.org',
      role: 'officer',
      countryCode: 'MY',
      active: true,
      version: 1,
    });
    expect(response.text).not.toMatch(/kuantan|password|hash/i);
    const stored = await t.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM registry.app_user WHERE id = $1`,
      [response.body.id],
    );
    expect(stored[0]?.password_hash).toMatch(/^scrypt\$/);
    const read = await t.get<User>(`/api/v1/users/${response.body.id}`, admin.auth);
    expect(read.headers.etag).toBe('"1"');
  });

  it('refuses a country for admins and analysts, and requires one for officers and reviewers', async () => {
    const base = { name: 'X', password: 'long enough password' };
    const analyst = expectProblem(
      await create({ ...base, email: 'a1@example.org', role: 'analyst', countryCode: 'MY' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(analyst.errors?.[0]?.path).toBe('countryCode');
    const reviewer = expectProblem(
      await create({ ...base, email: 'r1@example.org', role: 'reviewer' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(reviewer.errors?.[0]?.path).toBe('countryCode');
    const unknown = expectProblem(
      await create({ ...base, email: 'r2@example.org', role: 'reviewer', countryCode: 'ZZ' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors?.[0]).toMatchObject({ path: 'countryCode' });
  });

  it('applies the password policy and keeps emails unique', async () => {
    const short = expectProblem(
      await create({ email: 'p1@example.org', name: 'P', password: 'short', role: 'analyst' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(short.errors?.[0]?.path).toBe('password');
    expectProblem(
      await create({
        email: 'p2@example.org',
        name: 'P',
        password: 'p2@example.org',
        role: 'analyst',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (
        await create({
          email: 'dup@example.org',
          name: 'D',
          password: 'a fine passphrase',
          role: 'analyst',
        })
      ).status,
    ).toBe(201);
    expectProblem(
      await create({
        email: 'DUP@example.org',
        name: 'D',
        password: 'a fine passphrase',
        role: 'analyst',
      }),
      409,
      'USER_EMAIL_TAKEN',
    );
  });

  it('changes role, country and active flag with If-Match, refusing stale and missing versions', async () => {
    const created = (
      await create({
        email: 'move@example.org',
        name: 'M',
        password: 'a fine passphrase',
        role: 'officer',
        countryCode: 'VN',
      })
    ).body;
    expectProblem(await patch(created.id, { countryCode: 'TH' }), 428, 'VERSION_REQUIRED');
    const moved = await patch(created.id, { countryCode: 'TH' }, { 'if-match': '"1"' });
    expect(moved.body).toMatchObject({ countryCode: 'TH', version: 2 });
    expect(moved.headers.etag).toBe('"2"');
    const stale = expectProblem(
      await patch(created.id, { name: 'N' }, { 'if-match': '"1"' }),
      412,
      'STALE_VERSION',
    );
    expect(stale.currentVersion).toBe(2);
    const toAnalyst = await patch(created.id, { role: 'analyst', version: 2 });
    expect(toAnalyst.body).toMatchObject({ role: 'analyst', countryCode: null, version: 3 });
    expectProblem(
      await patch(created.id, { role: 'reviewer', version: 3 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await patch(created.id, { nickname: 'x', version: 3 }), 400, 'VALIDATION_FAILED');
  });

  it('does not let admins change their own role or deactivate themselves', async () => {
    expectProblem(
      await patch(admin.user.id, { role: 'analyst', version: admin.user.version }),
      422,
      'OWN_ROLE_CHANGE',
    );
    expectProblem(
      await patch(admin.user.id, { active: false, version: admin.user.version }),
      422,
      'OWN_ROLE_CHANGE',
    );
  });

  it('lists with filters and keyset pages', async () => {
    await create({
      email: 'rev.kh@example.org',
      name: 'Sok',
      password: 'a fine passphrase',
      role: 'reviewer',
      countryCode: 'KH',
    });
    const reviewers = await t.get<{ items: User[] }>(
      '/api/v1/users?role=reviewer&country=kh',
      admin.auth,
    );
    expect(reviewers.body.items.map((u) => u.email)).toEqual(['rev.kh@example.org']);
    const page = await t.get<{ items: User[]; nextCursor: string }>(
      '/api/v1/users?limit=2&sort=-email',
      admin.auth,
    );
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expectProblem(await t.get('/api/v1/users/not-a-uuid', admin.auth), 400, 'VALIDATION_FAILED');
    expectProblem(
      await t.get('/api/v1/users/7b0cde4e-7c3e-4d61-9d0a-6c1f1bb0a1f2', admin.auth),
      404,
      'USER_NOT_FOUND',
    );
  });
});
