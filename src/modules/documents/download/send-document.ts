import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import {
  documentContentMissing,
  documentNotReadable,
  rangeNotSatisfiable,
} from '../documents.errors';
import type { DocumentRow } from '../documents.repository';
import type { ByteRange, DocumentStore } from '../storage/document-store';

/** Scan states whose files are served. */
const SERVABLE = new Set(['clean', 'unscanned']);

/**
 * Sends a document's bytes as a download, for the API and the console alike:
 * - always an attachment, under its original name (RFC 6266, with RFC 5987 `filename*` for
 *   Chinese and other non-ASCII names), never rendered by the browser: `nosniff` and a
 *   `sandbox` content security policy, in case it is opened anyway;
 * - `ETag` is the SHA-256, so If-None-Match answers 304 and If-Range is exact;
 * - one byte range (206), or 416 for a range outside the file. Several ranges get the whole file.
 */
export async function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  document: DocumentRow,
  store: DocumentStore,
): Promise<FastifyReply> {
  if (!SERVABLE.has(document.scan)) {
    throw documentNotReadable(document.id, document.scan, document.scan_detail);
  }
  const size = Number(document.size_bytes);
  const etag = `"${document.sha256}"`;
  // Refusals first, so a problem answer carries none of the download's headers.
  const range = requestedRange(request, etag, size);
  if (range === 'unsatisfiable') throw rangeNotSatisfiable(size);
  const notModified = matchesEtag(request.headers['if-none-match'], etag);
  const stream = notModified ? null : await store.open(document.sha256, range ?? undefined);
  if (!notModified && !stream) throw documentContentMissing(document.id);

  void reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('content-disposition', contentDisposition(document.file_name, { type: 'attachment' }))
    .header('content-type', contentTypeOf(document.media_type));
  if (notModified) return reply.status(304).send();
  if (range) {
    void reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', String(range.end - range.start + 1));
  } else {
    void reply.status(200).header('content-length', String(size));
  }
  return reply.send(stream);
}

function contentTypeOf(mediaType: string): string {
  return mediaType.startsWith('text/') ? `${mediaType}; charset=utf-8` : mediaType;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/** The one range to send; null for the whole file. */
function requestedRange(
  request: FastifyRequest,
  etag: string,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  const header = request.headers.range;
  if (!header) return null;
  // If-Range with another validator: the file changed since, so the whole file goes.
  const ifRange = request.headers['if-range'];
  if (typeof ifRange === 'string' && ifRange.trim() !== etag) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  return { start: ranges[0].start, end: ranges[0].end };
}
