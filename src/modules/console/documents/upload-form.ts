import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError } from '../../../common/errors/domain-error';
import { statusOf } from '../../../common/problem/problem-details';
import { ALLOWED_MEDIA_TYPES } from '../../documents/content/allowed-media-types';
import type { DocumentOwner } from '../../documents/document-owner';
import { VISIBILITIES } from '../../documents/dto/document.dto';
import { localeOf, renderPage } from '../console-view';
import { type FieldErrors, fieldErrorsOf } from '../form-input';
import type { MessageKey } from '../i18n/messages-en';
import type { DocumentChoices } from './document-choices';
import { recordPath } from './record-documents';

/** The metadata fields of the upload form, in the order the form sends them (the file last). */
export const UPLOAD_FIELDS = [
  'title',
  'titleZh',
  'category',
  'language',
  'documentDate',
  'visibility',
  'reason',
] as const;

export type UploadValues = Partial<Record<(typeof UPLOAD_FIELDS)[number], string>>;

/** The browser's file chooser offers these (the server decides from the bytes regardless). */
const ACCEPT = ALLOWED_MEDIA_TYPES.flatMap((type) => [
  type.mediaType,
  ...type.extensions.map((extension) => `.${extension}`),
]).join(',');

/** Refusals of the file itself, said in the reader's language at the file field. */
const FILE_MESSAGES: Readonly<Record<string, MessageKey>> = {
  FILE_REQUIRED: 'documents.error.fileRequired',
  DOCUMENT_TOO_LARGE: 'documents.error.tooLarge',
  UPLOAD_TOO_LARGE: 'documents.error.uploadTooLarge',
  DOCUMENT_TYPE_NOT_ALLOWED: 'documents.error.typeNotAllowed',
  DOCUMENT_TYPE_MISMATCH: 'documents.error.typeMismatch',
  DOCUMENT_INFECTED: 'documents.error.infected',
  FILE_FIELD_NAME: 'documents.error.fileRequired',
};

export interface UploadRefusal {
  readonly errors: FieldErrors;
  readonly status: number;
  /** The document already holding these bytes on this record (a 409 duplicate). */
  readonly existingId: string | null;
}

/** A refused upload as the form shows it: each problem at its field, in the reader's words. */
export function uploadRefusal(
  request: FastifyRequest,
  error: DomainError,
  maxBytes: number,
): UploadRefusal {
  const status = statusOf(error.kind);
  const extensions = error.options.extensions ?? {};
  if (error.code === 'DOCUMENT_DUPLICATE') {
    return { errors: {}, status, existingId: String(extensions.existingId) };
  }
  const key = FILE_MESSAGES[error.code];
  if (!key) return { errors: fieldErrorsOf(error), status, existingId: null };
  const text = localeOf(request);
  const message = text.t(key, {
    max: `${text.number(maxBytes / (1024 * 1024))} MB`,
    detected:
      typeof extensions.detectedType === 'string'
        ? extensions.detectedType
        : text.t('documents.error.unrecognised'),
    declared: textOf(extensions.declaredType),
    signature: textOf(extensions.signature),
    allowed: ALLOWED_MEDIA_TYPES.map((type) => type.label).join(', '),
  });
  return { errors: { file: message }, status, existingId: null };
}

const textOf = (value: unknown): string =>
  typeof value === 'string' && value !== '' ? value : '—';

/** The upload form for one record, blank or as it was sent with what was wrong with it. */
export async function renderUploadForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    readonly choices: DocumentChoices;
    readonly owner: DocumentOwner;
    readonly maxBytes: number;
    readonly values?: UploadValues;
    readonly refusal?: UploadRefusal;
  },
): Promise<void> {
  const { owner, choices, refusal } = options;
  const locale = localeOf(request).locale;
  const [categories, languages] = await Promise.all([
    choices.categories(locale),
    choices.languages(locale),
  ]);
  const recordHref = recordPath(owner.type, owner.id);
  await renderPage(
    request,
    reply,
    'documents/upload',
    {
      owner,
      recordHref,
      action: `${recordHref}/documents`,
      values: { visibility: 'internal', ...options.values },
      categories,
      languages,
      visibilities: VISIBILITIES,
      accept: ACCEPT,
      allowed: ALLOWED_MEDIA_TYPES.map((type) => type.label).join(', '),
      maxMegabytes: options.maxBytes / (1024 * 1024),
      errors: refusal?.errors ?? {},
      existingId: refusal?.existingId ?? null,
    },
    refusal?.status ?? 200,
  );
}
