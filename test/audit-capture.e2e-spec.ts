import { AuditedTransactions, systemContext } from '../src/database/audited-transactions';
import { ApiTokenEntity } from '../src/modules/auth/api-token.entity';
import { CountryEntity } from '../src/modules/countries/country.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import { startTestApp, type TestApp } from './harness/test-app';
import { expectProblem } from './support/problem';

type Change = {
  id: string;
  table_name: string;
  row_id: string;
  op: string;
  actor: string;
  request_id: string | null;
  reason: string | null;
  changed: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

describe('audit capture in the database', () => {
  let t: TestApp;
  let tx: AuditedTransactions;
  const changesOf = (table: string, rowId: string) =>
    t.db.query<Change>(
      `SELECT * FROM audit.change WHERE table_name = $1 AND row_id = $2 ORDER BY id`,
      [table, rowId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    tx = t.app.get(AuditedTransactions);
  });
  afterAll(() => t.close());

  it('has the capture and no-truncate triggers on every table but the audit log, infra and migrations', async () => {
    const missing = await t.db.query<{ table: string; triggers: string[] }>(`
      SELECT c.oid::regclass::text AS table,
             array_remove(array_agg(tg.tgname ORDER BY tg.tgname), NULL) AS triggers
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_trigger tg ON tg.tgrelid = c.oid AND NOT tg.tgisinternal
      -- infra holds infrastructure tables (idempotency keys) that the spec leaves unaudited.
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'audit', 'infra')
        AND c.oid <> 'public.migrations'::regclass
      GROUP BY c.oid
      HAVING NOT array_remove(array_agg(tg.tgname), NULL) @> ARRAY['audit_insert', 'audit_update', 'audit_delete', 'audit_no_truncate']::name[]`);
    expect(missing).toEqual([]);
  });

  it('records repository saves, query-builder inserts, updates and deletes, raw SQL and cascades', async () => {
    const context = systemContext('capture-test', 'matrix');
    const user = await tx.run(context, async (m) => {
      const saved = await m.getRepository(UserEntity).save(
        m.getRepository(UserEntity).create({
          email: 'matrix@example.org',
          name: 'M',
          role: 'analyst',
          countryCode: null,
          passwordHash: 'scrypt$x',
        }),
      );
      return saved;
    });
    const tokenId = await tx.run(context, async (m) => {
      const { identifiers } = await m
        .getRepository(ApiTokenEntity)
        .createQueryBuilder()
        .insert()
        .values({
          userId: user.id,
          name: 'qb',
          tokenHash: 'h1',
          tokenPrefix: 'tpr_x',
          expiresAt: new Date(Date.now() + 1e6),
        })
        .execute();
      return String(identifiers[0]?.id);
    });
    await tx.run(context, (m) =>
      m
        .getRepository(UserEntity)
        .createQueryBuilder()
        .update()
        .set({ name: 'Matrix' })
        .where('id = :id', { id: user.id })
        .execute(),
    );
    await tx.run(context, (m) =>
      m.query(`UPDATE registry.app_user SET name = 'Raw' WHERE id = $1`, [user.id]),
    );
    // Deleting the user cascades to the token; both deletions are recorded.
    await tx.run(context, (m) =>
      m
        .getRepository(UserEntity)
        .createQueryBuilder()
        .delete()
        .where('id = :id', { id: user.id })
        .execute(),
    );

    const userChanges = await changesOf('app_user', user.id);
    expect(userChanges.map((c) => [c.op, c.changed.filter((f) => f !== 'updated_at')])).toEqual([
      ['insert', expect.arrayContaining(['email', 'name', 'password_hash'])],
      ['update', ['name']],
      ['update', ['name']],
      ['delete', []],
    ]);
    expect(
      userChanges.every((c) => c.actor === 'system:capture-test' && c.reason === 'matrix'),
    ).toBe(true);
    expect(userChanges[2]).toMatchObject({ before: { name: 'Matrix' }, after: { name: 'Raw' } });
    const tokenChanges = await changesOf('api_token', tokenId);
    expect(tokenChanges.map((c) => c.op)).toEqual(['insert', 'delete']);
  });

  it('redacts password and token hashes from images and ignores token bookkeeping', async () => {
    const { user } = await t.signIn('analyst');
    const [created] = await changesOf('app_user', user.id);
    expect(created?.after?.password_hash).toBe('[redacted]');
    const token = await tx.run(systemContext('capture-test'), (m) =>
      m.getRepository(ApiTokenEntity).save(
        m.getRepository(ApiTokenEntity).create({
          userId: user.id,
          name: 'n',
          tokenHash: 'secret-hash',
          tokenPrefix: 'tpr_y',
          expiresAt: new Date(Date.now() + 1e6),
        }),
      ),
    );
    await tx.run(systemContext('capture-test'), (m) =>
      m.query(`UPDATE registry.api_token SET last_used_at = now() WHERE id = $1`, [token.id]),
    );
    const tokenChanges = await changesOf('api_token', token.id);
    expect(tokenChanges).toHaveLength(1);
    expect(tokenChanges[0]?.after?.token_hash).toBe('[redacted]');
    expect(JSON.stringify(tokenChanges)).not.toContain('secret-hash');
  });

  it('refuses a write without an actor and leaves nothing from a rolled-back transaction', async () => {
    await expect(
      t.db.query(`UPDATE registry.country SET name_zh = 'x' WHERE code = 'MY'`),
    ).rejects.toThrow(/no actor/);
    const before = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.change WHERE table_name = 'country' AND row_id = 'SG'`,
    );
    await expect(
      tx.run(systemContext('capture-test'), async (m) => {
        await m.getRepository(CountryEntity).update({ code: 'SG' }, { nameZh: '新加坡!' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.change WHERE table_name = 'country' AND row_id = 'SG'`,
    );
    expect(after).toEqual(before);
  });

  it('keeps the log append-only and refuses TRUNCATE of audited tables', async () => {
    await expect(t.db.query(`UPDATE audit.change SET actor = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM audit.change`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit.change`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE registry.currency CASCADE`)).rejects.toThrow(
      /never truncated/,
    );
  });

  it('records the HTTP actor, request id and X-Change-Reason of an API write', async () => {
    const admin = await t.signIn('admin');
    const read = await t.get<{ version: number }>('/api/v1/countries/TL', admin.auth);
    const response = await t.request({
      method: 'PATCH',
      url: '/api/v1/countries/TL',
      headers: {
        ...admin.auth,
        'if-match': `"${read.body.version}"`,
        'x-request-id': 'req-tl-1',
        'x-change-reason': 'Official name check',
      },
      payload: { nameOfficial: 'Democratic Republic of Timor-Leste (verified)' },
    });
    expect(response.status).toBe(200);
    const changes = await changesOf('country', 'TL');
    expect(changes.at(-1)).toMatchObject({
      op: 'update',
      actor: admin.user.id,
      request_id: 'req-tl-1',
      reason: 'Official name check',
    });
    expect(changes.at(-1)?.changed).toEqual(expect.arrayContaining(['name_official', 'version']));
  });

  it('lets exactly one of 20 concurrent PATCHes with the same version win, with one change row', async () => {
    const admin = await t.signIn('admin');
    const read = await t.get<{ version: number }>('/api/v1/countries/LA', admin.auth);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request({
          method: 'PATCH',
          url: '/api/v1/countries/LA',
          headers: { ...admin.auth, 'if-match': `"${read.body.version}"` },
          payload: { nameZh: `老挝 ${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    for (const response of responses.filter((r) => r.status === 412))
      expectProblem(response, 412, 'STALE_VERSION');
    // Besides the reference-data baseline insert, exactly one update.
    const changes = await changesOf('country', 'LA');
    expect(changes.filter((c) => c.op === 'update')).toHaveLength(1);
  });
});
