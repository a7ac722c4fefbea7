import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_COLUMNS } from '../src/modules/projects/import/import-format';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

const SAMPLE = readFileSync(join(__dirname, 'fixtures', 'projects-sample.csv'), 'utf8');
const HEADER = 'parkCode,title,type,stage,announcedOn,amount,currency,sectors,investors';

interface Result {
  dryRun: boolean;
  rows: number;
  projectsCreated: number;
  projectsUpdated: number;
  projectsUnchanged: number;
  investorsCreated: number;
  projects: { row: number; id: string; ref: string; action: string }[];
}

describe('project CSV import', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerCN: TestUser;

  const send = (user: TestUser, csv: string, query = '', headers: Record<string, string> = {}) =>
    t.request<Result>({
      method: 'POST',
      url: `/api/v1/projects/import${query}`,
      headers: { ...user.auth, 'content-type': 'text/csv', ...headers },
      payload: csv,
    });
  const count = async (sql: string) => Number((await t.db.query<{ n: string }>(sql))[0].n);
  const projects = () => count('SELECT count(*) AS n FROM registry.project');

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officerMY, officerCN] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
    ]);
    const create = async (path: string, payload: Record<string, unknown>) => {
      const response = await t.request<{ id: string }>({
        method: 'POST',
        url: `/api/v1/${path}`,
        headers: admin.auth,
        payload,
      });
      expect(response.status).toBe(201);
      return response.body.id;
    };
    const park = (code: string, countryCode: string) => ({
      code,
      name: code,
      countryCode,
      zoneType: 'industrial_park',
      status: 'operational',
    });
    const mckip = await create('parks', park('MY-MCKIP', 'MY'));
    const cmqip = await create('parks', park('CN-CMQIP', 'CN'));
    await create('pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia Two Countries Twin Parks',
      sides: [
        { countryCode: 'MY', parkIds: [mckip] },
        { countryCode: 'CN', parkIds: [cmqip] },
      ],
      status: 'active',
    });
    await create('investors', {
      name: 'Alliance Steel (M) Sdn Bhd',
      countryCode: 'MY',
      type: 'private',
    });
  });
  afterAll(() => t.close());

  it('checks the sample file in a dry run, says what it would do, and writes nothing', async () => {
    const dry = await send(officerMY, SAMPLE, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      rows: 2,
      projectsCreated: 2,
      projectsUpdated: 0,
      projectsUnchanged: 0,
      investorsCreated: 1,
      projects: [],
    });
    expect(await projects()).toBe(0);
  });

  it('refuses a file with one bad row: 422 with line, column and message, nothing written', async () => {
    const csv = [
      HEADER,
      'MY-MCKIP,Good row,greenfield,signed,2016-01-01,100.00,MYR,2410:100,',
      'MY-MCKIP,Bad sectors,greenfield,signed,2016-01-01,100.00,MYR,2410:60;2420:39.99,',
      'MY-NOPE,Bad park,greenfield,signed,2016-01-01,100.00,MYR,2410:100,',
      'MY-MCKIP,Unknown investor,greenfield,signed,2016-01-01,100.00,MYR,2410:100,Nobody Ltd|MY|lead',
    ].join('\n');
    const problem = expectProblem(await send(officerMY, csv), 422, 'IMPORT_INVALID');
    expect(problem.errors).toEqual([
      { row: 3, column: 'sectors', message: expect.stringContaining('99.99') },
    ]);
    // Rows that parse are then checked against the registry, all at once.
    const second = expectProblem(
      await send(officerMY, csv.replace('2420:39.99', '2420:40')),
      422,
      'IMPORT_INVALID',
    );
    expect(second.errors).toEqual([
      { row: 4, column: 'parkCode', message: 'no park with code MY-NOPE' },
      { row: 5, column: 'investors', message: expect.stringContaining('not registered') },
    ]);
    expect(await projects()).toBe(0);
  });

  it('refuses a bad header, rows of another country, and non-CSV bodies', async () => {
    const header = expectProblem(
      await send(officerMY, 'parkCode,title,colour\nMY-MCKIP,x,red'),
      422,
      'IMPORT_INVALID',
    );
    expect(header.errors?.map((e) => (e as unknown as { column: string }).column)).toEqual([
      'colour',
      'type',
      'stage',
      'sectors',
    ]);
    const scope = expectProblem(await send(officerCN, SAMPLE), 422, 'IMPORT_INVALID');
    expect(scope.errors?.[0]).toEqual({
      row: 2,
      column: 'parkCode',
      message: 'you may not log projects hosted in MY',
    });
    const json = await t.request({
      method: 'POST',
      url: '/api/v1/projects/import',
      headers: officerMY.auth,
      payload: { rows: [] },
    });
    expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await send(officerMY, `${HEADER}\n"unterminated,quote`), 422, 'IMPORT_INVALID');
  });

  it('imports the sample (text/csv), creating the unknown investor, refs in order, one request id', async () => {
    const imported = await send(officerMY, SAMPLE, '', { 'x-request-id': 'import-sample-1' });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      dryRun: false,
      rows: 2,
      projectsCreated: 2,
      investorsCreated: 1,
    });
    expect(imported.body.projects.map((p) => [p.row, p.ref])).toEqual([
      [2, 'MY-MCKIP-2014-0001'],
      [3, 'MY-MCKIP-2019-0001'],
    ]);
    const wheel = await t.get<{
      sectors: { code: string; percentage: string }[];
      investors: { name: string; role: string; sharePct: string }[];
      estimated: boolean;
      pairingId: string;
    }>(`/api/v1/projects/${imported.body.projects[1].id}`, officerCN.auth);
    expect(wheel.body.sectors.map((s) => `${s.code}:${s.percentage}`)).toEqual([
      '2410:60.00',
      '2930:40.00',
    ]);
    expect(wheel.body.investors.map((i) => `${i.name}:${i.role}:${i.sharePct}`)).toEqual([
      'Guangxi Beibu Gulf International Port Group:lead:60.00',
      'Alliance Steel (M) Sdn Bhd:partner:40.00',
    ]);
    expect(wheel.body.estimated).toBe(true);
    const actors = await t.db.query<{ request_id: string; tables: string[] }>(
      `SELECT request_id, array_agg(DISTINCT table_name ORDER BY table_name) AS tables FROM audit.change
       WHERE request_id = 'import-sample-1' GROUP BY request_id`,
    );
    expect(actors).toEqual([
      {
        request_id: 'import-sample-1',
        tables: ['investor', 'project', 'project_investor', 'project_sector'],
      },
    ]);
  });

  it('takes a multipart file upload too', async () => {
    const boundary = '----twinparks';
    const csv = `${HEADER}\nMY-MCKIP,Uploaded,expansion,pipeline,2020-05-05,,,10:100,`;
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="p.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await t.request<Result>({
      method: 'POST',
      url: '/api/v1/projects/import',
      headers: { ...officerMY.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(response.status).toBe(201);
    expect(response.body.projects[0].ref).toBe('MY-MCKIP-2020-0001');
  });

  it('imports 5,000 rows in one audited transaction', async () => {
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `MY-MCKIP,Bulk ${i},greenfield,signed,2021-01-01,${1000 + i}.50,MYR,2410:50;2420:50,Alliance Steel (M) Sdn Bhd|MY|lead`,
    );
    const before = await projects();
    const response = await send(officerMY, [HEADER, ...lines].join('\n'), '', {
      'x-request-id': 'bulk-5000',
    });
    expect(response.status).toBe(201);
    expect(response.body.projectsCreated).toBe(5000);
    expect(response.body.projects.at(-1)?.ref).toBe('MY-MCKIP-2021-5000');
    expect(await projects()).toBe(before + 5000);
    expect(
      await count(`SELECT count(*) AS n FROM audit.change WHERE request_id = 'bulk-5000'`),
    ).toBe(5000 * 4);
    expect(
      await count(
        `SELECT count(DISTINCT tx_id) AS n FROM audit.change WHERE request_id = 'bulk-5000'`,
      ),
    ).toBe(1);
  });

  it('exports ref, version and the import columns (streamed); re-imported, the export writes nothing, and without refs it makes copies', async () => {
    const formula = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/projects',
      headers: officerMY.auth,
      payload: {
        title: '=SUM(A1:A9)',
        parkId: (
          await t.db.query<{ id: string }>(`SELECT id FROM registry.park WHERE code = 'MY-MCKIP'`)
        )[0].id,
        sectors: [
          { code: '2410', percentage: 33.5 },
          { code: '2420', percentage: 66.5 },
        ],
        type: 'expansion',
        stage: 'pipeline',
        announcedOn: '2012-05-05',
      },
    });
    expect(formula.status).toBe(201);
    const exported = await t.get(
      '/api/v1/projects/export?country=MY&to=2019-12-31',
      officerCN.auth,
    );
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="projects-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const table = parse<Record<string, string>>(exported.text, { bom: true, columns: true });
    expect(Object.keys(table[0])).toEqual(EXPORT_COLUMNS);
    expect(table.map((row) => row.title)).toEqual([
      "'=SUM(A1:A9)",
      'Integrated steel mill (3.5 Mt/yr)',
      'Aluminium alloy wheel plant',
    ]);
    expect(table[2]).toMatchObject({
      ref: 'MY-MCKIP-2019-0001',
      version: '1',
      parkCode: 'MY-MCKIP',
      pairingCode: 'CN-MY-TCTP',
      amount: '1000000000.00',
      currency: 'MYR',
      estimated: 'true',
      sectors: '2410:60;2930:40',
      investors:
        'Guangxi Beibu Gulf International Port Group|CN|lead|60|state_owned;Alliance Steel (M) Sdn Bhd|MY|partner|40|private',
      hostCountryCode: 'MY',
      amountUsd: '',
      fxRateDate: '',
    });
    const changesBefore = await count('SELECT count(*) AS n FROM audit.change');
    const unchanged = await send(officerMY, exported.text);
    expect(unchanged.status).toBe(201);
    expect(unchanged.body).toMatchObject({
      projectsCreated: 0,
      projectsUpdated: 0,
      projectsUnchanged: 3,
      projects: [],
    });
    expect(await count('SELECT count(*) AS n FROM audit.change')).toBe(changesBefore);
    // Without ref and version, the same rows are new projects.
    const copies = stringify(
      table.map((row) => ({ ...row, ref: '', version: '' })),
      { header: true, columns: EXPORT_COLUMNS as string[] },
    );
    const again = await send(officerMY, copies);
    expect(again.status).toBe(201);
    expect(again.body.projectsCreated).toBe(3);
    expect(again.body.projects.every((p) => p.action === 'created')).toBe(true);
    const copy = await t.get<{ title: string; sectors: { code: string; percentage: string }[] }>(
      `/api/v1/projects/${again.body.projects[0].id}`,
      officerMY.auth,
    );
    expect(copy.body.title).toBe('=SUM(A1:A9)');
    expect(copy.body.sectors.map((s) => `${s.code}:${s.percentage}`)).toEqual([
      '2420:66.50',
      '2410:33.50',
    ]);
  });

  it('exports the same columns as XLSX, with amounts, jobs and versions as numbers, and an About sheet', async () => {
    const response = await t.get(
      '/api/v1/projects/export?format=xlsx&country=MY&to=2019-12-31',
      officerCN.auth,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(
      response.rawPayload as unknown as Parameters<Workbook['xlsx']['load']>[0],
    );
    const sheet = workbook.getWorksheet('Projects');
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS);
    const rows = (sheet?.getSheetValues() ?? []).slice(2) as unknown[][];
    const header = EXPORT_COLUMNS;
    const cell = (row: unknown[], column: string) => row[header.indexOf(column) + 1];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const wheel = rows.find((row) => cell(row, 'title') === 'Aluminium alloy wheel plant');
    expect(wheel && cell(wheel, 'amount')).toBe(1000000000);
    expect(wheel && cell(wheel, 'jobsPlanned')).toBe(1200);
    expect(wheel && cell(wheel, 'sectors')).toBe('2410:60;2930:40');
    expect(wheel && cell(wheel, 'ref')).toBe('MY-MCKIP-2019-0001');
    expect(wheel && cell(wheel, 'version')).toBe(1);
    const about = workbook.getWorksheet('About');
    const lines = new Map(
      ((about?.getSheetValues() ?? []).slice(2) as unknown[][]).map((row) => [row[1], row[2]]),
    );
    expect(lines.get('Filters')).toBe('country=MY, to=2019-12-31');
    expect(lines.get('Generated at (UTC)')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(lines.get('FX rule')).toContain('latest rate');
    // No MYR rate is registered in this file's database.
    expect(lines.get('Projects without a USD amount')).toBe(rows.length);
  });
});

describe('project CSV import limits', () => {
  let t: TestApp;
  let officer: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { IMPORT_MAX_BYTES: '2048', IMPORT_MAX_ROWS: '3' } });
    officer = await t.signIn('officer', 'MY');
  });
  afterAll(() => t.close());

  const send = (csv: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/projects/import',
      headers: { ...officer.auth, 'content-type': 'text/csv' },
      payload: csv,
    });

  it('answers 413 over the byte or row limit', async () => {
    const row = 'MY-MCKIP,Row,greenfield,signed,2021-01-01,1.00,MYR,2410:100,';
    expectProblem(await send([HEADER, row, row, row, row].join('\n')), 413, 'IMPORT_TOO_LARGE');
    expectProblem(await send([HEADER, ...Array(60).fill(row)].join('\n')), 413, 'IMPORT_TOO_LARGE');
  });
});
