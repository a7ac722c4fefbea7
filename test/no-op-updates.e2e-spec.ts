import { startTestApp, type TestApp, type TestUser } from './harness/test-app';

interface Versioned {
  id: string;
  version: number;
  updatedAt: string;
}

/**
 * A write that changes nothing leaves nothing: no change row, the same version (so the ETag a
 * colleague holds stays valid) and the same updatedAt, on every resource and every write path.
 * A change to a record's links alone still bumps its version.
 */
describe('no-op updates', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let reviewerMY: TestUser;
  let reviewerCN: TestUser;
  const ids: Record<string, string> = {};

  const changeCount = async () =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit.change`))[0]?.n);
  const read = async (path: string) => (await t.get<Versioned>(path, admin.auth)).body;
  const send = (
    user: TestUser,
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload: unknown,
    version?: number,
  ) =>
    t.request<Versioned>({
      method,
      url,
      headers: { ...user.auth, ...(version ? { 'if-match': `"${version}"` } : {}) },
      payload: payload as Record<string, unknown>,
    });
  const create = async (path: string, payload: Record<string, unknown>) => {
    const response = await send(admin, 'POST', `/api/v1/${path}`, payload);
    expect(response.status).toBe(201);
    return response.body.id;
  };

  /** Sends `payload` (the values the record already has) and expects nothing to change. */
  const expectNoOp = async (
    user: TestUser,
    method: 'PATCH' | 'PUT',
    recordPath: string,
    writePath: string,
    payload: unknown,
  ) => {
    const before = await read(recordPath);
    const changesBefore = await changeCount();
    const response = await send(user, method, writePath, payload, before.version);
    expect({ path: writePath, status: response.status }).toEqual({ path: writePath, status: 200 });
    expect(await changeCount()).toBe(changesBefore);
    const after = await read(recordPath);
    expect({ version: after.version, updatedAt: after.updatedAt }).toEqual({
      version: before.version,
      updatedAt: before.updatedAt,
    });
  };

  beforeAll(async () => {
    t = await startTestApp();
    [admin, officerMY, reviewerMY, reviewerCN] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('reviewer', 'MY'),
      t.signIn('reviewer', 'CN'),
    ]);
    const park = (code: string, countryCode: string) => ({
      code,
      name: `${code} park`,
      countryCode,
      zoneType: 'industrial_park',
      status: 'operational',
      description: 'A park by the sea.',
      areaHa: '1416.40',
      location: countryCode === 'MY' ? { lon: 103.38, lat: 3.96 } : { lon: 108.65, lat: 21.98 },
      industries: [{ code: '24', primary: true }, { code: '2710' }],
      sources: [{ url: 'https://example.org/p', title: 'Park', accessedOn: '2026-11-23' }],
    });
    ids.kuantan = await create('parks', park('MY-NOOP', 'MY'));
    ids.qinzhou = await create('parks', park('CN-NOOP', 'CN'));
    ids.investor = await create('investors', {
      name: 'Alliance Steel (M) Sdn Bhd',
      countryCode: 'MY',
      type: 'private',
    });
    ids.pairing = await create('pairings', {
      code: 'CN-MY-NOOP',
      name: 'No-op twin parks',
      sides: [
        { countryCode: 'CN', parkIds: [ids.qinzhou] },
        { countryCode: 'MY', parkIds: [ids.kuantan] },
      ],
      industries: [{ code: '24' }],
      status: 'active',
    });
    ids.project = await create('projects', {
      title: 'Integrated steel mill',
      parkId: ids.kuantan,
      investors: [{ investorId: ids.investor, role: 'lead', sharePct: 100 }],
      sectors: [
        { code: '2410', percentage: 60 },
        { code: '2420', percentage: 40 },
      ],
      type: 'greenfield',
      stage: 'operational',
      announcedOn: '2014-02-11',
      investment: { amount: '5600000000.00', currency: 'MYR' },
      jobsPlanned: 3500,
    });
  });
  afterAll(() => t.close());

  it('a PATCH that sets what a record already has leaves no change row and keeps its version', async () => {
    await expectNoOp(
      officerMY,
      'PATCH',
      `/api/v1/parks/${ids.kuantan}`,
      `/api/v1/parks/${ids.kuantan}`,
      {
        description: 'A park by the sea.',
        areaHa: '1416.4',
        location: { lat: 3.96, lon: 103.38 },
      },
    );
    await expectNoOp(
      officerMY,
      'PATCH',
      `/api/v1/investors/${ids.investor}`,
      `/api/v1/investors/${ids.investor}`,
      { name: 'Alliance Steel (M) Sdn Bhd', type: 'private' },
    );
    await expectNoOp(
      officerMY,
      'PATCH',
      `/api/v1/projects/${ids.project}`,
      `/api/v1/projects/${ids.project}`,
      {
        title: 'Integrated steel mill',
        sectors: [
          { code: '2420', percentage: 40 },
          { code: '2410', percentage: 60 },
        ],
        investors: [{ investorId: ids.investor, role: 'lead', sharePct: 100 }],
        investment: { amount: '5600000000', currency: 'MYR' },
      },
    );
    await expectNoOp(
      officerMY,
      'PATCH',
      `/api/v1/pairings/${ids.pairing}`,
      `/api/v1/pairings/${ids.pairing}`,
      {
        name: 'No-op twin parks',
        sides: [
          { countryCode: 'MY', parkIds: [ids.kuantan] },
          { countryCode: 'CN', parkIds: [ids.qinzhou] },
        ],
        industries: [{ code: '24' }],
      },
    );
    await expectNoOp(
      admin,
      'PATCH',
      `/api/v1/users/${officerMY.user.id}`,
      `/api/v1/users/${officerMY.user.id}`,
      { role: 'officer', countryCode: 'MY', active: true },
    );
    const malaysia = (await t.get<{ name: string }>('/api/v1/countries/MY', admin.auth)).body;
    await expectNoOp(admin, 'PATCH', '/api/v1/countries/MY', '/api/v1/countries/MY', {
      name: malaysia.name,
    });
  });

  it('setting the same focus industries again writes nothing; another set bumps the version', async () => {
    const path = `/api/v1/parks/${ids.kuantan}`;
    await expectNoOp(officerMY, 'PUT', path, `${path}/industries`, [
      { code: '2710' },
      { code: '24', primary: true },
    ]);
    const before = await read(path);
    const changesBefore = await changeCount();
    const changed = await send(
      officerMY,
      'PUT',
      `${path}/industries`,
      [{ code: '24', primary: true }],
      before.version,
    );
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(before.version + 1);
    // The removed link and the park's new version.
    expect(await changeCount()).toBe(changesBefore + 2);
    // The version a colleague read before is now stale.
    const stale = await send(officerMY, 'PATCH', path, { city: 'Kuantan' }, before.version);
    expect(stale.status).toBe(412);
  });

  it('a change to a project’s sectors alone bumps its version once', async () => {
    const path = `/api/v1/projects/${ids.project}`;
    const before = await read(path);
    const response = await send(
      officerMY,
      'PATCH',
      path,
      { sectors: [{ code: '2410', percentage: 100 }] },
      before.version,
    );
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(before.version + 1);
    const both = await send(
      officerMY,
      'PATCH',
      path,
      { title: 'Steel mill', sectors: [{ code: '2420', percentage: 100 }] },
      before.version + 1,
    );
    expect(both.body.version).toBe(before.version + 2);
  });

  it('a review decision bumps the pairing even while it stays submitted', async () => {
    const path = `/api/v1/pairings/${ids.pairing}`;
    const submitted = await send(
      officerMY,
      'POST',
      `${path}/submit`,
      {},
      (await read(path)).version,
    );
    expect(submitted.status).toBe(200);
    const decided = await send(reviewerMY, 'POST', `${path}/reviews`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(decided.body.version).toBe(submitted.body.version + 1);
    const approved = await send(reviewerCN, 'POST', `${path}/reviews`, { decision: 'approve' });
    expect(approved.body.version).toBe(submitted.body.version + 2);
  });

  it('the database keeps the version of a raw SQL update that changes nothing', async () => {
    const [before] = await t.db.query<{ version: number }>(
      `SELECT version FROM registry.park WHERE id = $1`,
      [ids.qinzhou],
    );
    const changesBefore = await changeCount();
    await t.db.query(
      `BEGIN; SELECT set_config('app.actor', 'system:test', true);
       UPDATE registry.park SET name = name, version = version + 1, updated_at = now()
       WHERE id = '${ids.qinzhou}'; COMMIT;`,
    );
    const [after] = await t.db.query<{ version: number }>(
      `SELECT version FROM registry.park WHERE id = $1`,
      [ids.qinzhou],
    );
    expect(after).toEqual(before);
    expect(await changeCount()).toBe(changesBefore);
  });
});
