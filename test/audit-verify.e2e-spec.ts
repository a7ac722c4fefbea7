import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';

interface Verify {
  ok: boolean;
  checked: number;
  seals: number;
  firstMismatch: { changeId?: string; sealId?: string; reason: string } | null;
}

/** Runs SQL the way a superuser bypassing the triggers would (what operators must never do). */
const asTamperingSuperuser = (sql: string) =>
  `SET session_replication_role = replica; ${sql}; RESET session_replication_role;`;

describe('audit seals and verify', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;

  const verify = async () => (await t.get<Verify>('/api/v1/audit/verify', analyst.auth)).body;

  /** Seals until no change is left outside a seal (other databases' transactions can hold the horizon back). */
  async function sealEverything(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await t.request({ method: 'POST', url: '/api/v1/audit/seals', headers: admin.auth });
      const [{ unsealed }] = await t.db.query<{ unsealed: number }>(`
        SELECT count(*)::int AS unsealed FROM audit.change
        WHERE tx_id >= coalesce((SELECT max(to_tx) FROM audit.seal), '0'::xid8)`);
      if (unsealed === 0) return;
      await sleep(100);
    }
    throw new Error('changes stayed unsealed');
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    admin = await t.signIn('admin');
    analyst = await t.signIn('analyst');
    for (const code of ['MY', 'ID', 'TH', 'VN']) {
      const read = await t.get<{ version: number }>(`/api/v1/countries/${code}`, admin.auth);
      await t.request({
        method: 'PATCH',
        url: `/api/v1/countries/${code}`,
        headers: { ...admin.auth, 'if-match': `"${read.body.version}"` },
        payload: { nameZh: `${code} 已核对` },
      });
    }
    await sealEverything();
  });
  afterAll(() => t.close());

  it('is ok on a clean, sealed log, and lists seal heads', async () => {
    const result = await verify();
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.change`);
    expect(result).toEqual({
      ok: true,
      checked: n,
      seals: expect.any(Number),
      firstMismatch: null,
      documents: { ok: true, checkedFiles: 0, checkedBytes: 0, faults: [] },
    });
    expect(result.seals).toBeGreaterThan(0);
    const seals = await t.get<{ items: { changeCount: number; chainHash: string }[] }>(
      '/api/v1/audit/seals',
      analyst.auth,
    );
    expect(seals.body.items[0]?.chainHash).toMatch(/^[0-9a-f]{64}$/);
    expect(seals.body.items.reduce((sum, s) => sum + s.changeCount, 0)).toBe(n);
  });

  it('finds an edited change row', async () => {
    const [row] = await t.db.query<{ id: string; actor: string }>(
      `SELECT id, actor FROM audit.change WHERE table_name = 'country' ORDER BY id LIMIT 1`,
    );
    await t.db.query(
      asTamperingSuperuser(`UPDATE audit.change SET actor = 'someone-else' WHERE id = ${row.id}`),
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstMismatch).toMatchObject({ changeId: row.id });
    await t.db.query(
      asTamperingSuperuser(`UPDATE audit.change SET actor = '${row.actor}' WHERE id = ${row.id}`),
    );
    await expect(verify()).resolves.toMatchObject({ ok: true });
  });

  it('finds an edit whose digest was recomputed to match, through the seal chain', async () => {
    const [row] = await t.db.query<{ id: string; reason: string | null }>(
      `SELECT id, reason FROM audit.change WHERE table_name = 'country' ORDER BY id DESC LIMIT 1`,
    );
    // SET expressions see the old row, so the digest is recomputed in a second statement.
    const redigest = `digest = audit.row_digest(table_name, row_id, op, actor, request_id, reason, tx_id, at, changed, before, after)`;
    await t.db.query(
      asTamperingSuperuser(
        `UPDATE audit.change SET reason = 'forged' WHERE id = ${row.id}; UPDATE audit.change SET ${redigest} WHERE id = ${row.id}`,
      ),
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstMismatch).toMatchObject({ sealId: expect.any(String) });
    await t.db.query(
      asTamperingSuperuser(
        `UPDATE audit.change SET reason = ${row.reason === null ? 'NULL' : `'${row.reason}'`} WHERE id = ${row.id}; UPDATE audit.change SET ${redigest} WHERE id = ${row.id}`,
      ),
    );
    await expect(verify()).resolves.toMatchObject({ ok: true });
  });

  it('finds a deleted change row and an inserted one', async () => {
    const [row] = await t.db.query<{ id: string }>(
      `SELECT id FROM audit.change WHERE table_name = 'country' ORDER BY id LIMIT 1`,
    );
    await t.db.query(
      asTamperingSuperuser(
        `CREATE TABLE public.kept_change AS SELECT * FROM audit.change WHERE id = ${row.id}; DELETE FROM audit.change WHERE id = ${row.id}`,
      ),
    );
    const afterDelete = await verify();
    expect(afterDelete.ok).toBe(false);
    expect(afterDelete.firstMismatch?.reason).toMatch(/deleted|inserted/);
    await t.db.query(
      asTamperingSuperuser(
        `INSERT INTO audit.change OVERRIDING SYSTEM VALUE SELECT * FROM public.kept_change; DROP TABLE public.kept_change`,
      ),
    );
    await expect(verify()).resolves.toMatchObject({ ok: true });

    // A forged row, with a valid digest, slipped into a sealed range.
    await t.db.query(
      asTamperingSuperuser(`
        INSERT INTO audit.change (table_name, row_id, op, actor, request_id, reason, tx_id, at, changed, before, after, digest)
        SELECT table_name, row_id, op, actor, request_id, 'forged', tx_id, at, changed, before, after,
               audit.row_digest(table_name, row_id, op, actor, request_id, 'forged', tx_id, at, changed, before, after)
        FROM audit.change WHERE id = ${row.id}`),
    );
    const afterInsert = await verify();
    expect(afterInsert.ok).toBe(false);
    expect(afterInsert.firstMismatch).toMatchObject({ sealId: expect.any(String) });
    await t.db.query(asTamperingSuperuser(`DELETE FROM audit.change WHERE reason = 'forged'`));
    await expect(verify()).resolves.toMatchObject({ ok: true });
  });

  it('finds two changes swapped in history order, even with digests recomputed', async () => {
    const rows = await t.db.query<{ id: string }>(
      // Two changes from different transactions (the baseline rows share one).
      `SELECT DISTINCT ON (tx_id) id FROM audit.change ORDER BY tx_id, id LIMIT 2`,
    );
    const [a, b] = rows.map((r) => r.id);
    // Give each row the other's transaction and time, so B appears to have happened before A.
    const swap = `
      UPDATE audit.change x SET tx_id = y.tx_id, at = y.at
      FROM (SELECT id, tx_id, at FROM audit.change WHERE id IN (${a}, ${b})) y
      WHERE x.id IN (${a}, ${b}) AND y.id <> x.id;
      UPDATE audit.change SET digest = audit.row_digest(table_name, row_id, op, actor, request_id, reason,
        tx_id, at, changed, before, after) WHERE id IN (${a}, ${b})`;
    await t.db.query(asTamperingSuperuser(swap));
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstMismatch).toMatchObject({ sealId: expect.any(String) });
    await t.db.query(asTamperingSuperuser(swap));
    await expect(verify()).resolves.toMatchObject({ ok: true });
  });

  it('lets analysts and admins verify, and only admins seal on demand', async () => {
    const officer = await t.signIn('officer', 'MY');
    expect((await t.get('/api/v1/audit/verify', officer.auth)).status).toBe(403);
    expect(
      (await t.request({ method: 'POST', url: '/api/v1/audit/seals', headers: analyst.auth }))
        .status,
    ).toBe(403);
  });
});
