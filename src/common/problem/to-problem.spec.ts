import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError, type ErrorKind, invalidInput } from '../errors/domain-error';
import { statusOf } from './problem-details';
import { toProblem } from './to-problem';

const ctx = { requestId: 'req-1', path: '/api/v1/things' };

describe('toProblem', () => {
  it.each<[ErrorKind, number]>([
    ['invalid', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['precondition_failed', 412],
    ['payload_too_large', 413],
    ['unsupported_media_type', 415],
    ['range_not_satisfiable', 416],
    ['rule_violated', 422],
    ['precondition_required', 428],
    ['throttled', 429],
    ['unavailable', 503],
  ])('maps domain error kind %s to %i', (kind, status) => {
    expect(statusOf(kind)).toBe(status);
    const { problem } = toProblem(new DomainError(kind, 'SOME_CODE', 'Something.'), ctx);
    expect(problem).toMatchObject({
      status,
      code: 'SOME_CODE',
      detail: 'Something.',
      requestId: 'req-1',
      instance: '/api/v1/things',
      type: 'urn:twin-park-registry:problem:some-code',
    });
  });

  it('carries field errors and extensions', () => {
    const { problem } = toProblem(
      invalidInput([{ path: 'sides[0].countryCode', message: 'required' }]),
      ctx,
    );
    expect(problem.errors).toEqual([{ path: 'sides[0].countryCode', message: 'required' }]);
    const conflict = toProblem(
      new DomainError('conflict', 'INVESTOR_DUPLICATE', 'Exists.', {
        extensions: { existingId: 'x' },
      }),
      ctx,
    );
    expect(conflict.problem.existingId).toBe('x');
  });

  it('maps framework errors: unknown route, malformed JSON, size and media type', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), ctx).problem).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: 'No route GET /x',
    });
    expect(
      toProblem(
        new BadRequestException(
          "Body is not valid JSON but content-type is set to 'application/json'",
        ),
        ctx,
      ).problem.code,
    ).toBe('MALFORMED_JSON');
    expect(toProblem(new HttpException('too large', 413), ctx).problem.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(toProblem(new HttpException('nope', 415), ctx).problem.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it("sends a domain error's Retry-After as the header, not in the document", () => {
    const error = new DomainError('throttled', 'TOO_MANY_REQUESTS', 'Too many.', {
      retryAfterSeconds: 42,
    });
    const mapped = toProblem(error, ctx);
    expect(mapped.problem).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(mapped.headers).toEqual({ 'retry-after': '42' });
    expect(mapped.problem).not.toHaveProperty('retryAfterSeconds');
  });

  it('maps an unreachable database to 503 with Retry-After, even when wrapped by TypeORM', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const wrapped = new QueryFailedError('SELECT 1', [], refused);
    for (const error of [refused, wrapped]) {
      const mapped = toProblem(error, ctx);
      expect(mapped.problem).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(mapped.headers['retry-after']).toBeDefined();
      expect(mapped.serverFault).toBe(false);
    }
  });

  it('hides internals of unexpected errors and flags them as server faults', () => {
    const mapped = toProblem(new Error('password=hunter2 at /srv/x.ts'), ctx);
    expect(mapped.serverFault).toBe(true);
    expect(mapped.problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(mapped.problem)).not.toMatch(/hunter2|srv/);
    expect(toProblem(new HttpException('internal detail', 502), ctx).problem.code).toBe(
      'INTERNAL_ERROR',
    );
    expect(toProblem('a string', ctx).problem.status).toBe(500);
  });
});
