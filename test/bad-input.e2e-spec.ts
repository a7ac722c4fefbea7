import fc from 'fast-check';
import { startTestApp, type TestApp } from './harness/test-app';
import {
  nastyString,
  type OpenApiDocument,
  type Route,
  routesOf,
  SchemaResolver,
} from './support/openapi-fuzz';

/**
 * Property-based bad input, generated from the service's own OpenAPI document: for every route
 * and every role, requests with wrong types, missing and unknown fields, huge strings, odd
 * Unicode and injection-looking filters, sorts, cursors, ids and headers. Whatever arrives:
 * never a 5xx, every 4xx a problem document, and a refused request writes nothing.
 *
 * FUZZ_RUNS (per route, default 12) and FUZZ_SEED make a deeper or a reproducible run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type Headers = Record<string, string>;

/** Header values are printable ASCII on the wire; anything else never reaches a server. */
const headerText = fc
  .oneof(nastyString, fc.string({ unit: 'binary-ascii', maxLength: 20 }))
  .map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 200));

/** URL-encoded; a lone surrogate cannot be encoded, so it goes as U+FFFD, as browsers send it. */
const wellFormed = (value: string) =>
  encodeURIComponent(
    value.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );

describe('bad input on every route, for every role', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let resolver: SchemaResolver;
  const roles: Record<string, Headers> = { anonymous: {} };
  const ids: string[] = [];

  const lastChange = async () =>
    (await t.db.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM audit.change`))[0].id;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    const admin = await t.signIn('admin');
    roles.admin = admin.auth;
    roles.officerMY = (await t.signIn('officer', 'MY')).auth;
    roles.officerVN = (await t.signIn('officer', 'VN')).auth;
    roles.reviewerMY = (await t.signIn('reviewer', 'MY')).auth;
    roles.analyst = (await t.signIn('analyst')).auth;
    doc = (await t.get<OpenApiDocument>('/docs/openapi.json')).body;

    // Real records, so that ids in paths sometimes reach the deeper checks.
    const post = async (url: string, payload: Record<string, unknown>) => {
      const response = await t.request<{ id: string }>({
        method: 'POST',
        url: `/api/v1/${url}`,
        headers: admin.auth,
        payload,
      });
      if (response.status !== 201) throw new Error(`fixture ${url}: ${response.text}`);
      ids.push(response.body.id);
      return response.body.id;
    };
    const park = (code: string, countryCode: string) =>
      post('parks', { code, name: code, countryCode, zoneType: 'industrial_park' });
    const mckip = await park('MY-MCKIP', 'MY');
    const cmqip = await park('CN-CMQIP', 'CN');
    await post('pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia',
      sides: [
        { countryCode: 'CN', parkIds: [cmqip] },
        { countryCode: 'MY', parkIds: [mckip] },
      ],
      status: 'active',
    });
    const investor = await post('investors', { name: 'Fuzz Steel', countryCode: 'MY' });
    await post('projects', {
      title: 'Fuzz mill',
      parkId: mckip,
      investors: [{ investorId: investor, role: 'lead' }],
      sectors: [{ code: '2410', percentage: 100 }],
      type: 'greenfield',
      stage: 'pipeline',
    });
    resolver = new SchemaResolver(doc, mckip);
    await post('users', {
      email: 'fuzz.target@example.org',
      name: 'Fuzz target',
      password: 'a fuzz target passphrase',
      role: 'analyst',
    });
  });
  afterAll(() => t.close());

  function pathValue(name: string): fc.Arbitrary<string> {
    const plausible: Record<string, fc.Arbitrary<string>> = {
      id: fc.oneof(fc.constantFrom(...ids), fc.uuid()),
      code: fc.constantFrom('MY', 'CN', '2610', 'C', '24'),
      currency: fc.constantFrom('MYR', 'CNY', 'USD'),
      date: fc.constantFrom('2014-01-02', '2014-02-30'),
    };
    return fc.oneof(
      { weight: 3, arbitrary: plausible[name] ?? fc.constant('x') },
      { weight: 1, arbitrary: nastyString },
    );
  }

  function request(route: Route) {
    const { operation } = route;
    const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
    const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
    const content = operation.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const takesCsv = 'text/csv' in content || 'multipart/form-data' in content;
    return fc.record({
      role: fc.constantFrom(...Object.keys(roles)),
      path: fc.tuple(...pathParams.map((p) => pathValue(p.name))),
      query: fc.subarray(queryParams).chain((chosen) =>
        fc.tuple(
          fc.tuple(...chosen.map((p) => fc.tuple(fc.constant(p.name), nastyString))),
          fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), nastyString), {
            nil: undefined,
          }),
          fc.boolean(),
        ),
      ),
      body: takesCsv
        ? fc.oneof(
            nastyString,
            nastyString.map((row) => `parkCode,title,type,stage,sectors\n${row}\n`),
            fc.constant('parkCode,title\nMY-MCKIP,"unterminated\n'),
          )
        : jsonSchema
          ? resolver.badBody(jsonSchema)
          : fc.constant(undefined),
      ifMatch: fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '*', 'W/"1"'), headerText), {
        nil: undefined,
      }),
      reason: fc.option(headerText, { nil: undefined }),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerText), { nil: undefined }),
    });
  }

  const routes = () => routesOf(doc);

  it('knows the routes it is about to fuzz', () => {
    expect(routes().length).toBeGreaterThan(60);
  });

  it('answers every generated request below 500, with a problem document for every 4xx, and writes nothing when it refuses', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      await fc
        .assert(
          fc.asyncProperty(request(route), async (input) => {
            let url = route.path;
            const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
            names.forEach((name, i) => {
              url = url.replace(`{${name}}`, wellFormed(input.path[i] ?? 'x'));
            });
            const [pairs, unknown, malformedPercent] = input.query;
            const query = [
              ...pairs.map(([name, value]) => `${name}=${wellFormed(value)}`),
              ...(unknown ? [`${wellFormed(unknown[0])}=${wellFormed(unknown[1])}`] : []),
              ...(malformedPercent ? ['q=%E0%A4%A'] : []),
            ];
            if (query.length) url += `?${query.join('&')}`;
            const headers: Headers = { ...roles[input.role] };
            if (input.ifMatch !== undefined) headers['if-match'] = input.ifMatch;
            if (input.reason !== undefined) headers['x-change-reason'] = input.reason;
            if (input.idempotencyKey !== undefined)
              headers['idempotency-key'] = input.idempotencyKey;
            const isCsv = typeof input.body === 'string' && route.path.endsWith('/import');
            if (isCsv) headers['content-type'] = 'text/csv';

            const before = await lastChange();
            const response = await t.request<{
              status?: number;
              code?: string;
              title?: string;
              type?: string;
            }>({
              method: route.method as 'GET',
              url,
              headers,
              ...(input.body === undefined
                ? {}
                : isCsv
                  ? { payload: input.body as string }
                  : {
                      payload: JSON.stringify(input.body),
                      headers: { ...headers, 'content-type': 'application/json' },
                    }),
            });
            const where = `${route.method} ${url.slice(0, 200)} as ${input.role}`;
            if (response.status >= 500) {
              failures.push(`${where}: ${response.status} ${response.text.slice(0, 300)}`);
              return false;
            }
            if (response.status >= 400) {
              const problem = response.body;
              const isProblem =
                String(response.headers['content-type']).startsWith('application/problem+json') &&
                problem?.status === response.status &&
                typeof problem.code === 'string' &&
                typeof problem.title === 'string' &&
                typeof problem.type === 'string';
              if (!isProblem) {
                failures.push(
                  `${where}: ${response.status} not a problem: ${response.text.slice(0, 200)}`,
                );
                return false;
              }
              if ((await lastChange()) !== before) {
                failures.push(`${where}: refused with ${response.status} but wrote audit rows`);
                return false;
              }
            }
            return true;
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        )
        .catch((error: unknown) => {
          failures.push(
            `${route.method} ${route.path}: ${String(error).split('\n').slice(0, 2).join(' | ').slice(0, 400)}`,
          );
        });
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
