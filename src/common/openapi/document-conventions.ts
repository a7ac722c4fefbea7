import type { OpenAPIObject } from '@nestjs/swagger';

interface Parameter {
  in?: string;
  required?: boolean;
  schema?: { default?: unknown };
}
interface Operation {
  parameters?: Parameter[];
  security?: Record<string, string[]>[];
  'x-access'?: { public?: boolean };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((item) =>
    METHODS.map((method) => item[method] as Operation | undefined).filter(
      (operation): operation is Operation => operation !== undefined,
    ),
  );
}

/**
 * Routes marked @Public() (`x-access.public`) say so with `security: []`: without it a client
 * cannot tell "no credentials needed" from "credentials forgotten in the document".
 */
export function declarePublicRoutes(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    if (operation['x-access']?.public) operation.security = [];
  }
}

/**
 * A query parameter the server fills with a default is optional to the client. The swagger CLI
 * plugin marks every DTO property without `?` required, and query DTOs give defaults with
 * initializers (`limit: number = 50`), so the default decides here.
 */
export function optionalWhenDefaulted(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'path' && parameter.schema?.default !== undefined) {
        parameter.required = false;
      }
    }
  }
}
