import { setTimeout as sleep } from 'node:timers/promises';
import { ParksRepository } from '../src/modules/parks/parks.repository';
import { startTestApp, type TestApp, type TestUser, withHeaders } from './harness/test-app';
import { collectPages } from './support/pages';
import { expectProblem } from './support/problem';

interface Park {
  id: string;
  code: string;
  name: string;
  nameZh: string | null;
  countryCode: string;
  status: string;
  zoneType: string;
  areaHa: string | null;
  location: { lon: number; lat: number; subdivisionCode: string | null } | null;
  industries: { code: string; title: string; level: string; primary: boolean }[];
  sources: { url: string; title: string; accessedOn: string | null }[];
  version: number;
  archivedAt: string | null;
}

interface Change {
  id: string;
  table: string;
  op: string;
  changed: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const KUANTAN = {
  code: 'MY-MCKIP',
  name: 'Malaysia-China Kuantan Industrial Park',
  nameZh: '马中关丹产业园',
  nameLocal: 'Taman Perindustrian Malaysia-China Kuantan',
  countryCode: 'MY',
  subdivisionCode: 'MY-06',
  city: 'Kuantan',
  zoneType: 'industrial_park',
  status: 'operational',
  establishedOn: '2013-02-05',
  areaHa: '1416.40',
  location: { lon: 103.38, lat: 3.96 },
  website: 'https://www.mckip.com.my',
  description: 'Twin park of the China-Malaysia Qinzhou Industrial Park.',
  industries: [{ code: '24', primary: true }, { code: '2710' }],
  sources: [{ url: 'https://example.org/mckip', title: 'MCKIP', accessedOn: '2026-11-23' }],
};

describe('parks', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerVN: TestUser;
  let reviewerMY: TestUser;
  let analyst: TestUser;
  let kuantan: Park;

  const post = (user: TestUser, payload: Record<string, unknown>) =>
    t.request<Park>({ method: 'POST', url: '/api/v1/parks', headers: user.auth, payload });
  const write = (
    user: TestUser,
    method: 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    version: number | null,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.request<Park>({
      method,
      url,
      headers: { ...user.auth, ...(version ? { 'if-match': `"${version}"` } : {}), ...headers },
      payload: payload as Record<string, unknown>,
    });
  const current = async (id: string) =>
    (await t.get<Park>(`/api/v1/parks/${id}`, analyst.auth)).body;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officerMY, officerVN, reviewerMY, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'VN'),
      t.signIn('reviewer', 'MY'),
      t.signIn('analyst'),
    ]);
    const created = await post(officerMY, KUANTAN);
    expect(created.status).toBe(201);
    kuantan = created.body;
  });
  afterAll(() => t.close());

  it('registers a park with its focus industries, primary first, and reads it with an ETag', async () => {
    expect(kuantan).toMatchObject({
      code: 'MY-MCKIP',
      countryCode: 'MY',
      areaHa: '1416.40',
      location: {
        lon: 103.38,
        lat: 3.96,
        exactness: null,
        precision: null,
        subdivisionCode: 'MY-06',
        source: null,
      },
      version: 2 - 1,
      archivedAt: null,
      sources: KUANTAN.sources,
    });
    expect(kuantan.industries).toEqual([
      { code: '24', title: 'Manufacture of basic metals', level: 'division', primary: true },
      expect.objectContaining({ code: '2710', level: 'class', primary: false }),
    ]);
    const read = await t.get<Park>(`/api/v1/parks/${kuantan.id}`, reviewerMY.auth);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe(`"${kuantan.version}"`);
  });

  it('refuses bad input with 400 naming the field, and a taken code with 409', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'VN-MCKIP2' }, 'code'],
      [{ code: 'MY MCKIP' }, 'code'],
      [{ countryCode: 'ZZ', code: 'ZZ-X', subdivisionCode: null }, 'countryCode'],
      [{ subdivisionCode: 'VN-01' }, 'subdivisionCode'],
      [{ zoneType: 'theme_park' }, 'zoneType'],
      [{ areaHa: '-5' }, 'areaHa'],
      [{ areaHa: 12.5 }, 'areaHa'],
      [{ location: { lat: 100, lon: 0 } }, 'location.lat'],
      [{ establishedOn: '2013-02-30' }, 'establishedOn'],
      [{ industries: [{ code: '24', primary: true }, { code: '9999' }] }, 'industries[1].code'],
      [{ industries: [{ code: '24' }, { code: '27' }] }, 'industries'],
      [{ industries: [{ code: '24', primary: true }, { code: '24' }] }, 'industries[1].code'],
      [{ sources: [{ url: 'javascript:alert(1)', title: 'x' }] }, 'sources[0].url'],
      [{ color: 'red' }, 'color'],
    ];
    for (const [change, path] of cases) {
      const response = await post(admin, { ...KUANTAN, code: 'MY-NEW', ...change });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    const taken = expectProblem(await post(admin, KUANTAN), 409, 'PARK_CODE_TAKEN');
    expect(taken.existingId).toBe(kuantan.id);
  });

  it('keeps officers to their own country and reviewers and analysts to reading (403)', async () => {
    expect((await post(officerVN, { ...KUANTAN, code: 'MY-VNTRY' })).status).toBe(403);
    expect((await post(reviewerMY, { ...KUANTAN, code: 'MY-REV' })).status).toBe(403);
    expect((await post(analyst, { ...KUANTAN, code: 'MY-ANA' })).status).toBe(403);
    const vn = await write(officerVN, 'PATCH', `/api/v1/parks/${kuantan.id}`, kuantan.version, {
      city: 'Hanoi',
    });
    expectProblem(vn, 403, 'COUNTRY_SCOPE_FORBIDDEN');
    // Moving a park into another country needs the right to act there too.
    const move = await write(officerMY, 'PATCH', `/api/v1/parks/${kuantan.id}`, kuantan.version, {
      countryCode: 'VN',
      code: 'VN-MCKIP',
      subdivisionCode: null,
    });
    expectProblem(move, 403, 'COUNTRY_SCOPE_FORBIDDEN');
    const admins = await post(admin, {
      ...KUANTAN,
      code: 'VN-ADMIN',
      name: 'Admin test park',
      nameZh: null,
      nameLocal: null,
      countryCode: 'VN',
      subdivisionCode: null,
      location: { lon: 106.7, lat: 20.86 },
    });
    expect(admins.status).toBe(201);
  });

  it('updates with If-Match (428 without, 412 when stale) and sets industries with PUT', async () => {
    const url = `/api/v1/parks/${kuantan.id}`;
    expectProblem(
      await write(officerMY, 'PATCH', url, null, { city: 'Gebeng' }),
      428,
      'VERSION_REQUIRED',
    );
    const patched = await write(officerMY, 'PATCH', url, kuantan.version, {
      city: 'Gebeng',
      location: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      city: 'Gebeng',
      location: null,
      version: kuantan.version + 1,
    });
    expectProblem(
      await write(officerMY, 'PATCH', url, kuantan.version, { city: 'X' }),
      412,
      'STALE_VERSION',
    );

    const industries = [{ code: '2710', primary: true }, { code: '24' }, { code: '2220' }];
    expectProblem(
      await write(officerMY, 'PUT', `${url}/industries`, null, industries),
      428,
      'VERSION_REQUIRED',
    );
    const put = await write(
      officerMY,
      'PUT',
      `${url}/industries`,
      patched.body.version,
      industries,
    );
    expect(put.status).toBe(200);
    expect(put.body.industries.map((i) => [i.code, i.primary])).toEqual([
      ['2710', true],
      ['2220', false],
      ['24', false],
    ]);
    expect(put.body.version).toBe(patched.body.version + 1);
    const bad = await write(officerMY, 'PUT', `${url}/industries`, put.body.version, [
      { code: 'C' },
    ]);
    expect(expectProblem(bad, 400, 'VALIDATION_FAILED').errors?.[0]?.path).toBe('industries');
    kuantan = put.body;
  });

  it('filters by country, industry with its descendants, status, zone type and q', async () => {
    const qinzhou = await post(admin, {
      code: 'CN-CMQIP',
      name: 'China-Malaysia Qinzhou Industrial Park',
      nameZh: '中马钦州产业园区',
      countryCode: 'CN',
      zoneType: 'industrial_park',
      status: 'operational',
      industries: [{ code: '21', primary: true }, { code: '2610' }],
    });
    expect(qinzhou.status).toBe(201);
    const codes = async (query: string) =>
      (await t.get<{ items: Park[] }>(`/api/v1/parks?${query}`, analyst.auth)).body.items.map(
        (p) => p.code,
      );
    expect(await codes('country=cn')).toEqual(['CN-CMQIP']);
    expect(await codes('industry=C&country=MY')).toEqual(['MY-MCKIP']);
    expect(await codes('industry=27')).toEqual(['MY-MCKIP', 'VN-ADMIN']);
    expect(await codes('industry=261')).toEqual(['CN-CMQIP']);
    expect(await codes('industry=2710&country=CN')).toEqual([]);
    expect(await codes('status=planned')).toEqual([]);
    expect(await codes('zoneType=industrial_park&country=CN')).toEqual(['CN-CMQIP']);
    expect(await codes('q=kuantán')).toEqual(['MY-MCKIP']);
    expect(await codes('q=钦州')).toEqual(['CN-CMQIP']);
    expect(await codes('q=TAMAN PERINDUSTRIAN')).toEqual(['MY-MCKIP']);
    expect(await codes('q=cmqip')).toEqual(['CN-CMQIP']);
    expectProblem(
      await t.get('/api/v1/parks?zoneType=zoo', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await t.get('/api/v1/parks?sort=area', analyst.auth), 400, 'VALIDATION_FAILED');
  });

  it('archives with If-Match and a reason; archived parks leave lists but stay readable', async () => {
    const park = (await post(officerMY, { ...KUANTAN, code: 'MY-OLD', industries: [] })).body;
    const url = `/api/v1/parks/${park.id}`;
    expectProblem(await write(officerMY, 'DELETE', url, park.version), 428, 'REASON_REQUIRED');
    expectProblem(
      await write(officerMY, 'DELETE', url, null, undefined, { 'x-change-reason': 'closed' }),
      428,
      'VERSION_REQUIRED',
    );
    expect(
      (await write(officerVN, 'DELETE', url, park.version, undefined, { 'x-change-reason': 'x' }))
        .status,
    ).toBe(403);
    const deleted = await write(officerMY, 'DELETE', url, park.version, undefined, {
      'x-change-reason': 'duplicate of MY-MCKIP',
    });
    expect(deleted.status).toBe(204);
    const archived = await current(park.id);
    expect(archived.archivedAt).not.toBeNull();
    const listed = async (query: string) =>
      (
        await t.get<{ items: Park[] }>(`/api/v1/parks?country=MY${query}`, analyst.auth)
      ).body.items.map((p) => p.code);
    expect(await listed('')).not.toContain('MY-OLD');
    expect(await listed('&includeArchived=true')).toContain('MY-OLD');
    expectProblem(
      await write(officerMY, 'PATCH', url, archived.version, { city: 'x' }),
      409,
      'PARK_ARCHIVED',
    );
  });

  it('shows history with industry links, reads as of an instant, and reverts fields and links', async () => {
    const park = (
      await post(officerMY, {
        ...KUANTAN,
        code: 'MY-HIST',
        industries: [{ code: '24', primary: true }],
      })
    ).body;
    const url = `/api/v1/parks/${park.id}`;
    await sleep(5);
    const before = new Date().toISOString();
    await sleep(5);
    const renamed = await write(officerMY, 'PATCH', url, park.version, { name: 'Renamed park' });
    const put = await write(officerMY, 'PUT', `${url}/industries`, renamed.body.version, [
      { code: '24', primary: true },
      { code: '10' },
    ]);
    expect(put.status).toBe(200);

    const history = await t.get<{ items: Change[] }>(`${url}/history`, reviewerMY.auth);
    expect(history.status).toBe(200);
    const tables = history.body.items.map((c) => `${c.table}:${c.op}`);
    expect(tables).toEqual([
      // One transaction: the links first, then the park's version bump (a PUT of the same set
      // writes neither).
      'park:update', // version bump of the PUT
      'park_industry:insert', // 10 added
      'park:update', // rename
      'park_industry:insert', // 24 at creation
      'park:insert',
    ]);

    const then = await t.get<Park>(`${url}?asOf=${before}`, analyst.auth);
    expect(then.body).toMatchObject({ name: KUANTAN.name, version: 1 });
    expect(then.body.industries).toEqual([
      { code: '24', title: 'Manufacture of basic metals', level: 'division', primary: true },
    ]);

    const reason = { 'x-change-reason': 'entered by mistake' };
    const [, linkAdded, rename] = history.body.items;
    const revertLink = await t.request<Park>({
      method: 'POST',
      url: `${url}/revert`,
      headers: { ...officerMY.auth, ...reason },
      payload: { changeId: linkAdded.id },
    });
    expect(revertLink.status).toBe(200);
    expect(revertLink.body.industries.map((i) => i.code)).toEqual(['24']);
    const revertName = await t.request<Park>({
      method: 'POST',
      url: `${url}/revert`,
      headers: { ...officerMY.auth, ...reason },
      payload: { changeId: rename.id },
    });
    expect(revertName.status).toBe(200);
    expect(revertName.body.name).toBe(KUANTAN.name);
    // Undoing the removal again conflicts with the revert that came after it.
    const again = await t.request({
      method: 'POST',
      url: `${url}/revert`,
      headers: { ...officerMY.auth, ...reason },
      payload: { changeId: linkAdded.id },
    });
    expectProblem(again, 409, 'REVERT_CONFLICT');
  });

  it('pages through 250 parks by each sort with no duplicate or gap', async () => {
    await t.db.query(`
      BEGIN;
      SELECT set_config('app.actor', 'system:test', true);
      INSERT INTO registry.park (code, name, country_code, zone_type, status)
      SELECT 'TH-P' || g, 'Park ' || (g % 17) || ' ' || g, 'TH', 'sez', 'planned'
      FROM generate_series(1, 250) g;
      COMMIT;`);
    for (const sort of ['code', '-code', 'name', '-name']) {
      const { items, pages } = await collectPages<Park>(
        withHeaders(t, analyst.auth),
        `/api/v1/parks?country=TH&limit=37&sort=${sort}`,
      );
      expect(pages).toBe(7);
      expect(new Set(items.map((p) => p.id)).size).toBe(250);
      const keys = items.map((p) => (sort.endsWith('code') ? p.code : p.name));
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(sort.startsWith('-') ? sorted.reverse() : sorted);
    }
  });

  it('lists 10,000 parks by country and industry from indexes (EXPLAIN)', async () => {
    await t.db.query(`
      BEGIN;
      SELECT set_config('app.actor', 'system:test', true);
      INSERT INTO registry.park (code, name, country_code, zone_type, status)
      SELECT c.code || '-BULK' || g, 'Bulk park ' || g, c.code, 'industrial_park', 'operational'
      FROM generate_series(1, 834) g
      CROSS JOIN (VALUES ('BN'), ('KH'), ('ID'), ('LA'), ('MY'), ('MM'), ('PH'), ('SG'), ('TH'), ('TL'), ('VN'), ('CN')) c(code);
      INSERT INTO registry.park_industry (park_id, industry_code, is_primary)
      SELECT p.id, i.code, true
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM registry.park WHERE code LIKE '%-BULK%') p
      JOIN (SELECT code, row_number() OVER (ORDER BY code) AS n, count(*) OVER () AS total
            FROM registry.industry WHERE level = 'class') i ON i.n = 1 + p.n % i.total;
      COMMIT;
      ANALYZE registry.park; ANALYZE registry.park_industry;`);
    const query = t.app
      .get(ParksRepository)
      .listQuery({ country: 'MY', industry: '24' })
      .orderBy('park.code')
      .addOrderBy('park.id')
      .limit(51);
    const [sql, parameters] = query.getQueryAndParameters();
    const plan = (
      await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, parameters as unknown[])
    )
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    expect(plan).not.toMatch(/Seq Scan on park\b/);
    expect(plan).not.toMatch(/Seq Scan on park_industry/);
    expect(plan).toMatch(/park_industry_industry_code_idx|park_country_code_idx|park_pkey/);
    const listed = await t.get<{ items: Park[] }>(
      '/api/v1/parks?country=MY&industry=24',
      analyst.auth,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
    expect(listed.body.items.every((p) => p.countryCode === 'MY')).toBe(true);
  });
});
