import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { staleVersion } from '../../common/http/expected-version';
import type { Page } from '../../common/pagination/keyset';
import { createValidationPipe } from '../../common/validation/validation-pipe';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { constraintViolation } from '../../database/constraint-errors';
import { invalidInput } from '../../common/errors/domain-error';
import type { Actor } from '../auth/actor';
import { countryForbidden } from '../auth/auth.errors';
import { acceptedMediaType } from './content/accepted-media-type';
import { type DocumentOwner, type OwnerType, ownerOf } from './document-owner';
import {
  documentArchived,
  documentDuplicate,
  documentInfected,
  documentNotFound,
  documentTooLarge,
  ownerArchived,
  ownerNotFound,
} from './documents.errors';
import {
  type DocumentChanges,
  type DocumentRow,
  DocumentsRepository,
} from './documents.repository';
import {
  DocumentFieldsDto,
  type DocumentPageDto,
  type DocumentResponseDto,
  type ListDocumentsQueryDto,
  type ScanState,
  type UpdateDocumentDto,
} from './dto/document.dto';
import { toDocumentResponse } from './dto/to-document-response';
import { DOCUMENT_STORE, type DocumentStore } from './storage/document-store';
import {
  ScannerUnavailableError,
  VIRUS_SCANNER,
  type VirusScanner,
} from './scanning/virus-scanner';
import type { ReceivedUpload } from './upload/receive-upload';

const pipe = createValidationPipe();

