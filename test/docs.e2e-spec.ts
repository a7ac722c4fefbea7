import { startTestApp, type TestApp } from './harness/test-app';

interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

describe('API documentation', () => {
  let t: TestApp;
  let doc: OpenApi;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.get<OpenApi>('/docs/openapi.json')).body;
  });
  afterAll(() => t.close());

  it('serves Swagger UI at /docs without authentication', async () => {
    const response = await t.get('/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toMatch(/swagger-ui/i);
  });

  it('serves an OpenAPI 3 document describing every route', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/me',
        '/api/v1/auth/tokens',
        '/api/v1/auth/tokens/{id}',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/countries',
        '/api/v1/countries/{code}',
        '/api/v1/industries',
        '/api/v1/industries/{code}',
        '/health/live',
        '/health/ready',
      ]),
    );
  });

  it('documents query parameters from the DTOs (swagger CLI plugin)', () => {
    const names = doc.paths['/api/v1/countries'].get.parameters?.map((p) => p.name).sort();
    expect(names).toEqual(['asean', 'cursor', 'limit', 'q', 'sort']);
    expect(doc.components.schemas.CountryResponseDto.properties).toHaveProperty('aseanMemberSince');
    expect(doc.components.schemas.IndustryDetailDto.properties).toHaveProperty('ancestors');
  });

  it('declares problem-details error responses on every operation', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const errors = Object.entries(operation.responses).filter(
          ([status]) => Number(status) >= 400,
        );
        expect({ route: `${method} ${path}`, has500: Boolean(operation.responses['500']) }).toEqual(
          {
            route: `${method} ${path}`,
            has500: true,
          },
        );
        for (const [, response] of errors) {
          expect(response.content?.['application/problem+json']?.schema?.$ref).toBe(
            '#/components/schemas/ProblemDetailsDto',
          );
        }
      }
    }
    expect(doc.paths['/api/v1/countries/{code}'].get.responses).toHaveProperty('404');
    expect(doc.components.schemas.ProblemDetailsDto.properties).toHaveProperty('requestId');
  });
});
