import { DemoSeedService } from '../../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp } from '../harness/test-app';
import { consoleAs, ConsoleClient, csrfTokenOf, idsByCode } from '../support/console-client';

/** The console over HTTP: sessions, CSRF, access on pages and forms, conflicts, languages. */
describe('web console pages', () => {
  let t: TestApp;
  let parkIds: Record<string, string>;
  let pairingIds: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeedService).seed();
    parkIds = await idsByCode(t, '/parks');
    pairingIds = await idsByCode(t, '/pairings');
  });
  afterAll(() => t.close());

  it('sends a visitor without a session to sign in, and back to the page afterwards', async () => {
    const browser = new ConsoleClient(t);
    const page = await browser.get('/parks?country=MY');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?flash=ended&next=%2Fparks%3Fcountry%3DMY');
    const user = await t.signIn('analyst');
    const signIn = await browser.post(
      '/sign-in',
      { email: user.user.email, password: 'a sturdy test passphrase', next: '/parks?country=MY' },
      { from: '/sign-in' },
    );
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/parks?country=MY');
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/tpr_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    const list = await browser.get('/parks?country=MY');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Malaysia-China Kuantan Industrial Park');
    expect(list.text).not.toContain('China-Malaysia Qinzhou Industrial Park');
  });

  it('refuses a wrong password on the form (401, no session) and never an open redirect', async () => {
    const user = await t.signIn('analyst');
    const browser = new ConsoleClient(t);
    const wrong = await browser.post(
      '/sign-in',
      { email: user.user.email, password: 'not the password' },
      { from: '/sign-in' },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Email or password is incorrect.');
    expect(browser.cookie('tpr_session')).toBeUndefined();
    const away = await browser.post(
      '/sign-in',
      { email: user.user.email, password: 'a sturdy test passphrase', next: '//evil.example/' },
      { from: '/sign-in' },
    );
    expect(away.headers.location).toBe('/');
  });

  it('refuses a form without its CSRF token, and a bearer token on a page', async () => {
    const browser = await consoleAs(t, 'admin');
    const noToken = await browser.post('/sign-out', {}, { csrf: null });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('This form has expired');
    const forged = await browser.post('/sign-out', {}, { csrf: 'forged-token' });
    expect(forged.status).toBe(403);
    const user = await t.signIn('admin');
    const withBearer = await t.get('/', { ...user.auth, accept: 'text/html' });
    expect(withBearer.status).toBe(303);
    // And the API never takes the console's cookie.
    const api = await t.get('/api/v1/parks', {
      cookie: `tpr_session=${browser.cookie('tpr_session')}`,
    });
    expect(api.status).toBe(401);
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const browser = await consoleAs(t, 'analyst');
    const session = browser.cookie('tpr_session');
    const out = await browser.post('/sign-out', {}, { from: '/' });
    expect(out.status).toBe(303);
    const replay = await t.get('/', { cookie: `tpr_session=${session}`, accept: 'text/html' });
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/sign-in/);
  });

  it('shows the dashboard: counts, USD total, sector table, the pairings awaiting review', async () => {
    const browser = await consoleAs(t, 'analyst');
    const page = await browser.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<span class="figure">17<\/span> Parks/);
    expect(page.text).toContain('/reports/chart.svg?type=sectors&amp;level=section');
    expect(page.text).toContain('<th scope="col">Industry</th>');
  });

  it('offers the park edit form only to officers of its country; posting anyway is 403', async () => {
    const malaysian = parkIds['MY-MCKIP'];
    const vn = await consoleAs(t, 'officer', 'VN');
    const seen = await vn.get(`/parks/${malaysian}`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain(`/parks/${malaysian}/edit`);
    const forced = await vn.post(
      `/parks/${malaysian}/edit`,
      { name: 'Taken over', zoneType: 'industrial_park', version: '1' },
      { from: `/parks/${malaysian}` },
    );
    expect(forced.status).toBe(403);
    expect(forced.text).toContain(
      'COUNTRY_SCOPE_FORBIDDEN'.length > 0 ? 'may not act for country MY' : '',
    );
    const analyst = await consoleAs(t, 'analyst');
    expect((await analyst.get(`/parks/${malaysian}/edit`)).status).toBe(403);
    expect((await vn.get(`/parks/${malaysian}/edit`)).status).toBe(403);

    const my = await consoleAs(t, 'officer', 'MY');
    const detail = await my.get(`/parks/${malaysian}`);
    expect(detail.text).toContain(`/parks/${malaysian}/edit`);
  });

  it('saves a park edit with its reason, and shows the change in the history', async () => {
    const id = parkIds['MY-MCKILP'];
    const my = await consoleAs(t, 'officer', 'MY');
    const form = await my.get(`/parks/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '';
    const saved = await my.post(
      `/parks/${id}/edit`,
      {
        name: 'Malaysia-China Kuantan Industrial Park (logistics)',
        zoneType: 'logistics_park',
        city: 'Kuantan',
        version,
        reason: 'Name as on the 2025 prospectus',
      },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/parks/${id}?flash=saved`);
    const history = await my.get(`/parks/${id}/history`);
    expect(history.text).toContain('Name as on the 2025 prospectus');
    expect(history.text).toContain('<ins>Malaysia-China Kuantan Industrial Park (logistics)</ins>');
  });

  it('sets a park’s focus industries with one primary, and refuses a set without one', async () => {
    const id = parkIds['MY-MCKIP'];
    expect(
      (await (await consoleAs(t, 'officer', 'VN')).get(`/parks/${id}/industries`)).status,
    ).toBe(403);
    const my = await consoleAs(t, 'officer', 'MY');
    const form = await my.get(`/parks/${id}/industries`);
    expect(form.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '';
    const none = await my.post(
      `/parks/${id}/industries`,
      { 'industries[0].code': '24', 'industries[1].code': '2930', version },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(none.status).toBe(400);
    expect(none.text).toContain('value="2930"');
    const badCode = await my.post(
      `/parks/${id}/industries`,
      { 'industries[0].code': 'steel', primary: '0', version },
      { from: `/parks/${id}/industries` },
    );
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('id="f-industries_0__code-error"');
    const saved = await my.post(
      `/parks/${id}/industries`,
      {
        'industries[0].code': '24',
        'industries[1].code': '2930',
        primary: '1',
        version,
        reason: 'Auto parts focus',
      },
      { from: `/parks/${id}/industries` },
    );
    expect(saved.status).toBe(303);
    const detail = await my.get(`/parks/${id}`);
    expect(detail.text).toMatch(/<code>2930<\/code>[^<]*<span class="badge">primary<\/span>/);
  });

  it('undoes a change from the history page, with a reason, and only for those who may', async () => {
    const id = parkIds['TH-RAYONG'];
    const admin = await consoleAs(t, 'admin');
    const form = await admin.get(`/parks/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '';
    const edited = await admin.post(
      `/parks/${id}/edit`,
      {
        name: 'Thai-Chinese Rayong Industrial Zone (typo)',
        zoneType: 'overseas_cooperation_zone',
        version,
      },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(edited.status).toBe(303);
    const history = await admin.get(`/parks/${id}/history`);
    const changeId = /name="changeId" value="(\d+)"/.exec(history.text)?.[1] ?? '';
    expect(changeId).not.toBe('');
    const noReason = await admin.post(
      `/parks/${id}/revert`,
      { changeId },
      { csrf: csrfTokenOf(history.text) },
    );
    expect(noReason.status).toBe(428);
    expect(noReason.text).toContain('Say why');
    const undone = await admin.post(
      `/parks/${id}/revert`,
      { changeId, reason: 'typo in the name' },
      { csrf: csrfTokenOf(history.text) },
    );
    expect(undone.status).toBe(303);
    const after = await admin.get(String(undone.headers.location));
    expect(after.text).toContain('The change was undone');
    expect(after.text).toContain('typo in the name');
    expect(after.text).not.toContain('<h1>Thai-Chinese Rayong Industrial Zone (typo)');
    const analyst = await consoleAs(t, 'analyst');
    const seen = await analyst.get(`/parks/${id}/history`);
    expect(seen.text).not.toContain('name="changeId"');
    expect(
      (
        await analyst.post(
          `/parks/${id}/revert`,
          { changeId, reason: 'x' },
          { csrf: csrfTokenOf(seen.text) },
        )
      ).status,
    ).toBe(403);
  });

  it('names the field of a refused edit and keeps what was typed', async () => {
    const id = parkIds['MY-MCKIP'];
    const my = await consoleAs(t, 'officer', 'MY');
    const refused = await my.post(
      `/parks/${id}/edit`,
      { name: 'Kept name', zoneType: 'industrial_park', areaHa: '-4', version: '1' },
      { from: `/parks/${id}/edit` },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-areaHa-error">areaHa must be a positive decimal/);
    expect(refused.text).toContain('aria-invalid="true"');
    expect(refused.text).toContain('value="Kept name"');
  });

  it('shows a stale edit what others changed instead of losing it', async () => {
    const id = parkIds['ID-BINTAN'];
    const admin = await consoleAs(t, 'admin');
    const first = await admin.get(`/parks/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(first.text)?.[1] ?? '';
    // Someone else saves first.
    const other = await consoleAs(t, 'admin');
    const otherForm = await other.get(`/parks/${id}/edit`);
    const otherSave = await other.post(
      `/parks/${id}/edit`,
      {
        name: 'Bintan Industrial Estate',
        city: 'Lobam',
        zoneType: 'industrial_park',
        version,
        reason: 'city from the estate site',
      },
      { csrf: csrfTokenOf(otherForm.text) },
    );
    expect(otherSave.status).toBe(303);
    const stale = await admin.post(
      `/parks/${id}/edit`,
      { name: 'Bintan Industrial Estate', city: 'Bintan', zoneType: 'industrial_park', version },
      { csrf: csrfTokenOf(first.text) },
    );
    expect(stale.status).toBe(412);
    expect(stale.text).toContain(
      'Someone changed this project while you were editing'.slice(0, 20),
    );
    expect(stale.text).toMatch(/<code>city<\/code><\/th><td>Lobam<\/td><td>Bintan<\/td>/);
    expect(stale.text).toContain('city from the estate site');
    // The form now carries the current version and the user's own value.
    expect(stale.text).toContain(`name="version" value="${Number(version) + 1}"`);
    expect(stale.text).toContain('value="Bintan"');
  });

  it('lets a reviewer of each side approve a submitted pairing, and no one else', async () => {
    const id = pairingIds['CN-MY-TCTP'];
    const officer = await consoleAs(t, 'officer', 'MY');
    const submitted = await officer.post(`/pairings/${id}/submit`, {}, { from: `/pairings/${id}` });
    expect(submitted.status).toBe(303);

    const vnReviewer = await consoleAs(t, 'reviewer', 'VN');
    const vnPage = await vnReviewer.get(`/pairings/${id}`);
    expect(vnPage.text).not.toContain(`/pairings/${id}/reviews`);
    const vnForced = await vnReviewer.post(
      `/pairings/${id}/reviews`,
      { decision: 'approve' },
      { from: `/pairings/${id}` },
    );
    expect(vnForced.status).toBe(403);

    for (const country of ['MY', 'CN']) {
      const reviewer = await consoleAs(t, 'reviewer', country);
      const dashboard = await reviewer.get('/');
      expect(dashboard.text).toContain(`/pairings/${id}`);
      const decided = await reviewer.post(
        `/pairings/${id}/reviews`,
        { decision: 'approve', comment: `${country} agrees` },
        { from: `/pairings/${id}` },
      );
      expect(decided.status).toBe(303);
      expect((await reviewer.get('/')).text).not.toContain(`/pairings/${id}"`);
    }
    const page = await officer.get(`/pairings/${id}`);
    expect(page.text).toContain('Review state: Approved');
    expect(page.text).toContain('MY agrees');
  });

  it('speaks Simplified Chinese on request: words, names, numbers and dates', async () => {
    const browser = await consoleAs(t, 'analyst');
    const switched = await browser.get('/language/zh?next=%2Fparks');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/parks');
    const page = await browser.get(`/parks/${parkIds['MY-MCKIP']}`);
    expect(page.text).toContain('<html lang="zh-Hans">');
    expect(page.text).toContain('马中关丹产业园');
    expect(page.text).toContain('重点产业');
  });

  it('answers an unknown console path with a 404 page, and keeps problem JSON for scripts', async () => {
    const browser = await consoleAs(t, 'analyst');
    const page = await browser.get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const json = await t.get('/no-such-page');
    expect(json.headers['content-type']).toMatch(/problem\+json/);
  });
});
