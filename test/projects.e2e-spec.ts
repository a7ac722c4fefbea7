import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser, withHeaders } from './harness/test-app';
import { collectPages } from './support/pages';
import { expectProblem } from './support/problem';

interface Project {
  id: string;
  ref: string;
  title: string;
  hostCountryCode: string;
  parkCode: string;
  sectors: { code: string; title: string; percentage: string }[];
  investors: {
    investorId: string;
    name: string;
    countryCode: string;
    role: string;
    sharePct: string | null;
  }[];
  investment: { amount: string; currency: string } | null;
  amountUsd: string | null;
  fx: { usdPerUnit: string; rateDate: string; source: string } | null;
  referenceDate: string;
  version: number;
}

describe('projects', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerCN: TestUser;
  let analyst: TestUser;
  const ids: Record<string, string> = {};

  const create = async (user: TestUser, path: string, payload: Record<string, unknown>) => {
    const response = await t.request<{ id: string }>({
      method: 'POST',
      url: `/api/v1/${path}`,
      headers: user.auth,
      payload,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const steelMill = (extra: Record<string, unknown> = {}) => ({
    title: 'Integrated steel mill',
    parkId: ids.mckip,
    pairingId: ids.pairing,
    investors: [
      { investorId: ids.alliance, role: 'lead', sharePct: 100 },
      { investorId: ids.beibu, role: 'partner' },
    ],
    sectors: [
      { code: '2410', percentage: 60 },
      { code: '2420', percentage: 40 },
    ],
    type: 'greenfield',
    stage: 'operational',
    announcedOn: '2014-02-11',
    investment: { amount: '5600000000.00', currency: 'MYR' },
    jobsPlanned: 3500,
    ...extra,
  });
  const post = (user: TestUser, payload: Record<string, unknown>) =>
    t.request<Project>({ method: 'POST', url: '/api/v1/projects', headers: user.auth, payload });
  const refs = async (query: string) =>
    (await t.get<{ items: Project[] }>(`/api/v1/projects?${query}`, analyst.auth)).body.items.map(
      (p) => p.ref,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officerMY, officerCN, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
      t.signIn('analyst'),
    ]);
    const park = (code: string, countryCode: string) => ({
      code,
      name: `${code} park`,
      countryCode,
      zoneType: 'industrial_park',
      status: 'operational',
    });
    ids.mckip = await create(admin, 'parks', park('MY-MCKIP', 'MY'));
    ids.cmqip = await create(admin, 'parks', park('CN-CMQIP', 'CN'));
    ids.other = await create(admin, 'parks', park('MY-OTHER', 'MY'));
    ids.pairing = await create(admin, 'pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia Two Countries Twin Parks',
      sides: [
        { countryCode: 'MY', parkIds: [ids.mckip] },
        { countryCode: 'CN', parkIds: [ids.cmqip] },
      ],
      status: 'active',
    });
    ids.alliance = await create(admin, 'investors', {
      name: 'Alliance Steel (M) Sdn Bhd',
      countryCode: 'MY',
      type: 'private',
    });
    ids.beibu = await create(admin, 'investors', {
      name: 'Guangxi Beibu Gulf International Port Group',
      countryCode: 'CN',
      type: 'state_owned',
    });
  });
  afterAll(() => t.close());

  it('logs a project with sectors 60/40, a generated ref, the host country and no USD without a rate', async () => {
    const created = await post(officerMY, steelMill());
    expect(created.status).toBe(201);
    ids.mill = created.body.id;
    expect(created.body).toMatchObject({
      ref: 'MY-MCKIP-2014-0001',
      hostCountryCode: 'MY',
      parkCode: 'MY-MCKIP',
      referenceDate: '2014-02-11',
      investment: { amount: '5600000000.00', currency: 'MYR' },
      amountUsd: null,
      fx: null,
      sectors: [
        { code: '2410', title: 'Manufacture of basic iron and steel', percentage: '60.00' },
        { code: '2420', title: expect.any(String), percentage: '40.00' },
      ],
      investors: [
        {
          investorId: ids.alliance,
          name: 'Alliance Steel (M) Sdn Bhd',
          countryCode: 'MY',
          role: 'lead',
          sharePct: '100.00',
        },
        { investorId: ids.beibu, countryCode: 'CN', role: 'partner', sharePct: null },
      ],
    });
    const read = await t.get<Project>(`/api/v1/projects/${ids.mill}`, analyst.auth);
    expect(read.headers.etag).toBe('"1"');
  });

  it('gives concurrent creates in one park and year distinct consecutive refs', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(
          officerMY,
          steelMill({ title: `Expansion ${i}`, announcedOn: '2014-06-01', pairingId: null }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(responses.map((r) => r.body.ref).sort()).toEqual(
      [2, 3, 4, 5, 6, 7].map((n) => `MY-MCKIP-2014-${String(n).padStart(4, '0')}`),
    );
  });

  it('refuses broken rules with 400 naming the field, and other countries’ officers with 403', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          sectors: [
            { code: '2410', percentage: 60 },
            { code: '2420', percentage: 39.99 },
          ],
        },
        'sectors',
      ],
      [
        {
          sectors: [
            { code: '2410', percentage: 60.001 },
            { code: '2420', percentage: 39.999 },
          ],
        },
        'sectors[0].percentage',
      ],
      [{ sectors: [] }, 'sectors'],
      [{ sectors: [{ code: '9999', percentage: 100 }] }, 'sectors[0].code'],
      [{ parkId: ids.other }, 'pairingId'],
      [{ investment: { amount: 5.6e9, currency: 'MYR' } }, 'investment.amount'],
      [{ investment: { amount: '100', currency: 'QQQ' } }, 'investment.currency'],
      [{ signedOn: '2999-01-01' }, 'signedOn'],
      [{ constructionStartOn: '2015-06-01', operationalOn: '2015-05-31' }, 'operationalOn'],
      [
        {
          investors: [
            { investorId: ids.alliance, role: 'lead', sharePct: 70 },
            { investorId: ids.beibu, role: 'partner', sharePct: 40 },
          ],
        },
        'investors',
      ],
      [{ investors: [{ investorId: ids.alliance, role: 'owner' }] }, 'investors[0].role'],
      [{ stage: 'done' }, 'stage'],
    ];
    for (const [change, path] of cases) {
      const problem = expectProblem(await post(admin, steelMill(change)), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    expectProblem(await post(officerCN, steelMill()), 403, 'COUNTRY_SCOPE_FORBIDDEN');
  });

  it('computes USD from the latest rate on or before the reference date, in SQL', async () => {
    const rate = (date: string, usdPerUnit: string) =>
      t.request({
        method: 'PUT',
        url: `/api/v1/fx-rates/MYR/${date}`,
        headers: analyst.auth,
        payload: { usdPerUnit, source: 'BNM' },
      });
    const projectUpdates = () =>
      t.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit.change WHERE table_name = 'project' AND op = 'update'`,
      );
    const updatesBefore = await projectUpdates();
    expect((await rate('2014-01-02', '0.3050')).status).toBe(201);
    // Re-pricing is derived bookkeeping: the rate's change row explains it; projects get none.
    expect(await projectUpdates()).toEqual(updatesBefore);
    const priced = (await t.get<Project>(`/api/v1/projects/${ids.mill}`, analyst.auth)).body;
    expect(priced.amountUsd).toBe('1708000000.00');
    expect(priced.fx).toEqual({ usdPerUnit: '0.305', rateDate: '2014-01-02', source: 'BNM' });
    // A later rate does not change an earlier project, but prices a later one.
    await rate('2015-01-02', '0.2800');
    expect(
      (await t.get<Project>(`/api/v1/projects/${ids.mill}`, analyst.auth)).body.amountUsd,
    ).toBe('1708000000.00');
    const later = await post(
      officerMY,
      steelMill({
        title: 'Cold rolling',
        signedOn: '2015-03-01',
        investment: { amount: '1000000', currency: 'MYR' },
      }),
    );
    expect(later.body).toMatchObject({
      ref: 'MY-MCKIP-2015-0001',
      amountUsd: '280000.00',
      fx: { rateDate: '2015-01-02' },
    });
    // VND has no minor units.
    const vnd = await post(
      officerMY,
      steelMill({
        title: 'Dong deal',
        pairingId: null,
        investment: { amount: '125000000000', currency: 'VND' },
      }),
    );
    expect(vnd.body.investment).toEqual({ amount: '125000000000', currency: 'VND' });
    expect(vnd.body.amountUsd).toBeNull();
    // The mill and its six 2014 expansions at MYR 5.6 bn each; not the VND deal (no rate).
    expect(await refs('minUsd=1000000000')).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `MY-MCKIP-2014-${String(n).padStart(4, '0')}`),
    );
    expect(await refs('maxUsd=300000&country=MY')).toEqual(['MY-MCKIP-2015-0001']);
  });

  it('filters by country, park, pairing, industry with descendants, investor, investor country, dates and q', async () => {
    expect(await refs('pairing=' + ids.pairing)).toEqual([
      'MY-MCKIP-2014-0001',
      'MY-MCKIP-2015-0001',
    ]);
    expect((await refs('industry=C')).length).toBe(9);
    expect((await refs('industry=241&from=2015-01-01')).length).toBe(1);
    expect(await refs('industry=25')).toEqual([]);
    expect((await refs(`investor=${ids.beibu}&to=2014-12-31`)).length).toBe(8);
    expect(await refs('investorCountry=CN&from=2015-01-01&to=2015-12-31')).toEqual([
      'MY-MCKIP-2015-0001',
    ]);
    expect(await refs('country=CN')).toEqual([]);
    expect((await refs('q=beibu')).length).toBe(9);
    expect(await refs('q=cold rolling')).toEqual(['MY-MCKIP-2015-0001']);
    expect(await refs(`park=${ids.cmqip}`)).toEqual([]);
    expectProblem(
      await t.get('/api/v1/projects?minUsd=lots', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await t.get('/api/v1/projects?sort=amountUsd', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('pages with no gap or duplicate while projects are being added', async () => {
    const before = (
      await collectPages<Project>(withHeaders(t, analyst.auth), '/api/v1/projects?limit=200')
    ).items;
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const url: string = `/api/v1/projects?limit=3&sort=-referenceDate${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await t.get<{ items: Project[]; nextCursor: string | null }>(
        url,
        analyst.auth,
      );
      seen.push(...response.body.items.map((p) => p.id));
      cursor = response.body.nextCursor;
      // Someone logs a project between every two pages.
      await post(
        officerMY,
        steelMill({ title: `Concurrent ${page++}`, pairingId: null, announcedOn: '2013-05-01' }),
      );
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const project of before) expect(seen).toContain(project.id);
  });

  it('edits with If-Match, keeps history with sectors, reads as of an instant and reverts fields', async () => {
    const url = `/api/v1/projects/${ids.mill}`;
    const current = (await t.get<Project>(url, analyst.auth)).body;
    await sleep(5);
    const before = new Date().toISOString();
    await sleep(5);
    expectProblem(
      await t.request({
        method: 'PATCH',
        url,
        headers: officerMY.auth,
        payload: { stage: 'suspended' },
      }),
      428,
      'VERSION_REQUIRED',
    );
    expectProblem(
      await t.request({
        method: 'PATCH',
        url,
        headers: { ...officerCN.auth, 'if-match': `"${current.version}"` },
        payload: { stage: 'suspended' },
      }),
      403,
      'COUNTRY_SCOPE_FORBIDDEN',
    );
    const patched = await t.request<Project>({
      method: 'PATCH',
      url,
      headers: { ...officerMY.auth, 'if-match': `"${current.version}"` },
      payload: { stage: 'suspended', sectors: [{ code: '2410', percentage: 100 }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.sectors.map((s) => s.percentage)).toEqual(['100.00']);
    const then = (await t.get<Project>(`${url}?asOf=${before}`, analyst.auth)).body;
    expect(then.sectors.map((s) => `${s.code}:${s.percentage}`)).toEqual([
      '2410:60.00',
      '2420:40.00',
    ]);
    expect(then.investors).toHaveLength(2);
    const history = (
      await t.get<{ items: { id: string; table: string; op: string; changed: string[] }[] }>(
        `${url}/history`,
        analyst.auth,
      )
    ).body.items;
    expect(
      history
        .slice(0, 3)
        .map((c) => `${c.table}:${c.op}`)
        .sort(),
    ).toEqual(['project:update', 'project_sector:delete', 'project_sector:update']);
    const stageChange = history.find((c) => c.table === 'project' && c.changed.includes('stage'));
    const sectorChange = history.find((c) => c.table === 'project_sector');
    const revert = (changeId?: string) =>
      t.request<Project>({
        method: 'POST',
        url: `${url}/revert`,
        headers: { ...officerMY.auth, 'x-change-reason': 'wrong stage' },
        payload: { changeId },
      });
    const reverted = await revert(stageChange?.id);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ stage: 'operational' });
    expectProblem(await revert(sectorChange?.id), 422, 'REVERT_UNSUPPORTED');
  });

  it('archives with a reason, and refuses to archive a park or investor with live projects (409)', async () => {
    const park = await t.get<{ version: number }>(`/api/v1/parks/${ids.mckip}`, admin.auth);
    const refused = await t.request({
      method: 'DELETE',
      url: `/api/v1/parks/${ids.mckip}`,
      headers: {
        ...admin.auth,
        'if-match': `"${park.body.version}"`,
        'x-change-reason': 'closing',
      },
    });
    expectProblem(refused, 409, 'STILL_REFERENCED');
    const investor = await t.request({
      method: 'DELETE',
      url: `/api/v1/investors/${ids.alliance}`,
      headers: { ...admin.auth, 'if-match': '"1"', 'x-change-reason': 'dissolved' },
    });
    expectProblem(investor, 409, 'STILL_REFERENCED');
    const project = (await t.get<Project>(`/api/v1/projects/${ids.mill}`, analyst.auth)).body;
    const archived = await t.request({
      method: 'DELETE',
      url: `/api/v1/projects/${ids.mill}`,
      headers: {
        ...officerMY.auth,
        'if-match': `"${project.version}"`,
        'x-change-reason': 'duplicate',
      },
    });
    expect(archived.status).toBe(204);
    expect(await refs('minUsd=1000000000')).not.toContain('MY-MCKIP-2014-0001');
    expect(await refs('minUsd=1000000000&includeArchived=true')).toContain('MY-MCKIP-2014-0001');
  });

  it('accepts an agreement signed before it was announced, and a planned opening', async () => {
    // Signed in January, announced at the expo in February: a common order, not an error.
    const signedFirst = await post(
      officerMY,
      steelMill({
        title: 'Signed before the expo',
        announcedOn: '2011-02-11',
        signedOn: '2011-01-01',
        constructionStartOn: '2010-12-01',
        operationalOn: '2035-01-01',
      }),
    );
    expect(signedFirst.status).toBe(201);
    expect(signedFirst.body).toMatchObject({ signedOn: '2011-01-01', announcedOn: '2011-02-11' });
    // The database agrees: only operation before construction is refused there too.
    await expect(
      t.db.query(
        `BEGIN; SELECT set_config('app.actor', 'system:test', true);
         UPDATE registry.project SET operational_on = construction_start_on - 1
         WHERE id = '${signedFirst.body.id}'; COMMIT;`,
      ),
    ).rejects.toThrow(/project_dates_check/);
  });
});
