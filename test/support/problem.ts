import type { TestResponse } from '../harness/test-app';

/** Asserts an RFC 9457 problem response with the given status and code, and returns its body. */
export function expectProblem(
  response: TestResponse,
  status: number,
  code: string,
): { detail: string; errors?: { path: string; message: string }[]; [key: string]: unknown } {
  expect({ status: response.status, code: (response.body as { code?: string }).code }).toEqual({
    status,
    code,
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.body as Record<string, unknown>;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:twin-park-registry:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
    requestId: response.headers['x-request-id'],
  });
  return body as ReturnType<typeof expectProblem>;
}
