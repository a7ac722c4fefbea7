import { DEMO_DATA_SET } from '../src/modules/demo-data/demo-data-set';
import { DemoDataInvalid, DemoSeedService } from '../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp, type TestUser, withHeaders } from './harness/test-app';
import { collectPages } from './support/pages';

interface Named {
  id: string;
  code: string;
  name: string;
  sources: { url: string; title: string; accessedOn: string | null }[];
  note: string | null;
}
interface Pairing extends Named {
  reviewState: string;
  sides: { countryCode: string; parks: { code: string }[] }[];
}
interface Project {
  id: string;
  ref: string;
  title: string;
  parkCode: string;
  investment: { amount: string; currency: string } | null;
  amountUsd: string | null;
  fx: { usdPerUnit: string; rateDate: string; source: string } | null;
  investors: { name: string; role: string }[];
  sources: unknown[];
  note: string | null;
}

describe('demo data: real twin parks, loaded through the services', () => {
  let t: TestApp;
  let seeder: DemoSeedService;
  let analyst: TestUser;
  const changeCount = async () =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit.change`))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    seeder = t.app.get(DemoSeedService);
    analyst = await t.signIn('analyst');
  });
  afterAll(() => t.close());

  it('loads every record once, as system:demo-seed, and a second run writes nothing', async () => {
    expect(await seeder.registryIsEmpty()).toBe(true);
    expect(await seeder.loadedBefore()).toBe(false);
    const first = await seeder.seed();
    expect(first.created).toEqual({
      fxRates: DEMO_DATA_SET.fxRates.length,
      investors: DEMO_DATA_SET.investors.length,
      parks: DEMO_DATA_SET.parks.length,
      pairings: DEMO_DATA_SET.pairings.length,
      projects: DEMO_DATA_SET.projects.length,
      // One generated summary per pairing.
      documents: DEMO_DATA_SET.pairings.length,
    });
    expect(await seeder.registryIsEmpty()).toBe(false);
    expect(await seeder.loadedBefore()).toBe(true);

    // Every row was written by the demo loader in this run, with its reason.
    const actors = await t.db.query<{ actor: string; request_id: string; reason: string }>(
      `SELECT DISTINCT actor, request_id, reason FROM audit.change WHERE actor NOT LIKE 'migration:%'
         AND table_name <> 'app_user'`,
    );
    expect(actors).toEqual([
      {
        actor: 'system:demo-seed',
        request_id: first.requestId,
        reason: expect.stringContaining('real twin parks'),
      },
    ]);

    const before = await changeCount();
    const second = await seeder.seed();
    expect(second.created).toEqual({
      fxRates: 0,
      investors: 0,
      parks: 0,
      pairings: 0,
      projects: 0,
      documents: 0,
    });
    expect(second.present).toEqual(first.created);
    expect(await changeCount()).toBe(before);
  });

  it('serves the China-Malaysia and China-Indonesia pairings with their parks and sources', async () => {
    const pairings = (
      await collectPages<Pairing>(withHeaders(t, analyst.auth), '/api/v1/pairings?limit=50')
    ).items;
    const byCode = new Map(pairings.map((p) => [p.code, p]));
    const cnMy = byCode.get('CN-MY-TCTP')!;
    expect(cnMy.sides.map((s) => [s.countryCode, s.parks.map((p) => p.code)])).toEqual(
      expect.arrayContaining([
        ['CN', ['CN-CMQIP']],
        ['MY', ['MY-MCKIP']],
      ]),
    );
    const cnId = byCode.get('CN-ID-TCTP')!;
    expect(
      cnId.sides
        .find((s) => s.countryCode === 'ID')!
        .parks.map((p) => p.code)
        .sort(),
    ).toEqual(['ID-AVIARNA', 'ID-BATANG', 'ID-BINTAN']);
    // Registered, not yet reviewed in this registry: a reviewer's workflow starts from draft.
    expect(cnMy.reviewState).toBe('draft');
    expect(cnMy.sources.length).toBeGreaterThan(0);
    expect(cnMy.sources[0]).toEqual({
      url: expect.stringMatching(/^https?:\/\//),
      title: expect.any(String),
      accessedOn: '2026-11-23',
    });

    // Its generated summary, labelled as such, and a real PDF.
    const documents = await t.get<{
      items: { title: string; mediaType: string; category: string; contentUrl: string }[];
    }>(`/api/v1/pairings/${cnMy.id}/documents`, analyst.auth);
    expect(documents.body.items).toEqual([
      expect.objectContaining({
        title: expect.stringContaining('generated, not an official document'),
        mediaType: 'application/pdf',
        category: 'A06',
      }),
    ]);
    const summary = await t.get(documents.body.items[0].contentUrl, analyst.auth);
    expect(summary.status).toBe(200);
    expect(summary.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const parks = (
      await collectPages<Named & { status: string | null }>(
        withHeaders(t, analyst.auth),
        '/api/v1/parks?limit=200',
      )
    ).items;
    expect(parks).toHaveLength(DEMO_DATA_SET.parks.length);
    // No source states Bintan's status: unknown stays unknown instead of being guessed.
    expect(parks.find((p) => p.code === 'ID-BINTAN')).toMatchObject({
      status: null,
      note: expect.stringContaining('no area, status'),
    });
  });

  it('gives projects refs, investors, sources and USD amounts by the registry FX rule', async () => {
    const projects = (
      await collectPages<Project>(withHeaders(t, analyst.auth), '/api/v1/projects?limit=200')
    ).items;
    expect(projects).toHaveLength(DEMO_DATA_SET.projects.length);
    const steel = projects.find((p) => p.title.startsWith('Integrated steel mill'))!;
    expect(steel.ref).toMatch(/^MY-MCKIP-\d{4}-0001$/);
    expect(steel.investors.map((i) => [i.name, i.role])).toEqual(
      expect.arrayContaining([
        ['Guangxi Beibu Gulf Iron & Steel Investment Co Ltd', 'lead'],
        ['Alliance Steel (M) Sdn Bhd', 'operator'],
      ]),
    );
    // MYR 5.6 bn at Bank Negara's 2024-03-15 rate, the latest on or before its reference date.
    expect(steel.fx).toMatchObject({ usdPerUnit: '0.21256244', rateDate: '2024-03-15' });
    expect(steel.amountUsd).toBe('1190349664.00');
    expect(steel.note).toContain('RM3.5 bn');
    // US dollar amounts need no rate: they are their own USD amount.
    const hengyi = projects.find((p) => p.ref.startsWith('BN-PMB-2023'))!;
    expect(hengyi.investment).toEqual({ amount: '13654000000.00', currency: 'USD' });
    expect(hengyi.amountUsd).toBe('13654000000.00');
    expect(hengyi.fx).toBeNull();
    expect(projects.every((p) => p.sources.length > 0)).toBe(true);

    const report = await t.get<{ meta: { projectsWithoutUsd: number } }>(
      '/api/v1/reports/sectors?level=section',
      analyst.auth,
    );
    expect(report.status).toBe(200);
    expect(report.body.meta.projectsWithoutUsd).toBe(0);
  });

  it('does not attach a generated summary again after a user archived it', async () => {
    const admin = await t.signIn('admin');
    const pairing = (
      await collectPages<Pairing>(withHeaders(t, analyst.auth), '/api/v1/pairings?limit=50')
    ).items.find((p) => p.code === 'CN-MY-TCTP')!;
    const listed = await t.get<{ items: { id: string; version: number }[] }>(
      `/api/v1/pairings/${pairing.id}/documents`,
      admin.auth,
    );
    const [summary] = listed.body.items;
    const archived = await t.request({
      method: 'DELETE',
      url: `/api/v1/documents/${summary.id}`,
      headers: {
        ...admin.auth,
        'if-match': `"${summary.version}"`,
        'x-change-reason': 'replaced by the signed agreement',
      },
    });
    expect(archived.status).toBe(204);

    const again = await seeder.seed();
    expect(again.created.documents).toBe(0);
    const all = await t.get<{ items: unknown[] }>(
      `/api/v1/pairings/${pairing.id}/documents?includeArchived=true`,
      admin.auth,
    );
    expect(all.body.items).toHaveLength(1);
  });

  it('refuses a malformed record with the API validation message, before writing it', async () => {
    const broken = {
      ...DEMO_DATA_SET,
      fxRates: [],
      investors: [],
      pairings: [],
      projects: [],
      parks: [{ ...DEMO_DATA_SET.parks[0], code: 'XX-NEW', zoneType: 'moon_base' }],
    };
    const before = await changeCount();
    await expect(seeder.seed(broken)).rejects.toThrow(DemoDataInvalid);
    await expect(seeder.seed(broken)).rejects.toThrow(/park XX-NEW is invalid: zoneType/);
    expect(await changeCount()).toBe(before);
  });
});
