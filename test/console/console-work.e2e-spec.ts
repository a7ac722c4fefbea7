import { DemoSeedService } from '../../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp } from '../harness/test-app';
import { consoleAs, ConsoleClient, csrfTokenOf, idsByCode } from '../support/console-client';

/** Console forms that write: projects, CSV import; and reports, audit and users pages. */
describe('web console work pages', () => {
  let t: TestApp;
  let parkIds: Record<string, string>;

  async function upload(browser: ConsoleClient, csv: string, dryRun: boolean) {
    const page = await browser.get('/projects/import');
    const boundary = '----console-test';
    const parts = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfTokenOf(page.text)}\r\n`,
      ...(dryRun
        ? [`--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n`]
        : []),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="projects.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
      `--${boundary}--\r\n`,
    ];
    return t.request<string>({
      method: 'POST',
      url: '/projects/import',
      payload: parts.join(''),
      headers: {
        accept: 'text/html',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: ['tpr_session', 'tpr_csrf'].map((n) => `${n}=${browser.cookie(n)}`).join('; '),
      },
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeedService).seed();
    parkIds = await idsByCode(t, '/parks');
  });
  afterAll(() => t.close());

  it('logs a project with sector shares and shows its ref and USD amount', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const form = await officer.get('/projects/new');
    expect(form.status).toBe(200);
    // Parks are searched as the officer types (their country's only: console-pickers tests).
    expect(form.text).toContain('data-picker="/suggestions/parks"');
    const created = await officer.post(
      '/projects/new',
      {
        title: 'Console test: aluminium smelter',
        parkId: parkIds['MY-MCKIP'],
        type: 'greenfield',
        stage: 'signed',
        announcedOn: '2024-06-01',
        'investment.amount': '1000000',
        'investment.currency': 'USD',
        'sectors[0].code': '2420',
        'sectors[0].percentage': '60',
        'sectors[1].code': '2592',
        'sectors[1].percentage': '40',
        reason: 'Signed at the 2024 investment forum',
      },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(created.status).toBe(303);
    const detail = await officer.get(String(created.headers.location));
    expect(detail.text).toMatch(/MY-MCKIP-2024-\d{4}/);
    expect(detail.text).toContain('USD\u00a01,000,000.00');
    expect(detail.text).toContain('Amount is in USD; no rate needed.');
  });

  it('registers a park in the officer’s own country, and refuses one elsewhere', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const form = await officer.get('/parks/new');
    expect(form.status).toBe(200);
    const created = await officer.post(
      '/parks/new',
      {
        code: 'MY-KTNX',
        name: 'Kuantan Extension Park',
        countryCode: 'MY',
        zoneType: 'industrial_park',
        city: 'Kuantan',
      },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(created.status).toBe(303);
    expect((await officer.get(String(created.headers.location))).text).toContain(
      'Kuantan Extension Park',
    );
    const elsewhere = await officer.post(
      '/parks/new',
      { code: 'TH-NOPE', name: 'Not mine', countryCode: 'TH', zoneType: 'industrial_park' },
      { from: '/parks/new' },
    );
    expect(elsewhere.status).toBe(403);
    const taken = await officer.post(
      '/parks/new',
      { code: 'MY-KTNX', name: 'Again', countryCode: 'MY', zoneType: 'industrial_park' },
      { from: '/parks/new' },
    );
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('value="Again"');
  });

  it('registers an investor, and points to the one already known instead of a duplicate', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const created = await officer.post(
      '/investors/new',
      { name: 'Pahang Precision Sdn Bhd', countryCode: 'MY', type: 'private' },
      { from: '/investors/new' },
    );
    expect(created.status).toBe(303);
    const again = await officer.post(
      '/investors/new',
      { name: 'PAHANG PRECISION SDN. BHD.', countryCode: 'MY' },
      { from: '/investors/new' },
    );
    expect(again.status).toBe(409);
    expect(again.text).toContain(String(created.headers.location).split('?')[0]);
  });

  it('refuses shares that do not add up, naming the field and keeping the rows', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const refused = await officer.post(
      '/projects/new',
      {
        title: 'Console test: half a project',
        parkId: parkIds['MY-MCKIP'],
        type: 'greenfield',
        stage: 'pipeline',
        'sectors[0].code': '2420',
        'sectors[0].percentage': '60',
      },
      { from: '/projects/new' },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-sectors"[^>]*>[^<]*100/);
    expect(refused.text).toContain('value="Console test: half a project"');
    expect(refused.text).toContain('name="sectors[0].percentage" type="text" value="60"');
  });

  it('refuses a project in another country (403) and offers VN officers no edit', async () => {
    const vn = await consoleAs(t, 'officer', 'VN');
    const forced = await vn.post(
      '/projects/new',
      {
        title: 'Console test: not yours',
        parkId: parkIds['MY-MCKIP'],
        type: 'greenfield',
        stage: 'pipeline',
        'sectors[0].code': '2420',
        'sectors[0].percentage': '100',
      },
      { from: '/projects/new' },
    );
    expect(forced.status).toBe(403);
    const list = await vn.get('/projects?country=MY');
    const id = /href="\/projects\/([0-9a-f-]{36})"/.exec(list.text)?.[1];
    expect(id).toBeDefined();
    expect((await vn.get(`/projects/${id}`)).text).not.toContain(`/projects/${id}/edit`);
    expect((await vn.get(`/projects/${id}/edit`)).status).toBe(403);
  });

  it('imports a CSV: a file with an error is refused row by row, the fixed file goes in', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const header = 'parkCode,title,type,stage,announcedOn,amount,currency,sectors\n';
    const bad = `${header}MY-MCKIP,Console import A,greenfield,pipeline,2025-01-10,5000000,USD,2420:100\nMY-MCKIP,Console import B,sideways,pipeline,2025-01-11,5000000,USD,2420:100\n`;
    const refused = await upload(officer, bad, false);
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/<td class="num">3<\/td><td><code>type<\/code><\/td>/);
    const fixed = bad.replace('sideways', 'expansion');
    const dry = await upload(officer, fixed, true);
    expect(dry.status).toBe(200);
    expect(dry.text).toContain(
      'The file is valid: 2 projects would be created, 0 updated and 0 left as they are',
    );
    const done = await upload(officer, fixed, false);
    expect(done.status).toBe(200);
    expect(done.text).toContain('2 projects created, 0 updated, 0 unchanged');
    expect(done.text).toMatch(/MY-MCKIP-2025-\d{4}/);

    // A bulk edit: the same rows with their ref and version update those projects.
    const [imported] = await t.db.query<{ ref: string; version: number }>(
      `SELECT ref, version FROM registry.project WHERE title = 'Console import A'`,
    );
    const edit = (title: string, version: number) =>
      `ref,version,${header}${imported?.ref},${version},MY-MCKIP,${title},greenfield,pipeline,2025-01-10,5000000,USD,2420:100\n`;
    const updated = await upload(
      officer,
      edit('Console import A renamed', imported?.version ?? 0),
      false,
    );
    expect(updated.text).not.toMatch(/role="alert"/);
    expect(updated.status).toBe(200);
    expect(updated.text).toContain('0 projects created, 1 updated, 0 unchanged');
    expect(updated.text).toMatch(/<td>updated<\/td>/);
    const again = await upload(
      officer,
      edit('Console import A renamed', (imported?.version ?? 0) + 1),
      false,
    );
    expect(again.text).toContain('0 projects created, 0 updated, 1 unchanged');
  });

  it('refuses an upload without its CSRF token', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const response = await t.request<string>({
      method: 'POST',
      url: '/projects/import',
      payload:
        '--b\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\nparkCode\r\n--b--\r\n',
      headers: {
        accept: 'text/html',
        'content-type': 'multipart/form-data; boundary=b',
        cookie: `tpr_session=${officer.cookie('tpr_session')}`,
      },
    });
    expect(response.status).toBe(403);
  });

  it('shows reports and downloads each format from the same handlers as the API', async () => {
    const analyst = await consoleAs(t, 'analyst');
    const page = await analyst.get('/reports?type=sectors&level=division');
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '/reports/download?level=division&amp;type=sectors&amp;format=xlsx',
    );
    for (const [format, type] of [
      ['csv', /text\/csv/],
      ['xlsx', /spreadsheetml/],
      ['svg', /image\/svg\+xml/],
    ] as const) {
      const file = await analyst.get(
        `/reports/download?type=sectors&level=division&format=${format}`,
      );
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toMatch(type);
      expect(String(file.headers['content-disposition'])).toContain(`.${format}`);
    }
    expect((await analyst.get('/reports?type=pairings')).text).toContain('CN-MY-TCTP');
    expect((await analyst.get('/reports?type=countries')).status).toBe(200);
    const bad = await analyst.get('/reports?type=sectors&from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('from');
  });

  it('verifies the audit log for an admin; officers see no audit page', async () => {
    const admin = await consoleAs(t, 'admin');
    const sealed = await admin.post('/audit/seal', {}, { from: '/audit' });
    expect(sealed.status).toBe(200);
    const verified = await admin.get('/audit/verify');
    expect(verified.text).toMatch(/The audit log is intact: [\d,]+ change rows checked/);
    const officer = await consoleAs(t, 'officer', 'MY');
    expect((await officer.get('/audit')).status).toBe(403);
    expect((await officer.get('/')).text).not.toContain('href="/audit"');
  });

  it('lets an admin add and deactivate a user; others may not see users', async () => {
    const admin = await consoleAs(t, 'admin');
    const added = await admin.post(
      '/users',
      {
        email: 'new.officer@example.org',
        name: 'New Officer',
        password: 'another sturdy passphrase',
        role: 'officer',
        countryCode: 'TH',
      },
      { from: '/users' },
    );
    expect(added.status).toBe(303);
    const list = await admin.get('/users');
    expect(list.text).toContain('new.officer@example.org');
    const id = new RegExp(`action="/users/([0-9a-f-]{36})/active"[\\s\\S]{0,400}new.officer`).exec(
      list.text,
    );
    expect(list.text).toContain('Deactivate');
    const reviewer = await consoleAs(t, 'reviewer', 'MY');
    expect((await reviewer.get('/users')).status).toBe(403);
    void id;
  });
});
