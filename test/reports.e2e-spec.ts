import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

/** exceljs types its input with an older Buffer type than @types/node's. */
const asXlsxInput = (bytes: Buffer) => bytes as unknown as Parameters<Workbook['xlsx']['load']>[0];

interface SectorReport {
  meta: {
    level: string;
    filters: Record<string, string>;
    fxRule: string;
    projectsWithoutUsd: number;
    generatedAt: string;
  };
  rows: {
    code: string;
    title: string;
    projects: number;
    investmentUsd: string;
    jobsPlanned: number;
    jobsActual: number;
    share: number;
    projectsUrl: string;
  }[];
  totals: { projects: number; investmentUsd: string; jobsPlanned: number; jobsActual: number };
}

describe('reports: sectors', () => {
  let t: TestApp;
  let admin: TestUser;
  let reviewer: TestUser;

  const report = async (query: string) => {
    const response = await t.get<SectorReport>(`/api/v1/reports/sectors?${query}`, reviewer.auth);
    expect(response.status).toBe(200);
    return response.body;
  };
  const rows = (r: SectorReport) =>
    r.rows.map((row) => [row.code, row.projects, row.investmentUsd, row.jobsPlanned]);

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, reviewer] = await Promise.all([t.signIn('admin'), t.signIn('reviewer', 'MY')]);
    const post = async (
      path: string,
      payload: Record<string, unknown>,
      method: 'POST' | 'PUT' = 'POST',
    ) => {
      const response = await t.request<{ id: string }>({
        method,
        url: `/api/v1/${path}`,
        headers: admin.auth,
        payload,
      });
      expect([200, 201]).toContain(response.status);
      return response.body.id;
    };
    const park = (code: string, countryCode: string) => ({
      code,
      name: code,
      countryCode,
      zoneType: 'sez',
      status: 'operational',
    });
    const my = await post('parks', park('MY-MCKIP', 'MY'));
    const cn = await post('parks', park('CN-CMQIP', 'CN'));
    await post('fx-rates/MYR/2014-01-01', { usdPerUnit: '0.25', source: 'test' }, 'PUT');
    const cnInvestor = await post('investors', {
      name: 'Beibu Gulf Port Group',
      countryCode: 'CN',
      type: 'state_owned',
    });
    const myInvestor = await post('investors', {
      name: 'Alliance Steel',
      countryCode: 'MY',
      type: 'private',
    });
    await post('pairings', {
      code: 'CN-MY-TCTP',
      name: "=cmd|' /C calc'!A0",
      sides: [
        { countryCode: 'MY', parkIds: [my] },
        { countryCode: 'CN', parkIds: [cn] },
      ],
      status: 'active',
    });
    const project = (
      parkId: string,
      sectors: unknown[],
      amount: string,
      currency: string,
      jobsPlanned: number,
      investors: unknown[],
    ) => ({
      title: `Project ${amount}`,
      parkId,
      sectors,
      type: 'greenfield',
      stage: 'operational',
      announcedOn: '2015-01-01',
      investment: { amount, currency },
      jobsPlanned,
      investors,
    });
    // Split 60/40 across two classes of division 24, and 60/40 between a CN and a MY investor.
    await post(
      'projects',
      project(
        my,
        [
          { code: '2410', percentage: 60 },
          { code: '2420', percentage: 40 },
        ],
        '1000000.00',
        'MYR',
        100,
        [
          { investorId: cnInvestor, role: 'lead', sharePct: 60 },
          { investorId: myInvestor, role: 'partner', sharePct: 40 },
        ],
      ),
    );
    await post(
      'projects',
      project(my, [{ code: '4930', percentage: 100 }], '400000.00', 'USD', 50, [
        { investorId: myInvestor, role: 'lead' },
      ]),
    );
    // No CNY rate: counts in projects and jobs, not in USD.
    await post(
      'projects',
      project(cn, [{ code: '2410', percentage: 100 }], '9000000.00', 'CNY', 30, [
        { investorId: cnInvestor, role: 'lead' },
      ]),
    );
  });
  afterAll(() => t.close());

  it('totals USD and jobs by section, split by sector percentages, largest first', async () => {
    const r = await report('level=section');
    expect(rows(r)).toEqual([
      ['H', 1, '400000.00', 50],
      ['C', 2, '250000.00', 130],
    ]);
    expect(r.rows.map((row) => row.share)).toEqual([0.6154, 0.3846]);
    expect(r.totals).toEqual({
      projects: 3,
      investmentUsd: '650000.00',
      jobsPlanned: 180,
      jobsActual: 0,
    });
    expect(r.meta).toMatchObject({
      level: 'section',
      filters: {},
      projectsWithoutUsd: 1,
      fxRule: expect.stringContaining('latest rate'),
    });
    expect(r.rows[1].title).toBe('Manufacturing');
  });

  it('goes down to classes, where the 60/40 split shows', async () => {
    expect(rows(await report('level=class'))).toEqual([
      ['4930', 1, '400000.00', 50],
      ['2410', 2, '150000.00', 90],
      ['2420', 1, '100000.00', 40],
    ]);
    expect(rows(await report('level=division'))).toEqual([
      ['49', 1, '400000.00', 50],
      ['24', 2, '250000.00', 130],
    ]);
  });

  it('filters, and links each number to the project list behind it', async () => {
    const r = await report('level=section&country=my');
    expect(rows(r)).toEqual([
      ['H', 1, '400000.00', 50],
      ['C', 1, '250000.00', 100],
    ]);
    expect(r.meta.filters).toEqual({ country: 'MY' });
    expect(r.meta.projectsWithoutUsd).toBe(0);
    expect(r.rows[1].projectsUrl).toBe('/api/v1/projects?industry=C&country=MY');
    const behind = await t.get<{ items: { title: string }[] }>(
      r.rows[1].projectsUrl,
      reviewer.auth,
    );
    expect(behind.body.items.map((p) => p.title)).toEqual(['Project 1000000.00']);
    expect(rows(await report('from=2016-01-01'))).toEqual([]);
    expectProblem(
      await t.get('/api/v1/reports/sectors?level=sector', reviewer.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('downloads CSV that parses back to the same numbers', async () => {
    const response = await t.get('/api/v1/reports/sectors?level=class&format=csv', reviewer.auth);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="sector-report-class-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.text.startsWith('\uFEFFcode,title,projects,investmentUsd')).toBe(true);
    const table = parse<Record<string, string>>(response.text, { bom: true, columns: true });
    expect(
      table.map((row) => [
        row.code,
        Number(row.projects),
        Number(row.investmentUsd),
        Number(row.jobsPlanned),
      ]),
    ).toEqual([
      ['4930', 1, 400000, 50],
      ['2410', 2, 150000, 90],
      ['2420', 1, 100000, 40],
      ['TOTAL', 3, 650000, 180],
    ]);
  });

  it('reports pairings per side: parks, projects, USD, jobs, top sections; CSV neutralises formulas', async () => {
    const response = await t.get<{
      rows: { code: string; sides: unknown[]; investmentUsd: string; projects: number }[];
    }>('/api/v1/reports/pairings', reviewer.auth);
    expect(response.status).toBe(200);
    const [pairing] = response.body.rows;
    expect(pairing).toMatchObject({ code: 'CN-MY-TCTP', projects: 3, investmentUsd: '650000.00' });
    expect(pairing.sides).toEqual([
      {
        countryCode: 'CN',
        parks: 1,
        projects: 1,
        investmentUsd: '0.00',
        jobsPlanned: 30,
        jobsActual: 0,
        topSectors: [{ code: 'C', title: 'Manufacturing', investmentUsd: '0.00' }],
      },
      {
        countryCode: 'MY',
        parks: 1,
        projects: 2,
        investmentUsd: '650000.00',
        jobsPlanned: 150,
        jobsActual: 0,
        topSectors: [
          { code: 'H', title: expect.any(String), investmentUsd: '400000.00' },
          { code: 'C', title: 'Manufacturing', investmentUsd: '250000.00' },
        ],
      },
    ]);
    const csv = await t.get('/api/v1/reports/pairings?format=csv', reviewer.auth);
    const table = parse<Record<string, string>>(csv.text, { bom: true, columns: true });
    expect(table.map((r) => [r.pairingName, r.side, Number(r.investmentUsd)])).toEqual([
      ["'=cmd|' /C calc'!A0", 'CN', 0],
      ["'=cmd|' /C calc'!A0", 'MY', 650000],
    ]);
  });

  it('reports host country by investor country (split by shares) and totals by year', async () => {
    const response = await t.get<{
      rows: {
        hostCountryCode: string;
        investorCountryCode: string | null;
        projects: number;
        investmentUsd: string;
        projectsUrl: string;
      }[];
      years: unknown[];
    }>('/api/v1/reports/countries', reviewer.auth);
    expect(
      response.body.rows.map((r) => [
        r.hostCountryCode,
        r.investorCountryCode,
        r.projects,
        r.investmentUsd,
      ]),
    ).toEqual([
      ['CN', 'CN', 1, '0.00'],
      ['MY', 'MY', 2, '500000.00'],
      ['MY', 'CN', 1, '150000.00'],
    ]);
    expect(response.body.rows[2].projectsUrl).toBe(
      '/api/v1/projects?country=MY&investorCountry=CN',
    );
    expect(response.body.years).toEqual([
      {
        year: 2015,
        projects: 3,
        investmentUsd: '650000.00',
        jobsPlanned: 180,
        projectsWithoutUsd: 1,
      },
    ]);
    const csv = await t.get('/api/v1/reports/countries?format=csv&country=MY', reviewer.auth);
    expect(csv.headers['content-disposition']).toMatch(/country-report-/);
    const table = parse<Record<string, string>>(csv.text, { bom: true, columns: true });
    expect(table.map((r) => [r.hostCountry, r.investorCountry, Number(r.investmentUsd)])).toEqual([
      ['MY', 'MY', 500000],
      ['MY', 'CN', 150000],
    ]);
  });

  it('downloads XLSX with typed numbers, a frozen header and an About sheet', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/v1/reports/sectors?level=class&format=xlsx&country=MY',
      headers: reviewer.auth,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /sector-report-class-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(asXlsxInput(response.rawPayload));
    const data = workbook.getWorksheet('Sectors (class)');
    expect(data?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data?.getRow(1).font?.bold).toBe(true);
    const values = [2, 3, 4, 5].map((n) => (data?.getRow(n).values as unknown[]).slice(1, 5));
    expect(values).toEqual([
      ['4930', expect.any(String), 1, 400000],
      ['2410', 'Manufacture of basic iron and steel', 1, 150000],
      ['2420', expect.any(String), 1, 100000],
      ['TOTAL', 'All sectors', 2, 650000],
    ]);
    const about = workbook.getWorksheet('About');
    const lines = new Map(
      (about?.getSheetValues() ?? [])
        .filter(Boolean)
        .map((row) => [(row as unknown[])[1], (row as unknown[])[2]]),
    );
    expect(lines.get('Filters')).toBe('country=MY');
    expect(String(lines.get('FX rule'))).toMatch(/latest rate/);
    expect(lines.get('Projects without a USD amount')).toBe(0);
    for (const path of ['pairings', 'countries']) {
      const other = await t.request({
        method: 'GET',
        url: `/api/v1/reports/${path}?format=xlsx`,
        headers: reviewer.auth,
      });
      expect(other.status).toBe(200);
      const book = new Workbook();
      await book.xlsx.load(asXlsxInput(other.rawPayload));
      expect(book.worksheets.map((w) => w.name)).toEqual([
        path === 'pairings' ? 'Pairings' : 'Countries',
        'About',
      ]);
    }
  });

  it('draws each report as a standalone SVG chart naming its sectors, sides or countries', async () => {
    const sectors = await t.get('/api/v1/reports/sectors?level=section&format=svg', reviewer.auth);
    expect(sectors.status).toBe(200);
    expect(sectors.headers['content-type']).toBe('image/svg+xml');
    expect(sectors.headers['content-disposition']).toMatch(
      /sector-report-section-\d{4}-\d{2}-\d{2}\.svg"$/,
    );
    const svg = sectors.rawPayload.toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // Well-formed: every element closes, in order (a tag-stack walk over the markup).
    const stack: string[] = [];
    for (const [, closing, name, , selfClosing] of svg.matchAll(
      /<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>/g,
    )) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name);
    }
    expect(stack).toEqual([]);
    for (const text of [
      'C Manufacturing',
      'Investment (USD)',
      'in US dollars',
      'Source: Twin-park investment registry',
    ]) {
      expect(svg).toContain(text);
    }
    const pairings = (
      await t.get('/api/v1/reports/pairings?format=svg', reviewer.auth)
    ).rawPayload.toString('utf8');
    expect(pairings).toContain('CN-MY-TCTP · MY');
    const countries = (
      await t.get('/api/v1/reports/countries?format=svg', reviewer.auth)
    ).rawPayload.toString('utf8');
    expect(countries).toContain('Investor home country');
  });
});
