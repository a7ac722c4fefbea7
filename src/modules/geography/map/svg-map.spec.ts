import { XMLValidator } from 'fast-xml-parser';
import { parseBaseMap } from './base-map';
import { type MapArc, type MapPoint, type MapText, renderMapSvg } from './svg-map';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const land = parseBaseMap(require('world-atlas/land-50m.json'), 'Land: test');

const QINZHOU: MapPoint = {
  id: 'p1',
  label: 'CN-CMQIP',
  name: 'China-Malaysia Qinzhou Industrial Park & <friends>',
  href: '/parks/p1',
  lon: 108.65,
  lat: 21.98,
  valueUsd: 4_000_000_000,
  hub: true,
};
const KUANTAN: MapPoint = {
  id: 'p2',
  label: 'MY-MCKIP',
  name: 'Malaysia-China Kuantan Industrial Park',
  href: '/parks/p2',
  lon: 103.33,
  lat: 3.81,
  valueUsd: 1_000_000_000,
  hub: false,
};
const ARC: MapArc = {
  id: 'a1',
  name: 'CN-MY-TCTP: CN-CMQIP to MY-MCKIP, approved',
  href: '/pairings/x',
  from: QINZHOU,
  to: KUANTAN,
  state: 'approved',
};
const TEXT: MapText = {
  title: 'Parks and pairings',
  notes: ['Filters: none'],
  states: [{ state: 'approved', label: 'Pairing approved' }],
  hubLabel: 'Park in China',
  partnerLabel: 'Park in the partner country',
  sizeLabel: 'Circle area: USD invested',
  largestLabel: 'largest',
  money: (usd) => `${usd / 1e9}bn`,
  summary: ['MY: USD 1bn'],
  lang: 'en',
};

describe('renderMapSvg', () => {
  const svg = renderMapSvg(land, [QINZHOU, KUANTAN], [ARC], TEXT);

  it('is well-formed XML with a title and a description', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title id="map-title">Parks and pairings</title>');
    expect(svg).toContain('aria-labelledby="map-title map-desc"');
  });

  it('makes every park and arc a link with an accessible name (escaped)', () => {
    const links = [...svg.matchAll(/<a href="([^"]+)" aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(['/pairings/x', '/parks/p1', '/parks/p2']);
    expect(svg).toContain(
      'aria-label="China-Malaysia Qinzhou Industrial Park &amp; &lt;friends&gt;"',
    );
    expect(svg).toContain('>CN-CMQIP</text>');
  });

  it('stays well-formed with characters XML does not allow in a name', () => {
    const odd = renderMapSvg(land, [{ ...KUANTAN, name: 'Kuantan\u0001 park\u000b' }], [], TEXT);
    expect(XMLValidator.validate(odd)).toBe(true);
    expect(odd).toContain('aria-label="Kuantan park"');
  });

  it('sizes parks by USD (area) and draws the arc in its state colour', () => {
    const radii = [
      ...svg.matchAll(/<circle class="park (hub|partner)" cx="[^"]+" cy="[^"]+" r="([^"]+)"/g),
    ]
      .slice(0, 2)
      .map((m) => Number(m[2]));
    expect(radii).toEqual([18, 11]);
    expect(svg).toMatch(
      /<path class="arc state-approved" d="M[\d.]+,[\d.]+Q[\d., ]+" stroke="#1a7f37"\/>/,
    );
  });

  it('draws land from the base map, and nothing of borders', () => {
    const land = /<path class="land" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(land.length).toBeGreaterThan(1000);
    expect(svg.length).toBeLessThan(400_000);
    expect(svg).not.toContain('class="line"');
  });

  it('gives the same bytes for the same data, in any input order', () => {
    expect(renderMapSvg(land, [KUANTAN, QINZHOU], [ARC], TEXT)).toBe(svg);
  });

  it('draws a deployment base map with its own lines, and refuses a file with nothing to draw', () => {
    const own = parseBaseMap(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [100, 0],
                  [110, 0],
                  [110, 10],
                  [100, 10],
                  [100, 0],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [105, 0],
                [105, 10],
              ],
            },
          },
        ],
      },
      'Base map: approved',
    );
    const drawn = renderMapSvg(own, [KUANTAN], [], TEXT);
    expect(drawn).toContain('class="line"');
    expect(drawn).toContain('Base map: approved');
    expect(() => parseBaseMap({ type: 'FeatureCollection', features: [] }, 'x')).toThrow(
      /nothing|no polygons/,
    );
    expect(() => parseBaseMap([1, 2], 'x')).toThrow(/GeoJSON or TopoJSON/);
  });
});
