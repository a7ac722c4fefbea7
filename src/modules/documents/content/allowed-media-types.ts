/**
 * The types a document may be, decided from the file's own bytes. Each lists the extensions
 * its files carry and the types browsers and mail clients declare for them.
 */
export interface AllowedMediaType {
  readonly mediaType: string;
  /** A short name for messages and the console. */
  readonly label: string;
  readonly extensions: readonly string[];
  /** Declared types that mean the same (e.g. Windows declares CSV as application/vnd.ms-excel). */
  readonly declaredAs: readonly string[];
}

export const ALLOWED_MEDIA_TYPES: readonly AllowedMediaType[] = [
  { mediaType: 'application/pdf', label: 'PDF', extensions: ['pdf'], declaredAs: [] },
  { mediaType: 'image/png', label: 'PNG', extensions: ['png'], declaredAs: [] },
  {
    mediaType: 'image/jpeg',
    label: 'JPEG',
    extensions: ['jpg', 'jpeg'],
    declaredAs: ['image/pjpeg', 'image/jpg'],
  },
  { mediaType: 'image/webp', label: 'WebP', extensions: ['webp'], declaredAs: [] },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (DOCX)',
    extensions: ['docx'],
    declaredAs: [],
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (XLSX)',
    extensions: ['xlsx'],
    declaredAs: [],
  },
  {
    mediaType: 'application/vnd.oasis.opendocument.text',
    label: 'OpenDocument text (ODT)',
    extensions: ['odt'],
    declaredAs: [],
  },
  {
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet (ODS)',
    extensions: ['ods'],
    declaredAs: [],
  },
  {
    mediaType: 'text/plain',
    label: 'plain text',
    extensions: ['txt', 'text', 'md'],
    declaredAs: [],
  },
  {
    mediaType: 'text/csv',
    label: 'CSV',
    extensions: ['csv'],
    declaredAs: ['application/vnd.ms-excel', 'application/csv', 'text/x-csv', 'text/plain'],
  },
];

/** Declarations that say nothing about the type (a browser that does not know the extension). */
export const UNDECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export function allowedMediaType(mediaType: string): AllowedMediaType | undefined {
  return ALLOWED_MEDIA_TYPES.find((type) => type.mediaType === mediaType);
}

/** For the README, OpenAPI and the console: "PDF, PNG, ...". */
export const ALLOWED_LABELS = ALLOWED_MEDIA_TYPES.map((type) => type.label).join(', ');
