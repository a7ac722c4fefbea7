import Ajv from 'ajv';
import featureCollectionSchema from './fixtures/geojson/FeatureCollection.json';
import type { GeoPoint } from '../src/modules/geography/geo-point';
import { ParksRepository } from '../src/modules/parks/parks.repository';
import { ProjectsRepository } from '../src/modules/projects/projects.repository';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Location {
  lon: number;
  lat: number;
  exactness: string | null;
  precision: string | null;
  subdivisionCode: string | null;
  source: { url: string; title: string; accessedOn: string | null } | null;
}

interface Park {
  id: string;
  code: string;
  countryCode: string;
  location: Location | null;
  boundary: { type: 'Polygon'; coordinates: number[][][] } | null;
  version: number;
}

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown> & { code?: string; ref?: string; locatedAt?: string };
}

interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
  nextCursor: string | null;
}

/** Great-circle distance in km (haversine, mean Earth radius), as registry.distance_km computes it. */
function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const validateCollection = new Ajv({ allErrors: true }).compile(featureCollectionSchema);

const KUANTAN_POINT = {
  lon: 103.326,
  lat: 3.808,
  exactness: 'approximate',
  precision: 'city',
  subdivisionCode: 'MY-06',
  source: {
    url: 'https://www.geonames.org/1732903',
    title: 'GeoNames: Kuantan',
    accessedOn: '2026-12-02',
  },
};

/** A square of `half` degrees around the point, closed, counter-clockwise (RFC 7946). */
const squareAround = (lon: number, lat: number, half: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon - half, lat - half],
      [lon + half, lat - half],
      [lon + half, lat + half],
      [lon - half, lat + half],
      [lon - half, lat - half],
    ],
  ],
});

