import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp, type TestUser, withHeaders } from './harness/test-app';
import { collectPages } from './support/pages';
import { expectProblem } from './support/problem';

interface Change {
  id: string;
  table: string;
  entityId: string;
  op: string;
  actor: string;
  requestId: string | null;
  reason: string | null;
  at: string;
  txId: string;
  changed: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('history and the change log', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;

  const patchCountry = async (
    code: string,
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const read = await t.get<{ version: number }>(`/api/v1/countries/${code}`, admin.auth);
    const response = await t.request({
      method: 'PATCH',
      url: `/api/v1/countries/${code}`,
      headers: { ...admin.auth, 'if-match': `"${read.body.version}"`, ...headers },
      payload,
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    admin = await t.signIn('admin');
    analyst = await t.signIn('analyst');
    await patchCountry(
      'KH',
      { nameZh: '柬埔寨王国' },
      { 'x-change-reason': 'Chinese name', 'x-request-id': 'kh-1' },
    );
    await patchCountry('KH', { twinParksPartner: false, name: 'Cambodia (Kingdom of)' });
    await patchCountry('PH', { nameZh: '菲律宾共和国' }, { 'x-request-id': 'ph-1' });
  });
  afterAll(() => t.close());

  it('shows a record’s history newest first, with camelCase fields, actor, reason and images', async () => {
    const history = await t.get<{ items: Change[]; nextCursor: null }>(
      '/api/v1/countries/kh/history',
      analyst.auth,
    );
    expect(history.status).toBe(200);
    // The oldest entry is the baseline the audit migration recorded for reference data.
    expect(history.body.items).toHaveLength(3);
    const [latest, first, baseline] = history.body.items;
    expect(baseline).toMatchObject({
      op: 'insert',
      actor: 'migration:AuditBaseline1795472100000',
      before: null,
      after: { code: 'KH', nameZh: '柬埔寨' },
    });
    expect(first).toMatchObject({
      table: 'country',
      entityId: 'KH',
      op: 'update',
      actor: admin.user.id,
      requestId: 'kh-1',
      reason: 'Chinese name',
      before: { nameZh: '柬埔寨' },
      after: { nameZh: '柬埔寨王国' },
    });
    expect(first?.changed).toEqual(expect.arrayContaining(['nameZh', 'version', 'updatedAt']));
    expect(latest?.changed).toEqual(expect.arrayContaining(['name']));
    expect(latest?.changed).not.toContain('twinParksPartner'); // unchanged value, not recorded as changed
    const oldestFirst = await t.get<{ items: Change[] }>(
      '/api/v1/countries/KH/history?sort=at&limit=2',
      analyst.auth,
    );
    expect(oldestFirst.body.items.map((c) => c.requestId)).toEqual([null, 'kh-1']);
  });

  it('filters the change log by table, entity, actor, request, operation and time, page by page', async () => {
    const byRequest = await t.get<{ items: Change[] }>(
      '/api/v1/audit/changes?requestId=ph-1',
      analyst.auth,
    );
    expect(byRequest.body.items.map((c) => c.entityId)).toEqual(['PH']);
    const byActor = await collectPages<Change>(
      withHeaders(t, analyst.auth),
      `/api/v1/audit/changes?actor=${admin.user.id}&table=country&limit=1`,
    );
    expect(byActor.items).toHaveLength(3);
    expect(byActor.pages).toBe(3);
    const inserts = await t.get<{ items: Change[] }>(
      `/api/v1/audit/changes?table=app_user&op=insert&entityId=${analyst.user.id}`,
      analyst.auth,
    );
    expect(inserts.body.items).toHaveLength(1);
    expect(inserts.body.items[0]?.after?.passwordHash).toBe('[redacted]');
    expect(inserts.body.items[0]?.actor).toBe('system:test-fixtures');
    const future = await t.get<{ items: Change[] }>(
      '/api/v1/audit/changes?from=2999-01-01T00:00:00Z',
      analyst.auth,
    );
    expect(future.body.items).toEqual([]);
    expectProblem(
      await t.get('/api/v1/audit/changes?op=upsert', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await t.get('/api/v1/audit/changes?from=yesterday', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('exports the filtered log as streamed CSV, spreadsheet-safe, in keyset batches', async () => {
    await patchCountry(
      'ID',
      { nameZh: '印度尼西亚共和国' },
      { 'x-change-reason': '=HYPERLINK("x")' },
    );
    const response = await t.get(
      '/api/v1/audit/changes?format=csv&table=country&sort=at&limit=1',
      analyst.auth,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-changes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.text.startsWith('\uFEFFid,at,table,entityId,op,actor')).toBe(true);
    const rows = parse<Record<string, string>>(response.text, { bom: true, columns: true });
    // Every country change (baseline inserts included), not one page: limit does not apply.
    const json = await collectPages<Change>(
      withHeaders(t, analyst.auth),
      '/api/v1/audit/changes?table=country&sort=at&limit=200',
    );
    expect(rows.map((r) => r.id)).toEqual(json.items.map((c) => c.id));
    const last = rows.at(-1);
    expect(last).toMatchObject({ entityId: 'ID', op: 'update', reason: `'=HYPERLINK("x")` });
    expect(JSON.parse(last?.after ?? '')).toMatchObject({ nameZh: '印度尼西亚共和国' });
    expect(last?.changed.split(';')).toContain('nameZh');
    expectProblem(
      await t.get('/api/v1/audit/changes?format=xml', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('keeps the log to analysts and admins, user history to admins, and 404s unknown records', async () => {
    const officer = await t.signIn('officer', 'MY');
    expect((await t.get('/api/v1/audit/changes', officer.auth)).status).toBe(403);
    expect((await t.get('/api/v1/countries/KH/history', officer.auth)).status).toBe(200);
    expect((await t.get(`/api/v1/users/${officer.user.id}/history`, analyst.auth)).status).toBe(
      403,
    );
    const userHistory = await t.get<{ items: Change[] }>(
      `/api/v1/users/${officer.user.id}/history`,
      admin.auth,
    );
    expect(userHistory.body.items.map((c) => c.op)).toEqual(['insert']);
    expectProblem(
      await t.get('/api/v1/countries/ZZ/history', analyst.auth),
      404,
      'COUNTRY_NOT_FOUND',
    );
  });
});
