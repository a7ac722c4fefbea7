import { startTestApp, type TestApp } from '../harness/test-app';
import { consoleAs, ConsoleClient } from '../support/console-client';

/** The review panel's publication preview, from a pairing page. */
const preview = (html: string) =>
  html.slice(html.indexOf('class="publication-preview"')).slice(0, 3000);

/** The console's open-data pages: the publisher setting, the review preview and /open. */
describe('console: open data', () => {
  let t: TestApp;
  let pairingId: string;

  const newPark = async (admin: { authorization: string }, code: string, countryCode: string) => {
    const park = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/parks',
      headers: admin,
      payload: { code, name: `${code} park`, countryCode, zoneType: 'industrial_park' },
    });
    return park.body.id;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    const admin = await t.signIn('admin');
    const [cn, my] = [
      await newPark(admin.auth, 'CN-QZ', 'CN'),
      await newPark(admin.auth, 'MY-KT', 'MY'),
    ];
    const pairing = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: admin.auth,
      payload: {
        code: 'CN-MY-OPEN',
        name: 'Open pairing',
        sides: [
          { countryCode: 'CN', parkIds: [cn] },
          { countryCode: 'MY', parkIds: [my] },
        ],
        industries: [{ code: '24' }],
        launchedOn: '2013-02-05',
        status: 'active',
      },
    });
    pairingId = pairing.body.id;
    await t.request({
      method: 'POST',
      url: `/api/v1/pairings/${pairingId}/submit`,
      headers: admin.auth,
    });
  });
  afterAll(() => t.close());

  it('lets an admin name the publisher, with errors at their fields; others only read it', async () => {
    const admin = await consoleAs(t, 'admin');
    const form = await admin.get('/open-data/publisher');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="orgId"');
    const bad = await admin.post('/open-data/publisher', {
      version: '0',
      name: 'Ministry',
      orgId: 'NOT-AN-AGENCY-1',
      orgType: '10',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/class="field-error" id="f-orgId-error"/);
    const saved = await admin.post('/open-data/publisher', {
      version: '0',
      name: 'Ministry of Investment, Trade and Industry (MITI), Malaysia',
      orgId: 'MY-COA-MITI',
      orgType: '10',
      licenceId: 'CC-BY-4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/open-data/publisher?flash=saved');
    const analyst = await consoleAs(t, 'analyst');
    const read = await analyst.get('/open-data/publisher');
    expect(read.text).toContain('MY-COA-MITI');
    expect(read.text).not.toContain('name="orgId"');
    expect(read.text).not.toContain('/open-data/publish"');
    expect(
      (await analyst.post('/open-data/publish', {}, { from: '/open-data/publisher' })).status,
    ).toBe(403);
  });

  it('shows a reviewer what approving publishes, validated, and /open shows it afterwards', async () => {
    const visitor = new ConsoleClient(t);
    expect((await visitor.get('/open')).text).toContain('Nothing is published yet');
    for (const country of ['CN', 'MY']) {
      const reviewer = await consoleAs(t, 'reviewer', country);
      const page = await reviewer.get(`/pairings/${pairingId}`);
      expect(page.text).toContain('What approving publishes');
      expect(preview(page.text)).toContain('Valid: the IATI 2.03 and OC4IDS');
      expect(page.text).toContain(
        '&lt;iati-identifier&gt;MY-COA-MITI-CN-MY-OPEN&lt;/iati-identifier&gt;',
      );
      const decided = await reviewer.post(
        `/pairings/${pairingId}/reviews`,
        { decision: 'approve' },
        { from: `/pairings/${pairingId}` },
      );
      expect(decided.status).toBe(303);
    }
    const open = await visitor.get('/open');
    expect(open.status).toBe(200);
    expect(open.text).toContain('id="pairing-CN-MY-OPEN"');
    expect(open.text).toContain('MY-COA-MITI');
    expect(open.headers['cache-control']).toBe('public, max-age=60');
    const again = await t.request({
      method: 'GET',
      url: '/open',
      headers: { 'if-none-match': String(open.headers.etag) },
    });
    expect(again.status).toBe(304);
    // Chinese, from the language cookie or the browser's languages.
    const zh = await t.request({
      method: 'GET',
      url: '/open',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.body).toContain('已发布的结对');
  });
});