describe('geography: locations, checks and GeoJSON lists', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let analyst: TestUser;
  const ids: Record<string, string> = {};

  const post = <T>(user: TestUser, what: string, payload: Record<string, unknown>) =>
    t.request<T>({ method: 'POST', url: `/api/v1/${what}`, headers: user.auth, payload });
  const patch = <T>(user: TestUser, url: string, version: number, payload: unknown) =>
    t.request<T>({
      method: 'PATCH',
      url,
      headers: { ...user.auth, 'if-match': `"${version}"` },
      payload: payload as Record<string, unknown>,
    });
  const park = (code: string, countryCode: string, extra: Record<string, unknown> = {}) => ({
    code,
    name: `${code} park`,
    countryCode,
    zoneType: 'industrial_park',
    ...extra,
  });
  /** Every feature of a GeoJSON list, following nextCursor; each page checked against the schema. */
  const allFeatures = async (url: string): Promise<Feature[]> => {
    const features: Feature[] = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; headers: Record<string, unknown>; body: Collection } =
        await t.get<Collection>(
          cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url,
          analyst.auth,
        );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(validateCollection(response.body)).toBe(true);
      features.push(...response.body.features);
      cursor = response.body.nextCursor;
    } while (cursor);
    return features;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officerMY, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('analyst'),
    ]);
  });
  afterAll(() => t.close());

  it('keeps a park point, its exactness, precision, subdivision, source and boundary', async () => {
    const created = await post<Park>(
      officerMY,
      'parks',
      park('MY-MCKIP', 'MY', {
        location: KUANTAN_POINT,
        boundary: squareAround(103.326, 3.808, 0.05),
        boundarySource: { url: 'https://www.mckip.com.my', title: 'MCKIP master plan' },
      }),
    );
    expect(created.status).toBe(201);
    ids.mckip = created.body.id;
    expect(created.body.location).toEqual(KUANTAN_POINT);
    // Longitude comes first, as in GeoJSON, in the stored point as in the answer.
    expect(Object.keys(created.body.location ?? {}).slice(0, 2)).toEqual(['lon', 'lat']);
    expect(created.body.boundary).toEqual(squareAround(103.326, 3.808, 0.05));
    const [row] = await t.db.query<{ x: number; y: number; exactness: string }>(
      `SELECT location[0] AS x, location[1] AS y, location_exactness AS exactness
         FROM registry.park WHERE id = $1`,
      [ids.mckip],
    );
    expect(row).toEqual({ x: 103.326, y: 3.808, exactness: 'approximate' });

    // The change is audited like any other, and an edit of the point alone is one change.
    const moved = await patch<Park>(officerMY, `/api/v1/parks/${ids.mckip}`, created.body.version, {
      location: { ...KUANTAN_POINT, lon: 103.33, exactness: 'exact', precision: 'site' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.location).toMatchObject({ lon: 103.33, lat: 3.808, exactness: 'exact' });
    const history = await t.get<{ items: { id: string; changed: string[] }[] }>(
      `/api/v1/parks/${ids.mckip}/history`,
      analyst.auth,
    );
    expect(history.body.items[0].changed).toEqual(
      expect.arrayContaining(['location', 'locationExactness', 'locationPrecision']),
    );

    // A revert puts the earlier point back (from the audit image, through the point type).
    const reverted = await t.request<Park>({
      method: 'POST',
      url: `/api/v1/parks/${ids.mckip}/revert`,
      headers: { ...officerMY.auth, 'x-change-reason': 'the site point was a guess' },
      payload: { changeId: history.body.items[0].id },
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body.location).toEqual(KUANTAN_POINT);

    // Clearing the point clears what was said about it and the outline around it.
    const cleared = await patch<Park>(
      officerMY,
      `/api/v1/parks/${ids.mckip}`,
      reverted.body.version,
      { location: null },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ location: null, boundary: null });
    const back = await patch<Park>(officerMY, `/api/v1/parks/${ids.mckip}`, cleared.body.version, {
      location: KUANTAN_POINT,
    });
    expect(back.status).toBe(200);
  });

  it('refuses coordinates out of range, swapped, or outside the country, naming the field', async () => {
    const swappedInRange = await post(
      officerMY,
      'parks',
      park('MY-SWAP', 'MY', {
        location: { lon: 3.808, lat: 103.326 },
      }),
    );
    expectProblem(swappedInRange, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(swappedInRange.body)).toMatch(/location\.lat/);
    expect(JSON.stringify(swappedInRange.body)).toMatch(
      /looks like a longitude: are lon and lat swapped/,
    );

    // Qinzhou's point given to a Malaysian park: in range, but not in Malaysia.
    const elsewhere = await post(
      officerMY,
      'parks',
      park('MY-ELSEWHERE', 'MY', {
        location: { lon: 108.651, lat: 21.982 },
      }),
    );
    expectProblem(elsewhere, 422, 'LOCATION_OUTSIDE_COUNTRY');
    expect(elsewhere.body).toMatchObject({
      errors: [{ path: 'location', message: expect.stringMatching(/outside MY's bounding box/) }],
    });

    // Berlin with latitude and longitude swapped lands in Arabia; swapped back it is in Germany.
    const berlin = await post(
      admin,
      'parks',
      park('DE-BERLIN', 'DE', {
        location: { lon: 52.52, lat: 13.405 },
      }),
    );
    expectProblem(berlin, 422, 'LOCATION_OUTSIDE_COUNTRY');
    expect(JSON.stringify(berlin.body)).toMatch(/longitude and latitude look swapped/);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ location: { lon: 200, lat: 3 } }, 400, 'location.lon'],
      [{ location: { lon: 103.3, lat: 3.8, exactness: 'roughly' } }, 400, 'location.exactness'],
      [{ location: { lon: 103.3, lat: 3.8, precision: 'street' } }, 400, 'location.precision'],
      [{ location: { lon: 103.3, lat: 3.8, source: { title: 'x' } } }, 400, 'location.source.url'],
      [{ location: { lon: '103.3', lat: 3.8 } }, 400, 'location.lon'],
      [{ location: { ...KUANTAN_POINT, subdivisionCode: 'VN-01' } }, 400, 'subdivisionCode'],
      [
        { subdivisionCode: 'MY-05', location: { ...KUANTAN_POINT, subdivisionCode: 'MY-06' } },
        400,
        'location.subdivisionCode',
      ],
      [{ boundary: squareAround(103.326, 3.808, 0.05) }, 400, 'boundary'],
    ];
    for (const [change, status, path] of cases) {
      const response = await post(officerMY, 'parks', park('MY-BAD', 'MY', change));
      expect({ change, status: response.status }).toEqual({ change, status });
      expect(JSON.stringify(response.body)).toContain(`"${path}`);
    }
    const [{ count }] = await t.db.query<{ count: string }>(
      `SELECT count(*) FROM registry.park WHERE code IN ('MY-SWAP', 'MY-ELSEWHERE', 'DE-BERLIN', 'MY-BAD')`,
    );
    expect(count).toBe('0');
  });

  it('keeps a boundary source with its boundary: cleared together, refused alone', async () => {
    const created = await post<Park>(
      officerMY,
      'parks',
      park('MY-OUTLINED', 'MY', {
        location: KUANTAN_POINT,
        boundary: squareAround(103.326, 3.808, 0.05),
        boundarySource: { url: 'https://example.org/plan', title: 'Master plan' },
      }),
    );
    expect(created.status).toBe(201);
    const alone = await post(
      officerMY,
      'parks',
      park('MY-SOURCEONLY', 'MY', {
        location: KUANTAN_POINT,
        boundarySource: { url: 'https://example.org/plan', title: 'Master plan' },
      }),
    );
    expectProblem(alone, 400, 'VALIDATION_FAILED');
    expect(alone.body).toMatchObject({ errors: [{ path: 'boundarySource' }] });
    const cleared = await patch<Park & { boundarySource: unknown }>(
      officerMY,
      `/api/v1/parks/${created.body.id}`,
      created.body.version,
      { boundary: null },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ boundary: null, boundarySource: null });
    const both = await patch<Park>(
      officerMY,
      `/api/v1/parks/${cleared.body.id}`,
      cleared.body.version,
      {
        location: null,
        boundary: null,
      },
    );
    expect(both.status).toBe(200);
    const sourceNow = await patch(officerMY, `/api/v1/parks/${both.body.id}`, both.body.version, {
      boundarySource: { url: 'https://example.org/plan', title: 'Master plan' },
    });
    expectProblem(sourceNow, 400, 'VALIDATION_FAILED');
  });

  it('refuses a boundary that is open, crossed, or not around the point', async () => {
    const ring = squareAround(103.326, 3.808, 0.05).coordinates[0];
    const open = { type: 'Polygon', coordinates: [ring.slice(0, 4)] };
    const crossed = {
      type: 'Polygon',
      coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]]],
    };
    const faraway = squareAround(101.5, 3.1, 0.05);
    const strayHole = {
      type: 'Polygon',
      coordinates: [ring, squareAround(101.5, 3.1, 0.01).coordinates[0]],
    };
    const expectations: [unknown, number, RegExp][] = [
      [open, 400, /not closed: its last position must equal its first/],
      [strayHole, 400, /coordinates\[1\] is a hole outside the outer ring/],
      [crossed, 400, /edges cross at/],
      [{ type: 'Point', coordinates: [103, 3] }, 400, /type must be "Polygon"/],
      [faraway, 422, /does not contain the location/],
    ];
    for (const [boundary, status, message] of expectations) {
      const response = await post(
        officerMY,
        'parks',
        park('MY-OUTLINE', 'MY', {
          location: KUANTAN_POINT,
          boundary,
        }),
      );
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        errors: [{ path: 'boundary', message: expect.stringMatching(message) }],
      });
    }
  });

  it('answers bbox and near filters with exactly the hand-computed parks, from the GiST index', async () => {
    // A grid over Indonesia: 0.25 degree steps, 101 x 61 = 6,161 parks.
    await t.db.query(`
      BEGIN;
      SELECT set_config('app.actor', 'system:test', true);
      INSERT INTO registry.park (code, name, country_code, zone_type, location)
      SELECT 'ID-GRID-' || i || '-' || j, 'Grid park ' || i || ',' || j, 'ID', 'industrial_park',
             point(105 + i * 0.25, -8 + j * 0.25)
      FROM generate_series(0, 100) i CROSS JOIN generate_series(0, 60) j;
      COMMIT;
      ANALYZE registry.park;`);
    const grid: { code: string; lon: number; lat: number }[] = [];
    for (let i = 0; i <= 100; i += 1) {
      for (let j = 0; j <= 60; j += 1) {
        grid.push({ code: `ID-GRID-${i}-${j}`, lon: 105 + i * 0.25, lat: -8 + j * 0.25 });
      }
    }
    const codesOf = (features: Feature[]) =>
      features.map((feature) => String(feature.properties.code)).sort();

    const inBox = grid
      .filter((p) => p.lon >= 110 && p.lon <= 111.5 && p.lat >= -7 && p.lat <= -6.25)
      .map((p) => p.code)
      .sort();
    expect(inBox).toHaveLength(7 * 4);
    const boxed = await allFeatures(
      '/api/v1/parks?format=geojson&bbox=110,-7,111.5,-6.25&limit=10',
    );
    expect(codesOf(boxed)).toEqual(inBox);
    for (const feature of boxed) {
      const [lon, lat] = feature.geometry?.coordinates as [number, number];
      expect(feature.properties.location).toMatchObject({ lon, lat });
    }

    const centre = { lon: 110.708, lat: -6.485 };
    const near = grid
      .filter((p) => distanceKm(centre, p) <= 60)
      .map((p) => p.code)
      .sort();
    expect(near.length).toBeGreaterThan(10);
    const nearby = await allFeatures('/api/v1/parks?format=geojson&near=110.708,-6.485&within=60');
    expect(codesOf(nearby)).toEqual(near);
    // The JSON list takes the same filters and finds the same parks.
    const json = await t.get<{ items: Park[] }>(
      '/api/v1/parks?near=110.708,-6.485&within=60&limit=200',
      analyst.auth,
    );
    expect(json.body.items.map((p) => p.code).sort()).toEqual(near);

    const repository = t.app.get(ParksRepository);
    for (const filter of [{ bbox: '110,-7,111.5,-6.25' }, { near: '110.708,-6.485', within: 60 }]) {
      const [sql, parameters] = repository
        .listQuery(filter)
        .orderBy('park.code')
        .addOrderBy('park.id')
        .limit(51)
        .getQueryAndParameters();
      const plan = (
        await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, parameters as unknown[])
      )
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(/park_location_idx/);
      expect(plan).not.toMatch(/Seq Scan on park\b/);
    }
    // The same index answers nearest-first (k-NN) queries with <->.
    const knn = (
      await t.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT code FROM registry.park ORDER BY location <-> point(110.708, -6.485) LIMIT 5`,
      )
    )
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    expect(knn).toMatch(/Index Scan using park_location_idx/);
    const nearest = await t.db.query<{ code: string }>(
      `SELECT code FROM registry.park ORDER BY location <-> point(110.708, -6.485) LIMIT 1`,
    );
    expect(nearest[0].code).toBe('ID-GRID-23-6');
  });

  it('refuses malformed place filters with 400 naming the parameter', async () => {
    const cases: [string, string, RegExp][] = [
      ['bbox=110,-7,111.5', 'bbox', /four numbers, longitude first/],
      ['bbox=-7,110,-6,111.5', 'bbox', /latitudes .* must be between -90 and 90/],
      ['bbox=110,-6,111,-7', 'bbox', /minLat/],
      ['near=110.7,-6.5', 'within', /within \(km\) is required with near/],
      ['within=10', 'near', /near \(lon,lat\) is required with within/],
      ['near=-6.5,110.7&within=10', 'near', /looks like lat,lon/],
      ['near=110.7,-6.5&within=-1', 'within', /between 0 and 20038/],
      ['format=kml', 'format', /json, geojson/],
    ];
    for (const [query, path, message] of cases) {
      const response = await t.get(`/api/v1/parks?${query}`, analyst.auth);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body).toMatchObject({
        errors: expect.arrayContaining([{ path, message: expect.stringMatching(message) }]),
      });
    }
  });

  it('draws pairings from the Chinese park to each partner, and locates projects at their park or own point', async () => {
    const qinzhou = await post<Park>(
      admin,
      'parks',
      park('CN-CMQIP', 'CN', {
        location: { lon: 108.651, lat: 21.982, exactness: 'approximate', precision: 'city' },
      }),
    );
    expect(qinzhou.status).toBe(201);
    ids.cmqip = qinzhou.body.id;
    const unlocated = await post<Park>(admin, 'parks', park('MY-NOWHERE', 'MY'));
    ids.nowhere = unlocated.body.id;
    const pairing = await post<{ id: string }>(admin, 'pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia Two Countries Twin Parks',
      sides: [
        { countryCode: 'MY', parkIds: [ids.mckip, ids.nowhere] },
        { countryCode: 'CN', parkIds: [ids.cmqip] },
      ],
      status: 'active',
    });
    expect(pairing.status).toBe(201);
    const pairings = await allFeatures('/api/v1/pairings?format=geojson');
    expect(pairings).toEqual([
      expect.objectContaining({
        id: pairing.body.id,
        // Only located parks are drawn: Qinzhou to Kuantan, longitude first.
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [108.651, 21.982],
              [103.326, 3.808],
            ],
          ],
        },
      }),
    ]);
    expect(pairings[0].properties).toMatchObject({ code: 'CN-MY-TCTP', reviewState: 'draft' });
    expect(await allFeatures('/api/v1/pairings?format=geojson&bbox=100,0,106,10')).toHaveLength(1);
    expect(await allFeatures('/api/v1/pairings?format=geojson&bbox=120,30,130,40')).toHaveLength(0);

    const project = (title: string, parkId: string, extra: Record<string, unknown> = {}) => ({
      title,
      parkId,
      sectors: [{ code: '2410', percentage: 100 }],
      type: 'greenfield',
      stage: 'operational',
      ...extra,
    });
    const atPark = await post<{ id: string; location: unknown }>(
      officerMY,
      'projects',
      project('Steel mill', ids.mckip),
    );
    expect(atPark.status).toBe(201);
    expect(atPark.body.location).toBeNull();
    const ownSite = await post<{ id: string; location: Location }>(
      officerMY,
      'projects',
      project('Port terminal', ids.nowhere, {
        location: {
          lon: 103.43,
          lat: 3.975,
          exactness: 'exact',
          precision: 'site',
          subdivisionCode: 'MY-06',
        },
      }),
    );
    expect(ownSite.status).toBe(201);
    expect(ownSite.body.location).toMatchObject({
      lon: 103.43,
      lat: 3.975,
      subdivisionCode: 'MY-06',
    });
    const badSite = await post(
      officerMY,
      'projects',
      project('Far away', ids.mckip, {
        location: { lon: 108.651, lat: 21.982 },
      }),
    );
    expectProblem(badSite, 422, 'LOCATION_OUTSIDE_COUNTRY');
    const wrongSubdivision = await post(
      officerMY,
      'projects',
      project('Wrong state', ids.mckip, {
        location: { lon: 103.43, lat: 3.975, subdivisionCode: 'TH-10' },
      }),
    );
    expectProblem(wrongSubdivision, 400, 'VALIDATION_FAILED');

    const projects = await allFeatures('/api/v1/projects?format=geojson&country=MY');
    const byTitle = new Map(projects.map((f) => [f.properties.title, f]));
    expect(byTitle.get('Steel mill')).toMatchObject({
      geometry: { type: 'Point', coordinates: [103.326, 3.808] },
      properties: { locatedAt: 'park' },
    });
    expect(byTitle.get('Port terminal')).toMatchObject({
      geometry: { type: 'Point', coordinates: [103.43, 3.975] },
      properties: { locatedAt: 'project' },
    });
    // The place filter finds a project at its own point and one at its park's.
    const near = await allFeatures('/api/v1/projects?format=geojson&near=103.4,3.9&within=20');
    expect(near.map((f) => f.properties.title).sort()).toEqual(['Port terminal', 'Steel mill']);
    const onlyOwn = await allFeatures('/api/v1/projects?format=geojson&bbox=103.4,3.95,103.5,4');
    expect(onlyOwn.map((f) => f.properties.title)).toEqual(['Port terminal']);
    const [sql, parameters] = t.app
      .get(ProjectsRepository)
      .listQuery({ bbox: '103.4,3.95,103.5,4' })
      .getQueryAndParameters();
    const plan = (
      await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, parameters as unknown[])
    )
      .map((row) => row['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/park_location_idx/);
  });

  it('refuses a project revert that would leave its own point outside its host country', async () => {
    const created = await post<{ id: string; version: number }>(admin, 'projects', {
      title: 'Moves across the sea',
      parkId: ids.mckip,
      sectors: [{ code: '2410', percentage: 100 }],
      type: 'greenfield',
      stage: 'pipeline',
    });
    expect(created.status).toBe(201);
    const url = `/api/v1/projects/${created.body.id}`;
    const moved = await patch<{ version: number }>(admin, url, created.body.version, {
      parkId: ids.cmqip,
    });
    expect(moved.status).toBe(200);
    const sited = await patch<{ version: number }>(admin, url, moved.body.version, {
      location: { lon: 108.6, lat: 21.9, subdivisionCode: 'CN-GX' },
    });
    expect(sited.status).toBe(200);
    const history = await t.get<{ items: { id: string; changed: string[] }[] }>(
      `${url}/history`,
      analyst.auth,
    );
    const parkChange = history.body.items.find((c) => c.changed.includes('parkId'));
    const reverted = await t.request({
      method: 'POST',
      url: `${url}/revert`,
      headers: { ...admin.auth, 'x-change-reason': 'wrong park' },
      payload: { changeId: parkChange?.id },
    });
    expect([400, 422]).toContain(reverted.status);
    expect(JSON.stringify(reverted.body)).toMatch(/host country MY|outside MY/);
  });

  it('round-trips: a GeoJSON page carries the JSON list item as its properties', async () => {
    const json = await t.get<{ items: Park[] }>('/api/v1/parks?country=MY', analyst.auth);
    const geo = await t.get<Collection>('/api/v1/parks?country=MY&format=geojson', analyst.auth);
    const parsed = JSON.parse(JSON.stringify(geo.body)) as Collection;
    expect(parsed.features.map((f) => f.properties)).toEqual(json.body.items);
    expect(parsed.features.map((f) => f.id)).toEqual(json.body.items.map((p) => p.id));
    const unlocated = parsed.features.find((f) => f.properties.code === 'MY-NOWHERE');
    expect(unlocated?.geometry).toBeNull();
  });
});
