import { startTestApp, type TestApp, withHeaders } from './harness/test-app';

describe('X-Request-Id', () => {
  let t: TestApp;
  beforeAll(async () => {
    const app = await startTestApp();
    t = withHeaders(app, (await app.signIn('analyst')).auth);
  });
  afterAll(() => t.close());

  it('generates one when the caller sends none', async () => {
    const response = await t.get('/health/live');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a caller-supplied id', async () => {
    const response = await t.get('/api/v1/countries/MY', { 'x-request-id': 'import-batch-42.7' });
    expect(response.headers['x-request-id']).toBe('import-batch-42.7');
  });

  it('replaces an id that could forge log lines', async () => {
    const response = await t.get('/health/live', {
      'x-request-id': 'evil\tid with spaces' + 'x'.repeat(200),
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is carried on error responses and inside the problem document', async () => {
    const response = await t.get('/api/v1/countries/ZZ', { 'x-request-id': 'trace-404' });
    expect(response.status).toBe(404);
    expect(response.headers['x-request-id']).toBe('trace-404');
    expect(response.body).toMatchObject({ requestId: 'trace-404' });
  });
});
