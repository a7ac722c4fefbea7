import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Country {
  code: string;
  name: string;
  nameZh: string | null;
  currencyCode: string | null;
  version: number;
}

interface User {
  id: string;
  name: string;
  role: string;
  countryCode: string | null;
  active: boolean;
  version: number;
}

interface Change {
  id: string;
  op: string;
  reason: string | null;
  changed: string[];
  after: Record<string, unknown> | null;
}

describe('as-of reads and reverts', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;

  const read = async <T>(url: string) => {
    const response = await t.get<T>(url, admin.auth);
    expect(response.status).toBe(200);
    return response.body;
  };
  const patch = async <T extends { version: number }>(
    url: string,
    payload: Record<string, unknown>,
  ): Promise<T> => {
    const current = await read<T>(url);
    const response = await t.request<T>({
      method: 'PATCH',
      url,
      headers: { ...admin.auth, 'if-match': `"${current.version}"` },
      payload,
    });
    expect(response.status).toBe(200);
    return response.body;
  };
  /** A distinct instant between two writes (transaction times are microsecond-precise). */
  const instant = async () => {
    await sleep(5);
    const at = new Date().toISOString();
    await sleep(5);
    return at;
  };
  const history = (url: string) => read<{ items: Change[] }>(`${url}/history`);
  const revert = (url: string, changeId: string, headers: Record<string, string> = {}) =>
    t.request<Country & User>({
      method: 'POST',
      url: `${url}/revert`,
      headers: { ...admin.auth, 'x-change-reason': 'undo a mistaken edit', ...headers },
      payload: { changeId },
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    admin = await t.signIn('admin');
    analyst = await t.signIn('analyst');
  });
  afterAll(() => t.close());

  it('reads a country as it was at an instant, before and after each edit', async () => {
    const original = await read<Country>('/api/v1/countries/LA');
    const beforeEdits = await instant();
    await patch('/api/v1/countries/LA', { nameZh: '老挝人民民主共和国' });
    const between = await instant();
    await patch('/api/v1/countries/LA', { name: 'Lao PDR', nameZh: '老挝' });

    const then = await t.get<Country>(`/api/v1/countries/LA?asOf=${beforeEdits}`, analyst.auth);
    expect(then.status).toBe(200);
    expect(then.body).toEqual(original);
    expect(await read<Country>(`/api/v1/countries/la?asOf=${between}`)).toMatchObject({
      name: original.name,
      nameZh: '老挝人民民主共和国',
      version: 2,
    });
    expect(await read<Country>('/api/v1/countries/LA?asOf=2999-01-01T00:00:00Z')).toMatchObject({
      name: 'Lao PDR',
      version: 3,
    });
  });

  it('404s a record that did not exist yet, and 400s a malformed instant', async () => {
    expectProblem(
      await t.get('/api/v1/countries/LA?asOf=2000-01-01T00:00:00Z', analyst.auth),
      404,
      'COUNTRY_NOT_FOUND',
    );
    const user = await t.signIn('analyst');
    expectProblem(
      await t.get(`/api/v1/users/${user.user.id}?asOf=2000-01-01T00:00:00Z`, admin.auth),
      404,
      'USER_NOT_FOUND',
    );
    const bad = expectProblem(
      await t.get('/api/v1/countries/LA?asOf=last-tuesday', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.[0]?.path).toBe('asOf');
  });

  it('reverts a country change as a new change carrying the reason', async () => {
    await patch('/api/v1/countries/MM', { nameZh: '缅甸联邦' });
    const [mistake] = (await history('/api/v1/countries/MM')).items;
    const reverted = await revert('/api/v1/countries/MM', mistake.id);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ nameZh: '缅甸', version: 3 });
    const [undo] = (await history('/api/v1/countries/MM')).items;
    expect(undo).toMatchObject({
      op: 'update',
      reason: 'undo a mistaken edit',
      after: expect.objectContaining({ nameZh: '缅甸' }),
    });
    expect(undo.changed).toContain('nameZh');
  });

  it('refuses a revert that would undo a later change to the same field (409), but not another field', async () => {
    await patch('/api/v1/countries/BN', { nameZh: '文莱达鲁萨兰国' });
    const [first] = (await history('/api/v1/countries/BN')).items;
    await patch('/api/v1/countries/BN', { nameZh: '文莱' });
    const conflict = expectProblem(
      await revert('/api/v1/countries/BN', first.id),
      409,
      'REVERT_CONFLICT',
    );
    expect(conflict.fields).toEqual(['nameZh']);
    expect(conflict.laterChangeIds).toHaveLength(1);

    await patch('/api/v1/countries/SG', { nameZh: '新加坡共和国' });
    const [renamed] = (await history('/api/v1/countries/SG')).items;
    await patch('/api/v1/countries/SG', { name: 'Singapore (Republic of)' });
    const reverted = await revert('/api/v1/countries/SG', renamed.id);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ name: 'Singapore (Republic of)', nameZh: '新加坡' });
  });

  it('requires a reason (428), an update of this record (404/422), and an admin (403)', async () => {
    await patch('/api/v1/countries/VN', { nameZh: '越南社会主义共和国' });
    const [change] = (await history('/api/v1/countries/VN')).items;
    expectProblem(
      await revert('/api/v1/countries/VN', change.id, { 'x-change-reason': '' }),
      428,
      'REASON_REQUIRED',
    );
    expectProblem(await revert('/api/v1/countries/TH', change.id), 404, 'CHANGE_NOT_FOUND');
    const [baseline] = (await history('/api/v1/countries/VN')).items.slice(-1);
    expect(baseline.op).toBe('insert');
    expectProblem(await revert('/api/v1/countries/VN', baseline.id), 422, 'REVERT_UNSUPPORTED');
    expectProblem(await revert('/api/v1/countries/VN', 'not-a-number'), 400, 'VALIDATION_FAILED');
    const forbidden = await t.request({
      method: 'POST',
      url: '/api/v1/countries/VN/revert',
      headers: { ...analyst.auth, 'x-change-reason': 'try' },
      payload: { changeId: change.id },
    });
    expect(forbidden.status).toBe(403);
  });

  it('reads and reverts users through the same rules as an edit, never restoring a hash', async () => {
    const officer = await t.signIn('officer', 'MY');
    const url = `/api/v1/users/${officer.user.id}`;
    const asOfficer = await instant();
    await patch<User>(url, { role: 'analyst' });
    const promoted = await read<User>(url);
    expect(promoted).toMatchObject({ role: 'analyst', countryCode: null });

    expect(await read<User>(`${url}?asOf=${asOfficer}`)).toMatchObject({
      role: 'officer',
      countryCode: 'MY',
      version: 1,
    });
    const [roleChange] = (await history(url)).items;
    const reverted = await revert(url, roleChange.id);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ role: 'officer', countryCode: 'MY' });

    // The user's insert recorded a (redacted) password hash: never revertable.
    const [insert] = (await history(url)).items.slice(-1);
    expect(insert.after?.passwordHash).toBe('[redacted]');
    expectProblem(await revert(url, insert.id), 422, 'REVERT_UNSUPPORTED');

    // An admin cannot revert their own role change any more than make it.
    const [self] = (await history(`/api/v1/users/${admin.user.id}`)).items;
    expect(self.op).toBe('insert');
  });
});
