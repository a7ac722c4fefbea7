import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Investor {
  id: string;
  name: string;
  nameZh: string | null;
  countryCode: string;
  type: string | null;
  identifiers: { scheme: string; value: string }[];
  version: number;
  archivedAt: string | null;
}

const ALLIANCE = {
  name: 'Alliance Steel (M) Sdn Bhd',
  nameZh: '联合钢铁',
  countryCode: 'MY',
  type: 'private',
  website: 'https://alliancesteel.com.my',
  identifiers: [{ scheme: 'MY-SSM', value: '1024155-T' }],
  sources: [{ url: 'https://example.org/alliance', title: 'Alliance Steel', accessedOn: null }],
};

describe('investors', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerVN: TestUser;
  let reviewer: TestUser;
  let analyst: TestUser;
  let alliance: Investor;

  const post = (user: TestUser, payload: Record<string, unknown>) =>
    t.request<Investor>({ method: 'POST', url: '/api/v1/investors', headers: user.auth, payload });
  const patch = (user: TestUser, id: string, version: number, payload: Record<string, unknown>) =>
    t.request<Investor>({
      method: 'PATCH',
      url: `/api/v1/investors/${id}`,
      headers: { ...user.auth, 'if-match': `"${version}"` },
      payload,
    });
  const names = async (query: string) =>
    (await t.get<{ items: Investor[] }>(`/api/v1/investors?${query}`, analyst.auth)).body.items.map(
      (i) => i.name,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [admin, officerVN, reviewer, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'VN'),
      t.signIn('reviewer', 'MY'),
      t.signIn('analyst'),
    ]);
    const created = await post(officerVN, ALLIANCE);
    expect(created.status).toBe(201);
    alliance = created.body;
  });
  afterAll(() => t.close());

  it('registers an investor of any country (officers share investors) and reads it back', async () => {
    expect(alliance).toMatchObject({ ...ALLIANCE, version: 1, archivedAt: null });
    const read = await t.get<Investor>(`/api/v1/investors/${alliance.id}`, reviewer.auth);
    expect(read.headers.etag).toBe('"1"');
    expect((await post(reviewer, { ...ALLIANCE, name: 'Other' })).status).toBe(403);
    expect((await post(analyst, { ...ALLIANCE, name: 'Other' })).status).toBe(403);
  });

  it('refuses the same organisation twice (409 with the existing id), whatever the spelling', async () => {
    for (const name of [
      'alliance steel (m) sdn. bhd.',
      'ALLIANCE  STEEL M SDN BHD',
      'Alliançe Steel (M) Sdn Bhd',
    ]) {
      const duplicate = expectProblem(
        await post(admin, { ...ALLIANCE, name }),
        409,
        'INVESTOR_DUPLICATE',
      );
      expect(duplicate.existingId).toBe(alliance.id);
    }
    // Another country's company of the same name is another organisation.
    const chinese = await post(admin, { ...ALLIANCE, countryCode: 'CN', identifiers: [] });
    expect(chinese.status).toBe(201);
    // Renaming into an existing name is refused the same way.
    const other = (
      await post(admin, {
        name: 'Guangxi Beibu Gulf International Port Group',
        countryCode: 'CN',
        type: 'state_owned',
      })
    ).body;
    const rename = await patch(admin, other.id, other.version, {
      name: 'Alliance Steel (M) Sdn Bhd',
    });
    expect(expectProblem(rename, 409, 'INVESTOR_DUPLICATE').existingId).toBe(chinese.body.id);
  });

  it('names the field of bad input (400)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'charity' }, 'type'],
      [{ website: 'ftp://example.org' }, 'website'],
      [{ countryCode: 'ZZ' }, 'countryCode'],
      [{ name: '' }, 'name'],
      [{ identifiers: [{ scheme: 'LEI' }] }, 'identifiers[0].value'],
      [{ shareholders: 3 }, 'shareholders'],
    ];
    for (const [change, path] of cases) {
      const problem = expectProblem(
        await post(admin, { ...ALLIANCE, name: `Case ${path}`, ...change }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('filters by country, type and q (any name, accents and case ignored)', async () => {
    await post(admin, {
      name: 'PT Huadi Nickel-Alloy Indonesia',
      nameZh: '华迪镍合金',
      countryCode: 'ID',
      type: 'joint_venture',
    });
    expect(await names('country=id')).toEqual(['PT Huadi Nickel-Alloy Indonesia']);
    expect(await names('type=joint_venture')).toEqual(['PT Huadi Nickel-Alloy Indonesia']);
    expect(await names('q=华迪')).toEqual(['PT Huadi Nickel-Alloy Indonesia']);
    expect(await names('q=NICKEL-ALLOY')).toEqual(['PT Huadi Nickel-Alloy Indonesia']);
    expect(await names('country=MY&q=steel')).toEqual(['Alliance Steel (M) Sdn Bhd']);
    expectProblem(
      await t.get('/api/v1/investors?type=bank', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('archives with a reason; the name can then be registered again', async () => {
    const temp = (await post(admin, { name: 'Short-lived Holdings', countryCode: 'SG' })).body;
    const url = `/api/v1/investors/${temp.id}`;
    expectProblem(
      await t.request({ method: 'DELETE', url, headers: { ...admin.auth, 'if-match': '"1"' } }),
      428,
      'REASON_REQUIRED',
    );
    const archived = await t.request({
      method: 'DELETE',
      url,
      headers: { ...admin.auth, 'if-match': '"1"', 'x-change-reason': 'registered by mistake' },
    });
    expect(archived.status).toBe(204);
    expect((await t.get<Investor>(url, analyst.auth)).body.archivedAt).not.toBeNull();
    expect(await names('country=SG')).toEqual([]);
    expect(await names('country=SG&includeArchived=true')).toEqual(['Short-lived Holdings']);
    expectProblem(await patch(admin, temp.id, 2, { type: 'other' }), 409, 'INVESTOR_ARCHIVED');
    expect((await post(admin, { name: 'Short-lived Holdings', countryCode: 'SG' })).status).toBe(
      201,
    );
  });

  it('keeps history, reads as of an instant and reverts a change', async () => {
    const url = `/api/v1/investors/${alliance.id}`;
    await sleep(5);
    const before = new Date().toISOString();
    await sleep(5);
    const changed = await patch(officerVN, alliance.id, alliance.version, {
      type: 'joint_venture',
    });
    expect(changed.status).toBe(200);
    expect((await t.get<Investor>(`${url}?asOf=${before}`, analyst.auth)).body.type).toBe(
      'private',
    );
    const history = await t.get<{ items: { id: string; op: string; changed: string[] }[] }>(
      `${url}/history`,
      reviewer.auth,
    );
    expect(history.body.items.map((c) => c.op)).toEqual(['update', 'insert']);
    const reverted = await t.request<Investor>({
      method: 'POST',
      url: `${url}/revert`,
      headers: { ...officerVN.auth, 'x-change-reason': 'wrong type' },
      payload: { changeId: history.body.items[0].id },
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ type: 'private', version: 3 });
  });
});
