import { DemoSeedService } from '../src/modules/demo-data/demo-seed.service';
import { iatiRuleProblems } from '../src/modules/open-data/validation/iati-rules';
import { oc4idsCodeProblems } from '../src/modules/open-data/validation/oc4ids-codes';
import {
  validateIatiActivities,
  validateOc4idsPackage,
} from '../src/modules/open-data/validation/schemas';
import { sha256Hex } from '../src/modules/open-data/published/published-view';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { multipartBody, tinyPdf } from './support/multipart';
import { expectProblem } from './support/problem';

interface Snapshot {
  id: number;
  publishedAt: string;
  sha256: string;
  pairings: number;
  projects: number;
  documents: number;
  cause: string;
}
interface Pairing {
  id: string;
  code: string;
  reviewState: string;
  version: number;
}

describe('open data: sealed snapshots, IATI, OC4IDS and CSV feeds', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let reviewerMY: TestUser;
  let reviewerCN: TestUser;
  let analyst: TestUser;
  const ids: Record<string, string> = {};

  const pairingOf = async (code: string) => {
    const [found] = await t.db.query<{ id: string }>(
      `SELECT id FROM registry.pairing WHERE code = $1`,
      [code],
    );
    return found;
  };
  const decide = (user: TestUser, id: string, decision: string, comment?: string) =>
    t.request<Pairing>({
      method: 'POST',
      url: `/api/v1/pairings/${id}/reviews`,
      headers: user.auth,
      payload: { decision, ...(comment ? { comment } : {}) },
    });
  const submit = (user: TestUser, id: string) =>
    t.request<Pairing>({
      method: 'POST',
      url: `/api/v1/pairings/${id}/submit`,
      headers: user.auth,
    });
  const snapshots = async () => (await t.get<{ items: Snapshot[] }>('/open/snapshots')).body.items;
  const feed = (path: string, headers: Record<string, string> = {}) => t.get(path, headers);
  const newPairing = async (code: string, parks: [string, string]) => {
    const created = await t.request<Pairing>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: officerMY.auth,
      payload: {
        code,
        name: `${code} pairing`,
        sides: [
          { countryCode: 'CN', parkIds: [parks[0]] },
          { countryCode: 'MY', parkIds: [parks[1]] },
        ],
        industries: [{ code: '24' }],
        agreementSignedOn: '2020-01-01',
        status: 'active',
      },
    });
    expect(created.status).toBe(201);
    expect((await submit(officerMY, created.body.id)).status).toBe(200);
    return created.body.id;
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { AUDIT_SEAL_INTERVAL_SECONDS: '0', PUBLIC_URL: 'https://registry.example.org' },
    });
    await t.app.get(DemoSeedService).seed();
    [admin, officerMY, reviewerMY, reviewerCN, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('reviewer', 'MY'),
      t.signIn('reviewer', 'CN'),
      t.signIn('analyst'),
    ]);
    ids.cnMy = (await pairingOf('CN-MY-TCTP')).id;
    ids.cnId = (await pairingOf('CN-ID-TCTP')).id;
    const parks = await t.db.query<{ id: string; code: string }>(
      `SELECT id, code FROM registry.park WHERE code IN ('CN-CMQIP', 'MY-MCKIP')`,
    );
    for (const park of parks) ids[park.code] = park.id;
  });
  afterAll(() => t.close());

  it('publishes nothing before an approval: drafts never appear', async () => {
    expectProblem(await feed('/open/iati/activities.xml'), 404, 'NOTHING_PUBLISHED');
    expect(await snapshots()).toEqual([]);
    const page = await feed('/open');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nothing is published yet');
  });

  it('previews an approval with its validation, and approving publishes a sealed snapshot', async () => {
    const preview = await t.get<{
      publisherSet: boolean;
      pairings: number;
      projects: number;
      check: { valid: boolean; iati: { schemaErrors: string[] } };
    }>(`/api/v1/pairings/${ids.cnMy}/publication-preview`, reviewerMY.auth);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ publisherSet: true, pairings: 1 });
    expect(preview.body.projects).toBeGreaterThan(0);
    expect(preview.body.check.valid).toBe(true);
    // The preview writes nothing.
    expect(await snapshots()).toEqual([]);

    expect((await submit(officerMY, ids.cnMy)).status).toBe(200);
    expect((await decide(reviewerMY, ids.cnMy, 'approve')).status).toBe(200);
    // One side approved: still under review, nothing published.
    expect(await snapshots()).toEqual([]);
    const approved = await decide(reviewerCN, ids.cnMy, 'approve');
    expect(approved.body.reviewState).toBe('approved');

    const [snapshot] = await snapshots();
    expect(snapshot).toMatchObject({ id: expect.any(Number), cause: 'approval', pairings: 1 });
    expect(snapshot.projects).toBe(preview.body.projects);
    // The sealed bytes are served, and hash to what the audit trail recorded.
    const sealed = await feed(`/open/snapshots/${snapshot.id}`);
    expect(sha256Hex(sealed.text)).toBe(snapshot.sha256);
    const [audited] = await t.db.query<{ after: { sha256: string; content: string } }>(
      `SELECT after FROM audit.change WHERE table_name = 'open_snapshot' AND row_id = $1`,
      [String(snapshot.id)],
    );
    expect(audited.after.sha256).toBe(snapshot.sha256);
    expect(audited.after.content).toBe('[redacted]');
    // Snapshots are never changed.
    await expect(
      t.db.query(`UPDATE registry.open_snapshot SET cause = 'manual' WHERE id = $1`, [snapshot.id]),
    ).rejects.toThrow(/never changed/);
  });

  it('serves IATI 2.03 that the official XSD, the codelists and IATI rules accept', async () => {
    const response = await feed('/open/iati/activities.xml');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    const xml = response.text;
    const schema = await validateIatiActivities(xml);
    expect(schema.errors).toEqual([]);
    expect(schema.valid).toBe(true);
    expect(iatiRuleProblems(xml)).toEqual([]);
    const orgId = 'XI-IATI-TWINPARKDEMO';
    expect(xml).toContain(`<iati-identifier>${orgId}-CN-MY-TCTP</iati-identifier>`);
    expect(xml.match(/hierarchy="1"/g)).toHaveLength(1);
    const [{ count }] = await t.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM registry.project WHERE pairing_id = $1 AND archived_at IS NULL`,
      [ids.cnMy],
    );
    expect(xml.match(/hierarchy="2"/g)).toHaveLength(count);
    expect(xml.match(/<related-activity ref="[^"]+" type="1"\/>/g)).toHaveLength(count);
    expect(xml).toContain('vocabulary="99" vocabulary-uri=');
    expect(xml).toContain('<feature-designation code="INDS"/>');
    expect(xml).toContain('xml:lang="zh"');
    // The draft pairing is not there.
    expect(xml).not.toContain('CN-ID-TCTP');
    // No internal note of any published record.
    const notes = await t.db.query<{ note: string }>(
      `SELECT note FROM registry.project WHERE note IS NOT NULL
       UNION ALL SELECT note FROM registry.pairing WHERE note IS NOT NULL
       UNION ALL SELECT note FROM registry.park WHERE note IS NOT NULL`,
    );
    expect(notes.length).toBeGreaterThan(0);
    const oc4ids = (await feed('/open/oc4ids/projects.json')).text;
    const csv = (await feed('/open/projects.csv')).text;
    const sealed = (await feed(`/open/snapshots/${(await snapshots())[0].id}`)).text;
    for (const { note } of notes) {
      for (const published of [xml, oc4ids, csv, sealed]) expect(published).not.toContain(note);
    }
  });

  it('serves an OC4IDS package valid against the official schema and codelists, and a CSV', async () => {
    const response = await feed('/open/oc4ids/projects.json');
    expect(response.status).toBe(200);
    const document = response.body as {
      projects: {
        id: string;
        relatedProjects?: { id: string; scheme: string; identifier: string }[];
      }[];
    };
    const schema = validateOc4idsPackage(document);
    expect(schema.errors).toEqual([]);
    expect(oc4idsCodeProblems(document)).toEqual([]);
    // The pairing is a record of its own, and each investment project points at it.
    const [pairing, ...projects] = document.projects;
    expect(pairing).toMatchObject({ id: 'oc4ids-XI-IATI-TWINPARKDEMO-CN-MY-TCTP' });
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(project.id).toMatch(/^oc4ids-XI-IATI-TWINPARKDEMO-/);
      expect(project.relatedProjects).toEqual([
        expect.objectContaining({
          id: 'CN-MY-TCTP',
          scheme: 'oc4ids',
          identifier: pairing.id,
        }),
      ]);
    }
    const csv = await feed('/open/projects.csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual([
      'iatiIdentifier',
      'pairingCode',
      'pairingName',
      'ref',
    ]);
    expect(lines).toHaveLength(projects.length + 1);
  });

  it('answers conditional requests with 304, and names the snapshot served', async () => {
    const first = await feed('/open/iati/activities.xml');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{32}-iati"$/);
    expect(first.headers['last-modified']).toBeDefined();
    expect((await feed('/open/iati/activities.xml', { 'if-none-match': etag })).status).toBe(304);
    const since = String(first.headers['last-modified']);
    expect((await feed('/open/projects.csv', { 'if-modified-since': since })).status).toBe(304);
    expect((await feed('/open/oc4ids/projects.json', { 'if-none-match': '"other"' })).status).toBe(
      200,
    );
    expectProblem(await feed('/open/iati/activities.xml?snapshot=999'), 404, 'SNAPSHOT_NOT_FOUND');
    expect((await feed('/open/iati/activities.xml?snapshot=abc')).status).toBe(400);
    // Past PostgreSQL's integer: a 400, never a database error.
    expect((await feed('/open/iati/activities.xml?snapshot=99999999999')).status).toBe(400);
    expect((await feed('/open/snapshots/99999999999')).status).toBe(400);
    expect((await feed('/open/snapshots/0')).status).toBe(400);
    const page = await feed('/open');
    expect(page.text).toContain('CN-MY-TCTP');
    expect(page.text).toContain('<svg');
    expect(page.headers.etag).toBeDefined();
  });

  it('publishes public documents only, and serves them without sign-in', async () => {
    const [internal] = await t.db.query<{ id: string }>(
      `SELECT id FROM registry.document WHERE pairing_id = $1`,
      [ids.cnMy],
    );
    const body = await multipartBody(
      {
        title: 'Agreement on MCKIP (public copy)',
        category: 'A09',
        language: 'en',
        visibility: 'public',
      },
      [{ name: 'mckip.pdf', bytes: tinyPdf('public agreement'), type: 'application/pdf' }],
    );
    const uploaded = await t.request<{ id: string }>({
      method: 'POST',
      url: `/api/v1/pairings/${ids.cnMy}/documents`,
      headers: { ...officerMY.auth, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.status).toBe(201);
    // Not yet published: the job or an admin publishes the change.
    expectProblem(await feed(`/open/documents/${uploaded.body.id}`), 404, 'DOCUMENT_NOT_PUBLISHED');
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/open-data/snapshots',
          headers: officerMY.auth,
        })
      ).status,
    ).toBe(403);
    const published = await t.request<{ snapshot: Snapshot | null; skipped: string | null }>({
      method: 'POST',
      url: '/api/v1/open-data/snapshots',
      headers: admin.auth,
    });
    expect(published.status).toBe(200);
    expect(published.body.snapshot).toMatchObject({ cause: 'manual', documents: 1 });
    const again = await t.request<{ snapshot: null; skipped: string }>({
      method: 'POST',
      url: '/api/v1/open-data/snapshots',
      headers: admin.auth,
    });
    expect(again.body).toEqual({ snapshot: null, skipped: 'unchanged' });

    const xml = (await feed('/open/iati/activities.xml')).text;
    expect(xml).toContain(`url="https://registry.example.org/open/documents/${uploaded.body.id}"`);
    expect(xml).toContain('<category code="A09"/>');
    expect(xml).not.toContain(internal.id);
    expect(iatiRuleProblems(xml)).toEqual([]);
    expect((await validateIatiActivities(xml)).valid).toBe(true);
    const file = await feed(`/open/documents/${uploaded.body.id}`);
    expect(file.status).toBe(200);
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expectProblem(await feed(`/open/documents/${internal.id}`), 404, 'DOCUMENT_NOT_PUBLISHED');
  });

  it('never publishes returned or rejected pairings; an archived one leaves the next snapshot', async () => {
    const returned = await newPairing('CN-MY-RET', [ids['CN-CMQIP'], ids['MY-MCKIP']]);
    expect(
      (await decide(reviewerMY, returned, 'return', 'Needs the agreement date checked')).body
        .reviewState,
    ).toBe('returned');
    const rejected = await newPairing('CN-MY-REJ', [ids['CN-CMQIP'], ids['MY-MCKIP']]);
    expect(
      (await decide(reviewerCN, rejected, 'reject', 'Not a twin-park pairing')).body.reviewState,
    ).toBe('rejected');
    const extra = await newPairing('CN-MY-EXTRA', [ids['CN-CMQIP'], ids['MY-MCKIP']]);
    await decide(reviewerMY, extra, 'approve');
    await decide(reviewerCN, extra, 'approve');
    let xml = (await feed('/open/iati/activities.xml')).text;
    expect(xml).toContain('-CN-MY-EXTRA</iati-identifier>');
    expect(xml).not.toContain('CN-MY-RET');
    expect(xml).not.toContain('CN-MY-REJ');

    const version = (await t.get<Pairing>(`/api/v1/pairings/${extra}`, analyst.auth)).body.version;
    const archived = await t.request({
      method: 'DELETE',
      url: `/api/v1/pairings/${extra}`,
      headers: {
        ...officerMY.auth,
        'if-match': `"${version}"`,
        'x-change-reason': 'Entered twice',
      },
    });
    expect(archived.status).toBe(204);
    xml = (await feed('/open/iati/activities.xml')).text;
    expect(xml).not.toContain('CN-MY-EXTRA');
    const list = await snapshots();
    expect(list[0].cause).toBe('pairing_change');
    expect(list.map((s) => s.id)).toEqual([...list.map((s) => s.id)].sort((a, b) => b - a));
    // An earlier snapshot stays served as it was published.
    const earlier = list.find((s) => s.cause === 'approval' && s.pairings === 2);
    expect(earlier).toBeDefined();
    expect((await feed(`/open/iati/activities.xml?snapshot=${earlier?.id}`)).text).toContain(
      'CN-MY-EXTRA',
    );
  });

  it('refuses an approval whose output the codelists would refuse, and says why', async () => {
    // ZWG (Zimbabwe Gold, 2024) is a currency the registry knows and IATI 2.03's list does not.
    const pairing = await newPairing('CN-MY-ZWG', [ids['CN-CMQIP'], ids['MY-MCKIP']]);
    const project = await t.request({
      method: 'POST',
      url: '/api/v1/projects',
      headers: officerMY.auth,
      payload: {
        title: 'Gold-priced test plant',
        parkId: ids['MY-MCKIP'],
        pairingId: pairing,
        sectors: [{ code: '2410', percentage: 100 }],
        type: 'greenfield',
        stage: 'pipeline',
        announcedOn: '2025-01-02',
        investment: { amount: '1000.00', currency: 'ZWG' },
      },
    });
    expect(project.status).toBe(201);
    const preview = await t.get<{
      check: { valid: boolean; iati: { codelistAndRuleErrors: string[] } };
    }>(`/api/v1/pairings/${pairing}/publication-preview`, reviewerMY.auth);
    expect(preview.body.check.valid).toBe(false);
    expect(preview.body.check.iati.codelistAndRuleErrors).toContain(
      'value/@currency "ZWG" is not in Currency',
    );
    const before = (await snapshots()).length;
    const refused = await decide(reviewerMY, pairing, 'approve');
    expectProblem(refused, 422, 'PUBLICATION_INVALID');
    expect((refused.body as unknown as { iati: string[] }).iati.join()).toContain('ZWG');
    // Nothing was decided and nothing published.
    const state = await t.get<Pairing>(`/api/v1/pairings/${pairing}`, analyst.auth);
    expect(state.body.reviewState).toBe('submitted');
    expect(await snapshots()).toHaveLength(before);
  });

  it('regenerates every snapshot from the audit trail to the same bytes, after later edits too', async () => {
    // Later writes to published records (and FX repricing) must not change what a snapshot was.
    const [project] = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM registry.project WHERE pairing_id = $1 ORDER BY ref LIMIT 1`,
      [ids.cnMy],
    );
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}`,
      headers: { ...admin.auth, 'if-match': `"${project.version}"` },
      payload: { jobsPlanned: 4321 },
    });
    expect(edited.status).toBe(200);
    for (const snapshot of await snapshots()) {
      const verified = await t.get<{ same: boolean; sha256: string; regeneratedSha256: string }>(
        `/api/v1/open-data/snapshots/${snapshot.id}/verification`,
        analyst.auth,
      );
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ same: true, sha256: snapshot.sha256 });
    }
    expectProblem(
      await t.get('/api/v1/open-data/snapshots/999/verification', analyst.auth),
      404,
      'SNAPSHOT_NOT_FOUND',
    );
    expect((await t.get('/api/v1/open-data/snapshots/1/verification', officerMY.auth)).status).toBe(
      403,
    );
  });
});

describe('open data: the public routes are rate-limited per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { OPEN_DATA_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('answers a 429 problem with Retry-After past the limit, and leaves the API alone', async () => {
    for (let i = 0; i < 3; i += 1) expect((await t.get('/open/snapshots')).status).toBe(200);
    const limited = await t.get<{ code: string }>('/open/snapshots');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await t.get('/health/live')).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await t.get('/api/v1/countries')).status).toBe(401);
  });
});
