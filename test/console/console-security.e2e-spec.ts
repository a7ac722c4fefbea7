import fc from 'fast-check';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ACCESS_POLICY, PUBLIC_ROUTE } from '../../src/modules/auth/access.decorator';
import { CONSOLE_ROUTE } from '../../src/modules/auth/console-access';
import { DemoSeedService } from '../../src/modules/demo-data/demo-seed.service';
import { startTestApp, type TestApp, TEST_PASSWORD } from '../harness/test-app';
import { ConsoleClient, csrfTokenOf } from '../support/console-client';

/** Sessions, throttling and access of the console, and bad input on every console form. */
describe('web console security', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { LOGIN_LIMIT_PER_ACCOUNT: '4', LOGIN_WINDOW_SECONDS: '60', TRUST_PROXY: 'true' },
    });
    await t.app.get(DemoSeedService).seed();
  });
  afterAll(() => t.close());

  it('gives every console page the policy of an API route, or marks it public', () => {
    const apiPolicies = new Set<string>();
    const consoleRoutes: { name: string; policy: unknown; isPublic: boolean }[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
        if (!controller) continue;
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (typeof handler !== 'function' || name === 'constructor') continue;
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const policy: unknown = Reflect.getMetadata(ACCESS_POLICY, handler);
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          if (Reflect.getMetadata(CONSOLE_ROUTE, handler)) {
            consoleRoutes.push({
              name: `${controller.name}.${name} (${method})`,
              policy,
              isPublic: Reflect.getMetadata(PUBLIC_ROUTE, handler) === true,
            });
          } else if (policy) {
            apiPolicies.add(JSON.stringify(policy));
          }
        }
      }
    }
    expect(consoleRoutes.length).toBeGreaterThan(25);
    // Every non-public page carries a policy some API route declares (the dashboard and
    // sign-out, which have no API twin, are open to every role, as GET /auth/me is).
    const own = consoleRoutes
      .filter((r) => !r.isPublic && !apiPolicies.has(JSON.stringify(r.policy)))
      .map((r) => r.name);
    expect(own).toEqual([]);
    const publicRoutes = consoleRoutes.filter((r) => r.isPublic).map((r) => r.name);
    expect(publicRoutes.sort()).toEqual([
      'AssetsController.asset (GET)',
      'AssetsController.favicon (GET)',
      // What the registry publishes, for anyone (open data).
      'OpenPageController.page (GET)',
      'SignInController.form (GET)',
      'SignInController.language (GET)',
      'SignInController.signIn (POST)',
    ]);
  });

  it('counts console and API sign-in failures together, per account', async () => {
    const user = await t.signIn('analyst');
    const email = user.user.email;
    for (let i = 0; i < 2; i += 1) {
      const api = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'wrong' },
      });
      expect(api.status).toBe(401);
    }
    const browser = new ConsoleClient(t);
    // t.signIn succeeded, which does not count: these are the third and fourth failures allowed.
    expect((await browser.signIn(email, 'still wrong')).status).toBe(401);
    expect((await browser.signIn(email, 'wrong again')).status).toBe(401);
    const throttled = await browser.signIn(email, TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toMatch(/^\d+$/);
    expect(throttled.text).toContain('Too many attempts');
  });

  it('marks the session cookie Secure when the request came over HTTPS (behind a proxy)', async () => {
    const user = await t.signIn('analyst');
    const page = await t.request<string>({
      method: 'GET',
      url: '/sign-in',
      headers: { accept: 'text/html', 'x-forwarded-proto': 'https' },
    });
    const csrfCookie = String(page.headers['set-cookie']).split(';')[0];
    const signIn = await t.request<string>({
      method: 'POST',
      url: '/sign-in',
      payload: new URLSearchParams({
        _csrf: csrfTokenOf(page.text),
        email: user.user.email,
        password: TEST_PASSWORD,
      }).toString(),
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        cookie: csrfCookie,
      },
    });
    expect(signIn.status).toBe(303);
    expect(String(signIn.headers['set-cookie'])).toMatch(
      /tpr_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
  });

  it('ends a session that has been idle too long, and the sessions of a deactivated user', async () => {
    const officer = await t.signIn('officer', 'MY');
    const browser = new ConsoleClient(t);
    expect((await browser.signIn(officer.user.email)).status).toBe(303);
    expect((await browser.get('/')).status).toBe(200);
    await t.app
      .get(DataSource)
      .query(
        `UPDATE infra.console_session SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [officer.user.id],
      );
    const idle = await browser.get('/');
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toContain('/sign-in?flash=ended');

    const again = new ConsoleClient(t);
    expect((await again.signIn(officer.user.email)).status).toBe(303);
    const admin = await t.signIn('admin');
    const deactivated = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${officer.user.id}`,
      payload: { active: false },
      headers: { ...admin.auth, 'if-match': `"${officer.user.version}"` },
    });
    expect(deactivated.status).toBe(200);
    expect((await again.get('/')).status).toBe(303);
  });

  it('refuses a version no record can have with 400, in the API and in a form (found by the fuzz)', async () => {
    const admin = await t.signIn('admin');
    const parks = await t.get<{ items: { id: string }[] }>('/api/v1/parks', admin.auth);
    const id = parks.body.items[0].id;
    const api = await t.request({
      method: 'PATCH',
      url: `/api/v1/parks/${id}`,
      payload: { name: 'x', version: 1e40 },
      headers: admin.auth,
    });
    expect(api.status).toBe(400);
    const browser = new ConsoleClient(t);
    await browser.signIn(admin.user.email);
    const form = await browser.post(
      `/parks/${id}/edit`,
      { name: 'x', zoneType: 'industrial_park', version: '9'.repeat(40) },
      { from: `/parks/${id}/edit` },
    );
    expect(form.status).toBe(400);
    expect(form.text).toContain('version');
  });

  it('never answers a console form with a 5xx, whatever is posted', async () => {
    const admin = await t.signIn('admin');
    const browser = new ConsoleClient(t);
    await browser.signIn(admin.user.email);
    const parks = await t.get<{ items: { id: string }[] }>('/api/v1/parks', admin.auth);
    const pairings = await t.get<{ items: { id: string }[] }>('/api/v1/pairings', admin.auth);
    const projects = await t.get<{ items: { id: string }[] }>('/api/v1/projects', admin.auth);
    const users = await t.get<{ items: { id: string }[] }>('/api/v1/users', admin.auth);
    const forms: Record<string, string[]> = {
      [`/parks/${parks.body.items[0].id}/edit`]: [
        'name',
        'zoneType',
        'status',
        'areaHa',
        'establishedOn',
        'version',
        'reason',
      ],
      [`/pairings/${pairings.body.items[0].id}/submit`]: ['version'],
      [`/pairings/${pairings.body.items[0].id}/reviews`]: ['decision', 'comment'],
      '/projects/new': [
        'title',
        'parkId',
        'type',
        'stage',
        'investment.amount',
        'investment.currency',
        'sectors[0].code',
        'sectors[0].percentage',
        'investors[0].investorId',
        'jobsPlanned',
      ],
      [`/projects/${projects.body.items[0].id}/edit`]: [
        'title',
        'stage',
        'version',
        'sectors[0].percentage',
        'announcedOn',
      ],
      '/users': ['email', 'name', 'password', 'role', 'countryCode'],
      [`/users/${users.body.items[0].id}/active`]: ['active', 'version'],
      [`/parks/${parks.body.items[1].id}/revert`]: ['changeId', 'reason'],
      '/sign-in': ['email', 'password', 'next'],
    };
    const token = csrfTokenOf((await browser.get('/')).text);
    const nasty = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '',
        ' ',
        '\u0000',
        '-1',
        '1e309',
        'NaN',
        '9'.repeat(40),
        '<script>x</script>',
        "'; DROP TABLE x;--",
        '\ud800',
        '2024-02-30',
        'null',
        '[]',
      ),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const failures: string[] = [];
    for (const [url, fields] of Object.entries(forms)) {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), nasty), async (values) => {
          const response = await browser.post(url, values, { csrf: token });
          if (response.status >= 500)
            failures.push(`${url} ${JSON.stringify(values)}: ${response.status}`);
          return response.status < 500;
        }),
        {
          numRuns: Number(process.env.FUZZ_RUNS ?? 15),
          seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
        },
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