/**
 * Documents attached to parks, pairings, investors and projects. Who may attach or archive one
 * is who may write its record; everyone signed in may read them (as they read the record).
 * An upload is checked (type from its bytes, virus scan) before anything is written; then the
 * row and the stored file commit together (see `store`).
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly transactions: AuditedTransactions,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(VIRUS_SCANNER) private readonly scanner: VirusScanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.documents.maxBytes;
  }

  /** The record to attach to, refused before any byte is read if the actor may not write it. */
  async writableOwner(type: OwnerType, id: string, actor: Actor): Promise<DocumentOwner> {
    const owner = await this.requireOwner(type, id);
    assertMayWrite(actor, owner);
    if (owner.archived) throw ownerArchived(type, id);
    return owner;
  }

  async requireOwner(type: OwnerType, id: string): Promise<DocumentOwner> {
    const owner = await this.documents.findOwner(type, id);
    if (!owner) throw ownerNotFound(type, id);
    return owner;
  }

  /**
   * Attaches bytes the service made itself (the demo set's generated summaries) through the
   * same checks and store as an upload.
   */
  async attachBytes(
    owner: DocumentOwner,
    file: { bytes: Buffer; fileName: string; mediaType: string },
    fields: Record<string, string>,
    context: WriteContext,
  ): Promise<DocumentResponseDto> {
    const staged = await this.store.stage(Readable.from([file.bytes]), this.maxBytes, () =>
      documentTooLarge(this.maxBytes),
    );
    return this.attach(
      owner,
      { fields, staged, fileName: file.fileName, declaredType: file.mediaType },
      context,
    );
  }

  /** Checks and stores a received upload; the staged file is committed or dropped either way. */
  async attach(
    owner: DocumentOwner,
    upload: ReceivedUpload,
    context: WriteContext,
  ): Promise<DocumentResponseDto> {
    let committed = false;
    try {
      const fields = await validateFields(upload.fields);
      const mediaType = await acceptedMediaType(
        upload.staged.path,
        upload.declaredType,
        upload.fileName,
      );
      const scan = await this.scan(upload.staged.path);
      const id = await this.transactions
        .run(context, async (manager) => {
          await this.documents.lockContent(manager, upload.staged.sha256);
          const existing = await this.documents.findLiveDuplicate(
            manager,
            owner,
            upload.staged.sha256,
          );
          if (existing) throw documentDuplicate(existing);
          const inserted = await this.documents.insert(manager, {
            owner,
            title: fields.title,
            titleZh: blankToNull(fields.titleZh),
            category: fields.category,
            language: fields.language,
            documentDate: fields.documentDate ?? null,
            visibility: fields.visibility ?? 'internal',
            fileName: upload.fileName,
            mediaType,
            sizeBytes: upload.staged.sizeBytes,
            sha256: upload.staged.sha256,
            scan: scan.state,
            scanDetail: scan.detail,
          });
          // Inside the transaction and under the content lock: the file is in place before
          // the row can commit, and the sweep of unreferenced files cannot take it meanwhile.
          await this.store.commit(upload.staged);
          committed = true;
          return inserted;
        })
        .catch((error: unknown) => {
          throw translateFieldErrors(error);
        });
      return await this.get(id);
    } catch (error) {
      if (committed) await this.removeIfUnreferenced(upload.staged.sha256);
      else await this.store.discard(upload.staged);
      throw error;
    }
  }

  async listFor(
    type: OwnerType,
    ownerId: string,
    query: ListDocumentsQueryDto,
  ): Promise<DocumentPageDto> {
    return this.listOf(await this.requireOwner(type, ownerId), query);
  }

  /** A page of documents of a record already looked up (a console page needs the owner too). */
  async listOf(owner: DocumentOwner, query: ListDocumentsQueryDto): Promise<DocumentPageDto> {
    const page: Page<DocumentRow> = await this.documents.listForOwner(owner.type, owner.id, {
      includeArchived: query.includeArchived === true,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toDocumentResponse), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<DocumentResponseDto> {
    return toDocumentResponse(await this.require(id));
  }

  async require(id: string): Promise<DocumentRow> {
    const row = await this.documents.findById(id);
    if (!row) throw documentNotFound(id);
    return row;
  }

  async update(
    id: string,
    dto: UpdateDocumentDto,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<DocumentResponseDto> {
    await this.requireWritable(id, actor);
    const changes: DocumentChanges = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.titleZh !== undefined) changes.title_zh = blankToNull(dto.titleZh);
    if (dto.category !== undefined) changes.category = dto.category;
    if (dto.language !== undefined) changes.language = dto.language;
    if (dto.documentDate !== undefined) changes.document_date = dto.documentDate;
    if (dto.visibility !== undefined) changes.visibility = dto.visibility;
    const updated = await this.transactions
      .run(context, (manager) => this.documents.updateAtVersion(manager, id, version, changes))
      .catch((error: unknown) => {
        throw translateFieldErrors(error);
      });
    if (!updated) throw staleVersion('document', (await this.require(id)).version);
    return this.get(id);
  }

  /** DELETE: archives (the row and file stay, for the record's history and the audit trail). */
  async archive(id: string, version: number, actor: Actor, context: WriteContext): Promise<void> {
    await this.requireWritable(id, actor);
    const archived = await this.transactions.run(context, (manager) =>
      this.documents.archiveAtVersion(manager, id, version),
    );
    if (!archived) throw staleVersion('document', (await this.require(id)).version);
  }

  private async requireWritable(id: string, actor: Actor): Promise<DocumentRow> {
    const row = await this.require(id);
    const { type, id: ownerId } = ownerOf(row);
    assertMayWrite(actor, await this.requireOwner(type, ownerId));
    if (row.archived_at) throw documentArchived(id);
    return row;
  }

  private async scan(path: string): Promise<{ state: ScanState; detail: string | null }> {
    if (!this.scanner.configured) return { state: 'unscanned', detail: null };
    try {
      const verdict = await this.scanner.scan(createReadStream(path));
      if (verdict.infected) throw documentInfected(verdict.signature);
      return { state: 'clean', detail: null };
    } catch (error) {
      if (!(error instanceof ScannerUnavailableError)) throw error;
      this.logger.warn(`Virus scan postponed (${this.scanner.description}): ${error.message}`);
      return { state: 'pending', detail: `scan postponed: ${error.message}` };
    }
  }

  /** After a failed commit: drops the stored file unless another row came to use it. */
  async removeIfUnreferenced(sha256: string): Promise<boolean> {
    return this.transactions.run(
      { actor: 'system:document-store', requestId: null, reason: null },
      async (manager) => {
        await this.documents.lockContent(manager, sha256);
        const [unused] = await this.documents.unreferenced([sha256], manager);
        if (!unused) return false;
        await this.store.remove(sha256);
        return true;
      },
    );
  }
}

/** Whoever may write the record may attach to it: investors are shared by every officer. */
export function mayWrite(actor: Actor, owner: DocumentOwner): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'officer') return false;
  if (owner.writerCountries === null) return true;
  return actor.countryCode !== null && owner.writerCountries.includes(actor.countryCode);
}

function assertMayWrite(actor: Actor, owner: DocumentOwner): void {
  if (!mayWrite(actor, owner)) throw countryForbidden((owner.writerCountries ?? []).join(' or '));
}

async function validateFields(
  fields: Readonly<Record<string, string>>,
): Promise<DocumentFieldsDto> {
  // A blank field is an absent one (forms send every input).
  const present = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value.trim() !== ''),
  );
  return (await pipe.transform(present, {
    type: 'body',
    metatype: DocumentFieldsDto,
  })) as DocumentFieldsDto;
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/** Unknown category or language codes, as the reference tables refuse them. */
function translateFieldErrors(error: unknown): unknown {
  const constraint = constraintViolation(error)?.constraint;
  if (constraint === 'document_category_fkey')
    return invalidInput([
      {
        path: 'category',
        message: 'category must be an IATI DocumentCategory code (GET /document-categories)',
      },
    ]);
  if (constraint === 'document_language_fkey')
    return invalidInput([
      { path: 'language', message: 'language must be an ISO 639-1 code such as en or zh' },
    ]);
  return error;
}
