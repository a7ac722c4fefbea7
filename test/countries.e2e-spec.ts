import { startTestApp, type TestApp, withHeaders } from './harness/test-app';
import { collectPages } from './support/pages';
import { expectProblem } from './support/problem';

interface Country {
  code: string;
  alpha3: string;
  numeric: string;
  name: string;
  nameZh: string | null;
  currencyCode: string | null;
  aseanMember: boolean;
  aseanMemberSince: string | null;
  twinParksPartner: boolean;
}

describe('countries', () => {
  let t: TestApp;
  beforeAll(async () => {
    const app = await startTestApp();
    t = withHeaders(app, (await app.signIn('analyst')).auth);
  });
  afterAll(() => t.close());

  it('holds every ISO 3166-1 country, walked page by page with no repeats', async () => {
    const { items, pages } = await collectPages<Country>(t, '/api/v1/countries?limit=100');
    expect(items).toHaveLength(249);
    expect(pages).toBe(3);
    expect(new Set(items.map((c) => c.code)).size).toBe(249);
    expect(items.map((c) => c.code)).toEqual([...items.map((c) => c.code)].sort());
  });

  it('filters the 11 ASEAN members, Timor-Leste included since 2025-10-26', async () => {
    const response = await t.get<{ items: Country[]; nextCursor: null }>(
      '/api/v1/countries?asean=true',
    );
    expect(response.status).toBe(200);
    expect(response.body.items.map((c) => c.code).sort()).toEqual(
      ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'TL', 'VN'].sort(),
    );
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.find((c) => c.code === 'TL')).toMatchObject({
      aseanMember: true,
      aseanMemberSince: '2025-10-26',
      currencyCode: 'USD',
    });
    const nonMembers = await collectPages<Country>(t, '/api/v1/countries?asean=false&limit=200');
    expect(nonMembers.items).toHaveLength(238);
    expect(nonMembers.items.every((c) => !c.aseanMember)).toBe(true);
  });

  it('flags China as the twin-parks partner, not a member', async () => {
    const response = await t.get<Country>('/api/v1/countries/CN');
    expect(response.body).toMatchObject({
      code: 'CN',
      alpha3: 'CHN',
      numeric: '156',
      currencyCode: 'CNY',
      aseanMember: false,
      aseanMemberSince: null,
      twinParksPartner: true,
    });
  });

  it('reads a country by code in any case', async () => {
    const response = await t.get<Country>('/api/v1/countries/vn');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      code: 'VN',
      name: 'Viet Nam',
      numeric: '704',
      currencyCode: 'VND',
      nameZh: '越南',
    });
  });

  it('gives 404 for an unknown code and 400 for a malformed one', async () => {
    expectProblem(await t.get('/api/v1/countries/ZZ'), 404, 'COUNTRY_NOT_FOUND');
    const bad = expectProblem(await t.get('/api/v1/countries/MYS'), 400, 'VALIDATION_FAILED');
    expect(bad.errors?.[0]?.path).toBe('code');
  });

  it('searches names case- and accent-insensitively, in English and Chinese, and by code', async () => {
    const codes = async (q: string) =>
      (
        await t.get<{ items: Country[] }>(`/api/v1/countries?q=${encodeURIComponent(q)}`)
      ).body.items.map((c) => c.code);
    expect(await codes('viet')).toContain('VN');
    expect(await codes('CÔTE')).toContain('CI');
    expect(await codes('马来西亚')).toEqual(['MY']);
    expect(await codes('mys')).toEqual(['MY']);
    expect(await codes('100%_')).toEqual([]);
  });

  it('sorts by name descending from the allowlist and keeps the sort across pages', async () => {
    const { items } = await collectPages<Country>(
      t,
      '/api/v1/countries?asean=true&sort=-name&limit=4',
    );
    const names = items.map((c) => c.name);
    expect(names).toHaveLength(11);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('refuses bad list parameters with the field named', async () => {
    for (const [query, path] of [
      ['asean=yes', 'asean'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['sort=population', 'sort'],
      ['cursor=not-a-cursor', 'cursor'],
      ['region=asia', 'region'],
    ] as const) {
      const problem = expectProblem(
        await t.get(`/api/v1/countries?${query}`),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('refuses a cursor issued for another sort', async () => {
    const first = await t.get<{ nextCursor: string }>('/api/v1/countries?sort=name&limit=5');
    const problem = expectProblem(
      await t.get(`/api/v1/countries?sort=code&limit=5&cursor=${first.body.nextCursor}`),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors?.[0]).toMatchObject({ path: 'cursor' });
  });
});
