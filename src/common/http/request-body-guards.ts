import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { problem } from '../problem/to-problem';

/**
 * The deepest nesting of arrays and objects a body may have. The deepest DTO holds four levels
 * (a pairing's sides[].parkIds[]); anything much deeper cannot be valid, and walking it would
 * take the validator's recursion past the stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/** How much of a refused body is still read, and for how long, so the client sees the answer. */
export const REFUSED_BODY_DRAIN = { maxBytes: 64 * 1024 * 1024, maxMs: 30_000 } as const;

/** Whether `value` nests arrays and objects deeper than `max` levels (iteratively: no recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (!isContainer(node)) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) {
      if (isContainer(child)) pending.push([child, depth + 1]);
    }
  }
  return false;
}

function isContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  // Parsed JSON and form bodies are plain objects; streams (a CSV import) are left alone.
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Two guards on request bodies, before any Nest code sees them:
 *
 * - A body nested deeper than MAX_BODY_DEPTH is a 400 problem naming the body.
 * - A body refused before it was read to the end (413, or a parser error) is still read and
 *   thrown away, up to REFUSED_BODY_DRAIN, before the connection may close. Fastify asks to
 *   close at once, but a client that sends its whole body before reading (most HTTP libraries)
 *   would then see a broken pipe instead of the 413. Draining lets it read the problem; past the
 *   bounds (a body declared larger, or one that keeps coming) the connection is closed.
 */
export function registerRequestBodyGuards(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, reply, done) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      void reply
        .code(400)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(
          problem(
            { requestId: String(request.id), path: request.url },
            400,
            'BODY_TOO_DEEP',
            `The body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels.`,
            { errors: [{ path: 'body', message: `nests deeper than ${MAX_BODY_DEPTH} levels` }] },
          ),
        );
      return;
    }
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // Only a real connection has a rest to read (Fastify's inject has no socket to keep).
    if (request.raw.complete === false && request.raw.socket instanceof Socket) {
      drainRefusedBody(request, reply);
    }
    done(null, payload);
  });
}

function drainRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  const declared = Number(raw.headers['content-length']);
  if (declared > REFUSED_BODY_DRAIN.maxBytes) return; // Too much to read: close as asked.
  // Keeping the connection lets Node read the rest of this request instead of resetting it.
  reply.removeHeader('connection');
  let received = 0;
  const stop = () => raw.socket.destroy();
  const timer = setTimeout(stop, REFUSED_BODY_DRAIN.maxMs);
  timer.unref();
  raw.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > REFUSED_BODY_DRAIN.maxBytes) stop();
  });
  raw.once('end', () => clearTimeout(timer));
  raw.once('close', () => clearTimeout(timer));
  raw.resume();
}
