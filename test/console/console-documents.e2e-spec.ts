import { startTestApp, type TestApp, type TestUser } from '../harness/test-app';
import { consoleAs, type ConsoleClient } from '../support/console-client';
import { multipartBody, tinyPdf } from '../support/multipart';

describe('console: the Documents section of record pages', () => {
  let t: TestApp;
  let officer: TestUser;
  let analyst: ConsoleClient;
  const ids: Record<string, string> = {};
  const pdf = tinyPdf('console documents');

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    const admin = await t.signIn('admin');
    officer = await t.signIn('officer', 'MY');
    const park = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/parks',
      headers: admin.auth,
      payload: {
        code: 'MY-MCKIP',
        name: 'Malaysia-China Kuantan Industrial Park',
        countryCode: 'MY',
        zoneType: 'industrial_park',
      },
    });
    ids.park = park.body.id;
    const body = await multipartBody(
      {
        title: 'Gazette notice of the park',
        titleZh: '园区宪报公告',
        category: 'A04',
        language: 'ms',
        documentDate: '2013-02-05',
        visibility: 'public',
      },
      [{ name: '宪报公告.pdf', type: 'application/pdf', bytes: pdf }],
    );
    const uploaded = await t.request<{ id: string; sha256: string }>({
      method: 'POST',
      url: `/api/v1/parks/${ids.park}/documents`,
      headers: { ...officer.auth, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.status).toBe(201);
    ids.document = uploaded.body.id;
    ids.sha256 = uploaded.body.sha256;
    analyst = await consoleAs(t, 'analyst');
  });
  afterAll(() => t.close());

  it("lists a park's documents with category, date, visibility, size and checksum, linked for download", async () => {
    const page = await analyst.get(`/parks/${ids.park}`);
    expect(page.status).toBe(200);
    const section = page.text.slice(page.text.indexOf('id="documents"'));
    expect(section).toContain('Documents');
    expect(section).toContain(`href="/documents/${ids.document}/content"`);
    expect(section).toContain('Gazette notice of the park');
    expect(section).toContain('园区宪报公告');
    expect(section).toContain('<code>A04</code> Conditions');
    expect(section).toContain('Public');
    expect(section).toContain('宪报公告.pdf');
    expect(section).toContain(ids.sha256.slice(0, 12));
    expect(section).toContain(`title="SHA-256 ${ids.sha256}"`);
  });

  it('downloads with the session, as an attachment with its Chinese name', async () => {
    const download = await analyst.get(`/documents/${ids.document}/content`);
    expect(download.status).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('宪报公告.pdf')}`,
    );
    expect(download.headers['content-security-policy']).toBe('sandbox');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('shows the section, empty, on investor and project pages', async () => {
    const admin = await t.signIn('admin');
    const create = async (path: string, payload: object) =>
      (await t.request<{ id: string }>({ method: 'POST', url: path, headers: admin.auth, payload }))
        .body.id;
    const investor = await create('/api/v1/investors', {
      name: 'Alliance Steel (M) Sdn Bhd',
      countryCode: 'MY',
      type: 'private',
    });
    const project = await create('/api/v1/projects', {
      title: 'Integrated steel mill',
      parkId: ids.park,
      sectors: [{ code: '2410', percentage: 100 }],
      type: 'greenfield',
      stage: 'operational',
    });
    for (const path of [`/investors/${investor}`, `/projects/${project}`]) {
      const page = await analyst.get(path);
      expect(page.status).toBe(200);
      const section = page.text.slice(page.text.indexOf('id="documents"'));
      expect(section).toMatch(/<h2 id="documents-heading">Documents<\/h2>\s*<p>None<\/p>/);
    }
  });

  it('shows the section in Chinese', async () => {
    const zh = await analyst.get(`/language/zh?next=/parks/${ids.park}`);
    expect(zh.status).toBe(303);
    const page = await analyst.get(`/parks/${ids.park}`);
    expect(page.text).toContain('<h2 id="documents-heading">文件</h2>');
    expect(page.text).toContain('公开');
  });

  it('refuses a download without a session', async () => {
    const anonymous = await t.request({ method: 'GET', url: `/documents/${ids.document}/content` });
    expect([303, 401]).toContain(anonymous.status);
    expect(anonymous.rawPayload.equals(pdf)).toBe(false);
  });
});
