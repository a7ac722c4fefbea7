import { extname } from 'node:path';
import { typeMismatch, typeNotAllowed } from '../documents.errors';
import {
  ALLOWED_LABELS,
  ALLOWED_MEDIA_TYPES,
  allowedMediaType,
  UNDECLARED,
} from './allowed-media-types';
import { detectMediaType } from './detect-media-type';

const CSV_DECLARATIONS = new Set(['text/csv', ...(allowedMediaType('text/csv')?.declaredAs ?? [])]);
const KNOWN_EXTENSIONS = new Set(ALLOWED_MEDIA_TYPES.flatMap((type) => type.extensions));

/**
 * The media type a staged file is stored with: what its bytes are, if that is on the allowlist
 * and agrees with what the client said (its declared type, and its file name's extension when
 * that is one of ours). Refusals are 415s that name both sides.
 */
export async function acceptedMediaType(
  path: string,
  declaredType: string,
  fileName: string,
): Promise<string> {
  const extension = extname(fileName).slice(1).toLowerCase();
  const declared = UNDECLARED.has(declaredType) ? null : declaredType;
  const wantsCsv =
    extension === 'csv' ||
    (declared !== null && declared !== 'text/plain' && CSV_DECLARATIONS.has(declared));
  const detected = await detectMediaType(path, wantsCsv);
  const allowed = detected ? allowedMediaType(detected.mediaType) : undefined;
  if (!detected || !allowed) {
    throw typeNotAllowed(detected?.mediaType ?? null, describe(declared, fileName), ALLOWED_LABELS);
  }
  if (declared && declared !== allowed.mediaType && !allowed.declaredAs.includes(declared)) {
    throw typeMismatch(allowed.mediaType, `${declared} (${fileName})`);
  }
  if (KNOWN_EXTENSIONS.has(extension) && !allowed.extensions.includes(extension)) {
    throw typeMismatch(allowed.mediaType, `a .${extension} file (${fileName})`);
  }
  return allowed.mediaType;
}

function describe(declared: string | null, fileName: string): string {
  return declared ? `${declared} (${fileName})` : `no type (${fileName})`;
}
