import { DemoSeedService } from '../../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp } from '../harness/test-app';
import { consoleAs, ConsoleClient, csrfTokenOf, idsByCode } from '../support/console-client';

/** The values a suggestions fragment offers, in order. */
function offered(html: string): string[] {
  return [...html.matchAll(/role="option" aria-selected="false" data-value="([^"]*)"/g)].map(
    (match) => match[1].replace(/&amp;/g, '&'),
  );
}

/** The codes of a <select>'s options in order, blank left out. */
function optionValues(html: string, name: string): string[] {
  const select = new RegExp(
    `<select[^>]*name="${name.replace(/[.[\]]/g, '\\$&')}"[\\s\\S]*?</select>`,
  ).exec(html)?.[0];
  if (!select) throw new Error(`no select ${name}`);
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]);
}

/**
 * The project form's pickers over HTTP: suggestions (ISIC by code and title with their path,
 * parks, investors, pairings) behind the console session, the currency list, the favicon, and
 * the form posted without JavaScript with codes and names typed in.
 */
describe('web console pickers', () => {
  let t: TestApp;
  let parkIds: Record<string, string>;
  let officer: ConsoleClient;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeedService).seed();
    parkIds = await idsByCode(t, '/parks');
    officer = await consoleAs(t, 'officer', 'MY');
  });
  afterAll(() => t.close());

  it('offers no suggestions without a session', async () => {
    const page = await new ConsoleClient(t).get('/suggestions/industries?q=iron');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/sign-in/);
    const script = await t.request({ method: 'GET', url: '/suggestions/parks?q=kuantan' });
    expect(script.status).toBe(401);
  });

  it('finds ISIC entries by title words, with their path, and by code with the level below', async () => {
    const iron = await officer.get('/suggestions/industries?q=iron');
    expect(iron.status).toBe(200);
    expect(iron.headers['content-type']).toMatch(/^text\/html/);
    expect(offered(iron.text)).toEqual(expect.arrayContaining(['0710', '2410', '2431']));
    expect(iron.text).toMatch(
      /data-value="2410"><span class="picker-label">2410 Manufacture of basic iron and steel<\/span> <span class="picker-detail">C &gt; 24 &gt; 241 &gt; 2410<\/span>/,
    );
    expect(offered((await officer.get('/suggestions/industries?q=2410')).text)[0]).toBe('2410');
    expect(offered((await officer.get('/suggestions/industries?q=24')).text).slice(0, 4)).toEqual([
      '24',
      '241',
      '242',
      '243',
    ]);
    expect(offered((await officer.get('/suggestions/industries?q=c')).text)[0]).toBe('C');
  });

  it('says that ISIC titles are English only when asked in Chinese', async () => {
    const steel = await officer.get('/suggestions/industries?q=%E9%92%A2%E9%93%81');
    expect(offered(steel.text)).toEqual([]);
    expect(steel.text).toContain('aria-disabled="true"');
    expect(steel.text).toContain('ISIC titles are in English only');
  });

  it('suggests parks in the officer’s country with their currency, investors and pairings', async () => {
    const kuantan = await officer.get('/suggestions/parks?q=kuantan');
    expect(offered(kuantan.text).sort()).toEqual(['MY-MCKILP', 'MY-MCKIP']);
    expect(kuantan.text).toContain('data-value="MY-MCKIP" data-currency="MYR"');
    expect(offered((await officer.get('/suggestions/parks?q=qinzhou')).text)).toEqual([]);
    const admin = await consoleAs(t, 'admin');
    expect(offered((await admin.get('/suggestions/parks?q=qinzhou')).text)).toEqual(['CN-CMQIP']);

    const steel = await officer.get('/suggestions/investors?q=steel');
    expect(offered(steel.text)).toEqual(
      expect.arrayContaining([
        'Alliance Steel (M) Sdn Bhd (MY)',
        'Guangxi Beibu Gulf Iron & Steel Investment Co Ltd (CN)',
      ]),
    );
    expect(
      offered((await officer.get('/suggestions/investors?q=%E8%81%94%E5%90%88')).text),
    ).toEqual(['Alliance Steel (M) Sdn Bhd (MY)']);

    const pairings = await officer.get('/suggestions/pairings?q=china&park=MY-MCKIP');
    expect(offered(pairings.text)).toEqual(['CN-MY-TCTP']);
    const noPark = await officer.get('/suggestions/pairings?q=china');
    expect(offered(noPark.text)).toEqual([]);
    expect(noPark.text).toContain('Choose the host park first');
  });

  it('lists currencies with names, the host country’s first', async () => {
    const mine = await officer.get('/projects/new');
    expect(optionValues(mine.text, 'investment.currency')[0]).toBe('MYR');
    expect(mine.text).toContain('<option value="MYR">MYR · Malaysian Ringgit</option>');
    expect(optionValues(mine.text, 'investment.currency')).toEqual(
      expect.arrayContaining(['CNY', 'IDR', 'USD', 'EUR', 'ZAR']),
    );
    expect(optionValues(mine.text, 'investment.currency').length).toBeGreaterThan(150);

    const admin = await consoleAs(t, 'admin');
    const bintan = await admin.get(`/projects/new?park=${parkIds['ID-BINTAN']}`);
    expect(optionValues(bintan.text, 'investment.currency')[0]).toBe('IDR');
    expect(bintan.text).toContain('<option value="IDR" selected>');
    expect(bintan.text).toContain('value="ID-BINTAN"');
    const zh = await admin.get('/language/zh?next=/projects/new');
    expect(zh.status).toBe(303);
    const chinese = await admin.get('/projects/new');
    expect(chinese.text).toContain('MYR · 马来西亚林吉特');
    await admin.get('/language/en?next=/');
  });

  it('takes a park code, pairing code, investor name and ISIC code typed without JavaScript', async () => {
    const created = await officer.post(
      '/projects/new',
      {
        title: 'Picker test: steel wire plant',
        parkId: 'my-mckip',
        pairingId: 'CN-MY-TCTP',
        type: 'greenfield',
        stage: 'signed',
        'investment.amount': '42000000',
        'investment.currency': 'MYR',
        'sectors[0].code': '2410',
        'sectors[0].percentage': '100',
        'investors[0].investorId': 'alliance steel (m) sdn bhd',
        'investors[0].role': 'lead',
      },
      { from: '/projects/new' },
    );
    expect(created.status).toBe(303);
    const location = String(created.headers.location).split('?')[0];
    const detail = await officer.get(location);
    expect(detail.text).toContain('Alliance Steel (M) Sdn Bhd');
    expect(detail.text).toContain('2410');
    const edit = await officer.get(`${location}/edit`);
    expect(edit.text).toContain('name="parkId" type="text" value="MY-MCKIP"');
    expect(edit.text).toContain('name="pairingId" type="text" value="CN-MY-TCTP"');
    expect(edit.text).toContain('value="Alliance Steel (M) Sdn Bhd (MY)"');
    expect(optionValues(edit.text, 'investment.currency')[0]).toBe('MYR');
    // The edit form posts its readable keys back unchanged.
    const saved = await officer.post(
      `${location}/edit`,
      {
        version: /name="version" value="(\d+)"/.exec(edit.text)?.[1] ?? '',
        title: 'Picker test: steel wire plant',
        parkId: 'MY-MCKIP',
        pairingId: 'CN-MY-TCTP',
        type: 'greenfield',
        stage: 'under_construction',
        'investment.amount': '42000000',
        'investment.currency': 'MYR',
        'sectors[0].code': '2410',
        'sectors[0].percentage': '100',
        'investors[0].investorId': 'Alliance Steel (M) Sdn Bhd (MY)',
        'investors[0].role': 'lead',
      },
      { csrf: csrfTokenOf(edit.text) },
    );
    expect(saved.status).toBe(303);
  });

  it('names the field of a code or name that matches nothing, keeping what was typed', async () => {
    const refused = await officer.post(
      '/projects/new',
      {
        title: 'Picker test: nowhere',
        parkId: 'MY-NOWHERE',
        pairingId: 'XX-NONE',
        type: 'greenfield',
        stage: 'pipeline',
        'sectors[0].code': '2410',
        'sectors[0].percentage': '100',
        'investors[0].investorId': 'Nobody Holdings',
        'investors[0].role': 'lead',
      },
      { from: '/projects/new' },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-parkId-error">No park has the code “MY-NOWHERE”/);
    expect(refused.text).toMatch(/id="f-pairingId-error">No pairing has the code “XX-NONE”/);
    expect(refused.text).toMatch(
      /id="f-investors_0__investorId-error">No investor is named “Nobody Holdings”/,
    );
    expect(refused.text).toContain('name="parkId" type="text" value="MY-NOWHERE"');
    // A currency chosen without an amount is no investment, not an error.
    expect(refused.text).not.toContain('f-investment_amount-error');
  });

  it('asks for the country when a name is shared, and takes it with the country', async () => {
    const admin = await t.signIn('admin');
    for (const countryCode of ['MY', 'TH']) {
      const made = await t.request({
        method: 'POST',
        url: '/api/v1/investors',
        payload: { name: 'Twin Name Holdings', countryCode, type: 'private' },
        headers: admin.auth,
      });
      expect(made.status).toBe(201);
    }
    const fields = {
      title: 'Picker test: twin names',
      parkId: 'MY-MCKIP',
      type: 'greenfield',
      stage: 'pipeline',
      'sectors[0].code': '2410',
      'sectors[0].percentage': '100',
      'investors[0].role': 'lead',
    };
    const refused = await officer.post(
      '/projects/new',
      { ...fields, 'investors[0].investorId': 'Twin Name Holdings' },
      { from: '/projects/new' },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Several investors are named “Twin Name Holdings”');
    const taken = await officer.post(
      '/projects/new',
      { ...fields, 'investors[0].investorId': 'Twin Name Holdings (TH)' },
      { from: '/projects/new' },
    );
    expect(taken.status).toBe(303);
  });

  it('serves a favicon to anyone, cached for a long time, and links it from every page', async () => {
    const ico = await t.request({ method: 'GET', url: '/favicon.ico' });
    expect(ico.status).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect(ico.headers['cache-control']).toContain('max-age=31536000');
    const svg = await t.request<string>({ method: 'GET', url: '/assets/favicon.svg' });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toContain('max-age=31536000');
    const signIn = await new ConsoleClient(t).get('/sign-in');
    expect(signIn.text).toContain(
      '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">',
    );
  });

  it('writes money axes as USD …bn in English and …亿美元 in Chinese', async () => {
    const analyst = await consoleAs(t, 'analyst');
    const en = await analyst.get('/reports/chart.svg?type=sectors&level=section');
    expect(en.status).toBe(200);
    expect(en.text).toMatch(/>USD \d+(\.\d+)?(m|bn)</);
    expect(en.text).not.toMatch(/>\d+(\.\d+)?[GM]</);
    await analyst.get('/language/zh?next=/');
    const zh = await analyst.get('/reports/chart.svg?type=sectors&level=section');
    expect(zh.text).toMatch(/>\d+(\.\d+)?(万|亿)美元</);
  });
});
