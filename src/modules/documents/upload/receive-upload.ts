import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { documentTooLarge, fileRequired, notMultipart, uploadTooLarge } from '../documents.errors';
import type { DocumentStore, StagedFile } from '../storage/document-store';

/** A multipart upload read to its end: text fields, and the one file staged in the store. */
export interface ReceivedUpload {
  readonly fields: Readonly<Record<string, string>>;
  readonly staged: StagedFile;
  /** As sent, cleaned to a plain file name (no directories, no control characters). */
  readonly fileName: string;
  /** The type the client declared for the file part (not trusted; compared with the bytes). */
  readonly declaredType: string;
}

export interface ReceiveOptions {
  readonly maxBytes: number;
  /** Called with the fields that came before the file (the console checks its CSRF token). */
  readonly beforeFile?: (fields: Readonly<Record<string, string>>) => void;
}

/** Text fields beside the file: enough for the metadata and a console form's extras. */
const MAX_FIELDS = 12;
const MAX_FIELD_BYTES = 8 * 1024;

/**
 * Reads a multipart upload, streaming its file into the store's staging area (never into
 * memory). One file per request, a few small fields: anything more is a 413. Whatever fails,
 * the staged file is gone by the time the error leaves.
 */
export async function receiveUpload(
  request: FastifyRequest,
  store: DocumentStore,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw notMultipart();
  const fields: Record<string, string> = {};
  let received: Omit<ReceivedUpload, 'fields'> | undefined;
  try {
    const parts = request.parts({
      limits: {
        files: 1,
        fields: MAX_FIELDS,
        parts: MAX_FIELDS + 1,
        fieldSize: MAX_FIELD_BYTES,
        // One byte over the limit lets the store's own count name the limit in its 413.
        fileSize: options.maxBytes + 1,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw uploadTooLarge(`The field ${part.fieldname} is over 8 KB`);
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new DomainError(
          'invalid',
          'FILE_FIELD_NAME',
          `The file must be sent in a field named "file", not "${part.fieldname}".`,
          { errors: [{ path: 'file', message: 'file is required' }] },
        );
      }
      if (!part.filename) {
        // A form sent with no file chosen: browsers still send the part, empty and unnamed.
        part.file.resume();
        continue;
      }
      options.beforeFile?.(fields);
      const staged = await store.stage(part.file, options.maxBytes, () =>
        documentTooLarge(options.maxBytes),
      );
      received = {
        staged,
        fileName: cleanFileName(part.filename),
        declaredType: (part.mimetype ?? '').toLowerCase().split(';')[0].trim(),
      };
    }
  } catch (error) {
    if (received) await store.discard(received.staged);
    throw translateMultipartError(error, options.maxBytes);
  }
  if (!received) throw fileRequired();
  return { fields, ...received };
}

function translateMultipartError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return documentTooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return uploadTooLarge('Only one file may be sent per upload');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return uploadTooLarge(`More than ${MAX_FIELDS} fields were sent`);
  return error;
}

/**
 * The last path segment (browsers on Windows send C:\fakepath\x.pdf), NFC, without control
 * characters, at most 255 characters; "document" when nothing is left.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const chars = [...cleaned];
  return chars.length === 0 ? 'document' : chars.slice(-255).join('');
}
