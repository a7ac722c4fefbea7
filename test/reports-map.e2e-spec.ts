import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XMLValidator } from 'fast-xml-parser';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface MapReport {
  meta: { filters: Record<string, string>; projectsWithoutUsd: number };
  parks: {
    parkId: string;
    code: string;
    countryCode: string;
    location: { lon: number; lat: number; exactness: string | null } | null;
    projects: number;
    investmentUsd: string;
    projectsUrl: string;
  }[];
  countries: { countryCode: string; parks: number; projects: number; investmentUsd: string }[];
  pairings: {
    code: string;
    reviewState: string;
    links: { fromParkId: string; toParkId: string }[];
  }[];
  otherParks: { code: string; investmentUsd: string }[];
}

describe('reports: investment by host park and country, as data and as a map', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;
  const ids: Record<string, string> = {};

  const create = async (what: string, payload: Record<string, unknown>) => {
    const response = await t.request<{ id: string }>({
      method: 'POST',
      url: `/api/v1/${what}`,
      headers: admin.auth,
      payload,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const park = (code: string, countryCode: string, lon: number | null, lat: number | null) =>
    create('parks', {
      code,
      name: `${code} park`,
      countryCode,
      zoneType: 'industrial_park',
      location:
        lon === null || lat === null
          ? null
          : { lon, lat, exactness: 'approximate', precision: 'city' },
    });
  const project = (title: string, parkId: string, amount: string | null) =>
    create('projects', {
      title,
      parkId,
      sectors: [{ code: '2410', percentage: 100 }],
      type: 'greenfield',
      stage: 'operational',
      ...(amount ? { investment: { amount, currency: 'USD' } } : {}),
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, analyst] = await Promise.all([t.signIn('admin'), t.signIn('analyst')]);
    ids.qinzhou = await park('CN-CMQIP', 'CN', 108.651, 21.982);
    ids.kuantan = await park('MY-MCKIP', 'MY', 103.326, 3.808);
    ids.logistics = await park('MY-MCKILP', 'MY', null, null);
    ids.batang = await park('ID-BATANG', 'ID', 110.708, -6.485);
    ids.pairing = await create('pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia Two Countries Twin Parks',
      sides: [
        { countryCode: 'MY', parkIds: [ids.kuantan, ids.logistics] },
        { countryCode: 'CN', parkIds: [ids.qinzhou] },
      ],
      status: 'active',
    });
    await project('Steel mill', ids.kuantan, '1400000000.10');
    await project('Refinery', ids.kuantan, '200000000.25');
    await project('Warehouses', ids.logistics, '30000000.00');
    await project('Port', ids.batang, '500000000.00');
    await project('Study', ids.batang, null);
  });
  afterAll(() => t.close());

  it('totals each host park and country exactly, with the pairings between them', async () => {
    const response = await t.get<MapReport>('/api/v1/reports/map', analyst.auth);
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report.parks.map((p) => [p.code, p.projects, p.investmentUsd])).toEqual([
      ['MY-MCKIP', 2, '1600000000.35'],
      ['ID-BATANG', 2, '500000000.00'],
      ['MY-MCKILP', 1, '30000000.00'],
    ]);
    expect(report.parks[0].location).toEqual({
      lon: 103.326,
      lat: 3.808,
      exactness: 'approximate',
      precision: 'city',
    });
    expect(report.parks[2].location).toBeNull();
    expect(report.countries).toEqual([
      { countryCode: 'MY', parks: 2, projects: 3, investmentUsd: '1630000000.35', jobsPlanned: 0 },
      { countryCode: 'ID', parks: 1, projects: 2, investmentUsd: '500000000.00', jobsPlanned: 0 },
    ]);
    expect(report.meta.projectsWithoutUsd).toBe(1);
    // Qinzhou hosts nothing, but is the other end of the pairing's arcs.
    expect(report.pairings).toEqual([
      expect.objectContaining({
        code: 'CN-MY-TCTP',
        reviewState: 'draft',
        links: [
          { fromParkId: ids.qinzhou, toParkId: ids.kuantan },
          { fromParkId: ids.qinzhou, toParkId: ids.logistics },
        ].sort((a, b) => a.toParkId.localeCompare(b.toParkId)),
      }),
    ]);
    expect(report.otherParks.map((p) => [p.code, p.investmentUsd])).toEqual([['CN-CMQIP', '0.00']]);
    const behind = await t.get<{ items: unknown[] }>(report.parks[0].projectsUrl, analyst.auth);
    expect(behind.body.items).toHaveLength(2);
  });

  it('takes the report filters, and refuses a bad one naming it', async () => {
    const my = await t.get<MapReport>('/api/v1/reports/map?country=ID', analyst.auth);
    expect(my.body.parks.map((p) => p.code)).toEqual(['ID-BATANG']);
    expect(my.body.pairings).toEqual([]);
    expect(my.body.meta.filters).toEqual({ country: 'ID' });
    expectProblem(
      await t.get('/api/v1/reports/map?country=Malaysia', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await t.get('/api/v1/reports/map?format=pdf', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('downloads the map as SVG naming every drawn park and arc, and the rows as CSV and XLSX', async () => {
    const svg = await t.get<string>('/api/v1/reports/map?format=svg', analyst.auth);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toMatch(/map-report.*\.svg/);
    const text = svg.text;
    expect(XMLValidator.validate(text)).toBe(true);
    for (const code of ['MY-MCKIP', 'ID-BATANG', 'CN-CMQIP'])
      expect(text).toContain(`>${code}</text>`);
    expect(text).toContain('CN-MY-TCTP');
    expect(text).toMatch(/1 park\(s\) without a location are listed in the table, not drawn/);
    expect(text).toContain('MY: USD 1.63bn in 3 project(s)');
    // A downloaded file has no links into the console.
    expect(text).not.toContain('<a href=');

    const csv = await t.get<string>('/api/v1/reports/map?format=csv', analyst.auth);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'parkCode,parkName,country,lon,lat,exactness,precision,projects,investmentUsd,jobsPlanned',
    );
    expect(lines[1]).toBe(
      'MY-MCKIP,MY-MCKIP park,MY,103.326,3.808,approximate,city,2,1600000000.35,0',
    );

    const xlsx = await t.request({
      method: 'GET',
      url: '/api/v1/reports/map?format=xlsx',
      headers: analyst.auth,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Host parks');
    expect(sheet?.getRow(2).values).toEqual(
      expect.arrayContaining(['MY-MCKIP', 103.326, 3.808, 2, 1600000000.35]),
    );
  });
});

describe('maps on a deployment base map (BASEMAP_FILE)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'basemap-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('draws the approved file, lines included, and refuses to start on a bad one', async () => {
    const approved = join(dir, 'approved.geojson');
    await writeFile(
      approved,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'land' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [95, -10],
                  [140, -10],
                  [140, 25],
                  [95, 25],
                  [95, -10],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: { name: 'an approved line' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [100, 0],
                [120, 10],
              ],
            },
          },
        ],
      }),
    );
    const t = await startTestApp({ env: { BASEMAP_FILE: approved } });
    try {
      const analyst = await t.signIn('analyst');
      const svg = await t.get('/api/v1/reports/map?format=svg', analyst.auth);
      expect(svg.status).toBe(200);
      expect(svg.text).toContain('<path class="line" d="M');
      expect(svg.text).toContain('Base map: this deployment’s own');
    } finally {
      await t.close();
    }
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ hello: 'world' }));
    await expect(startTestApp({ env: { BASEMAP_FILE: bad } })).rejects.toThrow(
      /BASEMAP_FILE .*bad\.json: the base map must be GeoJSON or TopoJSON/,
    );
  });
});
