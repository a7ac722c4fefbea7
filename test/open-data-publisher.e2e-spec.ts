import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Publisher {
  configured: boolean;
  name: string | null;
  orgId: string | null;
  orgType: string | null;
  orgTypeName: string | null;
  registrationAgency: string | null;
  licenceId: string;
  licenceUrl: string;
  version: number;
}

const MITI = {
  name: 'Ministry of Investment, Trade and Industry (MITI), Malaysia',
  nameZh: '马来西亚投资、贸易和工业部',
  orgId: 'MY-COA-MITI',
  orgType: '10',
};

describe('open data: the publisher (admin setting)', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let analyst: TestUser;

  const put = (user: TestUser, body: Record<string, unknown>, version?: number) =>
    t.request<Publisher>({
      method: 'PUT',
      url: '/api/v1/open-data/publisher',
      headers: { ...user.auth, ...(version !== undefined ? { 'if-match': `"${version}"` } : {}) },
      payload: body,
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officer, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('analyst'),
    ]);
  });
  afterAll(() => t.close());

  it('starts unset with the default licence, and an admin names the publisher', async () => {
    const unset = await t.get<Publisher>('/api/v1/open-data/publisher', analyst.auth);
    expect(unset.status).toBe(200);
    expect(unset.body).toMatchObject({
      configured: false,
      orgId: null,
      licenceId: 'CC-BY-4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
      version: 0,
    });
    const set = await put(admin, MITI);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      configured: true,
      orgId: 'MY-COA-MITI',
      orgTypeName: 'Government',
      registrationAgency: 'Malaysia Chart of Accounts',
      licenceId: 'CC-BY-4.0',
      version: 1,
    });
    const [change] = await t.db.query<{ op: string; actor: string; after: { org_id: string } }>(
      `SELECT op, actor, after FROM audit.change WHERE table_name = 'publisher' ORDER BY id DESC LIMIT 1`,
    );
    expect(change).toMatchObject({
      op: 'insert',
      actor: admin.user.id,
      after: { org_id: 'MY-COA-MITI' },
    });
  });

  it('changes it with If-Match only, and refuses a stale version', async () => {
    expectProblem(await put(admin, { ...MITI, name: 'MITI' }), 428, 'VERSION_REQUIRED');
    const changed = await put(
      admin,
      {
        ...MITI,
        licenceId: 'CC0-1.0',
        licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/',
      },
      1,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ licenceId: 'CC0-1.0', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    expectProblem(await put(admin, MITI, 1), 412, 'STALE_VERSION');
    // The same values again change nothing and keep the version.
    const again = await put(
      admin,
      {
        ...MITI,
        licenceId: 'CC0-1.0',
        licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/',
      },
      2,
    );
    expect(again.body.version).toBe(2);
  });

  it('refuses an org-id without a known registration agency, a withdrawn list, an unknown type', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ orgId: 'MITI' }, 'orgId', /registration agency code, a dash and an identifier/],
      [{ orgId: 'MY-COA-MI TI' }, 'orgId', /no spaces/],
      [{ orgId: 'MY-COA-A/B' }, 'orgId', /\/ & \| \?/],
      [{ orgId: 'ZZ-NOPE-1' }, 'orgId', /no registration agency/],
      [{ orgId: 'ID-KDN-123' }, 'orgId', /withdrawn identifier list/],
      [{ orgType: '99' }, 'orgType', /not an IATI OrganisationType code/],
      [{ licenceUrl: 'ftp://x' }, 'licenceUrl', /http\(s\) URL/],
      [{ name: '' }, 'name', /name/],
    ];
    for (const [change, path, message] of cases) {
      const response = await put(admin, { ...MITI, ...change }, 2);
      expect({ change, status: response.status }).toEqual({ change, status: 400 });
      expect(response.body).toMatchObject({
        errors: expect.arrayContaining([{ path, message: expect.stringMatching(message) }]),
      });
    }
    const current = await t.get<Publisher>('/api/v1/open-data/publisher', analyst.auth);
    expect(current.body).toMatchObject({ orgId: 'MY-COA-MITI', version: 2 });
  });

  it('is an admin setting: officers and analysts may read it, not set it', async () => {
    expectProblem(await put(officer, MITI, 2), 403, 'ROLE_FORBIDDEN');
    expectProblem(await put(analyst, MITI, 2), 403, 'ROLE_FORBIDDEN');
    expect((await t.get('/api/v1/open-data/publisher')).status).toBe(401);
  });
});
