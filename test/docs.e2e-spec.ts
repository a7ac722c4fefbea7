import { startTestApp, type TestApp } from './harness/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  default?: unknown;
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  security?: Record<string, string[]>[];
  'x-access'?: { public?: boolean };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApi {
  openapi: string;
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

function operations(doc: OpenApi): { route: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
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

  describe('what a generated client and Redocly need (test/openapi-client.e2e-spec.ts runs them)', () => {
    it('says which routes are public with an empty security list, and secures every other', () => {
      const publicRoutes = operations(doc)
        .filter(({ operation }) => operation['x-access']?.public)
        .map(({ route, operation }) => ({ route, security: operation.security }))
        .sort((a, b) => a.route.localeCompare(b.route));
      expect(publicRoutes).toEqual(
        [
          'GET /health/live',
          'GET /health/ready',
          // The open-data feeds: published for anyone, without credentials.
          'GET /open/documents/{id}',
          'GET /open/iati/activities.xml',
          'GET /open/oc4ids/projects.json',
          'GET /open/projects.csv',
          'GET /open/snapshots',
          'GET /open/snapshots/{id}',
          'POST /api/v1/auth/login',
        ].map((route) => ({
          route,
          security: [],
        })),
      );
      for (const { route, operation } of operations(doc)) {
        if (operation['x-access']?.public) continue;
        expect({ route, security: operation.security }).toEqual({
          route,
          security: [{ bearer: [] }],
        });
      }
    });

    it('names a server and a licence', () => {
      expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
      expect(doc.info.license?.name).toMatch(/proprietary/i);
    });

    it('documents the health responses: a typed 200, and 503 for readiness', () => {
      expect(doc.paths['/health/ready'].get.responses['503'].content).toHaveProperty([
        'application/problem+json',
      ]);
      for (const path of ['/health/live', '/health/ready']) {
        const schema = doc.paths[path].get.responses['200'].content?.['application/json']?.schema;
        expect({ path, ref: schema?.$ref }).toEqual({
          path,
          ref: expect.stringMatching(/^#\/components\/schemas\//),
        });
      }
      expect(doc.components.schemas.ReadinessDto.properties).toHaveProperty('details');
    });

    it('publishes SourceDto with its fields, accessedOn optional and nullable', () => {
      const source = doc.components.schemas.SourceDto;
      expect(Object.keys(source.properties ?? {}).sort()).toEqual([
        'accessedOn',
        'documentId',
        'title',
        'url',
      ]);
      // A source may be an attached document alone (documentId), so url is optional too.
      expect(source.required?.sort()).toEqual(['title']);
      expect(source.properties?.accessedOn).toMatchObject({ type: 'string', nullable: true });
    });

    it("publishes a history change's op as always present", () => {
      expect(doc.components.schemas.ChangeDto.required).toEqual(expect.arrayContaining(['op']));
    });

    it('publishes no object schema without its properties', () => {
      const empty = Object.entries(doc.components.schemas)
        .filter(
          ([, schema]) =>
            schema.type === 'object' &&
            Object.keys(schema.properties ?? {}).length === 0 &&
            schema.additionalProperties === undefined,
        )
        .map(([name]) => name);
      expect(empty).toEqual([]);
    });

    it('makes every query parameter with a default optional (limit on every list)', () => {
      const requiredWithDefault = operations(doc).flatMap(({ route, operation }) =>
        (operation.parameters ?? [])
          .filter((p) => p.in === 'query' && p.required && p.schema?.default !== undefined)
          .map((p) => `${route} ${p.name}`),
      );
      expect(requiredWithDefault).toEqual([]);
      const history = doc.paths['/api/v1/projects/{id}/history'].get.parameters ?? [];
      expect(history.find((p) => p.name === 'limit')).toMatchObject({
        required: false,
        schema: { default: 50 },
      });
    });

    it('gives body fields no default (openapi-typescript would make them required in requests)', () => {
      const defaulted = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(([, property]) => property.default !== undefined)
          .map(([property]) => `${name}.${property}`),
      );
      expect(defaulted).toEqual([]);
    });

    it('documents the dryRun query parameter of the CSV import', () => {
      expect(doc.paths['/api/v1/projects/import'].post.parameters).toContainEqual(
        expect.objectContaining({ name: 'dryRun', in: 'query', required: false }),
      );
      expect(doc.components.schemas.ImportResultDto.properties).toHaveProperty('projectsCreated');
    });

    it('documents If-Match on every versioned write and X-Change-Reason on every write', () => {
      const headers = (route: string) =>
        (operations(doc).find((o) => o.route === route)?.operation.parameters ?? [])
          .filter((p) => p.in === 'header')
          .map((p) => p.name);
      for (const route of [
        'PATCH /api/v1/parks/{id}',
        'PUT /api/v1/parks/{id}/industries',
        'DELETE /api/v1/parks/{id}',
        'PATCH /api/v1/pairings/{id}',
        'PATCH /api/v1/projects/{id}',
        'DELETE /api/v1/projects/{id}',
        'PATCH /api/v1/investors/{id}',
        'PATCH /api/v1/users/{id}',
        'PATCH /api/v1/countries/{code}',
      ]) {
        expect({ route, headers: headers(route) }).toEqual({
          route,
          headers: expect.arrayContaining(['If-Match', 'X-Change-Reason']),
        });
      }
      expect(headers('POST /api/v1/projects/{id}/revert')).toContain('X-Change-Reason');
      expect(headers('POST /api/v1/pairings/{id}/reviews')).toContain('X-Change-Reason');
    });

    it('types each download of a report or export by its media type', () => {
      const ok = (path: string) => doc.paths[path].get.responses['200'].content ?? {};
      const report = ok('/api/v1/reports/sectors');
      expect(report['application/json'].schema).toEqual({
        $ref: '#/components/schemas/SectorReportDto',
      });
      expect(report['text/csv'].schema?.type).toBe('string');
      expect(report['image/svg+xml'].schema?.type).toBe('string');
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      expect(report[xlsx].schema).toEqual({ type: 'string', format: 'binary' });
      expect(Object.keys(ok('/api/v1/projects/export')).sort()).toEqual([xlsx, 'text/csv'].sort());
    });

    it('leaves the console pages out: only /api/v1, the health probes and the open-data feeds', () => {
      expect(
        Object.keys(doc.paths).filter((path) => !/^\/(api\/v1|health|open)\//.test(path)),
      ).toEqual([]);
    });
  });
});
