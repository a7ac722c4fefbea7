import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
};

const PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: a repeat with the same key and the same request (method, path, body) ' +
    'within the key’s lifetime returns the first response again, with ' +
    '`Idempotency-Replayed: true`, and changes nothing. Keys are per user; 1 to 255 visible ' +
    'ASCII characters (a UUID, say).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
};

const REPLAYED_HEADER = {
  description: '`true` when this is the recorded response of an earlier request with the key',
  schema: { type: 'string', enum: ['true'] },
};

/** The problems the header adds, by status. */
const PROBLEMS: Record<string, string> = {
  '400': 'VALIDATION_FAILED: a malformed Idempotency-Key',
  '409':
    'IDEMPOTENCY_KEY_IN_PROGRESS: the first request with this Idempotency-Key is still running',
  '422': 'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key came with a different request',
};

interface Operation {
  parameters?: unknown[];
  responses?: Record<string, { description?: string; content?: unknown; headers?: object }>;
  'x-access'?: { public?: boolean };
  'x-idempotency-key'?: string;
}

/**
 * Documents Idempotency-Key on every POST that honours it (all but public routes and those
 * marked @IdempotencyKeyIgnored): the header, its problems, and Idempotency-Replayed.
 */
export function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    const operation = item.post as Operation | undefined;
    if (!operation || operation['x-access']?.public || operation['x-idempotency-key']) continue;
    operation.parameters = [...(operation.parameters ?? []), PARAMETER];
    const responses = (operation.responses ??= {});
    for (const [status, response] of Object.entries(responses)) {
      if (/^2\d\d$/.test(status)) {
        response.headers = { ...response.headers, 'Idempotency-Replayed': REPLAYED_HEADER };
      }
    }
    for (const [status, description] of Object.entries(PROBLEMS)) {
      const existing = responses[status];
      responses[status] = existing
        ? { ...existing, description: `${existing.description ?? 'Error'}; or ${description}` }
        : { description, content: PROBLEM_CONTENT };
    }
  }
}
