import { randomUUID } from 'node:crypto';
import { Controller, Get, Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import {
  ACCESS_POLICY,
  type AccessPolicy,
  PUBLIC_ROUTE,
} from '../src/modules/auth/access.decorator';
import { ROLES, type Role } from '../src/modules/users/roles';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

/** A route someone forgot to declare: the guard must refuse it, whoever calls. */
@Controller('test-fixtures/undeclared')
class UndeclaredController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

interface Operation {
  'x-access'?: AccessPolicy | { public: true };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** Stand-in values for path parameters; any well-formed value exercises the access check. */
function samplePath(path: string): string {
  return path
    .replace('{id}', randomUUID())
    .replace('{code}', path.startsWith('/api/v1/industries') ? '2610' : 'MY');
}

describe('authorization matrix: every route, every role', () => {
  let t: TestApp;
  let doc: OpenApi;
  const users = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [UndeclaredModule] });
    for (const role of ROLES)
      users[role] = await t.signIn(role, role === 'officer' || role === 'reviewer' ? 'MY' : null);
    doc = (await t.get<OpenApi>('/docs/openapi.json')).body;
  });
  afterAll(() => t.close());

  it('finds a declared policy (@Access or @Public) on every route handler of the app', () => {
    const undeclared: string[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
        if (!controller || controller === UndeclaredController) continue;
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const declared =
            Reflect.getMetadata(ACCESS_POLICY, handler) ??
            Reflect.getMetadata(PUBLIC_ROUTE, handler) ??
            Reflect.getMetadata(PUBLIC_ROUTE, controller);
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          if (!declared) undeclared.push(`${controller.name}.${name} (${method})`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('refuses a route without a declared policy, even to an admin', async () => {
    expectProblem(
      await t.get('/api/v1/test-fixtures/undeclared', users.admin.auth),
      403,
      'ACCESS_POLICY_MISSING',
    );
    expectProblem(await t.get('/api/v1/test-fixtures/undeclared'), 403, 'ACCESS_POLICY_MISSING');
  });

  it('documents a policy for every /api/v1 operation', () => {
    const missing = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/') && !path.includes('test-fixtures'))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ route: `${method} ${path}`, op })),
      )
      .filter(({ op }) => !op['x-access'])
      .map(({ route }) => route);
    expect(missing).toEqual([]);
  });

  it('answers 401 without credentials, 403 to roles outside the policy, and lets the others through', async () => {
    const failures: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/') || path.includes('test-fixtures')) continue;
      for (const [method, operation] of Object.entries(item)) {
        const access = operation['x-access'];
        if (!access || 'public' in access) continue;
        const url = samplePath(path);
        const send = (headers: Record<string, string>) =>
          t.request({
            method: method.toUpperCase() as 'GET',
            url,
            headers,
            ...(['post', 'put', 'patch'].includes(method) ? { payload: {} } : {}),
          });
        const anonymous = await send({});
        if (anonymous.status !== 401)
          failures.push(`${method} ${path} without credentials: ${anonymous.status}`);
        for (const role of ROLES) {
          const response = await send(users[role].auth);
          const allowed = access.roles.includes(role);
          if (allowed && [401, 403].includes(response.status)) {
            failures.push(
              `${method} ${path} as ${role}: ${response.status}, expected to be let through`,
            );
          }
          if (!allowed && response.status !== 403) {
            failures.push(`${method} ${path} as ${role}: ${response.status}, expected 403`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets only admins write reference data and manage users', async () => {
    const read = await t.get<{ version: number }>('/api/v1/countries/MY', users.analyst.auth);
    for (const role of ['officer', 'reviewer', 'analyst'] as const) {
      expectProblem(
        await t.request({
          method: 'PATCH',
          url: '/api/v1/countries/MY',
          headers: { ...users[role].auth, 'if-match': `"${read.body.version}"` },
          payload: { nameZh: '马来西亚' },
        }),
        403,
        'ROLE_FORBIDDEN',
      );
    }
    const patched = await t.request<{ nameZh: string; version: number }>({
      method: 'PATCH',
      url: '/api/v1/countries/my',
      headers: { ...users.admin.auth, 'if-match': `"${read.body.version}"` },
      payload: { nameZh: '马来西亚联邦', currencyCode: 'myr' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ nameZh: '马来西亚联邦', version: read.body.version + 1 });
    expectProblem(
      await t.request({
        method: 'PATCH',
        url: '/api/v1/countries/MY',
        headers: { ...users.admin.auth, 'if-match': `"${read.body.version}"` },
        payload: { nameZh: 'x' },
      }),
      412,
      'STALE_VERSION',
    );
    const badCurrency = expectProblem(
      await t.request({
        method: 'PATCH',
        url: '/api/v1/countries/MY',
        headers: users.admin.auth,
        payload: { currencyCode: 'XYZ', version: patched.body.version },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badCurrency.errors?.[0]?.path).toBe('currencyCode');
  });
});
