import { XMLValidator } from 'fast-xml-parser';
import { DemoSeedService } from '../../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp } from '../harness/test-app';
import { consoleAs, type ConsoleClient, idsByCode } from '../support/console-client';

/** The map's inline SVG on a page (inside its figure, before the caption). */
const svgOf = (html: string): string =>
  /<figure class="map"[^>]*>\s*(<svg xmlns[\s\S]*<\/svg>)\s*<figcaption/.exec(html)?.[1] ?? '';

describe('console: maps of parks and pairings (demo data)', () => {
  let t: TestApp;
  let analyst: ConsoleClient;
  let parkIds: Record<string, string>;
  let pairingIds: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeedService).seed();
    parkIds = await idsByCode(t, '/parks');
    pairingIds = await idsByCode(t, '/pairings');
    analyst = await consoleAs(t, 'analyst');
  });
  afterAll(() => t.close());

  it('draws every demo park as a named link and every pairing as arcs, with the data beside it', async () => {
    const page = await analyst.get('/map');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/map" aria-current="page">');
    const svg = svgOf(page.text);
    expect(XMLValidator.validate(svg)).toBe(true);
    // Every demo park is located (approximately, at its town), so every one is a link.
    for (const [code, id] of Object.entries(parkIds)) {
      expect(svg).toContain(`<a href="/parks/${id}" aria-label="`);
      expect(svg).toContain(`>${code}</text>`);
    }
    // The first pairing's arc (Qinzhou to Kuantan) and the Yuanhong one's three arcs.
    const arcsTo = (pairing: string) =>
      svg.split(`<a href="/pairings/${pairingIds[pairing]}"`).length - 1;
    expect(arcsTo('CN-MY-TCTP')).toBeGreaterThanOrEqual(1);
    expect(arcsTo('CN-ID-TCTP')).toBe(3);
    expect(svg).toMatch(/aria-label="[^"]*CN-ID-TCTP[^"]*CN-YUANHONG to ID-AVIARNA/);
    // No national borders by default: land only.
    expect(svg).toContain('<path class="land"');
    expect(svg).not.toContain('class="line"');
    // The table lists each park with its location and exactness.
    expect(page.text).toContain('id="map-parks"');
    expect(page.text).toMatch(/108\.65061, 21\.98247 · approximate \(city\)/);
  });

  it('filters by country, and offers the map as SVG, CSV and XLSX downloads', async () => {
    const page = await analyst.get('/map?country=ID');
    expect(page.status).toBe(200);
    const svg = svgOf(page.text);
    expect(svg).toContain('>ID-BATANG</text>');
    expect(svg).not.toContain('>MY-MCKIP</text>');
    const download = /href="(\/reports\/download\?[^"]*format=svg[^"]*)"/.exec(page.text)?.[1];
    expect(download).toBeDefined();
    const file = await analyst.get((download ?? '').replace(/&amp;/g, '&'));
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(XMLValidator.validate(file.text)).toBe(true);
    const bad = await analyst.get('/map?country=Indonesia');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('country must be an ISO 3166-1 alpha-2 code');
  });

  it('puts a map on each park and pairing page', async () => {
    const park = await analyst.get(`/parks/${parkIds['MY-MCKIP']}`);
    expect(park.text).toContain('id="park-map"');
    const parkSvg = svgOf(park.text);
    expect(parkSvg).toContain('>MY-MCKIP</text>');
    expect(parkSvg).toContain('>CN-CMQIP</text>');
    expect(parkSvg).not.toContain('>ID-BATANG</text>');
    expect(park.text).toMatch(/103\.326° E, 3\.8077° N · approximate \(city\)/);

    const pairing = await analyst.get(`/pairings/${pairingIds['CN-ID-TCTP']}`);
    const pairingSvg = svgOf(pairing.text);
    for (const code of ['CN-YUANHONG', 'ID-BINTAN', 'ID-AVIARNA', 'ID-BATANG']) {
      expect(pairingSvg).toContain(`>${code}</text>`);
    }
    expect(pairingSvg).not.toContain('>MY-MCKIP</text>');
  });

  it('lets an officer set and correct a park location on its form, with the API checks', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const id = parkIds['MY-MCKILP'];
    const form = await officer.get(`/parks/${id}/edit`);
    expect(form.text).toContain('name="location.lon" type="text" value="103.326"');
    expect(form.text).toContain('<option value="approximate" selected>approximate</option>');
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '';
    const fields = (values: Record<string, string>) => ({
      version,
      name: 'Malaysia-China Kuantan International Logistics Park',
      zoneType: 'logistics_park',
      'location.lon': '103.326',
      'location.lat': '3.8077',
      'location.exactness': 'approximate',
      'location.precision': 'city',
      'location.source.url': 'https://www.geonames.org/search.html?q=Kuantan&country=MY',
      'location.source.title': 'GeoNames gazetteer: Kuantan (MY)',
      'location.source.accessedOn': '2026-12-03',
      ...values,
    });
    const swapped = await officer.post(
      `/parks/${id}/edit`,
      fields({ 'location.lon': '3.8077', 'location.lat': '103.326' }),
      { from: `/parks/${id}/edit` },
    );
    expect(swapped.status).toBe(400);
    expect(swapped.text).toContain('looks like a longitude: are lon and lat swapped?');
    expect(swapped.text).toContain('value="103.326"');
    const elsewhere = await officer.post(
      `/parks/${id}/edit`,
      fields({ 'location.lon': '108.65', 'location.lat': '21.98' }),
      { from: `/parks/${id}/edit` },
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toMatch(/id="f-location_lon-error">[^<]*outside MY/);
    const exact = await officer.post(
      `/parks/${id}/edit`,
      fields({
        'location.lon': '103.383',
        'location.lat': '3.9577',
        'location.exactness': 'exact',
        'location.precision': 'site',
      }),
      { from: `/parks/${id}/edit` },
    );
    expect(exact.status).toBe(303);
    const page = await officer.get(`/parks/${id}`);
    expect(page.text).toMatch(/103\.383° E, 3\.9577° N · exact \(site\)/);
    const api = await t.get<{ location: unknown }>(
      `/api/v1/parks/${id}`,
      (await t.signIn('analyst')).auth,
    );
    expect(api.body.location).toEqual({
      lon: 103.383,
      lat: 3.9577,
      exactness: 'exact',
      precision: 'site',
      subdivisionCode: 'MY-06',
      source: {
        url: 'https://www.geonames.org/search.html?q=Kuantan&country=MY',
        title: 'GeoNames gazetteer: Kuantan (MY)',
        accessedOn: '2026-12-03',
      },
    });
  });

  it('logs a project at its own site from the form, and one at its park', async () => {
    const officer = await consoleAs(t, 'officer', 'MY');
    const project = (title: string, location: Record<string, string>) =>
      officer.post(
        '/projects/new',
        {
          title,
          parkId: parkIds['MY-MCKIP'],
          type: 'greenfield',
          stage: 'signed',
          'sectors[0].code': '2420',
          'sectors[0].percentage': '100',
          ...location,
        },
        { from: '/projects/new' },
      );
    const own = await project('Console map test: jetty', {
      'location.lon': '103.43',
      'location.lat': '3.975',
      'location.exactness': 'exact',
      'location.precision': 'site',
      'location.subdivisionCode': 'MY-06',
    });
    expect(own.status).toBe(303);
    const detail = await officer.get(String(own.headers.location));
    expect(detail.text).toMatch(/103\.43° E, 3\.975° N · exact \(site\) · MY-06/);
    const atPark = await project('Console map test: warehouse', {});
    expect(atPark.status).toBe(303);
    expect((await officer.get(String(atPark.headers.location))).text).toContain('at its park');
    const wrong = await project('Console map test: elsewhere', {
      'location.lon': '103.43',
      'location.lat': '3.975',
      'location.subdivisionCode': 'TH-10',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('must be a subdivision of the host country MY');
  });

  it('speaks Chinese on a Chinese page, and shows the map report among the reports', async () => {
    await analyst.get('/language/zh?next=/map');
    const page = await analyst.get('/map');
    expect(page.text).toContain('园区与结对地图');
    const svg = svgOf(page.text);
    expect(svg).toContain('lang="zh-Hans"');
    expect(svg).toContain('两国双园：园区与结对');
    await analyst.get('/language/en?next=/reports');

    const reports = await analyst.get('/reports?type=map');
    expect(reports.status).toBe(200);
    expect(reports.text).toContain('Investment by host park (map)');
    expect(reports.text).toContain('/reports/chart.svg?type=map');
    const chart = await analyst.get('/reports/chart.svg?type=map');
    expect(chart.status).toBe(200);
    expect(XMLValidator.validate(chart.text)).toBe(true);
    expect(chart.text).toContain('Investment by host park, in US dollars');
  });
});
