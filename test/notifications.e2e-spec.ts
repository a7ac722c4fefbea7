import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { NotificationRequest } from '../src/modules/notifications/notification-request';
import { Notifier } from '../src/modules/notifications/notifier';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Notification {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
  pairingId: string | null;
  round: number | null;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  items: Notification[];
  nextCursor: string | null;
}
interface Settings {
  email: string;
  language: string;
  version: number;
}

describe('notifications: the inbox and each user’s settings', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let reviewer: TestUser;
  let analyst: TestUser;
  let pairing: NotificationRequest['pairing'];

  /** Notifies through the app's Notifier, in a transaction of the test's own. */
  const notify = (
    recipients: TestUser[],
    extra: Partial<NotificationRequest> = {},
  ): Promise<void> =>
    t.app.get(DataSource).transaction((manager) =>
      t.app.get(Notifier).notify(manager, {
        kind: 'review_awaiting',
        recipientIds: recipients.map((r) => r.user.id),
        pairing,
        round: 1,
        countryCode: 'MY',
        dueOn: '2026-03-16',
        ...extra,
      }),
    );
  const inbox = (user: TestUser, query = '') =>
    t.get<Page>(`/api/v1/notifications${query}`, user.auth);
  const post = <T>(user: TestUser, url: string) =>
    t.request<T>({ method: 'POST', url, headers: user.auth });
  const unread = async (user: TestUser) =>
    (await t.get<{ unread: number }>('/api/v1/notifications/unread-count', user.auth)).body.unread;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, officer, reviewer, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('reviewer', 'MY'),
      t.signIn('analyst'),
    ]);
    const parks: Record<string, string> = {};
    for (const [code, countryCode] of [
      ['CN-QZ', 'CN'],
      ['MY-KT', 'MY'],
    ]) {
      const park = await t.request<{ id: string }>({
        method: 'POST',
        url: '/api/v1/parks',
        headers: admin.auth,
        payload: {
          code,
          name: `${code} park`,
          countryCode,
          zoneType: 'industrial_park',
          status: 'operational',
          industries: [{ code: '24', primary: true }],
        },
      });
      expect(park.status).toBe(201);
      parks[code] = park.body.id;
    }
    const created = await t.request<{ id: string; code: string; name: string }>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: admin.auth,
      payload: {
        code: 'CN-MY-TCTP',
        name: 'China-Malaysia Two Countries Twin Parks',
        nameZh: '中马两国双园',
        sides: [
          { countryCode: 'MY', parkIds: [parks['MY-KT']] },
          { countryCode: 'CN', parkIds: [parks['CN-QZ']] },
        ],
        industries: [{ code: '24' }],
        status: 'active',
      },
    });
    expect(created.status).toBe(201);
    pairing = { ...created.body, nameZh: '中马两国双园' };
  });
  afterAll(() => t.close());

  describe('inbox', () => {
    it('lists only the caller’s own notifications, newest first, with their link', async () => {
      await notify([reviewer, officer]);
      await notify([reviewer], { kind: 'review_due_soon', workingDaysWaiting: 8 });
      const page = await inbox(reviewer);
      expect(page.status).toBe(200);
      expect(page.body.nextCursor).toBeNull();
      expect(page.body.items.map((n) => n.kind)).toEqual(['review_due_soon', 'review_awaiting']);
      expect(page.body.items[0]).toEqual({
        id: expect.any(String),
        kind: 'review_due_soon',
        subject:
          'Review due soon: CN-MY-TCTP China-Malaysia Two Countries Twin Parks, round 1, due 2026-03-16',
        body: expect.stringContaining('It has waited 8 working days.'),
        link: `/pairings/${pairing.id}`,
        pairingId: pairing.id,
        round: 1,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        readAt: null,
      });
      expect((await inbox(officer)).body.items.map((n) => n.kind)).toEqual(['review_awaiting']);
      expect((await inbox(analyst)).body.items).toEqual([]);
      expect(await unread(reviewer)).toBe(2);
    });

    it('answers 404 for another user’s notification, as for an unknown one, and leaves it alone', async () => {
      const [officersOwn] = (await inbox(officer)).body.items;
      const refused = expectProblem(
        await post(reviewer, `/api/v1/notifications/${officersOwn.id}/read`),
        404,
        'NOTIFICATION_NOT_FOUND',
      );
      expect(JSON.stringify(refused)).not.toContain(officersOwn.subject);
      expectProblem(
        await post(reviewer, `/api/v1/notifications/${randomUUID()}/read`),
        404,
        'NOTIFICATION_NOT_FOUND',
      );
      const malformed = expectProblem(
        await post(reviewer, '/api/v1/notifications/not-a-uuid/read'),
        400,
        'VALIDATION_FAILED',
      );
      expect(malformed.errors?.[0]?.path).toBe('id');
      expect((await inbox(officer)).body.items[0].readAt).toBeNull();
    });

    it('marks one read, idempotently (the first readAt stays), and filters by unread', async () => {
      const [newest, older] = (await inbox(reviewer)).body.items;
      const read = await post<Notification>(reviewer, `/api/v1/notifications/${newest.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: newest.id, readAt: expect.any(String) });
      const again = await post<Notification>(reviewer, `/api/v1/notifications/${newest.id}/read`);
      expect(again.status).toBe(200);
      expect(again.body.readAt).toBe(read.body.readAt);

      expect((await inbox(reviewer, '?unread=true')).body.items.map((n) => n.id)).toEqual([
        older.id,
      ]);
      expect((await inbox(reviewer, '?unread=false')).body.items.map((n) => n.id)).toEqual([
        newest.id,
      ]);
      expect(await unread(reviewer)).toBe(1);
      const bad = expectProblem(await inbox(reviewer, '?unread=yes'), 400, 'VALIDATION_FAILED');
      expect(bad.errors?.[0]?.path).toBe('unread');
    });

    it('marks all read and says how many; again marks none; others’ stay unread', async () => {
      await notify([reviewer], { kind: 'review_due', workingDaysWaiting: 10 });
      expect(await unread(reviewer)).toBe(2);
      const all = await post<{ marked: number }>(reviewer, '/api/v1/notifications/read-all');
      expect(all.status).toBe(200);
      expect(all.body).toEqual({ marked: 2 });
      expect(
        (await post<{ marked: number }>(reviewer, '/api/v1/notifications/read-all')).body,
      ).toEqual({
        marked: 0,
      });
      expect(await unread(reviewer)).toBe(0);
      expect((await inbox(reviewer, '?unread=true')).body.items).toEqual([]);
      expect(await unread(officer)).toBe(1);
    });

    it('pages with a keyset cursor: every notification once, in order, also within one instant', async () => {
      // Three transactions, the last with three recipients' worth for one user: rows written in one
      // transaction share created_at, so only the id tells them apart.
      await notify([analyst], { kind: 'pairing_approved', decidedByName: 'A' });
      await notify([analyst], { kind: 'pairing_returned', reason: 'dates', decidedByName: 'B' });
      await t.app.get(DataSource).transaction(async (manager) => {
        for (const kind of ['review_overdue', 'review_due', 'review_due_soon'] as const) {
          await t.app.get(Notifier).notify(manager, {
            kind,
            recipientIds: [analyst.user.id],
            pairing,
            round: 2,
            countryCode: 'CN',
            dueOn: '2026-04-01',
          });
        }
      });
      const everything = (await inbox(analyst, '?limit=50')).body.items;
      expect(everything).toHaveLength(5);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await inbox(analyst, query);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((n) => n.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(everything.map((n) => n.id));
      const times = everything.map((n) => n.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('refuses a cursor it did not issue and a bad limit, naming the field', async () => {
      const forged = Buffer.from(JSON.stringify(['v1', '-createdAt', 'yesterday', 'x'])).toString(
        'base64url',
      );
      for (const cursor of ['garbage!', forged]) {
        const problem = expectProblem(
          await inbox(analyst, `?cursor=${cursor}`),
          400,
          'VALIDATION_FAILED',
        );
        expect(problem.errors?.[0]?.path).toBe('cursor');
      }
      const limit = expectProblem(await inbox(analyst, '?limit=0'), 400, 'VALIDATION_FAILED');
      expect(limit.errors?.[0]?.path).toBe('limit');
    });

    it('needs a signed-in user', async () => {
      expectProblem(await t.get('/api/v1/notifications'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('settings at /users/me/notification-settings', () => {
    const url = '/api/v1/users/me/notification-settings';
    const put = (user: TestUser, payload: unknown, headers: Record<string, string> = {}) =>
      t.request<Settings>({
        method: 'PUT',
        url,
        headers: { ...user.auth, ...headers },
        payload: payload as Record<string, unknown>,
      });

    it('gives every role its defaults before a first save: immediate email, English, version 0', async () => {
      for (const user of [admin, officer, reviewer, analyst]) {
        const read = await t.get<Settings>(url, user.auth);
        expect(read.status).toBe(200);
        expect(read.body).toEqual({ email: 'immediate', language: 'en', version: 0 });
        expect(read.headers.etag).toBe('"0"');
      }
    });

    it('saves a change at the version read (If-Match or version), audited as the user’s own', async () => {
      const first = await put(officer, { email: 'daily', language: 'zh' }, { 'if-match': '"0"' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ email: 'daily', language: 'zh', version: 1 });
      expect(first.headers.etag).toBe('"1"');
      const second = await put(
        officer,
        { email: 'none', language: 'zh', version: 1 },
        { 'x-change-reason': 'too much mail' },
      );
      expect(second.body).toEqual({ email: 'none', language: 'zh', version: 2 });
      expect((await t.get<Settings>(url, officer.auth)).body).toEqual(second.body);
      // Another user's settings are untouched.
      expect((await t.get<Settings>(url, reviewer.auth)).body.version).toBe(0);

      const changes = await t.db.query<{ op: string; actor: string; reason: string | null }>(
        `SELECT op, actor, reason FROM audit.change
          WHERE table_name = 'notification_setting' AND row_id = $1 ORDER BY id`,
        [officer.user.id],
      );
      expect(changes).toEqual([
        { op: 'insert', actor: officer.user.id, reason: null },
        { op: 'update', actor: officer.user.id, reason: 'too much mail' },
      ]);
    });

    it('keeps the version when nothing changes', async () => {
      const same = await put(officer, { email: 'none', language: 'zh' }, { 'if-match': '"2"' });
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(2);
    });

    it('answers 428 without a version and 412 for a stale one (also for a second first save)', async () => {
      expectProblem(
        await put(reviewer, { email: 'daily', language: 'en' }),
        428,
        'VERSION_REQUIRED',
      );
      expect(
        (await put(reviewer, { email: 'daily', language: 'en' }, { 'if-match': '"0"' })).status,
      ).toBe(200);
      const stale = expectProblem(
        await put(reviewer, { email: 'none', language: 'en' }, { 'if-match': '"0"' }),
        412,
        'STALE_VERSION',
      );
      expect(stale.currentVersion).toBe(1);
      expectProblem(
        await put(officer, { email: 'daily', language: 'en', version: 1 }),
        412,
        'STALE_VERSION',
      );
      expect((await t.get<Settings>(url, reviewer.auth)).body.email).toBe('daily');
    });

    it('refuses bad values with a 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'weekly', language: 'en' }, 'email'],
        [{ email: 'daily', language: 'fr' }, 'language'],
        [{ language: 'en' }, 'email'],
        [{ email: 'daily', language: 'en', version: -1 }, 'version'],
        [{ email: 'daily', language: 'en', extra: true }, 'extra'],
      ];
      for (const [payload, field] of cases) {
        const problem = expectProblem(
          await put(analyst, payload, { 'if-match': '"0"' }),
          400,
          'VALIDATION_FAILED',
        );
        expect({ payload, paths: problem.errors?.map((e) => e.path) }).toEqual({
          payload,
          paths: expect.arrayContaining([field]),
        });
      }
      expectProblem(
        await put(analyst, { email: 'daily', language: 'en' }, { 'if-match': 'three' }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await t.get<Settings>(url, analyst.auth)).body.version).toBe(0);
    });

    it('leaves the admins’ users/:id routes as they were', async () => {
      const user = await t.get<{ id: string }>(`/api/v1/users/${officer.user.id}`, admin.auth);
      expect(user.status).toBe(200);
      expect(user.body.id).toBe(officer.user.id);
      expectProblem(
        await t.get(`/api/v1/users/${officer.user.id}`, officer.auth),
        403,
        'ROLE_FORBIDDEN',
      );
    });
  });
});
