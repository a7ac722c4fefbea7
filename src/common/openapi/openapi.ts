import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentIdempotencyKey } from '../idempotency/idempotency.openapi';
import { declarePublicRoutes, optionalWhenDefaulted } from './document-conventions';
import { FieldErrorDto, ProblemDetailsDto } from './problem-details.dto';

const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
};

/**
 * The OpenAPI 3 document, built from the controllers and DTOs by the swagger CLI plugin. Every
 * operation also declares the problems any route can give (500, and 503 while the database is
 * away) so clients see the full error contract, and every POST that honours it documents the
 * Idempotency-Key header. The document must lint clean with Redocly's `recommended` rules and
 * generate a typed client (test/openapi-client.e2e-spec.ts).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Twin-park investment registry')
    .setDescription(
      'System of record for China-ASEAN "Two Countries Twin Parks": parks, pairings, ISIC Rev.4 ' +
        'industries and investment projects, with an audited history. Errors are RFC 9457 ' +
        'problem details (application/problem+json). Lists use keyset pagination: pass ' +
        '`nextCursor` back as `cursor`.',
    )
    .setVersion('1')
    // Relative: Swagger UI calls the origin that served the document, and a generated client
    // takes its base URL from the caller. Paths carry the /api/v1 prefix themselves.
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description:
        'A JWT from POST /api/v1/auth/login, or an API token (tpr_...) from POST /api/v1/auth/tokens',
    })
    .build();
  // The registry is not open source (package.json: UNLICENSED): say so rather than leave the
  // terms unstated. No URL: no licence text is published.
  config.info.license = { name: 'Proprietary (all rights reserved; no licence is granted)' };
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsDto, FieldErrorDto],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as unknown[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation))
        continue;
      const responses = operation.responses as Record<string, unknown>;
      responses['500'] ??= {
        description: 'Unexpected error (no internals disclosed)',
        content: PROBLEM_CONTENT,
      };
      responses['503'] ??= { description: 'Database unavailable', content: PROBLEM_CONTENT };
    }
  }
  documentIdempotencyKey(document);
  declarePublicRoutes(document);
  optionalWhenDefaulted(document);
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    useGlobalPrefix: false,
    customSiteTitle: 'Twin-park registry API',
    swaggerOptions: { persistAuthorization: true },
  });
}
