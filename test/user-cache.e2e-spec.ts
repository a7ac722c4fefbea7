import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';

/**
 * Two app instances on one database, as behind a load balancer. Each caches the users behind
 * credentials; a change made through one instance (or straight in the database) must reach
 * the other at once, through PostgreSQL notifications.
 */
describe('authenticated users cached per instance, invalidated everywhere', () => {
  let one: TestApp;
  let two: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    one = await startTestApp();
    two = await startTestApp({ databaseUrl: () => one.db.url });
    admin = await one.signIn('admin');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  /** Polls a request on `app` until it answers `status` (notifications arrive in milliseconds). */
  async function eventually(app: TestApp, auth: Record<string, string>, status: number) {
    let last = 0;
    for (let waited = 0; waited < 3000; waited += 25) {
      last = (await app.get('/api/v1/auth/me', auth)).status;
      if (last === status) return waited;
      await sleep(25);
    }
    throw new Error(`still ${last} after 3 s`);
  }

  it('cuts off a user deactivated through the other instance, and sees a role change', async () => {
    const analyst = await one.signIn('analyst');
    // Cached on both instances now.
    expect((await one.get('/api/v1/auth/me', analyst.auth)).status).toBe(200);
    expect((await two.get('/api/v1/auth/me', analyst.auth)).status).toBe(200);

    const promote = await one.request({
      method: 'PATCH',
      url: `/api/v1/users/${analyst.user.id}`,
      headers: { ...admin.auth, 'if-match': `"${analyst.user.version}"` },
      payload: { role: 'admin' },
    });
    expect(promote.status).toBe(200);
    // An admin-only route on the other instance: allowed once the change has arrived there.
    let usersStatus = 0;
    for (let waited = 0; waited < 3000 && usersStatus !== 200; waited += 25) {
      usersStatus = (await two.get('/api/v1/users', analyst.auth)).status;
      if (usersStatus !== 200) await sleep(25);
    }
    expect(usersStatus).toBe(200);

    const deactivate = await one.request({
      method: 'PATCH',
      url: `/api/v1/users/${analyst.user.id}`,
      headers: { ...admin.auth, 'if-match': `"${analyst.user.version + 1}"` },
      payload: { active: false },
    });
    expect(deactivate.status).toBe(200);
    // This instance at once, the other within the notification's delivery time.
    expect((await one.get('/api/v1/auth/me', analyst.auth)).status).toBe(401);
    expect(await eventually(two, analyst.auth, 401)).toBeLessThan(1000);
  });

  it('also drops a user changed straight in the database (the trigger notifies)', async () => {
    const officer = await one.signIn('officer', 'MY');
    expect((await two.get('/api/v1/auth/me', officer.auth)).status).toBe(200);
    await one.db.query(
      `BEGIN; SELECT set_config('app.actor', 'system:test', true);
       UPDATE registry.app_user SET active = false WHERE id = '${officer.user.id}'; COMMIT;`,
    );
    expect(await eventually(two, officer.auth, 401)).toBeLessThan(1000);
    expect(await eventually(one, officer.auth, 401)).toBeLessThan(1000);
  });

  it('serves users from memory (a change hidden from the trigger goes unseen), unless USER_CACHE=false', async () => {
    const uncached = await startTestApp({
      env: { USER_CACHE: 'false' },
      databaseUrl: () => one.db.url,
    });
    try {
      const reviewer = await one.signIn('reviewer', 'MY');
      expect((await one.get('/api/v1/auth/me', reviewer.auth)).status).toBe(200);
      expect((await uncached.get('/api/v1/auth/me', reviewer.auth)).status).toBe(200);
      // What an operator must never do, done here to show where users come from: a change
      // with the notification trigger disabled.
      await one.db.query(
        `BEGIN; SELECT set_config('app.actor', 'system:test', true);
         ALTER TABLE registry.app_user DISABLE TRIGGER app_user_changed;
         UPDATE registry.app_user SET active = false WHERE id = '${reviewer.user.id}';
         ALTER TABLE registry.app_user ENABLE TRIGGER app_user_changed; COMMIT;`,
      );
      expect((await uncached.get('/api/v1/auth/me', reviewer.auth)).status).toBe(401);
      expect((await one.get('/api/v1/auth/me', reviewer.auth)).status).toBe(200);
    } finally {
      await uncached.close();
    }
  });
});
