import { startTestApp, type TestApp, type TestUser } from '../harness/test-app';

interface Versioned {
  id: string;
  version: number;
}

/** Many clients writing at once: every outcome is a success or a clear conflict, none is lost. */
describe('write storms', () => {
  let t: TestApp;
  let admin: TestUser;
  const statuses: number[] = [];

  const call = async <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await t.request<T>({
      method,
      url: `/api/v1/${url}`,
      headers: { ...admin.auth, ...headers },
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { payload, headers: { ...admin.auth, ...headers, 'content-type': 'text/csv' } }
          : { payload: payload as Record<string, unknown> }),
    });
    statuses.push(response.status);
    return response;
  };
  const changes = async (table: string, rowId: string | null, op: string) =>
    Number(
      (
        await t.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM audit.change
            WHERE table_name = $1 AND ($2::text IS NULL OR row_id = $2) AND op = $3`,
          [table, rowId, op],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0', DB_POOL_SIZE: '8' } });
    admin = await t.signIn('admin');
  });
  afterAll(() => t.close());
  afterEach(() => {
    // Never a 5xx, whatever the interleaving.
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });

  it('same record, 16 clients: every update lands or gets 412, and the trail counts exactly the landed ones', async () => {
    const created = await call<Versioned>('POST', 'investors', {
      name: 'Storm investor',
      countryCode: 'MY',
      type: 'private',
    });
    const id = created.body.id;
    let landed = 0;
    let stale = 0;
    await Promise.all(
      Array.from({ length: 16 }, async (_, client) => {
        for (let round = 0; round < 8; round += 1) {
          const read = await call<Versioned>('GET', `investors/${id}`);
          const write = await call<Versioned>(
            'PATCH',
            `investors/${id}`,
            { website: `https://example.org/${client}/${round}` },
            { 'if-match': `"${read.body.version}"` },
          );
          if (write.status === 200) landed += 1;
          else if (write.status === 412) stale += 1;
          else throw new Error(`unexpected ${write.status}`);
        }
      }),
    );
    expect(landed + stale).toBe(128);
    expect(landed).toBeGreaterThan(0);
    const final = await call<Versioned>('GET', `investors/${id}`);
    expect(final.body.version).toBe(1 + landed);
    expect(await changes('investor', id, 'update')).toBe(landed);
  });

  it('different records, 16 clients: every update lands', async () => {
    const parks = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        call<Versioned>('POST', 'parks', {
          code: `MY-STORM${i}`,
          name: `Storm park ${i}`,
          countryCode: 'MY',
          zoneType: 'industrial_park',
        }),
      ),
    );
    await Promise.all(
      parks.map(async ({ body: park }) => {
        for (let version = 1; version <= 8; version += 1) {
          const write = await call(
            'PATCH',
            `parks/${park.id}`,
            { city: `City ${version}` },
            {
              'if-match': `"${version}"`,
            },
          );
          expect(write.status).toBe(200);
        }
      }),
    );
    for (const { body: park } of parks) {
      expect(await changes('park', park.id, 'update')).toBe(8);
    }
  });

  it('imports and link edits over the same parks in opposite orders: no deadlock escapes, refs stay unique', async () => {
    const [a, b] = await Promise.all(
      ['MY-LOCKA', 'MY-LOCKB'].map((code) =>
        call<Versioned>('POST', 'parks', {
          code,
          name: code,
          countryCode: 'MY',
          zoneType: 'industrial_park',
        }),
      ),
    );
    const file = (first: string, second: string, n: number) =>
      [
        'parkCode,title,type,stage,sectors',
        ...Array.from(
          { length: 20 },
          (_, i) => `${i % 2 ? second : first},Lock ${n}-${i},greenfield,pipeline,2410:100`,
        ),
      ].join('\n');
    let imported = 0;
    await Promise.all([
      ...Array.from({ length: 8 }, async (_, n) => {
        const response = await call<{ projectsCreated: number }>(
          'POST',
          'projects/import',
          n % 2 ? file('MY-LOCKA', 'MY-LOCKB', n) : file('MY-LOCKB', 'MY-LOCKA', n),
        );
        expect([201, 409]).toContain(response.status);
        if (response.status === 201) imported += response.body.projectsCreated;
      }),
      // Focus industries of both parks rewritten meanwhile (each bumps its park's version).
      ...[a.body, b.body].map(async (park) => {
        for (let round = 0; round < 6; round += 1) {
          const read = await call<Versioned>('GET', `parks/${park.id}`);
          const write = await call(
            'PUT',
            `parks/${park.id}/industries`,
            [{ code: round % 2 ? '24' : '25', primary: true }],
            { 'if-match': `"${read.body.version}"` },
          );
          expect([200, 409, 412]).toContain(write.status);
        }
      }),
    ]);
    expect(imported).toBeGreaterThan(0);
    const refs = await t.db.query<{ ref: string }>(
      `SELECT ref FROM registry.project WHERE title LIKE 'Lock %'`,
    );
    expect(refs).toHaveLength(imported);
    expect(new Set(refs.map((r) => r.ref)).size).toBe(imported);
    expect(await changes('project', null, 'insert')).toBe(imported);
  });

  it('leaves an audit trail that verifies after all of it', async () => {
    expect((await call('POST', 'audit/seals')).status).toBe(200);
    const verify = await call<{ ok: boolean; checked: number }>('GET', 'audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.checked).toBeGreaterThan(300);
  });
});
