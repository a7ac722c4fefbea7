import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { Client } from 'pg';
import { EXPORT_COLUMNS } from '../src/modules/projects/import/import-format';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';
import { waitFor } from './support/wait-for';

interface ImportResult {
  dryRun: boolean;
  rows: number;
  projectsCreated: number;
  projectsUpdated: number;
  projectsUnchanged: number;
  investorsCreated: number;
  projects: { row: number; id: string; ref: string; action: 'created' | 'updated' }[];
}

type Row = Record<string, string>;

/**
 * Bulk edits by CSV: an export names each project by ref and version, so the same file, edited
 * in a spreadsheet and imported, updates exactly the rows that changed, under PATCH's rules and
 * in one audited transaction.
 */
describe('bulk edit of projects by CSV (export, edit, import)', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerCN: TestUser;
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  const api = async <T = { id: string }>(
    user: TestUser,
    method: 'POST' | 'PUT' | 'PATCH',
    path: string,
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const response = await t.request<T>({
      method,
      url: `/api/v1/${path}`,
      headers: { ...user.auth, ...headers },
      payload,
    });
    expect([200, 201]).toContain(response.status);
    return response.body;
  };
  const send = (user: TestUser, csv: string, query = '', requestId?: string) =>
    t.request<ImportResult>({
      method: 'POST',
      url: `/api/v1/projects/import${query}`,
      headers: {
        ...user.auth,
        'content-type': 'text/csv',
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      payload: csv,
    });
  const exportRows = async (query = 'country=MY') => {
    const response = await t.get(`/api/v1/projects/export?${query}`, officerMY.auth);
    expect(response.status).toBe(200);
    return parse<Row>(response.text, { bom: true, columns: true });
  };
  const toCsv = (rows: readonly Row[]) =>
    stringify(rows as Row[], { header: true, columns: [...EXPORT_COLUMNS] });
  const changeRows = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit.change'))[0].n);
  const versions = async () =>
    Object.fromEntries(
      (
        await t.db.query<{ ref: string; version: number }>(
          'SELECT ref, version FROM registry.project ORDER BY ref',
        )
      ).map((r) => [r.ref, r.version]),
    );
  const project = (name: string) =>
    t
      .get<{
        title: string;
        version: number;
        jobsPlanned: number | null;
        description: string | null;
        parkCode: string;
        hostCountryCode: string;
        ref: string;
        sectors: { code: string; percentage: string }[];
        investors: { name: string; role: string; sharePct: string | null }[];
        sources: { url: string; title: string; accessedOn: string | null }[];
      }>(`/api/v1/projects/${ids[name]}`, admin.auth)
      .then((r) => r.body);
  const edit = (rows: Row[], ref: string, change: Row) =>
    rows.map((row) => (row.ref === ref ? { ...row, ...change } : row));

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officerMY, officerCN] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
    ]);
    const park = async (code: string, countryCode: string) =>
      (
        await api(admin, 'POST', 'parks', {
          code,
          name: code,
          countryCode,
          zoneType: 'industrial_park',
          status: 'operational',
        })
      ).id;
    ids.mckip = await park('MY-MCKIP', 'MY');
    ids.kuantan2 = await park('MY-KIP2', 'MY');
    ids.cmqip = await park('CN-CMQIP', 'CN');
    await api(admin, 'POST', 'pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia Two Countries Twin Parks',
      sides: [
        { countryCode: 'MY', parkIds: [ids.mckip] },
        { countryCode: 'CN', parkIds: [ids.cmqip] },
      ],
      status: 'active',
    });
    ids.pairing = (
      await t.db.query<{ id: string }>(`SELECT id FROM registry.pairing WHERE code = 'CN-MY-TCTP'`)
    )[0].id;
    ids.alliance = (
      await api(admin, 'POST', 'investors', {
        name: 'Alliance Steel (M) Sdn Bhd',
        countryCode: 'MY',
        type: 'private',
      })
    ).id;
    ids.beibu = (
      await api(admin, 'POST', 'investors', {
        name: 'Guangxi Beibu Gulf International Port Group',
        countryCode: 'CN',
        type: 'state_owned',
      })
    ).id;
    await api(admin, 'PUT', 'fx-rates/MYR/2014-01-01', { usdPerUnit: '0.25', source: 'test' });
    const create = async (name: string, user: TestUser, payload: Record<string, unknown>) => {
      const body = await api<{ id: string; ref: string }>(user, 'POST', 'projects', {
        type: 'greenfield',
        stage: 'signed',
        sectors: [{ code: '2410', percentage: 100 }],
        ...payload,
      });
      ids[name] = body.id;
      refs[name] = body.ref;
    };
    // Details an export writes and a careless round trip would lose or rewrite: a second source
    // with its accessed date, an investor without a share, text with surrounding whitespace.
    await create('steel', officerMY, {
      title: 'Integrated steel mill',
      parkId: ids.mckip,
      pairingId: ids.pairing,
      description: 'Blast furnace and rolling mill.\n',
      announcedOn: '2014-02-11',
      investment: { amount: '5600000000.00', currency: 'MYR' },
      jobsPlanned: 3500,
      investors: [
        { investorId: ids.alliance, role: 'lead', sharePct: 60 },
        { investorId: ids.beibu, role: 'partner' },
      ],
      sectors: [
        { code: '2410', percentage: 60 },
        { code: '2420', percentage: 40 },
      ],
      sources: [
        { url: 'https://example.org/steel', title: 'MIDA', accessedOn: '2025-01-01' },
        { url: 'https://example.org/steel-2', title: 'Press', accessedOn: '2025-02-01' },
      ],
    });
    await create('wheels', officerMY, {
      title: 'Aluminium alloy wheel plant',
      parkId: ids.mckip,
      announcedOn: '2019-03-01',
      investment: { amount: '1000000000.00', currency: 'MYR' },
      jobsPlanned: 1200,
      estimated: true,
    });
    await create('glass', officerMY, {
      title: 'Float glass line',
      parkId: ids.mckip,
      announcedOn: '2020-05-05',
      jobsPlanned: 400,
      note: '=formula-looking note',
    });
    await create('port', officerCN, {
      title: 'Qinzhou port logistics hub',
      parkId: ids.cmqip,
      announcedOn: '2015-01-01',
    });
  });
  afterAll(() => t.close());

  it('exports ref, version, host country, USD amount and rate date (CSV and XLSX with its About sheet)', async () => {
    const rows = await exportRows();
    expect(Object.keys(rows[0])).toEqual(EXPORT_COLUMNS);
    const steel = rows.find((row) => row.ref === refs.steel);
    expect(steel).toMatchObject({
      ref: 'MY-MCKIP-2014-0001',
      version: '1',
      hostCountryCode: 'MY',
      amountUsd: '1400000000.00',
      fxRateDate: '2014-01-01',
      investors:
        'Alliance Steel (M) Sdn Bhd|MY|lead|60|private;Guangxi Beibu Gulf International Port Group|CN|partner||state_owned',
      sourceUrl: 'https://example.org/steel',
    });
    expect(rows.find((row) => row.ref === refs.glass)).toMatchObject({
      amountUsd: '',
      fxRateDate: '',
    });

    const response = await t.get('/api/v1/projects/export?format=xlsx&country=MY', officerCN.auth);
    expect(response.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(
      response.rawPayload as unknown as Parameters<Workbook['xlsx']['load']>[0],
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Projects', 'About']);
    const sheet = workbook.getWorksheet('Projects')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS);
    const values = (sheet.getSheetValues().slice(2) as unknown[][]).map((row) =>
      Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row[i + 1]])),
    );
    expect(values.find((row) => row.ref === refs.steel)).toMatchObject({
      version: 1,
      hostCountryCode: 'MY',
      amountUsd: 1400000000,
      fxRateDate: '2014-01-01',
    });
    const about = new Map(
      (workbook.getWorksheet('About')!.getSheetValues().slice(2) as unknown[][]).map((row) => [
        row[1],
        row[2],
      ]),
    );
    expect(about.get('Report')).toBe('Investment projects');
    expect(about.get('Filters')).toBe('country=MY');
    expect(about.get('FX rule')).toEqual(expect.stringContaining('fxRateDate'));
    expect(about.get('Projects without a USD amount')).toBe(1);
  });

  it('re-imports an export unchanged without writing anything: no change rows, no version bump', async () => {
    const rows = await exportRows();
    const [changesBefore, versionsBefore] = [await changeRows(), await versions()];
    const dry = await send(officerMY, toCsv(rows), '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, projectsUpdated: 0, projectsUnchanged: 3 });
    const result = await send(officerMY, toCsv(rows), '', 'unchanged-1');
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      rows: 3,
      projectsCreated: 0,
      projectsUpdated: 0,
      projectsUnchanged: 3,
      investorsCreated: 0,
      projects: [],
    });
    expect(await changeRows()).toBe(changesBefore);
    expect(await versions()).toEqual(versionsBefore);
    const steel = await project('steel');
    expect(steel.sources).toHaveLength(2);
    expect(steel.sources[0].accessedOn).toBe('2025-01-01');
    expect(steel.description).toBe('Blast furnace and rolling mill.\n');
  });

  it('ignores the derived columns on the way in', async () => {
    const rows = edit(await exportRows(), refs.wheels, {
      hostCountryCode: 'CN',
      amountUsd: '1',
      fxRateDate: '1999-01-01',
    });
    const changesBefore = await changeRows();
    const result = await send(officerMY, toCsv(rows));
    expect(result.body).toMatchObject({ projectsUpdated: 0, projectsUnchanged: 3 });
    expect(await changeRows()).toBe(changesBefore);
    expect((await project('wheels')).hostCountryCode).toBe('MY');
  });

  it('updates exactly the edited projects, audited under the import request id; empty cells clear', async () => {
    let rows = await exportRows();
    rows = edit(rows, refs.steel, { title: 'Integrated steel mill (3.5 Mt/yr)' });
    rows = edit(rows, refs.wheels, { sectors: '2410:50;2930:50', jobsPlanned: '' });
    const versionsBefore = await versions();
    const dry = await send(officerMY, toCsv(rows), '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, projectsUpdated: 2, projectsUnchanged: 1 });
    expect(await versions()).toEqual(versionsBefore);

    const result = await send(officerMY, toCsv(rows), '', 'bulk-edit-1');
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      projectsCreated: 0,
      projectsUpdated: 2,
      projectsUnchanged: 1,
    });
    expect(result.body.projects.map((p) => [p.ref, p.action])).toEqual([
      [refs.steel, 'updated'],
      [refs.wheels, 'updated'],
    ]);
    expect(await versions()).toEqual({
      ...versionsBefore,
      [refs.steel]: versionsBefore[refs.steel] + 1,
      [refs.wheels]: versionsBefore[refs.wheels] + 1,
    });
    const [steel, wheels] = [await project('steel'), await project('wheels')];
    expect(steel.title).toBe('Integrated steel mill (3.5 Mt/yr)');
    expect(steel.ref).toBe(refs.steel);
    expect(steel.sources).toHaveLength(2);
    expect(wheels.jobsPlanned).toBeNull();
    expect(wheels.sectors.map((s) => `${s.code}:${s.percentage}`)).toEqual([
      '2410:50.00',
      '2930:50.00',
    ]);

    const changes = await t.get<{
      items: { table: string; entityId: string; changed: string[]; after: Row | null }[];
    }>('/api/v1/audit/changes?requestId=bulk-edit-1&limit=200', admin.auth);
    expect(changes.status).toBe(200);
    const projectChanges = changes.body.items.filter((c) => c.table === 'project');
    expect(projectChanges.map((c) => c.entityId).sort()).toEqual([ids.steel, ids.wheels].sort());
    expect(projectChanges.find((c) => c.entityId === ids.steel)?.changed).toContain('title');
    expect(
      changes.body.items
        .filter((c) => c.table === 'project_sector')
        .every((c) => c.after === null || c.after.projectId === ids.wheels),
    ).toBe(true);
    const transactions = await t.db.query<{ n: string }>(
      `SELECT count(DISTINCT tx_id) AS n FROM audit.change WHERE request_id = 'bulk-edit-1'`,
    );
    expect(Number(transactions[0].n)).toBe(1);
  });

  it('refuses a stale version with 422 naming the row and column, and writes nothing', async () => {
    const exported = await exportRows();
    // Someone edits the project after the export.
    const current = await project('glass');
    await api(
      officerMY,
      'PATCH',
      `projects/${ids.glass}`,
      { jobsActual: 12 },
      { 'if-match': `"${current.version}"` },
    );
    const rows = edit(edit(exported, refs.glass, { title: 'Float glass line 2' }), refs.steel, {
      title: 'Steel, renamed',
    });
    const changesBefore = await changeRows();
    const problem = expectProblem(await send(officerMY, toCsv(rows)), 422, 'IMPORT_INVALID');
    const line = rows.findIndex((row) => row.ref === refs.glass) + 2;
    expect(problem.errors).toEqual([
      {
        row: line,
        column: 'version',
        message: expect.stringContaining(`is at version ${current.version + 1} now`),
      },
    ]);
    expect(await changeRows()).toBe(changesBefore);
    expect((await project('steel')).title).toBe('Integrated steel mill (3.5 Mt/yr)');
  });

  it('refuses an unknown ref, a ref given twice and a version without a ref', async () => {
    const rows = await exportRows();
    const [first, second] = rows;
    const unknown = expectProblem(
      await send(officerMY, toCsv([{ ...first, ref: 'MY-MCKIP-1999-0042' }])),
      422,
      'IMPORT_INVALID',
    );
    expect(unknown.errors).toEqual([
      { row: 2, column: 'ref', message: 'no project with ref MY-MCKIP-1999-0042' },
    ]);
    const twice = expectProblem(
      await send(officerMY, toCsv([first, second, { ...first, title: 'Other' }])),
      422,
      'IMPORT_INVALID',
    );
    expect(twice.errors).toEqual([
      { row: 4, column: 'ref', message: `${first.ref} is also on line 2: a project takes one row` },
    ]);
    const orphan = expectProblem(
      await send(officerMY, toCsv([{ ...first, ref: '' }])),
      422,
      'IMPORT_INVALID',
    );
    expect(orphan.errors).toEqual([
      { row: 2, column: 'version', message: expect.stringContaining('goes with ref') },
    ]);
  });

  it('keeps country scope: an officer cannot update or move projects outside their country', async () => {
    const myRows = await exportRows();
    const steel = myRows.find((row) => row.ref === refs.steel)!;
    const foreign = expectProblem(
      await send(officerCN, toCsv([{ ...steel, title: 'Taken over' }])),
      422,
      'IMPORT_INVALID',
    );
    expect(foreign.errors).toEqual([
      { row: 2, column: 'ref', message: 'you may not edit projects hosted in MY' },
    ]);
    const move = expectProblem(
      await send(officerMY, toCsv([{ ...steel, parkCode: 'CN-CMQIP', pairingCode: '' }])),
      422,
      'IMPORT_INVALID',
    );
    expect(move.errors).toEqual([
      { row: 2, column: 'parkCode', message: 'you may not move a project to a park in CN' },
    ]);
    expect((await project('steel')).title).toBe('Integrated steel mill (3.5 Mt/yr)');
  });

  it('moves a project to another park as PATCH does: ref kept, pairing must contain the park', async () => {
    const steel = (await exportRows()).find((row) => row.ref === refs.steel)!;
    const outside = expectProblem(
      await send(officerMY, toCsv([{ ...steel, parkCode: 'MY-KIP2' }])),
      422,
      'IMPORT_INVALID',
    );
    expect(outside.errors).toEqual([
      {
        row: 2,
        column: 'pairingCode',
        message: 'pairing CN-MY-TCTP does not contain park MY-KIP2',
      },
    ]);
    const moved = await send(
      officerMY,
      toCsv([{ ...steel, parkCode: 'MY-KIP2', pairingCode: '' }]),
    );
    expect(moved.status).toBe(201);
    expect(moved.body.projectsUpdated).toBe(1);
    expect(await project('steel')).toMatchObject({
      ref: refs.steel,
      parkCode: 'MY-KIP2',
      hostCountryCode: 'MY',
    });
  });

  it('takes a mixed file: new rows are created and ref rows updated, under one request id', async () => {
    const rows = await exportRows();
    const wheels = rows.find((row) => row.ref === refs.wheels)!;
    const fresh: Row = {
      ...wheels,
      ref: '',
      version: '',
      title: 'Wheel plant, phase 2',
      announcedOn: '2021-04-01',
    };
    const result = await send(
      officerMY,
      toCsv([
        ...rows.filter((row) => row.ref !== refs.wheels),
        { ...wheels, stage: 'operational' },
        fresh,
      ]),
      '',
      'mixed-1',
    );
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      rows: 4,
      projectsCreated: 1,
      projectsUpdated: 1,
      projectsUnchanged: 2,
    });
    expect(result.body.projects.map((p) => [p.row, p.action])).toEqual([
      [4, 'updated'],
      [5, 'created'],
    ]);
    expect(result.body.projects[1].ref).toBe('MY-MCKIP-2021-0001');
    const tables = await t.db.query<{ table_name: string; ops: string[] }>(
      `SELECT table_name, array_agg(DISTINCT op ORDER BY op) AS ops FROM audit.change
       WHERE request_id = 'mixed-1' GROUP BY table_name ORDER BY table_name`,
    );
    expect(tables).toEqual([
      { table_name: 'project', ops: ['insert', 'update'] },
      { table_name: 'project_sector', ops: ['insert'] },
    ]);
  });

  it('refuses the whole file when a project changes between the checks and the write', async () => {
    const rows = edit(await exportRows(), refs.glass, { title: 'Float glass line, raced' });
    const glass = await project('glass');
    // Another writer holds the row and commits a new version while the import waits for it.
    const other = new Client({ connectionString: t.db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT set_config('app.actor', 'system:racing-editor', true)`);
      await other.query(
        `UPDATE registry.project SET jobs_actual = 99, version = version + 1 WHERE id = $1`,
        [ids.glass],
      );
      const pending = send(officerMY, toCsv(rows));
      const waiting = await waitFor(
        async () =>
          Number(
            (
              await t.db.query<{ n: string }>(
                `SELECT count(*) AS n FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF p%'`,
              )
            )[0].n,
          ),
        (n) => n > 0,
      );
      expect(waiting).toBe(1);
      await other.query('COMMIT');
      const problem = expectProblem(await pending, 422, 'IMPORT_INVALID');
      expect(problem.errors).toEqual([
        {
          row: rows.findIndex((row) => row.ref === refs.glass) + 2,
          column: 'version',
          message: expect.stringContaining('changed while the file was being imported'),
        },
      ]);
    } finally {
      await other.end();
    }
    const after = await project('glass');
    expect(after.title).toBe(glass.title);
    expect(after.version).toBe(glass.version + 1);
  });
});
