import { Headers } from '@nestjs/common';
import { ApiHeader, type ApiHeaderOptions } from '@nestjs/swagger';

/**
 * Documents a header on the operation whose parameter reads it, so that the OpenAPI document
 * (and a client generated from it) knows every header a route takes.
 */
export function documentHeader(
  target: object,
  key: string | symbol | undefined,
  options: ApiHeaderOptions,
): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) ApiHeader(options)(target, key, descriptor);
}

/**
 * The `If-Match` header of a versioned write (see expectedVersion), read and documented in one
 * place.
 */
export const IfMatch = (): ParameterDecorator => (target, key, index) => {
  Headers('if-match')(target, key, index);
  documentHeader(target, key, {
    name: 'If-Match',
    required: false,
    description:
      'The ETag of your last read ("3"): the write applies only while the record is still at ' +
      'that version (412 otherwise). Without it (or a `version` field in a PATCH body), 428.',
    schema: { type: 'string', pattern: '^(W/)?"\\d{1,9}"$', example: '"3"' },
  });
};
