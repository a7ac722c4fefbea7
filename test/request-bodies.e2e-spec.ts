import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';

interface RawAnswer {
  /** Every response on the connection, in order (status line and body). */
  readonly responses: { status: number; body: string }[];
  /** A write or read error the client saw (a broken pipe, a reset), if any. */
  readonly error: string | null;
}

/**
 * Talks HTTP/1.1 over a plain socket the way most client libraries do: the whole request is
 * written before anything is read. `requests` go one after the other on the same connection.
 */
async function sendWholeThenRead(
  port: number,
  requests: { head: string; body: Buffer | null; chunked?: boolean }[],
): Promise<RawAnswer> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let error: string | null = null;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  socket.on('error', (e) => (error ??= e.message));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const write = (data: Buffer | string) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed) return resolve();
      socket.write(data, () => resolve());
    });
  for (const request of requests) {
    await write(request.head);
    const body = request.body ?? Buffer.alloc(0);
    for (let offset = 0; offset < body.length && !error; offset += 256 * 1024) {
      const piece = body.subarray(offset, offset + 256 * 1024);
      await write(request.chunked ? `${piece.length.toString(16)}\r\n` : '');
      await write(piece);
      if (request.chunked) await write('\r\n');
    }
    if (request.chunked) await write('0\r\n\r\n');
  }
  // Wait for the answers (or the connection to close).
  const deadline = Date.now() + 20_000;
  while (countResponses(received) < requests.length && !socket.destroyed && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  socket.destroy();
  return { responses: parseResponses(received), error };
}

function countResponses(text: string): number {
  return parseResponses(text).length;
}

function parseResponses(text: string): { status: number; body: string }[] {
  const responses: { status: number; body: string }[] = [];
  let rest = text;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return responses;
    const head = rest.slice(0, headEnd);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    if (Buffer.byteLength(body) < length) return responses;
    if (status !== 100) responses.push({ status, body });
    rest = rest.slice(headEnd + 4 + length);
  }
}

describe('request bodies the DTOs cannot hold', () => {
  let t: TestApp;
  let admin: TestUser;
  let port: number;
  const parkCount = async () =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM registry.park`))[0]?.n);
  const postJson = (url: string, payload: string) =>
    t.request<{ code: string; errors?: { path: string }[] }>({
      method: 'POST',
      url,
      headers: { ...admin.auth, 'content-type': 'application/json' },
      payload,
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '1048576', IMPORT_MAX_BYTES: '1048576' } });
    admin = await t.signIn('admin');
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers a body nested 5,000 deep with 400 naming the body, and writes nothing', async () => {
    const before = await parkCount();
    const arrays = '['.repeat(5000) + ']'.repeat(5000);
    const objects = '{"code":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    const inField = JSON.stringify({ code: 'MY-DEEP', name: 'x' }).replace(
      '"x"',
      '['.repeat(40) + ']'.repeat(40),
    );
    for (const body of [arrays, objects, inField]) {
      const response = await postJson('/api/v1/parks', body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('BODY_TOO_DEEP');
      expect(response.body.errors).toEqual([{ path: 'body', message: expect.any(String) }]);
    }
    const patch = await t.request<{ code: string }>({
      method: 'PATCH',
      url: '/api/v1/parks/00000000-0000-4000-8000-000000000000',
      headers: { ...admin.auth, 'content-type': 'application/json', 'if-match': '"1"' },
      payload: arrays,
    });
    expect(patch.body.code).toBe('BODY_TOO_DEEP');
    expect(await parkCount()).toBe(before);
  });

  it('still takes the deepest real body (a pairing’s sides and parks)', async () => {
    const response = await postJson(
      '/api/v1/pairings',
      JSON.stringify({
        code: 'CN-MY-DEPTH',
        name: 'Depth',
        sides: [
          { countryCode: 'CN', parkIds: [[['not-a-uuid']]] },
          { countryCode: 'MY', parkIds: [] },
        ],
      }),
    );
    // Refused by validation, naming the field: the guard let the real shape through.
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets a client that sends 12 MB before reading see the 413, and keeps the connection', async () => {
    const size = 12 * 1024 * 1024;
    const body = Buffer.alloc(size, 'a');
    const head = (extra: string) =>
      `POST /api/v1/parks HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n` +
      `Authorization: ${admin.auth.authorization}\r\n${extra}\r\n`;
    const answer = await sendWholeThenRead(port, [
      { head: head(`Content-Length: ${size}\r\n`), body },
      { head: head('Transfer-Encoding: chunked\r\n'), body, chunked: true },
      { head: `GET /health/live HTTP/1.1\r\nHost: test\r\n\r\n`, body: null },
    ]);
    expect(answer.error).toBeNull();
    expect(answer.responses.map((r) => r.status)).toEqual([413, 413, 200]);
    for (const refused of answer.responses.slice(0, 2)) {
      expect(JSON.parse(refused.body)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    }
  });

  it('does the same for a CSV import over IMPORT_MAX_BYTES', async () => {
    const header = 'parkCode,title,type,stage,sectors\n';
    const row = 'MY-NONE,A title that takes some room in the file,greenfield,pipeline,2410:100\n';
    const csv = Buffer.from(header + row.repeat(Math.ceil((3 * 1024 * 1024) / row.length)));
    const answer = await sendWholeThenRead(port, [
      {
        head:
          `POST /api/v1/projects/import?dryRun=true HTTP/1.1\r\nHost: test\r\n` +
          `Content-Type: text/csv\r\nAuthorization: ${admin.auth.authorization}\r\n` +
          `Content-Length: ${csv.length}\r\n\r\n`,
        body: csv,
      },
    ]);
    expect(answer.error).toBeNull();
    expect(answer.responses.map((r) => r.status)).toEqual([413]);
    expect(JSON.parse(answer.responses[0]?.body ?? '{}')).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
    });
  });
});
