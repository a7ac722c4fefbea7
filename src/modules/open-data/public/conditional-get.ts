import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Validators for a published representation: ETag and Last-Modified on the answer, and a 304
 * when the client's copy is current (If-None-Match wins over If-Modified-Since, RFC 9110 13.2.2).
 * True when the 304 was sent.
 */
export function answeredNotModified(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  lastModified: Date,
  cacheControl = 'public, max-age=60',
): boolean {
  const modified = new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
  void reply
    .header('etag', etag)
    .header('last-modified', modified.toUTCString())
    .header('cache-control', cacheControl);
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  let fresh = false;
  if (ifNoneMatch) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    fresh =
      ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => weak(t) === weak(etag));
  } else if (ifModifiedSince) {
    const since = Date.parse(ifModifiedSince);
    fresh = !Number.isNaN(since) && modified.getTime() <= since;
  }
  if (fresh) void reply.status(304).send();
  return fresh;
}
