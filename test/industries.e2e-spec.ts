import { startTestApp, type TestApp, withHeaders } from './harness/test-app';
import { collectPages } from './support/pages';
import { expectProblem } from './support/problem';

interface Industry {
  code: string;
  level: string;
  title: string;
  section: string;
  parentCode: string | null;
}

describe('industries (ISIC Rev.4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    const app = await startTestApp();
    t = withHeaders(app, (await app.signIn('analyst')).auth);
  });
  afterAll(() => t.close());

  it.each([
    ['section', 21],
    ['division', 88],
    ['group', 238],
    ['class', 419],
  ])('has every %s (%i)', async (level, count) => {
    const { items } = await collectPages<Industry>(
      t,
      `/api/v1/industries?level=${level}&limit=200`,
    );
    expect(items).toHaveLength(count);
    expect(items.every((i) => i.level === level)).toBe(true);
  });

  it('lists all 766 entries in tree order by default', async () => {
    const { items } = await collectPages<Industry>(t, '/api/v1/industries?limit=200');
    expect(items).toHaveLength(766);
    expect(items.slice(0, 4).map((i) => i.code)).toEqual(['A', '01', '011', '0111']);
    expect(items.at(-1)?.code).toBe('9900');
  });

  it('reads an entry with its ancestors and children', async () => {
    const response = await t.get<Industry & { ancestors: Industry[]; children: Industry[] }>(
      '/api/v1/industries/261',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      code: '261',
      level: 'group',
      section: 'C',
      parentCode: '26',
    });
    expect(response.body.ancestors.map((a) => a.code)).toEqual(['C', '26']);
    expect(response.body.children.map((c) => c.code)).toEqual(['2610']);
  });

  it('reads a section in any case, with its divisions as children', async () => {
    const response = await t.get<{ code: string; ancestors: unknown[]; children: Industry[] }>(
      '/api/v1/industries/c',
    );
    expect(response.body.code).toBe('C');
    expect(response.body.ancestors).toEqual([]);
    expect(response.body.children).toHaveLength(24);
    expect(response.body.children[0]).toMatchObject({ code: '10', level: 'division' });
  });

  it('filters by parent and by text', async () => {
    const groups = await t.get<{ items: Industry[] }>('/api/v1/industries?parent=24');
    expect(groups.body.items.map((i) => i.code)).toEqual(['241', '242', '243']);
    const steel = await t.get<{ items: Industry[] }>('/api/v1/industries?q=IRON%20AND%20STEEL');
    expect(steel.body.items.map((i) => i.code)).toEqual(expect.arrayContaining(['2410', '2431']));
    const sorted = await collectPages<Industry>(
      t,
      '/api/v1/industries?level=section&sort=title&limit=5',
    );
    const titles = sorted.items.map((i) => i.title);
    expect(titles).toEqual([...titles].sort());
  });

  it('gives 404 for an unknown code and 400 for malformed input', async () => {
    expectProblem(await t.get('/api/v1/industries/9999'), 404, 'INDUSTRY_NOT_FOUND');
    expectProblem(await t.get('/api/v1/industries/04'), 404, 'INDUSTRY_NOT_FOUND');
    expectProblem(await t.get('/api/v1/industries/12345'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.get('/api/v1/industries?level=subclass'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.get('/api/v1/industries?parent=xyz'), 400, 'VALIDATION_FAILED');
  });
});
