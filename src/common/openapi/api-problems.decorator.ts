import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (fields named in `errors`)',
  401: 'Missing or invalid credentials',
  403: 'Role or country scope forbids it',
  404: 'Not found',
  409: 'Conflict with existing data or state',
  412: 'Stale version',
  413: 'Body too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'A business rule refused it',
  428: 'A required precondition is missing',
  429: 'Throttled',
  503: 'Database unavailable',
};

/**
 * Declares the problem responses a route can give, for the OpenAPI document. ProblemDetailsDto
 * is registered as an extra model when the document is built.
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/ProblemDetailsDto' },
          },
        },
      }),
    ),
  );
}
