import { startTestApp, type TestApp } from './harness/test-app';
import { HttpFixtureModule } from './support/http-fixture.module';
import { expectProblem } from './support/problem';

describe('shared HTTP layer: problem details for every error', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      extraModules: [HttpFixtureModule],
      env: { BODY_LIMIT_BYTES: '2048' },
    });
  });
  afterAll(() => t.close());

  const post = (payload: string, contentType = 'application/json') =>
    t.request({
      method: 'POST',
      url: '/api/v1/test-fixtures/echo',
      headers: { 'content-type': contentType },
      payload,
    });

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ name: 'Qinzhou', items: [{ name: 'a' }] }));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ name: 'Qinzhou', items: [{ name: 'a' }] });
  });

  it('gives 400 MALFORMED_JSON for a body that is not JSON', async () => {
    expectProblem(await post('{"name": "x",'), 400, 'MALFORMED_JSON');
  });

  it('gives 400 MALFORMED_JSON for an empty JSON body', async () => {
    expectProblem(await post(''), 400, 'MALFORMED_JSON');
  });

  it.each([['[]'], ['"text"'], ['null'], ['42']])(
    'refuses the non-object body %s with 400',
    async (payload) => {
      const response = await post(payload);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    },
  );

  it('refuses unknown fields, naming them, instead of ignoring them', async () => {
    const problem = expectProblem(
      await post(JSON.stringify({ name: 'x', colour: 'red' })),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([{ path: 'colour', message: 'unknown field' }]);
  });

  it('names nested fields with their path', async () => {
    const problem = expectProblem(
      await post(
        JSON.stringify({
          name: 'x',
          count: 'many',
          items: [{ name: 'ok' }, { name: '', extra: 1 }],
        }),
      ),
      400,
      'VALIDATION_FAILED',
    );
    const paths = problem.errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['count', 'items[1].extra', 'items[1].name']);
  });

  it('gives 413 for a body over the limit', async () => {
    expectProblem(await post(JSON.stringify({ name: 'x'.repeat(5000) })), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('gives 415 for an unsupported media type', async () => {
    expectProblem(await post('<park/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('gives 404 ROUTE_NOT_FOUND for an unknown route, under and outside /api/v1', async () => {
    expectProblem(await t.get('/api/v1/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await t.get('/nowhere'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(
      await t.request({ method: 'DELETE', url: '/api/v1/countries' }),
      404,
      'ROUTE_NOT_FOUND',
    );
  });

  it('maps domain errors by kind and keeps their extensions', async () => {
    const problem = expectProblem(
      await t.get('/api/v1/test-fixtures/conflict'),
      409,
      'FIXTURE_CONFLICT',
    );
    expect(problem.existingId).toBe('abc');
  });

  it('gives a 500 that discloses nothing about internals', async () => {
    const response = await t.get('/api/v1/test-fixtures/crash');
    const problem = expectProblem(response, 500, 'INTERNAL_ERROR');
    expect(response.text).not.toMatch(/hunter2|10\.0\.0\.7|secret\.ts|stack/);
    expect(problem.detail).toMatch(/requestId/);
  });
});
